using System.Diagnostics;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Pages.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// New-car and after-sales 3-day callbacks (spec 5.1, rules 4.7), every 15 minutes, set-based over every store at once.
/// Each step is one SQL statement, its own transaction, idempotent through unique keys, so a run killed half-way leaves
/// every finished step whole and the next run does the rest:
/// <list type="number">
/// <item>every delivery of the look-back has its new-car task (unique per delivery) — this catches deliveries recorded
/// while the job was down (spec 5 scenario 2);</item>
/// <item>every completed workshop order with callback consent has its after-sales task, one per vehicle and window
/// (<see cref="CallbackOccasions.AfterSales"/>); a later order of the window re-points the open task to it (one
/// statement; repeated only when a vehicle has a second window in the look-back);</item>
/// <item>open tasks 7 days past due end missed (<see cref="CallbackTask.MissedOn"/>);</item>
/// <item>the assigned officer (or, for an unassigned task, the store's officers) is told once when a task becomes due
/// and once when it becomes overdue: the task is marked and the notifications written in one statement.</item>
/// </list>
/// The due day is the domain's (<see cref="Domain.Stores.WorkingCalendar.CallbackDueDay"/>), computed in C# for each
/// store and day of the look-back and passed to SQL as arrays; each store's today comes from its time zone; the time
/// is a parameter. New tasks go to the store's CRM officers in turn (<see cref="CallbackAssignment"/>) in the same
/// statement that inserts them. Customers who are blacklisted or refused callbacks, and vehicles not in use, get none.
/// </summary>
public sealed class ThreeDayCallbacksJob(CrmDbContext db, TimeProvider time, ILogger<ThreeDayCallbacksJob> logger)
{
    /// <summary>How far back a delivery or completion without its task is still caught: past this its task would
    /// already be missed (due day 3, perhaps pushed past a holiday, plus 7 days).</summary>
    public const int LookBackDays = 21;

    public async Task<ThreeDayRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(CallbackCalendars.JobCommandTimeout);
        var now = time.GetUtcNow();
        var calendars = await CallbackCalendars.LoadAsync(db, now, LookBackDays, 0, cancellationToken);
        var statements = 2;
        if (calendars.StoreIds.Length == 0)
        {
            return Log(new ThreeDayRun(0, 0, 0, 0, 0, 0, statements, watch.Elapsed));
        }

        var roster = await CallbackAssignment.LoadAsync(db, calendars.StoreIds, cancellationToken);
        await CallbackAssignment.EnsureSettingsAsync(db, calendars.StoreIds, cancellationToken);
        statements += 2;

        var days = calendars.DueDaysBack(LookBackDays);
        var newCar = await NewCarTasksAsync(days, roster, now, cancellationToken);
        statements++;

        var afterSales = 0;
        var repointed = 0;
        for (var pass = 0; pass < 5; pass++)
        {
            var (added, moved) = await AfterSalesTasksAsync(days, roster, now, cancellationToken);
            statements++;
            afterSales += added;
            repointed += moved;
            if (added == 0)
            {
                break;
            }
        }

        var missed = await MarkMissedAsync(calendars, now, cancellationToken);
        var due = await NotifyAsync(calendars, roster, now, overdue: false, cancellationToken);
        var overdue = await NotifyAsync(calendars, roster, now, overdue: true, cancellationToken);
        statements += 3;

        return Log(new ThreeDayRun(newCar, afterSales, repointed, missed, due, overdue, statements, watch.Elapsed));
    }

    /// <summary>
    /// The last due date that is missed on <paramref name="today"/>, from the domain's rule
    /// (<see cref="CallbackTask.MissedOn"/>): the statement ends every open task due on or before it.
    /// </summary>
    public static DateOnly LastMissedDueDate(DateOnly today)
    {
        var due = today;
        while (CallbackTask.MissedOn(due) > today)
        {
            due = due.AddDays(-1);
        }

        return due;
    }

    private async Task<int> NewCarTasksAsync(DueDays days, OfficerRoster roster, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<int>($"""
            WITH cal AS (
                SELECT * FROM unnest({days.StoreIds}::integer[], {days.Days}::date[], {days.From}::timestamptz[],
                    {days.Until}::timestamptz[], {days.Due}::date[]) AS c(store_id, day, from_at, until_at, due)
            ), officers AS (
                SELECT * FROM unnest({roster.StoreIds}::integer[], {roster.OfficerIds}::bigint[], {roster.Positions}::integer[])
                    AS o(store_id, id, pos)
            ), counts AS (
                SELECT store_id, count(*)::integer AS n FROM officers GROUP BY store_id
            ), fresh AS (
                SELECT d.store_id, d.customer_id, d.vehicle_id, d.id AS delivery_id, c.due,
                       cu.name, coalesce(cu.preferred_contact_number, cu.mobile) AS number, cu.preferred_contact_time,
                       row_number() OVER (PARTITION BY d.store_id ORDER BY d.id) AS rn
                FROM deliveries d
                JOIN cal c ON c.store_id = d.store_id AND d.delivered_at >= c.from_at AND d.delivered_at < c.until_at
                JOIN customers cu ON cu.id = d.customer_id
                LEFT JOIN vehicles v ON v.id = d.vehicle_id
                WHERE d.delivered_at >= {days.EarliestFrom}
                  AND NOT cu.is_blacklisted AND NOT (NOT cu.callback_consent AND cu.callback_consent_changed_at IS NOT NULL)
                  AND coalesce(v.status, {(int)VehicleStatus.InUse}) = {(int)VehicleStatus.InUse}
                  AND NOT EXISTS (SELECT 1 FROM callback_tasks t
                                  WHERE t.delivery_id = d.id AND t.type = {(int)CallbackType.NewCarThreeDay})
            ), inserted AS (
                INSERT INTO callback_tasks (store_id, type, customer_id, vehicle_id, delivery_id, due_date, contact_name,
                    contact_number, preferred_time, assigned_to_id, status, created_at)
                SELECT f.store_id, {(int)CallbackType.NewCarThreeDay}, f.customer_id, f.vehicle_id, f.delivery_id, f.due,
                       f.name, f.number, f.preferred_contact_time,
                       (SELECT o.id FROM officers o JOIN counts k ON k.store_id = o.store_id
                        WHERE o.store_id = f.store_id AND o.pos = (coalesce(st.next_officer_index, 0) + f.rn - 1) % k.n),
                       {(int)CallbackStatus.Open}, {now}
                FROM fresh f
                LEFT JOIN callback_settings st ON st.store_id = f.store_id
                ON CONFLICT DO NOTHING
                RETURNING store_id
            ), advanced AS (
                UPDATE callback_settings st SET next_officer_index = (st.next_officer_index + x.n) % k.n
                FROM (SELECT store_id, count(*)::integer AS n FROM inserted GROUP BY store_id) x
                JOIN counts k ON k.store_id = x.store_id
                WHERE st.store_id = x.store_id
                RETURNING 1
            )
            SELECT count(*)::integer AS "Value" FROM inserted
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }

    /// <summary>
    /// One statement: (a) an open after-sales task is re-pointed to the latest eligible order of its vehicle completed
    /// in its window (from the window's start to the day before its due day: callable from the day after completion,
    /// 4.7), with that order's contact; (b) orders in no window yet start one per vehicle: the earliest such order's
    /// local date is the window's start and key, its due day the task's, the latest order of the window the one the
    /// task is about. An order in the window of a task already closed adds nothing (one call per window).
    /// </summary>
    private async Task<(int Added, int Repointed)> AfterSalesTasksAsync(DueDays days, OfficerRoster roster,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var afterSales = (int)CallbackType.AfterSalesThreeDay;
        var open = (int)CallbackStatus.Open;
        var workshop = (int)ServiceTypeRules.Workshop;
        var prefix = CallbackOccasions.AfterSalesPrefix;
        var rows = await db.Database.SqlQuery<AfterSalesCounts>($"""
            WITH cal AS (
                SELECT * FROM unnest({days.StoreIds}::integer[], {days.Days}::date[], {days.From}::timestamptz[],
                    {days.Until}::timestamptz[], {days.Due}::date[]) AS c(store_id, day, from_at, until_at, due)
            ), officers AS (
                SELECT * FROM unnest({roster.StoreIds}::integer[], {roster.OfficerIds}::bigint[], {roster.Positions}::integer[])
                    AS o(store_id, id, pos)
            ), counts AS (
                SELECT store_id, count(*)::integer AS n FROM officers GROUP BY store_id
            ), visits AS MATERIALIZED (
                -- Completed workshop orders of the look-back whose customer accepts the call (4.7), with the contact of
                -- ServiceVisit.NumberToCall: the callback number, else the one who brought the car, else the owner.
                SELECT sv.id, sv.store_id, sv.vehicle_id, sv.customer_id, sv.completed_at, c.day, c.due,
                       coalesce(sv.brought_by_name, cu.name) AS contact_name,
                       coalesce(sv.callback_number, sv.brought_by_mobile, cu.preferred_contact_number, cu.mobile) AS contact_number,
                       coalesce(sv.callback_time, cu.preferred_contact_time) AS preferred_time
                FROM service_visits sv
                JOIN cal c ON c.store_id = sv.store_id AND sv.completed_at >= c.from_at AND sv.completed_at < c.until_at
                JOIN customers cu ON cu.id = sv.customer_id
                JOIN vehicles v ON v.id = sv.vehicle_id
                WHERE sv.completed_at >= {days.EarliestFrom} AND (sv.types & {workshop}) <> 0 AND sv.accepts_callback
                  AND NOT cu.is_blacklisted AND NOT (NOT cu.callback_consent AND cu.callback_consent_changed_at IS NOT NULL)
                  AND v.status = {(int)VehicleStatus.InUse}
            ), windows AS MATERIALIZED (
                -- The vehicles' after-sales tasks whose window a visit of the look-back may fall in.
                SELECT t.id, t.vehicle_id, t.status, t.service_visit_id, t.due_date,
                       split_part(t.occasion_key, ':', 3)::date AS window_start
                FROM callback_tasks t
                WHERE t.type = {afterSales} AND t.occasion_key LIKE {prefix + "%"}
                  AND t.vehicle_id IN (SELECT vehicle_id FROM visits)
            ), latest AS (
                SELECT DISTINCT ON (w.id) w.id AS task_id, vi.id AS visit_id, vi.contact_name, vi.contact_number, vi.preferred_time
                FROM windows w
                JOIN visits vi ON vi.vehicle_id = w.vehicle_id AND vi.day >= w.window_start AND vi.day < w.due_date
                WHERE w.status = {open}
                ORDER BY w.id, vi.completed_at DESC, vi.id DESC
            ), repointed AS (
                UPDATE callback_tasks t SET service_visit_id = l.visit_id, contact_name = l.contact_name,
                       contact_number = l.contact_number, preferred_time = l.preferred_time
                FROM latest l
                WHERE t.id = l.task_id AND t.status = {open} AND t.service_visit_id IS DISTINCT FROM l.visit_id
                RETURNING t.id
            ), uncovered AS (
                SELECT vi.* FROM visits vi
                WHERE NOT EXISTS (SELECT 1 FROM windows w WHERE w.vehicle_id = vi.vehicle_id
                                  AND vi.day >= w.window_start AND vi.day < w.due_date)
            ), starts AS (
                SELECT DISTINCT ON (vehicle_id) vehicle_id, store_id, day AS window_start, due
                FROM uncovered ORDER BY vehicle_id, day, completed_at, id
            ), fresh AS (
                SELECT DISTINCT ON (s.vehicle_id) s.vehicle_id, s.store_id, s.window_start, s.due, u.id AS visit_id,
                       u.customer_id, u.contact_name, u.contact_number, u.preferred_time
                FROM starts s
                JOIN uncovered u ON u.vehicle_id = s.vehicle_id AND u.day >= s.window_start AND u.day < s.due
                ORDER BY s.vehicle_id, u.completed_at DESC, u.id DESC
            ), numbered AS (
                SELECT f.*, row_number() OVER (PARTITION BY f.store_id ORDER BY f.vehicle_id) AS rn FROM fresh f
            ), inserted AS (
                INSERT INTO callback_tasks (store_id, type, customer_id, vehicle_id, service_visit_id, occasion_key,
                    due_date, contact_name, contact_number, preferred_time, assigned_to_id, status, created_at)
                SELECT f.store_id, {afterSales}, f.customer_id, f.vehicle_id, f.visit_id,
                       {prefix} || f.vehicle_id || ':' || to_char(f.window_start, 'YYYY-MM-DD'), f.due,
                       f.contact_name, f.contact_number, f.preferred_time,
                       (SELECT o.id FROM officers o JOIN counts k ON k.store_id = o.store_id
                        WHERE o.store_id = f.store_id AND o.pos = (coalesce(st.next_officer_index, 0) + f.rn - 1) % k.n),
                       {open}, {now}
                FROM numbered f
                LEFT JOIN callback_settings st ON st.store_id = f.store_id
                ON CONFLICT DO NOTHING
                RETURNING store_id
            ), advanced AS (
                UPDATE callback_settings st SET next_officer_index = (st.next_officer_index + x.n) % k.n
                FROM (SELECT store_id, count(*)::integer AS n FROM inserted GROUP BY store_id) x
                JOIN counts k ON k.store_id = x.store_id
                WHERE st.store_id = x.store_id
                RETURNING 1
            )
            SELECT (SELECT count(*)::integer FROM inserted) AS added, (SELECT count(*)::integer FROM repointed) AS repointed
            """).ToListAsync(cancellationToken);
        var counts = rows.Single();
        return (counts.Added, counts.Repointed);
    }

    private async Task<int> MarkMissedAsync(CallbackCalendars calendars, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var lastMissedDue = calendars.Todays.Select(LastMissedDueDate).ToArray();
        var latest = lastMissedDue.Max();
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE callback_tasks t SET status = {(int)CallbackStatus.Missed}, closed_at = {now}
            FROM unnest({calendars.StoreIds}::integer[], {lastMissedDue}::date[]) AS c(store_id, last_missed_due)
            WHERE t.store_id = c.store_id AND t.status = {(int)CallbackStatus.Open}
              AND t.due_date <= c.last_missed_due AND t.due_date <= {latest}
            """, cancellationToken);
    }

    /// <summary>
    /// Marks the open tasks that became due (or overdue) and tells their officer — the assigned one, else each active
    /// CRM officer of the store — in one statement, so no task is marked without its notifications. A task found
    /// already past its due day is told only "overdue". Tasks another transaction holds are left to the next run.
    /// </summary>
    private async Task<int> NotifyAsync(CallbackCalendars calendars, OfficerRoster roster, DateTimeOffset now,
        bool overdue, CancellationToken cancellationToken)
    {
        var open = (int)CallbackStatus.Open;
        var latestToday = calendars.LatestToday;
        var kind = (int)(overdue ? NotificationKind.CallbackOverdue : NotificationKind.CallbackDue);
        var messageKey = overdue ? "Notification.CallbackOverdue" : "Notification.CallbackDue";
        var dedupe = overdue ? "callback-overdue:" : "callback-due:";
        return overdue
            ? await db.Database.ExecuteSqlAsync($"""
                WITH cal AS (
                    SELECT * FROM unnest({calendars.StoreIds}::integer[], {calendars.Todays}::date[]) AS c(store_id, today)
                ), officers AS (
                    SELECT * FROM unnest({roster.StoreIds}::integer[], {roster.OfficerIds}::bigint[]) AS o(store_id, id)
                ), picked AS MATERIALIZED (
                    SELECT t.id FROM callback_tasks t JOIN cal c ON c.store_id = t.store_id
                    WHERE t.status = {open} AND t.overdue_notified_at IS NULL AND t.due_date < {latestToday} AND t.due_date < c.today
                    FOR UPDATE OF t SKIP LOCKED
                ), newly AS (
                    UPDATE callback_tasks t SET overdue_notified_at = {now}, due_notified_at = coalesce(t.due_notified_at, {now})
                    FROM picked p WHERE t.id = p.id
                    RETURNING t.id, t.store_id, t.assigned_to_id, t.customer_id, t.due_date
                ), recipients AS (
                    SELECT n.*, n.assigned_to_id AS user_id FROM newly n WHERE n.assigned_to_id IS NOT NULL
                    UNION ALL
                    SELECT n.*, o.id FROM newly n JOIN officers o ON o.store_id = n.store_id WHERE n.assigned_to_id IS NULL
                )
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT r.store_id, r.user_id, {kind}, {messageKey}, ARRAY[cu.name, to_char(r.due_date, 'YYYY-MM-DD')],
                       {CrmLinks.CallbackPrefix} || r.id, {dedupe} || r.id, {now}
                FROM recipients r JOIN customers cu ON cu.id = r.customer_id
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                """, cancellationToken)
            : await db.Database.ExecuteSqlAsync($"""
                WITH cal AS (
                    SELECT * FROM unnest({calendars.StoreIds}::integer[], {calendars.Todays}::date[]) AS c(store_id, today)
                ), officers AS (
                    SELECT * FROM unnest({roster.StoreIds}::integer[], {roster.OfficerIds}::bigint[]) AS o(store_id, id)
                ), picked AS MATERIALIZED (
                    -- Only tasks due today: one found already past due is told "overdue" by the next statement.
                    SELECT t.id FROM callback_tasks t JOIN cal c ON c.store_id = t.store_id
                    WHERE t.status = {open} AND t.due_notified_at IS NULL AND t.due_date <= {latestToday} AND t.due_date = c.today
                    FOR UPDATE OF t SKIP LOCKED
                ), newly AS (
                    UPDATE callback_tasks t SET due_notified_at = {now}
                    FROM picked p WHERE t.id = p.id
                    RETURNING t.id, t.store_id, t.assigned_to_id, t.customer_id, t.due_date
                ), recipients AS (
                    SELECT n.*, n.assigned_to_id AS user_id FROM newly n WHERE n.assigned_to_id IS NOT NULL
                    UNION ALL
                    SELECT n.*, o.id FROM newly n JOIN officers o ON o.store_id = n.store_id WHERE n.assigned_to_id IS NULL
                )
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT r.store_id, r.user_id, {kind}, {messageKey}, ARRAY[cu.name, to_char(r.due_date, 'YYYY-MM-DD')],
                       {CrmLinks.CallbackPrefix} || r.id, {dedupe} || r.id, {now}
                FROM recipients r JOIN customers cu ON cu.id = r.customer_id
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                """, cancellationToken);
    }

    private ThreeDayRun Log(ThreeDayRun run)
    {
        logger.LogInformation(
            "3-day callbacks: {NewCar} new-car and {AfterSales} after-sales tasks added, {Repointed} re-pointed to a later order, {Missed} missed, {DueNotified} due and {OverdueNotified} overdue notifications in {Statements} statements, {ElapsedMs} ms",
            run.NewCarTasks, run.AfterSalesTasks, run.Repointed, run.Missed, run.DueNotifications,
            run.OverdueNotifications, run.Statements, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }

    private sealed record AfterSalesCounts(int Added, int Repointed);
}

/// <summary>What one run of <see cref="ThreeDayCallbacksJob"/> did. Notifications count the inbox lines written.</summary>
public sealed record ThreeDayRun(int NewCarTasks, int AfterSalesTasks, int Repointed, int Missed, int DueNotifications,
    int OverdueNotifications, int Statements, TimeSpan Elapsed);
