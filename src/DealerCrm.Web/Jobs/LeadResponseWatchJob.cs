using System.Diagnostics;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Pages.Leads;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Lead response watch (spec 5.1), every 15 minutes, over every store at once in two statements:
/// (1) enquiries still waiting in the manager's queue past <see cref="IncomingLead.AssignWithin"/> (the queue's own
/// <see cref="IncomingLead.LateRule"/>) are flagged (<see cref="IncomingLead.LateFlaggedAt"/>) and the store's sales
/// managers told once per enquiry; (2) lead cards made from the queue, still open and never contacted at 48, 72 or 96
/// wall-clock hours after arrival (<see cref="ResponseWatch"/>, <see cref="ResponseWatchQueries"/>), get the highest
/// threshold reached in <see cref="Lead.UncontactedAlertHours"/> and the store's sales managers are told once per lead
/// and threshold. A lead that passes several thresholds between two runs (a job down for a day, or an enquiry assigned
/// after waiting four days) is told once, at the highest; the earlier ones are past.
/// Each statement picks its rows with <c>FOR UPDATE SKIP LOCKED</c>, flags them and inserts the notifications: a run
/// killed half-way rolls back whole, a second server at the same instant skips the rows the first holds or finds them
/// flagged, and the notifications' (user, dedupe key) refuses a repeat. The time is a parameter.
/// </summary>
public sealed class LeadResponseWatchJob(CrmDbContext db, TimeProvider time, ILogger<LeadResponseWatchJob> logger)
{
    public const string LateDedupePrefix = "incoming-late:";
    public const string UncontactedDedupePrefix = "lead-uncontacted:";
    public const string LateMessageKey = "Notification.Watch.UnassignedLate";
    public const string UncontactedMessageKey = "Notification.Watch.Uncontacted";

    /// <summary>The unassigned queue, where a late enquiry is decided.</summary>
    public const string UnassignedLink = "/Manager/Unassigned";

    public async Task<LeadResponseWatchRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var waiting = (int)IncomingLeadStatus.Waiting;
        var assigned = (int)IncomingLeadStatus.Assigned;
        var lateIfArrivedBefore = now - IncomingLead.AssignWithin;
        var open = LeadRules.OpenStatusValues;
        var hours = ResponseWatch.UncontactedAlertHours.ToArray();
        var arrivedBy = ResponseWatch.ArrivedByEach(now);
        var first = arrivedBy[0];
        var last = ResponseWatch.LastThreshold;

        // (1) IncomingLead.LateRule: waiting, arrived more than AssignWithin before now. Only the un-flagged waiting
        // ones are read (partial index on waiting enquiries).
        var late = (await db.Database.SqlQuery<Counts>($"""
            WITH late AS MATERIALIZED (
                SELECT i.id FROM incoming_leads i
                WHERE i.status = {waiting} AND i.late_flagged_at IS NULL AND i.arrived_at < {lateIfArrivedBefore}
                FOR UPDATE OF i SKIP LOCKED
            ), flagged AS (
                UPDATE incoming_leads i SET late_flagged_at = {now}
                FROM late WHERE i.id = late.id AND i.late_flagged_at IS NULL AND i.status = {waiting}
                RETURNING i.id, i.store_id, i.name, i.arrived_at
            ), inserted AS (
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT f.store_id, m.id, {(int)NotificationKind.LeadResponseLate}, {LateMessageKey},
                       ARRAY[f.name, (extract(epoch FROM {now} - f.arrived_at)::bigint / 3600)::text],
                       {UnassignedLink}, {LateDedupePrefix} || f.id, {now}
                FROM flagged f
                JOIN users m ON m.store_id = f.store_id AND m.is_active
                JOIN user_roles ur ON ur.user_id = m.id
                JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.SalesManager}
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*)::integer FROM flagged) AS flagged, (SELECT count(*)::integer FROM inserted) AS notified
            """).ToListAsync(cancellationToken)).Single();

        // (2) ResponseWatchQueries.UncontactedFromQueue in SQL: open, first_contact_at empty, arrived by the first
        // threshold, the card of an assigned enquiry. Leads already told at the last threshold are not read again
        // (partial index ix_leads_uncontacted_watch: never contacted and below the last threshold).
        var uncontacted = (await db.Database.SqlQuery<Counts>($"""
            WITH thresholds AS (
                SELECT * FROM unnest({hours}::smallint[], {arrivedBy}::timestamptz[]) AS t(hours, arrived_by)
            ), watched AS MATERIALIZED (
                SELECT l.id, l.arrived_at FROM leads l
                WHERE l.first_contact_at IS NULL AND (l.uncontacted_alert_hours IS NULL OR l.uncontacted_alert_hours < {last})
                  AND l.arrived_at <= {first} AND l.status = ANY({open})
                  AND EXISTS (SELECT 1 FROM incoming_leads i WHERE i.lead_id = l.id AND i.status = {assigned})
                FOR UPDATE OF l SKIP LOCKED
            ), reached AS (
                SELECT w.id, (SELECT max(t.hours) FROM thresholds t WHERE w.arrived_at <= t.arrived_by) AS hours
                FROM watched w
            ), flagged AS (
                UPDATE leads l SET uncontacted_alert_hours = r.hours
                FROM reached r
                WHERE l.id = r.id AND r.hours > coalesce(l.uncontacted_alert_hours, 0) AND l.first_contact_at IS NULL
                RETURNING l.id, l.store_id, l.customer_id, l.uncontacted_alert_hours AS hours
            ), inserted AS (
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT f.store_id, m.id, {(int)NotificationKind.LeadResponseLate}, {UncontactedMessageKey},
                       ARRAY[c.name, f.hours::text], {CrmLinks.LeadPrefix} || f.id,
                       {UncontactedDedupePrefix} || f.id || ':' || f.hours, {now}
                FROM flagged f
                JOIN customers c ON c.id = f.customer_id
                JOIN users m ON m.store_id = f.store_id AND m.is_active
                JOIN user_roles ur ON ur.user_id = m.id
                JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.SalesManager}
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*)::integer FROM flagged) AS flagged, (SELECT count(*)::integer FROM inserted) AS notified
            """).ToListAsync(cancellationToken)).Single();

        var run = new LeadResponseWatchRun(late.Flagged, uncontacted.Flagged, late.Notified + uncontacted.Notified,
            watch.Elapsed);
        logger.LogInformation(
            "Lead response watch: {Late} unassigned enquiries late, {Uncontacted} leads at a new uncontacted threshold, {Notifications} notifications in 2 statements, {ElapsedMs} ms",
            run.UnassignedLate, run.UncontactedFlagged, run.Notifications, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }

    private sealed record Counts(int Flagged, int Notified);
}

/// <summary>What one run of <see cref="LeadResponseWatchJob"/> did.</summary>
public sealed record LeadResponseWatchRun(int UnassignedLate, int UncontactedFlagged, int Notifications, TimeSpan Elapsed);
