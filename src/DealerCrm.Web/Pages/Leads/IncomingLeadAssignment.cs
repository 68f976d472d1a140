using System.Globalization;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// Assignment of unassigned leads (spec 3.1): each becomes a lead card of the chosen consultant — or, with several
/// consultants, of each in turn, the one holding the fewest open leads first — with its arrival time kept (response
/// time counts from arrival) and a first plan due today (first contact the day it is assigned). A customer who
/// already has an open lead is not given a second one: the enquiry joins that lead and its consultant is told.
/// </summary>
public sealed class IncomingLeadAssignment(CrmDbContext db, AuditLog audit, Notifier notifier, TimeProvider time)
{
    /// <summary>What a new card from an enquiry starts as, until the consultant's first contact grades it.</summary>
    public const Grade StartingGrade = Grade.C;

    public async Task<Result> AssignAsync(Store store, GradePolicy policy, IReadOnlyCollection<long> incomingIds,
        IReadOnlyList<long> consultantIds, long managerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = store.LocalDate(now);
        var waiting = await db.IncomingLeads
            .Where(i => i.StoreId == store.Id && incomingIds.Contains(i.Id) && i.Status == IncomingLeadStatus.Waiting)
            .OrderBy(i => i.ArrivedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        if (waiting.Count == 0 || consultantIds.Count == 0)
        {
            return new Result(0, 0, incomingIds.Count);
        }

        var openStatuses = LeadRules.OpenStatuses.ToArray();
        var load = await db.Leads.Where(l => l.StoreId == store.Id && consultantIds.Contains(l.OwnerId) && openStatuses.Contains(l.Status))
            .GroupBy(l => l.OwnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var turn = consultantIds.Distinct().OrderBy(c => load.GetValueOrDefault(c)).ThenBy(c => c).ToArray();

        var mobiles = waiting.Select(i => i.Mobile).Distinct().ToList();
        var customers = await db.Customers.Where(c => c.StoreId == store.Id && mobiles.Contains(c.Mobile!))
            .ToDictionaryAsync(c => c.Mobile!, cancellationToken);
        var customerIds = customers.Values.Select(c => c.Id).ToList();
        var openLeads = await db.Leads.Where(l => customerIds.Contains(l.CustomerId) && openStatuses.Contains(l.Status))
            .Select(l => new { l.CustomerId, l.Id, l.OwnerId }).ToDictionaryAsync(l => l.CustomerId, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var incoming in waiting.Where(i => !customers.ContainsKey(i.Mobile)))
        {
            customers[incoming.Mobile] = db.Customers.Add(new Customer(store.Id, incoming.Name, Gender.Unknown,
                incoming.Mobile, now)).Entity;
        }

        await db.SaveChangesAsync(cancellationToken);

        // A customer gets one card however many of their enquiries are ticked; a customer already followed gets none.
        var cards = new Dictionary<long, Lead>();
        var assigned = new List<(IncomingLead Incoming, Lead Lead, bool First)>();
        var merged = new List<(IncomingLead Incoming, long LeadId, long OwnerId, string Name)>();
        var next = 0;
        foreach (var incoming in waiting)
        {
            var customer = customers[incoming.Mobile];
            if (openLeads.TryGetValue(customer.Id, out var open))
            {
                incoming.MergeInto(open.Id, open.OwnerId, managerId, now);
                merged.Add((incoming, open.Id, open.OwnerId, customer.Name));
                continue;
            }

            var first = !cards.TryGetValue(customer.Id, out var lead);
            if (lead is null)
            {
                lead = Lead.Create(new NewLead
                {
                    StoreId = store.Id,
                    CustomerId = customer.Id,
                    OwnerId = turn[next++ % turn.Length],
                    Source = incoming.Source,
                    ArrivedAt = incoming.ArrivedAt,
                    Interest = new LeadInterest { IntendedModel = incoming.IntendedModel },
                    Grade = StartingGrade,
                    FirstPlan = new PlanRequest(today, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null),
                }, policy, today, now);
                db.Leads.Add(lead);
                cards[customer.Id] = lead;
            }

            assigned.Add((incoming, lead, first));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (incoming, lead, first) in assigned)
        {
            if (first)
            {
                incoming.Assign(lead.Id, lead.OwnerId, managerId, now);
            }
            else
            {
                // A second enquiry of the same customer in this batch joins the card made for the first.
                incoming.MergeInto(lead.Id, lead.OwnerId, managerId, now);
            }
        }

        audit.Record(AuditActions.LeadsAssigned, target: $"store:{store.Id}",
            details: string.Create(CultureInfo.InvariantCulture,
                $"assigned={cards.Count}; merged={waiting.Count - cards.Count}; to={string.Join(',', cards.Values.Select(l => l.OwnerId).Distinct())}"));
        var stamp = now.ToUnixTimeMilliseconds();
        foreach (var group in cards.Values.GroupBy(l => l.OwnerId))
        {
            await notifier.AddForUserAsync(store.Id, group.Key, NotificationKind.LeadAssigned, "Notification.NewLeadsAssigned",
                [group.Count().ToString(CultureInfo.InvariantCulture)], CrmLinks.FollowUps, $"incoming-assigned:{group.Key}:{stamp}",
                cancellationToken);
        }

        foreach (var (incoming, leadId, ownerId, name) in merged)
        {
            await notifier.AddForUserAsync(store.Id, ownerId, NotificationKind.LeadAssigned, "Notification.EnquiredAgain",
                [name], CrmLinks.Lead(leadId), $"incoming-merged:{incoming.Id}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(cards.Count, waiting.Count - cards.Count, incomingIds.Count - waiting.Count);
    }

    /// <param name="Assigned">New cards made.</param>
    /// <param name="Merged">Enquiries of customers who already had an open lead, added to it.</param>
    /// <param name="Skipped">Selected leads no longer waiting (someone else decided them first).</param>
    public sealed record Result(int Assigned, int Merged, int Skipped);
}
