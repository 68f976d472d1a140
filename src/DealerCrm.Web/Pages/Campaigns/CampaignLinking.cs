using System.Globalization;
using System.Security.Claims;
using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Common;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealerCrm.Web.Pages.Campaigns;

/// <summary>A customer (and the lead they were picked by, if any) to link to a campaign.</summary>
public sealed record CampaignCandidate(long CustomerId, long? LeadId, string Name, string? Mobile, bool MarketingConsent);

/// <summary>What a linking did: new contacts, contacts moved up a stage, already there, and those refused for consent.</summary>
public sealed record LinkOutcome(int Linked, int Advanced, int Unchanged, IReadOnlyList<CampaignCandidate> Refused);

/// <summary>
/// The one place campaigns are read for a user and contacts are linked (the list, the CSV, the lead card, walk-ins):
/// a campaign of another store is not found; linking uses the domain's <see cref="CampaignContact"/> rules (consent,
/// cumulative stages that never go down), one row per campaign and customer (a double post finds its row and changes
/// nothing), saved with its audit entry in one SaveChanges.
/// </summary>
public static class CampaignLinking
{
    /// <summary>The user's store's campaign, or null (another store's id or none: the page answers 404).</summary>
    public static Task<Campaign?> FindAsync(CrmDbContext db, ClaimsPrincipal user, long id)
    {
        ArgumentNullException.ThrowIfNull(db);
        var storeId = user.GetStoreId();
        return db.Campaigns.SingleOrDefaultAsync(c => c.Id == id && c.StoreId == storeId);
    }

    /// <summary>The store's customers with these mobiles (normalized), each with their newest lead.</summary>
    public static async Task<IReadOnlyDictionary<string, CampaignCandidate>> ByMobileAsync(CrmDbContext db, int storeId,
        IReadOnlyCollection<string> mobiles)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = mobiles.ToList();
        var found = await db.Customers.AsNoTracking()
            .Where(c => c.StoreId == storeId && c.Mobile != null && list.Contains(c.Mobile))
            .OrderBy(c => c.Id)
            .Select(c => new CampaignCandidate(c.Id,
                db.Leads.Where(l => l.CustomerId == c.Id && l.StoreId == storeId).OrderByDescending(l => l.Id)
                    .Select(l => (long?)l.Id).FirstOrDefault(),
                c.Name, c.Mobile, c.MarketingConsent))
            .ToListAsync();

        // Two files with one mobile (a known data-quality problem): the first file made stands for it.
        return found.GroupBy(c => c.Mobile!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Links each candidate at <paramref name="stage"/> (or moves an existing contact up to it). Candidates without
    /// marketing consent are refused unless the stage is attended (a walk-in). Saves once, with the audit entry.
    /// </summary>
    public static async Task<LinkOutcome> LinkAsync(CrmDbContext db, AuditLog audit, Campaign campaign,
        IReadOnlyList<CampaignCandidate> candidates, CampaignStage stage, long actorId, DateTimeOffset now, string how)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(candidates);
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await StageAsync(db, campaign, candidates, stage, actorId, now);
            if (outcome.Linked + outcome.Advanced > 0)
            {
                audit.Record(AuditActions.CampaignContactsLinked,
                    target: "campaign:" + campaign.Id.ToString(CultureInfo.InvariantCulture),
                    details: string.Create(CultureInfo.InvariantCulture,
                        $"how={how}; stage={stage}; linked={outcome.Linked}; advanced={outcome.Advanced}; refused={outcome.Refused.Count}"),
                    storeId: campaign.StoreId);
            }

            try
            {
                await db.SaveChangesAsync();
                return outcome;
            }
            catch (DbUpdateException e) when (attempt == 0
                && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Linked by someone else (or a second click) since we read: read again, the row now exists.
                foreach (var entry in db.ChangeTracker.Entries().Where(x => x.Entity is not Campaign).ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }
        }
    }

    private static async Task<LinkOutcome> StageAsync(CrmDbContext db, Campaign campaign,
        IReadOnlyList<CampaignCandidate> candidates, CampaignStage stage, long actorId, DateTimeOffset now)
    {
        var ids = candidates.Select(c => c.CustomerId).Distinct().ToList();
        var existing = await db.CampaignContacts
            .Where(c => c.CampaignId == campaign.Id && ids.Contains(c.CustomerId))
            .ToDictionaryAsync(c => c.CustomerId);
        int linked = 0, advanced = 0, unchanged = 0;
        var refused = new List<CampaignCandidate>();
        foreach (var candidate in candidates.DistinctBy(c => c.CustomerId))
        {
            try
            {
                if (existing.TryGetValue(candidate.CustomerId, out var contact))
                {
                    var before = contact.Stage;
                    contact.Advance(stage, now, candidate.MarketingConsent);
                    if (candidate.LeadId is { } leadId)
                    {
                        contact.AttachLead(leadId);
                    }

                    if (contact.Stage > before)
                    {
                        advanced++;
                    }
                    else
                    {
                        unchanged++;
                    }
                }
                else
                {
                    db.CampaignContacts.Add(CampaignContact.Link(campaign, candidate.CustomerId, candidate.LeadId,
                        candidate.MarketingConsent, stage, now, actorId, now));
                    linked++;
                }
            }
            catch (DomainException)
            {
                refused.Add(candidate);
            }
        }

        return new LinkOutcome(linked, advanced, unchanged, refused);
    }
}
