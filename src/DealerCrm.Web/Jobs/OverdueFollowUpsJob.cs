using System.Diagnostics;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Overdue follow-up alerts (spec 5.1), in three set-based statements over every store at once, each store judged
/// by its own calendar: (1) flag leads whose plan is more than 30 days overdue as out of control (and unflag the
/// others), (2) notify each consultant once per overdue plan, (3) from 08:00 store time, notify each sales manager
/// once a day of the store's overdue totals per consultant. Unique dedupe keys make it idempotent, also when two
/// servers run it at once.
/// </summary>
public sealed class OverdueFollowUpsJob(CrmDbContext db, TimeProvider time, ILogger<OverdueFollowUpsJob> logger)
{
    public const int OutOfControlAfterDays = 30;
    public const int ManagerSummaryHour = 8;

    public async Task<OverdueRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        int open = (int)PlanStatus.Open, active = (int)LeadStatus.Active, ordered = (int)LeadStatus.Ordered;

        // (1) Only leads that can change: those with an open plan more than 30 days overdue (index on open plans'
        // due dates), and those flagged now (partial index on the flag).
        var flagged = await db.Database.ExecuteSqlAsync($"""
            UPDATE leads l SET is_out_of_control = x.out_of_control
            FROM (
                SELECT p.lead_id, true AS out_of_control
                FROM follow_up_plans p
                JOIN stores s ON s.id = p.store_id
                WHERE p.status = {open}
                  AND p.due_date < (({now} AT TIME ZONE s.time_zone_id)::date - {OutOfControlAfterDays})
                UNION ALL
                SELECT l2.id, false
                FROM leads l2
                JOIN stores s ON s.id = l2.store_id
                WHERE l2.is_out_of_control AND NOT EXISTS (
                    SELECT 1 FROM follow_up_plans p
                    WHERE p.lead_id = l2.id AND p.status = {open}
                      AND p.due_date < (({now} AT TIME ZONE s.time_zone_id)::date - {OutOfControlAfterDays}))
            ) x
            WHERE l.id = x.lead_id AND l.is_out_of_control <> x.out_of_control
              AND (x.out_of_control = false OR l.status IN ({active}, {ordered}))
            """, cancellationToken);

        // (2) Only plans not notified yet (partial index): marking them and notifying is one statement, so a run
        // killed half-way leaves no plan marked without its notification.
        var planNotifications = await db.Database.ExecuteSqlAsync($"""
            WITH newly AS (
                UPDATE follow_up_plans p SET overdue_notified = true
                FROM stores s, leads l
                WHERE s.id = p.store_id AND l.id = p.lead_id
                  AND p.status = {open} AND NOT p.overdue_notified AND l.status IN ({active}, {ordered})
                  AND p.due_date < ({now} AT TIME ZONE s.time_zone_id)::date
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

        var summaries = await db.Database.ExecuteSqlAsync($"""
            WITH local AS (
                SELECT s.id AS store_id, ({now} AT TIME ZONE s.time_zone_id) AS local_now FROM stores s
            ), overdue AS (
                SELECT p.store_id, u.display_name, count(*) AS plans
                FROM follow_up_plans p
                JOIN leads l ON l.id = p.lead_id
                JOIN users u ON u.id = p.owner_id
                JOIN local ON local.store_id = p.store_id
                WHERE p.status = {open} AND l.status IN ({active}, {ordered}) AND p.due_date < local.local_now::date
                GROUP BY p.store_id, u.display_name
            ), totals AS (
                SELECT store_id, sum(plans) AS plans,
                       string_agg(display_name || ' ' || plans, ' · ' ORDER BY plans DESC, display_name) AS per_consultant
                FROM overdue GROUP BY store_id
            )
            INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
            SELECT t.store_id, m.id, {(int)NotificationKind.StoreOverdueSummary}, 'Notification.StoreOverdue',
                   ARRAY[t.plans::text, t.per_consultant], {CrmLinks.ManagerBoard},
                   'store-overdue:' || t.store_id || ':' || to_char(local.local_now::date, 'YYYY-MM-DD'), {now}
            FROM totals t
            JOIN local ON local.store_id = t.store_id
            JOIN users m ON m.store_id = t.store_id AND m.is_active
            JOIN user_roles ur ON ur.user_id = m.id
            JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.SalesManager}
            WHERE extract(hour FROM local.local_now) >= {ManagerSummaryHour}
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, cancellationToken);

        var run = new OverdueRun(flagged, planNotifications, summaries, 3, watch.Elapsed);
        logger.LogInformation(
            "Overdue follow-ups: {Flagged} leads re-flagged, {PlanNotifications} plan and {Summaries} manager notifications in {Statements} statements, {ElapsedMs} ms",
            run.LeadsReflagged, run.PlanNotifications, run.ManagerSummaries, run.Statements, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }
}

public sealed record OverdueRun(int LeadsReflagged, int PlanNotifications, int ManagerSummaries, int Statements,
    TimeSpan Elapsed);
