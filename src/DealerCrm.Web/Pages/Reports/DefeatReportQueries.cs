using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>A defeat approved in the period (6.4), with what the analysis groups it by.</summary>
/// <param name="IntendedModel">The lead's intended model: a defeated lead is closed, so it is the model it was lost with.</param>
public sealed record ApprovedDefeat(DefeatReason Reason, string? CompetitorBrand, string? CompetitorModel,
    long ConsultantId, string? ConsultantName, string? IntendedModel, Grade GradeAtRequest);

/// <summary>What became of a lead rescued in the period, from what happened after the rescue.</summary>
public enum RescueOutcome
{
    Delivered = 0,
    Ordered = 1,
    DefeatedAgain = 2,
    StillOpen = 3,
    Other = 4,
}

/// <summary>The defeat analysis's reads, each limited to the store and the period.</summary>
public static class DefeatReportQueries
{
    public static async Task<IReadOnlyList<ApprovedDefeat>> ApprovedAsync(CrmDbContext db, int storeId,
        DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (
                from d in db.DefeatRequests.AsNoTracking()
                where d.StoreId == storeId && d.Decision == DefeatDecision.Approved && d.DecidedAt >= start && d.DecidedAt < end
                join l in db.Leads on d.LeadId equals l.Id
                join u in db.Users on d.RequestedById equals u.Id into users
                from u in users.DefaultIfEmpty()
                select new ApprovedDefeat(d.Reason, d.CompetitorBrand, d.CompetitorModel, d.RequestedById,
                    u == null ? null : u.DisplayName, l.Interest.IntendedModel, d.GradeAtRequest))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The requests decided in the period, by decision.</summary>
    public static async Task<IReadOnlyDictionary<DefeatDecision, int>> DecisionsAsync(CrmDbContext db, int storeId,
        DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.DefeatRequests.AsNoTracking()
            .Where(d => d.StoreId == storeId && d.Decision != DefeatDecision.Pending && d.DecidedAt >= start && d.DecidedAt < end)
            .GroupBy(d => d.Decision)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>
    /// The rescues made in the period, each with its outcome: delivered after the rescue; else ordered after it (an
    /// order not cancelled); else defeated again (a defeat approved after it); else still open; else other (dormant,
    /// invalid). A lead rescued twice in the period counts twice, each rescue judged by what followed it.
    /// </summary>
    public static async Task<IReadOnlyList<RescueOutcome>> RescuesAsync(CrmDbContext db, int storeId,
        DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (
                from e in db.LeadEvents.AsNoTracking()
                join l in db.Leads on e.LeadId equals l.Id
                where l.StoreId == storeId && e.Kind == LeadEventKind.Rescued && e.At >= start && e.At < end
                select new
                {
                    Delivered = l.Orders.Join(db.Deliveries, o => o.Id, d => d.OrderId, (o, d) => d.DeliveredAt)
                        .Any(at => at >= e.At),
                    Ordered = l.Orders.Any(o => o.Status != OrderStatus.Cancelled && o.CreatedAt >= e.At),
                    DefeatedAgain = db.DefeatRequests.Any(d =>
                        d.LeadId == l.Id && d.Decision == DefeatDecision.Approved && d.DecidedAt > e.At),
                    Open = LeadRules.OpenStatuses.Contains(l.Status),
                })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
            r.Delivered ? RescueOutcome.Delivered
            : r.Ordered ? RescueOutcome.Ordered
            : r.DefeatedAgain ? RescueOutcome.DefeatedAgain
            : r.Open ? RescueOutcome.StillOpen
            : RescueOutcome.Other).ToList();
    }
}
