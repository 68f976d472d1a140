using System.Linq.Expressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Leads;

/// <summary>
/// The lead response watch's rule for lead cards (spec 5.1, 3.1, 6.3): a lead that arrived through the assignment
/// queue (its card made from an <see cref="IncomingLead"/>), still open and never contacted
/// (<see cref="Lead.FirstContactAt"/> empty — the same "contacted" as the response time report) is uncontacted at the
/// highest of 48, 72 and 96 hours that have passed since it arrived (<see cref="Lead.ArrivedAt"/>, the enquiry's
/// arrival). Hours are wall-clock hours, as the report's "within 48 hours" and the queue's "2 days": a holiday or a
/// night does not stop them. Whether the card came from the queue is a fact of <c>incoming_leads</c>; the lead half of
/// the rule is here, the queue half is added by the one query that lists them.
/// </summary>
public static class ResponseWatch
{
    /// <summary>The thresholds, ascending: the managers are told once at each.</summary>
    public static IReadOnlyList<short> UncontactedAlertHours { get; } = [48, 72, 96];

    public static short FirstThreshold => UncontactedAlertHours[0];

    public static short LastThreshold => UncontactedAlertHours[^1];

    /// <summary>Open, never contacted, and arrived at least the first threshold (48 h) before <c>now</c>.</summary>
    public static Expression<Func<Lead, DateTimeOffset, bool>> UncontactedRule { get; } =
        (l, arrivedBy) => LeadRules.OpenStatuses.Contains(l.Status) && l.FirstContactAt == null && l.ArrivedAt <= arrivedBy;

    /// <summary>The lead half of the rule at the instant <paramref name="now"/>, for a LINQ query.</summary>
    public static Expression<Func<Lead, bool>> Uncontacted(DateTimeOffset now) =>
        Predicate.Bind(UncontactedRule, ArrivedBy(now, FirstThreshold));

    /// <summary>A lead arrived at or before this instant has reached <paramref name="hours"/> at <paramref name="now"/>
    /// (47:59 has not reached 48, 48:00 has).</summary>
    public static DateTimeOffset ArrivedBy(DateTimeOffset now, short hours) => now.ToUniversalTime().AddHours(-hours);

    /// <summary>The latest arrival that reaches each threshold, in the order of <see cref="UncontactedAlertHours"/>:
    /// what SQL compares <c>arrived_at</c> with.</summary>
    public static DateTimeOffset[] ArrivedByEach(DateTimeOffset now) =>
        [.. UncontactedAlertHours.Select(h => ArrivedBy(now, h))];

    /// <summary>The highest threshold an uncontacted lead that arrived at <paramref name="arrivedAt"/> has reached
    /// at <paramref name="now"/>; null before the first.</summary>
    public static short? ThresholdReached(DateTimeOffset arrivedAt, DateTimeOffset now)
    {
        short? reached = null;
        foreach (var hours in UncontactedAlertHours)
        {
            if (arrivedAt <= ArrivedBy(now, hours))
            {
                reached = hours;
            }
        }

        return reached;
    }
}
