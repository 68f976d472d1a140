using System.Diagnostics;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Pages.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Service reminders (spec 5.1, issue 14; docs/decisions.md "Issue 14 — service reminders job"), daily at 05:00: the
/// reasons of <see cref="ServiceReminderRules"/> whose call falls in each store's week (its today and the six days
/// after), for owners who are not blacklisted and have not refused callbacks, of cars in use. One transaction, under a
/// transaction-level advisory lock (a second server's run returns at once, doing nothing), in five statements:
/// <list type="number">
/// <item>open reminder calls whose customer is now blacklisted or refused, or none of whose cars is still theirs and in
/// use, are cancelled;</item>
/// <item>the week's reasons into a temporary table: one pass over the visits grouped by car, each car's due dates in
/// arithmetic (the rules' own), the call day, the task's due day from the store calendar (passed in as arrays), and
/// not a reason already reminded (the unique key, and the rules' cycle: a due date that only moved is the same
/// reminder);</item>
/// <item>one new <see cref="CallbackType.ServiceReminder"/> call per customer for the reasons that have no open
/// reminder call of theirs within the week or the contact gap to join, due on the earliest reason's day, given to the
/// store's CRM officers in turn (<see cref="CallbackAssignment"/>);</item>
/// <item>each reason a <c>service_reminders</c> row on the customer's open reminder call nearest its day;</item>
/// <item>one notification per store to its CRM officers with the calls added.</item>
/// </list>
/// A run killed half-way commits nothing: the next run does it all. Quiet hours and the one-call-per-gap limit apply
/// to calling (the call form and the queue hold a call after another conversation), not to creating.
/// </summary>
public sealed class ServiceRemindersJob(CrmDbContext db, TimeProvider time, ILogger<ServiceRemindersJob> logger)
{
    /// <summary>The advisory lock's two keys (class, object).</summary>
    public const int LockClass = 14;

    public const int LockObject = 5_1;

    /// <summary>Where the notification points: the officer's queue.</summary>
    public const string QueueLink = "/Callbacks";

    public async Task<ServiceRemindersRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(CallbackCalendars.JobCommandTimeout);
        var now = time.GetUtcNow();
        var calendars = await CallbackCalendars.LoadAsync(db, now, 0, ServiceReminderRules.WeekDays, cancellationToken);
        if (calendars.StoreIds.Length == 0)
        {
            return Log(new ServiceRemindersRun(0, 0, 0, false, 2, watch.Elapsed));
        }

        await CallbackAssignment.EnsureSettingsAsync(db, calendars.StoreIds, cancellationToken);
        var roster = await CallbackAssignment.LoadAsync(db, calendars.StoreIds, cancellationToken);
        var callbackSettings = await db.CallbackSettings.AsNoTracking().ToDictionaryAsync(s => s.StoreId, cancellationToken);
        var loyaltySettings = await db.LoyaltySettings.AsNoTracking().ToDictionaryAsync(s => s.StoreId, cancellationToken);
        // Stores and holidays, settings rows, officers, both settings, the lock, and the five statements.
        const int statements = 12;

        var storeIds = calendars.StoreIds;
        var todays = calendars.Todays;
        var zones = calendars.Stores
            .Select(s => TimeZoneInfo.TryConvertWindowsIdToIanaId(s.TimeZoneId, out var iana) ? iana : s.TimeZoneId).ToArray();
        var loyalty = storeIds.Select(id => loyaltySettings.GetValueOrDefault(id) ?? new LoyaltySettings(id)).ToArray();
        var months = loyalty.Select(s => s.IntervalMonths).ToArray();
        var km = loyalty.Select(s => s.IntervalKm).ToArray();
        var firstMonths = loyalty.Select(s => s.FirstMaintenanceMonths).ToArray();
        var insuranceDays = storeIds.Select(id => callbackSettings[id].InsuranceReminderDays).ToArray();
        var gaps = storeIds.Select(id => Math.Max(callbackSettings[id].ContactGapDays, ServiceReminderRules.WeekDays))
            .ToArray();

        // Each store's week: the call day and the day its task is due (the store calendar, in the domain).
        var week = calendars.Stores.SelectMany((s, i) => Enumerable.Range(0, ServiceReminderRules.WeekDays).Select(d =>
            (Store: s.Id, Call: todays[i].AddDays(d),
                Due: ServiceReminderRules.TaskDueDay(calendars.For(s.Id), todays[i].AddDays(d), todays[i])))).ToList();
        var weekStores = week.Select(w => w.Store).ToArray();
        var weekCalls = week.Select(w => w.Call).ToArray();
        var weekDues = week.Select(w => w.Due).ToArray();

        // Visits after the latest store's today are not seen: a constant bound on the scan (the per-store day decides).
        var bound = now.AddDays(2);

        // A zone with one UTC offset since some instant (China's) converts the visits opened since then by that offset,
        // arithmetic, rather than by the zone's name for each of ~3M visits (LoyaltyRecalculationJob.FixedOffset).
        var fixedOffsets = calendars.Stores.Select(s => LoyaltyRecalculationJob.FixedOffset(s.TimeZone, bound)).ToArray();
        var offsets = fixedOffsets.Select(f => f?.Offset).ToArray();
        var offsetsSince = fixedOffsets.Select(f => f?.Since).ToArray();
        var maintenance = (int)ServiceTypeRules.MaintenanceTypes;
        var inUse = (int)VehicleStatus.InUse;
        var reminder = (int)CallbackType.ServiceReminder;
        var open = (int)CallbackStatus.Open;
        var cancelled = (int)CallbackStatus.Cancelled;
        var lastDay = ServiceReminderRules.WeekDays - 1;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = (await db.Database.SqlQuery<bool>($"""
            SELECT pg_try_advisory_xact_lock({LockClass}, {LockObject}) AS "Value"
            FROM (SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)) AS settings
            """).ToListAsync(cancellationToken)).Single();
        if (!locked)
        {
            logger.LogInformation("Service reminders: another run holds the lock; this one did nothing");
            return new ServiceRemindersRun(0, 0, 0, true, 7, watch.Elapsed);
        }

        // (1) Open reminder calls no one may make any more.
        var cancelledCount = await db.Database.ExecuteSqlAsync($"""
            UPDATE callback_tasks t SET status = {cancelled}, closed_at = {now}
            WHERE t.type = {reminder} AND t.status = {open}
              AND (EXISTS (SELECT 1 FROM customers cu WHERE cu.id = t.customer_id
                           AND (cu.is_blacklisted OR (NOT cu.callback_consent AND cu.callback_consent_changed_at IS NOT NULL)))
                   OR (EXISTS (SELECT 1 FROM service_reminders r WHERE r.callback_task_id = t.id)
                       AND NOT EXISTS (SELECT 1 FROM service_reminders r JOIN vehicles v ON v.id = r.vehicle_id
                                       WHERE r.callback_task_id = t.id AND v.status = {inUse}
                                         AND v.owner_customer_id = t.customer_id)))
            """, cancellationToken);

        // (2) The week's reasons. First maintenance and maintenance by time or mileage as ServiceReminderRules says it:
        // km_days = floor(km × span / distance) over the car's visits; the mileage day wins only when sooner than the
        // time interval, and is never under the loyalty rules' minimum interval.
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE reminder_due ON COMMIT DROP AS
            WITH cal AS (
                SELECT * FROM unnest({storeIds}::integer[], {todays}::date[], {zones}::text[], {months}::integer[],
                    {km}::integer[], {firstMonths}::integer[], {insuranceDays}::integer[], {gaps}::integer[],
                    {offsets}::interval[], {offsetsSince}::timestamptz[])
                    AS c(store_id, today, tz, months, km, first_months, insurance_days, gap, fixed, fixed_since)
            ), days AS (
                SELECT * FROM unnest({weekStores}::integer[], {weekCalls}::date[], {weekDues}::date[])
                    AS d(store_id, call_day, task_due)
            ), seen AS (
                -- Each visit's store-local day is computed once, in the fenced subquery (OFFSET 0), and only read above
                -- it: an expression referenced several times is otherwise evaluated at every reference (four here).
                SELECT d.vehicle_id, max(d.day) FILTER (WHERE d.maintenance) AS last_maintenance,
                       min(d.day) AS first_day, max(d.day) AS last_day, min(d.mileage) AS low_km, max(d.mileage) AS high_km
                FROM (SELECT sv.vehicle_id, sv.mileage, c.today, (sv.types & {maintenance}) <> 0 AS maintenance,
                             (CASE WHEN sv.opened_at >= c.fixed_since THEN sv.opened_at AT TIME ZONE c.fixed
                                   ELSE sv.opened_at AT TIME ZONE c.tz END)::date AS day
                      FROM service_visits sv
                      JOIN cal c ON c.store_id = sv.store_id
                      WHERE sv.opened_at < {bound}
                      OFFSET 0) d
                WHERE d.day <= d.today
                GROUP BY d.vehicle_id
            ), due AS (
                -- Every car in use once, with its four due dates as columns (a reason that does not apply has none),
                -- and no customer yet: at 1M a CTE of all 841k cars read once per reason and a hash of 850k customers
                -- cost ~2 s of this statement, and a VALUES row per reason and car (the 991k cars each rescanning it)
                -- ~6 s. The fence keeps the week's days from being joined in before the dates exist (the planner
                -- otherwise paired every car with each of its store's seven days: 7M rows, 60 s).
                SELECT v.store_id, v.owner_customer_id AS customer_id, v.id AS vehicle_id, c.today, c.gap,
                       c.insurance_days, s.last_maintenance, v.next_inspection_date, v.insurance_expiry,
                       CASE WHEN s.last_maintenance IS NULL AND x.handed_over IS NOT NULL THEN
                           CASE WHEN x.km_days < (x.handed_over + make_interval(months => c.first_months))::date - x.handed_over
                                THEN x.handed_over + greatest({LoyaltyRules.MinimumIntervalDays}, x.km_days)::integer
                                ELSE (x.handed_over + make_interval(months => c.first_months))::date END END AS first_due,
                       CASE WHEN s.last_maintenance IS NOT NULL THEN
                           CASE WHEN x.km_days < (s.last_maintenance + make_interval(months => c.months))::date - s.last_maintenance
                                THEN s.last_maintenance + greatest({LoyaltyRules.MinimumIntervalDays}, x.km_days)::integer
                                ELSE (s.last_maintenance + make_interval(months => c.months))::date END END AS maintenance_due
                FROM vehicles v
                JOIN cal c ON c.store_id = v.store_id
                LEFT JOIN seen s ON s.vehicle_id = v.id
                CROSS JOIN LATERAL (
                    SELECT coalesce(v.delivery_date, v.purchase_date) AS handed_over,
                           CASE WHEN s.last_day > s.first_day AND s.high_km > s.low_km
                                THEN c.km::bigint * (s.last_day - s.first_day) / (s.high_km - s.low_km) END AS km_days
                ) x
                WHERE v.status = {inUse}
                OFFSET 0
            ), reasons AS (
                -- the cars with a call in their store's week (a cheap superset: the join with the days decides), one
                -- row per reason
                SELECT w.store_id, w.customer_id, w.vehicle_id, w.gap, r.reason, r.due_date, r.cycle_start, r.call_day
                FROM due w
                CROSS JOIN LATERAL (VALUES
                    ({(int)ServiceReminderReason.FirstMaintenance}, w.first_due, '-infinity'::date,
                     w.first_due - {ServiceReminderRules.CallDaysBefore}),
                    ({(int)ServiceReminderReason.Maintenance}, w.maintenance_due, w.last_maintenance,
                     w.maintenance_due - {ServiceReminderRules.CallDaysBefore}),
                    ({(int)ServiceReminderReason.AnnualInspection}, w.next_inspection_date,
                     w.next_inspection_date - {ServiceReminderRules.DatedReasonCycleDays},
                     w.next_inspection_date - {ServiceReminderRules.CallDaysBefore}),
                    ({(int)ServiceReminderReason.InsuranceExpiring}, w.insurance_expiry,
                     w.insurance_expiry - {ServiceReminderRules.DatedReasonCycleDays},
                     w.insurance_expiry - w.insurance_days)
                ) AS r(reason, due_date, cycle_start, call_day)
                WHERE (w.first_due - {ServiceReminderRules.CallDaysBefore} BETWEEN w.today AND w.today + {lastDay}
                       OR w.maintenance_due - {ServiceReminderRules.CallDaysBefore} BETWEEN w.today AND w.today + {lastDay}
                       OR w.next_inspection_date - {ServiceReminderRules.CallDaysBefore} BETWEEN w.today AND w.today + {lastDay}
                       OR w.insurance_expiry - w.insurance_days BETWEEN w.today AND w.today + {lastDay})
                  AND r.due_date IS NOT NULL
            )
            SELECT k.store_id, k.customer_id, k.vehicle_id, k.reason::smallint AS reason, k.due_date, k.call_day,
                   d.task_due, k.gap
            FROM reasons k
            JOIN days d ON d.store_id = k.store_id AND d.call_day = k.call_day
            JOIN customers cu ON cu.id = k.customer_id
            WHERE NOT cu.is_blacklisted
              AND NOT (NOT cu.callback_consent AND cu.callback_consent_changed_at IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM service_reminders sr
                              WHERE sr.vehicle_id = k.vehicle_id AND sr.reason = k.reason AND sr.due_date > k.cycle_start)
            """, cancellationToken);

        // (3) One new call per customer for the reasons with no open reminder call of theirs to join.
        var added = await db.Database.SqlQuery<StoreCount>($"""
            WITH officers AS (
                SELECT * FROM unnest({roster.StoreIds}::integer[], {roster.OfficerIds}::bigint[], {roster.Positions}::integer[])
                    AS o(store_id, id, pos)
            ), counts AS (
                SELECT store_id, count(*)::integer AS n FROM officers GROUP BY store_id
            ), pending AS (
                SELECT r.* FROM reminder_due r
                WHERE NOT EXISTS (SELECT 1 FROM callback_tasks t
                                  WHERE t.customer_id = r.customer_id AND t.type = {reminder} AND t.status = {open}
                                    AND abs(t.due_date - r.task_due) < r.gap)
            ), firsts AS (
                SELECT DISTINCT ON (p.customer_id) p.*
                FROM pending p ORDER BY p.customer_id, p.task_due, p.vehicle_id, p.reason
            ), numbered AS (
                SELECT f.*, cu.name, coalesce(cu.preferred_contact_number, cu.mobile) AS number, cu.preferred_contact_time,
                       row_number() OVER (PARTITION BY f.store_id ORDER BY f.customer_id) AS rn
                FROM firsts f JOIN customers cu ON cu.id = f.customer_id
            ), inserted AS (
                INSERT INTO callback_tasks (store_id, type, customer_id, vehicle_id, occasion_key, due_date, contact_name,
                    contact_number, preferred_time, assigned_to_id, status, created_at)
                SELECT f.store_id, {reminder}, f.customer_id, f.vehicle_id,
                       'sr:' || to_char(f.task_due, 'YYYYMMDD') || ':' || f.vehicle_id || ':' || f.reason, f.task_due,
                       f.name, f.number, f.preferred_contact_time,
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
            SELECT store_id, count(*)::integer AS n FROM inserted GROUP BY store_id
            """).ToListAsync(cancellationToken);

        // (4) Each reason on the customer's open reminder call nearest its day (the one just made, or one it joins).
        var reasons = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO service_reminders (store_id, customer_id, vehicle_id, reason, due_date, callback_task_id, created_at)
            SELECT r.store_id, r.customer_id, r.vehicle_id, r.reason, r.due_date, t.id, {now}
            FROM reminder_due r
            CROSS JOIN LATERAL (
                SELECT t.id FROM callback_tasks t
                WHERE t.customer_id = r.customer_id AND t.type = {reminder} AND t.status = {open}
                  AND abs(t.due_date - r.task_due) < r.gap
                ORDER BY abs(t.due_date - r.task_due), t.id LIMIT 1
            ) t
            ORDER BY r.customer_id, r.vehicle_id, r.reason
            ON CONFLICT DO NOTHING
            """, cancellationToken);

        // (5) The store's CRM officers told once per store and day, with the calls added.
        var addedStores = added.Select(a => a.StoreId).ToArray();
        var addedCounts = added.Select(a => a.N).ToArray();
        var addedDays = added.Select(a => todays[Array.IndexOf(storeIds, a.StoreId)]).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
            SELECT a.store_id, o.id, {(int)NotificationKind.ServiceRemindersDue}, 'Reminders.Notification',
                   ARRAY[a.n::text], {QueueLink}, 'service-reminders:' || a.store_id || ':' || to_char(a.today, 'YYYY-MM-DD'),
                   {now}
            FROM unnest({addedStores}::integer[], {addedCounts}::integer[], {addedDays}::date[]) AS a(store_id, n, today)
            JOIN unnest({roster.StoreIds}::integer[], {roster.OfficerIds}::bigint[]) AS o(store_id, id) ON o.store_id = a.store_id
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return Log(new ServiceRemindersRun(addedCounts.Sum(), reasons, cancelledCount, false, statements,
            watch.Elapsed));
    }

    private ServiceRemindersRun Log(ServiceRemindersRun run)
    {
        logger.LogInformation(
            "Service reminders: {Tasks} reminder calls added, {Reasons} reasons recorded, {Cancelled} open reminder calls cancelled, in {Statements} statements, {ElapsedMs} ms",
            run.Tasks, run.Reasons, run.Cancelled, run.Statements, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }

    private sealed record StoreCount(int StoreId, int N);
}

/// <summary>What one run of the service reminders job did: calls added, reasons recorded (on new calls or joined to
/// open ones), open reminder calls cancelled; <paramref name="AlreadyRunning"/>: another run held the lock.</summary>
public sealed record ServiceRemindersRun(int Tasks, int Reasons, int Cancelled, bool AlreadyRunning, int Statements,
    TimeSpan Elapsed);
