using System.Diagnostics;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Overdue follow-up alerts (spec 5.1), in three set-based statements over every store at once, each store judged
/// by its own calendar: (1) flag leads more than 30 days overdue as out of control (and unflag the others), (2)
/// notify each consultant once per overdue plan, (3) from 08:00 store time, notify each sales manager once a day of
/// the store's overdue totals per consultant. Unique dedupe keys make it idempotent, also when two servers run it at
/// once. What is overdue is the domain's rule (<see cref="LeadRules.Overdue"/>: a followed lead whose open plan was
/// due before the store's today); each store's today comes from <see cref="Store.LocalDate"/>, passed in per store.
/// Statement (2) takes at most <see cref="NotificationBatchSize"/> plans at a time, each batch its own short
/// transaction, so a first run over a backlog of hundreds of thousands of overdue plans never holds their row locks
/// (and a consultant's page saving one of them) for the length of the whole backlog.
/// </summary>
public sealed class OverdueFollowUpsJob(CrmDbContext db, TimeProvider time, ILogger<OverdueFollowUpsJob> logger)
{
    public const int ManagerSummaryHour = 8;

    /// <summary>Plans notified per statement: about a second of work at the spec's scale.</summary>
    public int NotificationBatchSize { get; init; } = 20_000;

    public async Task<OverdueRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        int open = (int)PlanStatus.Open;
        var followed = LeadRules.FollowedStatusValues;

        // Each store's calendar, in the same terms as the pages: its today, the day before which a plan date makes a
        // lead out of control, and whether its managers' 08:00 summary is due.
        var stores = await db.Stores.AsNoTracking().ToListAsync(cancellationToken);
        var storeIds = stores.Select(s => s.Id).ToArray();
        var todays = stores.Select(s => s.LocalDate(now)).ToArray();
        var outOfControlAsOf = todays.Select(LeadRules.OutOfControlAsOf).ToArray();
        var summaryDue = stores.Select(s => s.LocalTime(now).Hour >= ManagerSummaryHour).ToArray();

        // The latest of the stores' dates bounds the overdue range as a constant, so the partial index on un-notified
        // open plans by date is used (a bound that comes only from the joined calendar reads every open plan). The
        // per-store condition next to it stays the rule.
        var latestToday = todays.DefaultIfEmpty(DateOnly.MinValue).Max();

        // (1) Only leads that change: followed leads past the out-of-control date not flagged yet (partial index on
        // open leads by plan date), and flagged leads no longer past it (partial index on the flag).
        var flagged = await db.Database.ExecuteSqlAsync($"""
            WITH calendar AS (
                SELECT * FROM unnest({storeIds}::integer[], {outOfControlAsOf}::date[]) AS c(store_id, out_of_control_as_of)
            )
            UPDATE leads l SET is_out_of_control = x.out_of_control
            FROM (
                SELECT l2.id, true AS out_of_control
                FROM leads l2 JOIN calendar c ON c.store_id = l2.store_id
                WHERE NOT l2.is_out_of_control AND l2.status = ANY({followed})
                  AND l2.next_follow_up_date < c.out_of_control_as_of
                UNION ALL
                SELECT l2.id, false
                FROM leads l2 JOIN calendar c ON c.store_id = l2.store_id
                WHERE l2.is_out_of_control AND NOT (l2.status = ANY({followed})
                  AND coalesce(l2.next_follow_up_date < c.out_of_control_as_of, false))
            ) x
            WHERE l.id = x.id
            """, cancellationToken);

        // (2) Only plans not notified yet (partial index on open un-notified plans by due date): marking them and
        // notifying is one statement, so a run killed half-way leaves no plan marked without its notification. The
        // open plan of an overdue lead; its due date is the lead's next plan date (Lead.Schedule sets both), repeated
        // on the plan so the index bounds the scan. Batches skip plans another transaction holds (a page saving the
        // plan, or a second server's run): they are taken by the next batch or run. Oldest first, in the index's
        // order: the planner cannot see that few un-notified plans are overdue, and without the order it reads them
        // all.
        var planNotifications = 0;
        var batches = 0;
        int notified;
        do
        {
            notified = await db.Database.ExecuteSqlAsync($"""
                WITH calendar AS (
                    SELECT * FROM unnest({storeIds}::integer[], {todays}::date[]) AS c(store_id, today)
                ), picked AS MATERIALIZED (
                    -- Chosen once (a subquery in the UPDATE could be run again per row and take more than a batch).
                    SELECT p2.id
                    FROM follow_up_plans p2
                    JOIN calendar c ON c.store_id = p2.store_id
                    JOIN leads l ON l.id = p2.lead_id
                    WHERE p2.status = {open} AND NOT p2.overdue_notified
                      AND p2.due_date < {latestToday} AND p2.due_date < c.today
                      AND l.status = ANY({followed}) AND l.next_follow_up_date < c.today
                    ORDER BY p2.due_date
                    LIMIT {NotificationBatchSize}
                    FOR UPDATE OF p2 SKIP LOCKED
                ), newly AS (
                    UPDATE follow_up_plans p SET overdue_notified = true
                    FROM picked
                    WHERE p.id = picked.id AND p.status = {open} AND NOT p.overdue_notified
                    RETURNING p.id, p.store_id, p.owner_id, p.lead_id, p.due_date
                )
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT n.store_id, n.owner_id, {(int)NotificationKind.PlanOverdue}, 'Notification.PlanOverdue',
                       ARRAY[c.name, to_char(n.due_date, 'YYYY-MM-DD')], {CrmLinks.LeadPrefix} || n.lead_id, 'plan-overdue:' || n.id, {now}
                FROM newly n
                JOIN leads l ON l.id = n.lead_id
                JOIN customers c ON c.id = l.customer_id
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                """, cancellationToken);
            planNotifications += notified;
            batches++;
        }
        while (notified >= NotificationBatchSize);

        var summaries = await db.Database.ExecuteSqlAsync($"""
            WITH calendar AS (
                SELECT * FROM unnest({storeIds}::integer[], {todays}::date[], {summaryDue}::boolean[])
                    AS c(store_id, today, summary_due)
            ), due AS (
                -- Counted only for a store where an active manager still lacks today's summary: once a day, not on
                -- every hourly run (a manager added during the day still gets it on the next run).
                SELECT c.store_id, c.today FROM calendar c
                WHERE c.summary_due AND EXISTS (
                    SELECT 1 FROM users m
                    JOIN user_roles ur ON ur.user_id = m.id
                    JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.SalesManager}
                    WHERE m.store_id = c.store_id AND m.is_active
                      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = m.id
                          AND n.dedupe_key = 'store-overdue:' || c.store_id || ':' || to_char(c.today, 'YYYY-MM-DD')))
            ), overdue AS (
                SELECT l.store_id, u.display_name, count(*) AS plans
                FROM leads l
                JOIN users u ON u.id = l.owner_id
                JOIN due c ON c.store_id = l.store_id
                WHERE l.status = ANY({followed})
                  AND l.next_follow_up_date < c.today
                GROUP BY l.store_id, u.display_name
            ), totals AS (
                SELECT store_id, sum(plans) AS plans,
                       string_agg(display_name || ' ' || plans, ' · ' ORDER BY plans DESC, display_name) AS per_consultant
                FROM overdue GROUP BY store_id
            )
            INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
            SELECT t.store_id, m.id, {(int)NotificationKind.StoreOverdueSummary}, 'Notification.StoreOverdue',
                   ARRAY[t.plans::text, t.per_consultant], {CrmLinks.ManagerBoard},
                   'store-overdue:' || t.store_id || ':' || to_char(c.today, 'YYYY-MM-DD'), {now}
            FROM totals t
            JOIN calendar c ON c.store_id = t.store_id
            JOIN users m ON m.store_id = t.store_id AND m.is_active
            JOIN user_roles ur ON ur.user_id = m.id
            JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.SalesManager}
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, cancellationToken);

        var run = new OverdueRun(flagged, planNotifications, summaries, 2 + batches, watch.Elapsed);
        logger.LogInformation(
            "Overdue follow-ups: {Flagged} leads re-flagged, {PlanNotifications} plan and {Summaries} manager notifications in {Statements} statements, {ElapsedMs} ms",
            run.LeadsReflagged, run.PlanNotifications, run.ManagerSummaries, run.Statements, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }
}

public sealed record OverdueRun(int LeadsReflagged, int PlanNotifications, int ManagerSummaries, int Statements,
    TimeSpan Elapsed);
