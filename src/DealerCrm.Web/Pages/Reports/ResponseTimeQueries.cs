using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The response time figures (spec 6.3 as revised, issue 15): of the new leads that arrived through the assignment
/// queue in a period — enquiries from the website, the manufacturer, platforms and imports, whether already made into
/// a card by the manager (<c>incoming_leads.lead_id</c>) or still waiting in the queue — how many were first contacted
/// within 1, 24 and 48 hours of arrival, and how many were still uncontacted at 72 and 96 hours. Walk-ins, calls and
/// cards a consultant or a job made directly are not counted: they are contacted when their card is made, and would
/// inflate the share. Dismissed enquiries are not leads. Used by the report and by the GM's home.
/// </summary>
public static class ResponseTimeQueries
{
    /// <summary>The goal: 80 % first contacted within 48 hours.</summary>
    public const double Goal = 0.8;

    public static async Task<IReadOnlyList<ResponseFigures>> ReadAsync(CrmDbContext db, int storeId, DateTimeOffset from,
        DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var waiting = (int)IncomingLeadStatus.Waiting;
        var assigned = (int)IncomingLeadStatus.Assigned;

        // One pass over the period's queue arrivals (incoming_leads by store and arrival); every share is computed in
        // SQL from arrival and first-contact times, nothing kept by hand.
        return await db.Database.SqlQuery<ResponseFigures>($"""
            WITH arrivals AS (
                SELECT i.source, l.owner_id, i.arrived_at, l.first_contact_at
                FROM incoming_leads i
                LEFT JOIN leads l ON l.id = i.lead_id
                WHERE i.store_id = {storeId} AND i.arrived_at >= {from} AND i.arrived_at < {to}
                  AND (i.status = {waiting} OR (i.status = {assigned} AND l.id IS NOT NULL))
            )
            SELECT a.source AS source, a.owner_id AS owner_id, count(*)::int AS arrived,
                   count(*) FILTER (WHERE a.first_contact_at <= a.arrived_at + interval '1 hour')::int AS within1,
                   count(*) FILTER (WHERE a.first_contact_at <= a.arrived_at + interval '24 hours')::int AS within24,
                   count(*) FILTER (WHERE a.first_contact_at <= a.arrived_at + interval '48 hours')::int AS within48,
                   count(*) FILTER (WHERE a.arrived_at + interval '72 hours' <= {now}
                       AND (a.first_contact_at IS NULL OR a.first_contact_at > a.arrived_at + interval '72 hours'))::int AS late72,
                   count(*) FILTER (WHERE a.arrived_at + interval '96 hours' <= {now}
                       AND (a.first_contact_at IS NULL OR a.first_contact_at > a.arrived_at + interval '96 hours'))::int AS late96
            FROM arrivals a
            GROUP BY a.source, a.owner_id
            """).ToListAsync(cancellationToken);
    }

    public static ResponseFigures Sum(IEnumerable<ResponseFigures> rows, SourceChannel? source = null, long? ownerId = null)
    {
        var list = rows.ToList();
        return new ResponseFigures(source, ownerId, list.Sum(r => r.Arrived), list.Sum(r => r.Within1),
            list.Sum(r => r.Within24), list.Sum(r => r.Within48), list.Sum(r => r.Late72), list.Sum(r => r.Late96));
    }
}

/// <summary>One (source, consultant) group: the consultant is the card's owner, null while the enquiry waits.</summary>
public sealed record ResponseFigures(SourceChannel? Source, long? OwnerId, int Arrived, int Within1, int Within24,
    int Within48, int Late72, int Late96)
{
    public bool BelowGoal => Arrived > 0 && (double)Within48 / Arrived < ResponseTimeQueries.Goal;
}
