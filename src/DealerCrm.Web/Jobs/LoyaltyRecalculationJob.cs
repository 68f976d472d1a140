using System.Diagnostics;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// The loyalty and tier recalculation (spec 5.1, 5.3, 5.4; docs/decisions.md "Issue 13 — the recalculation job"), daily
/// at 03:00 and on demand from /Admin/Loyalty. It says what <see cref="LoyaltyRules"/> says, for the whole group, in
/// five set-based statements inside one transaction: (1) every car's category, missed intervals, anchor and running
/// interval into a temporary table (the visits grouped by car, then each maintenance day's interval), (2) every owner's
/// category, spend, tier after the 12-month rule and risk, beside their stored row, (3) vehicle_loyalty and (4)
/// customer_loyalty written only where a value changed, (5) history rows and notifications. Each store's today comes from its own time zone
/// (<see cref="Domain.Stores.Store.LocalDate"/>) and each store's settings (defaults for a store without a row) go in
/// as parameter arrays; nothing reads the database's clock.
/// <para>
/// Two servers: the transaction takes an advisory lock with <c>pg_try_advisory_xact_lock</c>; a second run that cannot
/// take it returns at once as "already running" (its Admin run row, if any, is marked Failed with that reason). A run
/// killed half-way commits nothing (one transaction): the next run does all of the work, and marks the run row the
/// killed process left Running as Failed. Progress (step of steps) is written on its own scope and connection, in short
/// transactions of its own, so the Admin page sees it while the work is still uncommitted.
/// </para>
/// </summary>
public sealed class LoyaltyRecalculationJob(CrmDbContext db, IServiceScopeFactory scopes, TimeProvider time,
    ILogger<LoyaltyRecalculationJob> logger)
{
    /// <summary>The advisory lock's two keys: (class, object) as pg_locks shows them (classid, objid).</summary>
    public const int LockClass = 13;

    public const int LockObject = 5_3_5_4;

    /// <summary>Progress steps: cars, owners, cars written, owners written, history, notifications, done.</summary>
    public const int Steps = 7;

    private const string AlreadyRunning = "Another recalculation was running; this one did nothing.";

    /// <summary>A Running row whose run holds no lock and began longer ago than this is taken as abandoned.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(30);

    /// <summary>Called after each step's progress is written (tests stop a run half-way with it).</summary>
    public Func<int, Task>? AfterStep { get; init; }

    /// <summary>The schedule's run: records its own run row (trigger Schedule) once it holds the lock.</summary>
    public Task<LoyaltyRunSummary> RunAsync(CancellationToken cancellationToken) =>
        ExecuteAsync(null, cancellationToken);

    /// <summary>An Admin's run, its row made by /Admin/Loyalty. A row no longer Running (superseded) does nothing.</summary>
    public Task<LoyaltyRunSummary> RunRequestedAsync(long runId, CancellationToken cancellationToken) =>
        ExecuteAsync(runId, cancellationToken);

    /// <summary>Whether a recalculation holds the lock right now (for the Admin page: a live run, not an abandoned row).</summary>
    public static async Task<bool> IsRunningAsync(CrmDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var held = await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                           AND classid = {LockClass}::oid AND objid = {LockObject}::oid AND objsubid = 2) AS "Value"
            """).ToListAsync(cancellationToken);
        return held.Single();
    }

    private async Task<LoyaltyRunSummary> ExecuteAsync(long? requestedRunId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        db.Database.SetCommandTimeout(CallbackCalendars.JobCommandTimeout);
        await using var side = scopes.CreateAsyncScope();
        var progress = side.ServiceProvider.GetRequiredService<CrmDbContext>();

        if (requestedRunId is { } requested
            && !await progress.LoyaltyRuns.AnyAsync(r => r.Id == requested && r.Status == LoyaltyRunStatus.Running,
                cancellationToken))
        {
            logger.LogInformation("Loyalty recalculation: run {RunId} is no longer waiting to run; nothing done", requested);
            return new LoyaltyRunSummary(requested, 0, 0, 0, 0, 0, 0, watch.Elapsed, AlreadyDone: true);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var statements = 1;
        // JIT off for this transaction: compiling the big statements' expressions cost more (1.5-2 s each on the
        // loaded 2-core machine at 10k customers) than it saved. work_mem up for it: the per-car and per-owner
        // aggregates over the whole group (half a million groups and more) stay in memory instead of spilling.
        var locked = (await db.Database.SqlQuery<bool>($"""
            SELECT pg_try_advisory_xact_lock({LockClass}, {LockObject}) AS "Value"
            FROM (SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)) AS settings
            """).ToListAsync(cancellationToken)).Single();
        if (!locked)
        {
            if (requestedRunId is { } refused)
            {
                await FailAsync(progress, refused, AlreadyRunning, cancellationToken);
            }

            logger.LogInformation("Loyalty recalculation: another run holds the lock; this one did nothing");
            return new LoyaltyRunSummary(requestedRunId ?? 0, 0, 0, 0, 0, 0, statements, watch.Elapsed, AlreadyDone: true);
        }

        var runId = requestedRunId ?? await StartScheduledAsync(progress, now, cancellationToken);
        try
        {
            // Any other Running row belongs to a killed process (or to an Admin's run still queued, which this run
            // supersedes): holding the lock, nobody else is working.
            await progress.LoyaltyRuns
                .Where(r => r.Status == LoyaltyRunStatus.Running && r.Id != runId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, LoyaltyRunStatus.Failed)
                    .SetProperty(r => r.FinishedAt, now)
                    .SetProperty(r => r.Error, $"Interrupted or superseded; run {runId} recalculated everything."),
                    cancellationToken);

            var summary = await RecalculateAsync(runId, now, progress, cancellationToken);
            statements += summary.Statements;
            var run = await db.LoyaltyRuns.SingleAsync(r => r.Id == runId, cancellationToken);
            run.Finish(summary.Customers, summary.CategoryChanges, summary.Upgrades, summary.Downgrades, summary.Held,
                time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            statements += 2;
            var done = summary with { Statements = statements, Elapsed = watch.Elapsed };
            logger.LogInformation(
                "Loyalty recalculation {RunId}: {Customers} customers, {CategoryChanges} category changes, {Upgrades} upgrades, {Downgrades} downgrades, {Held} held, {Statements} statements, {ElapsedMs} ms",
                runId, done.Customers, done.CategoryChanges, done.Upgrades, done.Downgrades, done.Held, done.Statements,
                (long)done.Elapsed.TotalMilliseconds);
            return done;
        }
        catch (Exception ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            logger.LogError(ex, "Loyalty recalculation {RunId} failed after {ElapsedMs} ms", runId,
                (long)watch.Elapsed.TotalMilliseconds);
            await FailAsync(progress, runId, ex.GetType().Name + ": " + ex.Message, CancellationToken.None);
            throw;
        }
    }

    private static async Task<long> StartScheduledAsync(CrmDbContext progress, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var run = new LoyaltyRun(LoyaltyRunTrigger.Schedule, null, Steps, now);
        progress.LoyaltyRuns.Add(run);
        await progress.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    private async Task FailAsync(CrmDbContext progress, long runId, string error, CancellationToken cancellationToken)
    {
        progress.ChangeTracker.Clear();
        var run = await progress.LoyaltyRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        run.Fail(error, time.GetUtcNow());
        await progress.SaveChangesAsync(cancellationToken);
    }

    private async Task AdvanceAsync(CrmDbContext progress, long runId, int step, CancellationToken cancellationToken)
    {
        await progress.LoyaltyRuns.Where(r => r.Id == runId && r.Step < step)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Step, step), cancellationToken);
        if (AfterStep is { } afterStep)
        {
            await afterStep(step);
        }
    }

    private async Task<LoyaltyRunSummary> RecalculateAsync(long runId, DateTimeOffset now, CrmDbContext progress,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();

        // Every store's calendar and settings in one read: a store without a settings row takes the defaults of
        // LoyaltySettings(storeId), the one place they are written.
        var rows = await (from s in db.Stores.AsNoTracking()
                          join ls in db.LoyaltySettings.AsNoTracking() on s.Id equals ls.StoreId into g
                          from ls in g.DefaultIfEmpty()
                          orderby s.Id
                          select new { Store = s, Settings = ls }).ToListAsync(cancellationToken);
        var stores = rows.Select(r => r.Store).ToArray();
        var settings = rows.Select(r => r.Settings ?? new LoyaltySettings(r.Store.Id)).ToArray();
        var storeIds = stores.Select(s => s.Id).ToArray();
        var todays = stores.Select(s => s.LocalDate(now)).ToArray();
        var zones = stores.Select(s => TimeZoneInfo.TryConvertWindowsIdToIanaId(s.TimeZoneId, out var iana) ? iana : s.TimeZoneId)
            .ToArray();
        var months = settings.Select(s => s.IntervalMonths).ToArray();
        var km = settings.Select(s => s.IntervalKm).ToArray();
        var counted = settings.Select(s => s.CountedIntervals).ToArray();
        var firstMonths = settings.Select(s => s.FirstMaintenanceMonths).ToArray();
        var silver = settings.Select(s => s.SilverSpend).ToArray();
        var gold = settings.Select(s => s.GoldSpend).ToArray();
        var diamond = settings.Select(s => s.DiamondSpend).ToArray();
        var silverLevel = settings.Select(s => (int)s.SilverLoyalty).ToArray();
        var goldLevel = settings.Select(s => (int)s.GoldLoyalty).ToArray();
        var diamondLevel = settings.Select(s => (int)s.DiamondLoyalty).ToArray();
        var dueUntil = todays.Select(t => t.AddDays(LoyaltyRules.DueSoonDays)).ToArray();
        var fixedOffsets = stores.Select(s => FixedOffset(s.TimeZone, now.AddDays(2))).ToArray();
        var offsets = fixedOffsets.Select(f => f?.Offset).ToArray();
        var offsetsSince = fixedOffsets.Select(f => f?.Since).ToArray();
        var todayMonths = todays.Select(MonthIndex).ToArray();
        var todayDays = todays.Select(t => t.Day).ToArray();

        // No visit after the latest store's today counts: a constant bound on the scan (the per-store day decides).
        var bound = now.AddDays(2);
        var maintenance = (int)ServiceTypeRules.MaintenanceTypes;
        var inUse = (int)VehicleStatus.InUse;
        var statements = 1;

        // (1) Cars. The visits grouped by car: each visit's store-local day (its store's zone, as a fixed offset since the
        // zone's last change of offset: see FixedOffset), up to its store's today;
        // the car's first maintenance, first and last visit day, lowest and highest mileage. Then per car, in
        // arithmetic (no series of intervals): the anchor, the mileage interval in days (LoyaltyRules.IntervalDays),
        // the complete intervals n. Then, in a second pass over the maintenance visits joined to their car, the
        // interval k each falls in (ends inclusive), aggregated per car as a bit mask of the counted intervals hit —
        // missed = counted intervals without one. (A subquery per car over an array of its days cost ~26 s of 47 at
        // 1M; calendar months are integers, not extract()'s numerics.)
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE loyalty_vehicles ON COMMIT DROP AS
            WITH cal AS (
                SELECT * FROM unnest({storeIds}::integer[], {todays}::date[], {zones}::text[], {months}::integer[],
                    {km}::integer[], {counted}::integer[], {firstMonths}::integer[], {offsets}::interval[],
                    {offsetsSince}::timestamptz[], {todayMonths}::integer[], {todayDays}::integer[])
                    AS c(store_id, today, tz, months, km, counted, first_months, fixed, fixed_since, today_m, today_dom)
            ), seen AS (
                -- Each visit's day is computed once, in the fenced subquery (OFFSET 0), and only read above it: an
                -- expression referenced several times is otherwise evaluated at every reference.
                SELECT d.vehicle_id,
                       min(d.day) FILTER (WHERE (d.types & {maintenance}) <> 0) AS first_maintenance,
                       min(d.day) AS first_day, max(d.day) AS last_day, min(d.mileage) AS low_km, max(d.mileage) AS high_km
                FROM (SELECT sv.vehicle_id, sv.types, sv.mileage, c.today,
                             (CASE WHEN sv.opened_at >= c.fixed_since THEN sv.opened_at AT TIME ZONE c.fixed
                                   ELSE sv.opened_at AT TIME ZONE c.tz END)::date AS day
                      FROM service_visits sv
                      JOIN cal c ON c.store_id = sv.store_id
                      WHERE sv.opened_at < {bound}
                      OFFSET 0) d
                WHERE d.day <= d.today
                GROUP BY d.vehicle_id
            ), cars AS (
                SELECT v.id AS vehicle_id, v.store_id, v.owner_customer_id AS customer_id, v.status, c.today, c.months,
                       c.km, c.counted, c.first_months, c.today_m, c.today_dom,
                       coalesce(v.delivery_date, v.purchase_date, (v.created_at AT TIME ZONE c.tz)::date) AS handed_over,
                       CASE WHEN v.sold_by_us THEN s.first_maintenance ELSE s.first_day END AS anchor,
                       s.first_day, s.last_day, s.low_km, s.high_km
                FROM vehicles v
                JOIN cal c ON c.store_id = v.store_id
                LEFT JOIN seen s ON s.vehicle_id = v.id
            ), spaced AS (
                SELECT x.*,
                       CASE WHEN x.anchor IS NOT NULL AND x.last_day > x.first_day AND x.high_km > x.low_km
                                 AND x.km::bigint * (x.last_day - x.first_day) / (x.high_km - x.low_km)
                                     < (x.anchor + make_interval(months => x.months))::date - x.anchor
                            THEN greatest({LoyaltyRules.MinimumIntervalDays},
                                          x.km::bigint * (x.last_day - x.first_day) / (x.high_km - x.low_km))::integer
                       END AS days,
                       -- Calendar months as integers (year × 12 + month) and days of month: anchor + k months
                       -- (clamped to the month's end, as AddMonths) compares with a day by these alone. Today's are
                       -- the store's, from the parameters.
                       date_part('year', x.anchor)::integer * 12 + date_part('month', x.anchor)::integer AS anchor_m,
                       date_part('day', x.anchor)::integer AS anchor_dom
                FROM cars x
            ), completed AS (
                SELECT y.*, greatest(1, y.complete - y.counted + 1) AS first_counted
                FROM (SELECT s.*,
                             CASE WHEN s.anchor IS NULL THEN 0
                                  WHEN s.days IS NOT NULL THEN greatest(0, (s.today - s.anchor - 1) / s.days)
                                  -- the interval running from anchor + k months (k = whole intervals to today's
                                  -- month) began before today: k complete; else it begins today, k - 1
                                  WHEN (s.today_m - s.anchor_m) % s.months <> 0 OR s.anchor_dom < s.today_dom
                                      THEN (s.today_m - s.anchor_m) / s.months
                                  ELSE greatest(0, (s.today_m - s.anchor_m) / s.months - 1)
                             END AS complete
                      FROM spaced s) y
            ), hits AS (
                -- Each maintenance day's interval k (ends inclusive), set-wise over (car, day) rows rather than a
                -- subquery per car: the counted intervals hit as a bit mask (at most 24 counted intervals), whether the
                -- running and the oldest counted interval were hit. The day, then k, each computed once per visit in a
                -- fenced subquery (OFFSET 0): k is read five times, and its day would be converted at every read.
                SELECT i.vehicle_id,
                       bit_count(bit_or(CASE WHEN i.k BETWEEN i.first_counted AND i.complete
                                             THEN 1::bigint << (i.k - i.first_counted) ELSE 0 END)::bit(64))::integer
                           AS counted_hits,
                       bool_or(i.k = i.complete + 1) AS running_hit,
                       bool_or(i.k = i.first_counted) AS oldest_hit
                FROM (SELECT md.vehicle_id, md.first_counted, md.complete,
                             CASE WHEN md.days IS NOT NULL THEN (md.day - md.anchor + md.days - 1) / md.days
                                  -- anchor + (m / months) intervals falls on or after the day only in the day's month
                                  ELSE dm.m / md.months + CASE WHEN dm.m % md.months = 0 AND md.anchor_dom >= dm.dom
                                                               THEN 0 ELSE 1 END
                             END AS k
                      FROM (SELECT sv.vehicle_id, c.today, z.anchor, z.days, z.months, z.anchor_m, z.anchor_dom,
                                   z.first_counted, z.complete,
                                   (CASE WHEN sv.opened_at >= c.fixed_since THEN sv.opened_at AT TIME ZONE c.fixed
                                         ELSE sv.opened_at AT TIME ZONE c.tz END)::date AS day
                            FROM service_visits sv
                            JOIN cal c ON c.store_id = sv.store_id
                            JOIN completed z ON z.vehicle_id = sv.vehicle_id
                            WHERE sv.opened_at < {bound} AND (sv.types & {maintenance}) <> 0 AND z.anchor IS NOT NULL
                            OFFSET 0) md
                      CROSS JOIN LATERAL (
                          SELECT date_part('year', md.day)::integer * 12 + date_part('month', md.day)::integer
                                     - md.anchor_m AS m,
                                 date_part('day', md.day)::integer AS dom) dm
                      WHERE md.day <= md.today
                      OFFSET 0) i
                GROUP BY i.vehicle_id
            ), judged AS (
                SELECT w.*, coalesce(h.running_hit, false) AS running_hit, coalesce(h.oldest_hit, false) AS oldest_hit,
                       CASE WHEN w.status <> {inUse} OR w.anchor IS NULL THEN 0
                            ELSE greatest(0, w.complete - w.first_counted + 1) - coalesce(h.counted_hits, 0) END AS missed
                FROM completed w
                LEFT JOIN hits h ON h.vehicle_id = w.vehicle_id
            ), result AS (
                SELECT j.vehicle_id, j.store_id, j.customer_id, j.today,
                       (CASE WHEN j.status <> {inUse} THEN NULL
                             WHEN j.anchor IS NULL THEN
                                 CASE WHEN j.today <= (j.handed_over + make_interval(months => j.first_months))::date
                                      THEN {(int)LoyaltyCategory.New} ELSE {(int)LoyaltyCategory.NeverReturned} END
                             WHEN j.missed <= 0 THEN 1 WHEN j.missed = 1 THEN 2 WHEN j.missed = 2 THEN 3
                             WHEN j.missed <= 4 THEN 4 ELSE 5 END)::smallint AS category,
                       j.missed::smallint AS missed, j.anchor,
                       CASE WHEN j.status = {inUse} AND j.anchor IS NOT NULL THEN
                           CASE WHEN j.days IS NOT NULL THEN j.anchor + (j.complete + 1) * j.days
                                ELSE (j.anchor + make_interval(months => (j.complete + 1) * j.months))::date END
                       END AS due_by,
                       j.complete, j.counted, j.running_hit, j.complete >= 1 AND NOT j.oldest_hit AS oldest_missed
                FROM judged j
            )
            -- Beside the stored row: whether the car has none yet (inserted) or a value changed (updated), so the write
            -- (3) reads this table alone and never scans vehicle_loyalty while inserting into it.
            SELECT r.*, o.vehicle_id IS NULL AS is_new,
                   o.vehicle_id IS NULL OR (o.store_id, o.customer_id, o.category, o.missed, o.anchor, o.due_by)
                       IS DISTINCT FROM (r.store_id, r.customer_id, r.category, r.missed, r.anchor, r.due_by) AS changed
            FROM result r
            LEFT JOIN vehicle_loyalty o ON o.vehicle_id = r.vehicle_id
            """, cancellationToken);
        statements++;

        // A temp table has no statistics until analyzed: without them the owners' statement was planned for a handful
        // of cars and ran for minutes at 1M once customer_loyalty was full (the second run).
        await db.Database.ExecuteSqlAsync($"ANALYZE loyalty_vehicles", cancellationToken);
        statements++;
        await AdvanceAsync(progress, runId, 1, cancellationToken);

        // (2) Owners: the best category of their counting cars (LoyaltyRules.Rank), their spend, the computed tier, the
        // 12-month hold and the at-risk rule, beside the stored row (old values kept for the writes and the history).
        // Everyone with a car, with spend, or with a row already (a row whose owner no longer has any car is updated).
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE loyalty_owners ON COMMIT DROP AS
            WITH cal AS (
                SELECT * FROM unnest({storeIds}::integer[], {todays}::date[], {silver}::numeric[], {silverLevel}::integer[],
                    {gold}::numeric[], {goldLevel}::integer[], {diamond}::numeric[], {diamondLevel}::integer[],
                    {dueUntil}::date[], {counted}::integer[])
                    AS c(store_id, today, silver, silver_level, gold, gold_level, diamond, diamond_level,
                         due_until, counted)
            ), spent AS (
                SELECT x.customer_id, sum(x.amount) AS spend
                FROM (SELECT d.customer_id, d.final_price AS amount FROM deliveries d WHERE d.delivered_at <= {now}
                      UNION ALL
                      SELECT sv.customer_id, sv.amount FROM service_visits sv
                      WHERE sv.payer = {(int)ServicePayer.Customer} AND sv.amount IS NOT NULL AND sv.opened_at <= {now}) x
                GROUP BY x.customer_id
            ), ranked AS (
                SELECT v.customer_id,
                       CASE v.category WHEN 1 THEN 1 WHEN 6 THEN 2 WHEN 7 THEN 7 ELSE v.category + 1 END AS rank
                FROM loyalty_vehicles v
            ), counts AS (
                -- How many counting cars at each rank (1..7): the best and the second best follow without sorting
                -- each owner's cars (the second best is what is left when one car of the best rank is taken away).
                SELECT r.customer_id,
                       count(*) FILTER (WHERE r.rank = 1) AS n1, count(*) FILTER (WHERE r.rank = 2) AS n2,
                       count(*) FILTER (WHERE r.rank = 3) AS n3, count(*) FILTER (WHERE r.rank = 4) AS n4,
                       count(*) FILTER (WHERE r.rank = 5) AS n5, count(*) FILTER (WHERE r.rank = 6) AS n6,
                       count(*) FILTER (WHERE r.rank = 7) AS n7
                FROM ranked r GROUP BY r.customer_id
            ), cars AS (
                SELECT n.customer_id,
                       CASE WHEN n1 > 0 THEN 1 WHEN n2 > 0 THEN 2 WHEN n3 > 0 THEN 3 WHEN n4 > 0 THEN 4 WHEN n5 > 0 THEN 5
                            WHEN n6 > 0 THEN 6 WHEN n7 > 0 THEN 7 END AS best,
                       CASE WHEN n1 >= 2 THEN 1 WHEN n1 + n2 >= 2 THEN 2 WHEN n1 + n2 + n3 >= 2 THEN 3
                            WHEN n1 + n2 + n3 + n4 >= 2 THEN 4 WHEN n1 + n2 + n3 + n4 + n5 >= 2 THEN 5
                            WHEN n1 + n2 + n3 + n4 + n5 + n6 >= 2 THEN 6 WHEN n1 + n2 + n3 + n4 + n5 + n6 + n7 >= 2 THEN 7
                       END AS second
                FROM counts n
            ), base AS (
                SELECT cu.id AS customer_id, cu.store_id, c.today, c.silver, c.silver_level, c.gold, c.gold_level,
                       c.diamond, c.diamond_level, c.due_until, c.counted,
                       coalesce(sp.spend, 0) AS spend, k.best, k.second,
                       CASE WHEN k.best IS NULL THEN 7 WHEN k.best <= 2 THEN 1 ELSE k.best - 1 END AS level,
                       o.customer_id IS NULL AS is_first, o.store_id AS old_store_id, o.category AS old_category,
                       o.tier AS old_tier, o.spend AS old_spend, o.tier_since AS old_tier_since,
                       o.last_downgrade_on AS old_last_downgrade_on, o.risk AS old_risk, o.risk_until AS old_risk_until,
                       coalesce(o.tier, 0) AS current_tier
                FROM customers cu
                JOIN cal c ON c.store_id = cu.store_id
                LEFT JOIN spent sp ON sp.customer_id = cu.id
                LEFT JOIN cars k ON k.customer_id = cu.id
                LEFT JOIN customer_loyalty o ON o.customer_id = cu.id
                WHERE sp.customer_id IS NOT NULL OR k.customer_id IS NOT NULL OR o.customer_id IS NOT NULL
            ), computed AS (
                SELECT b.*,
                       CASE WHEN b.spend >= b.diamond AND b.level <= b.diamond_level THEN 3
                            WHEN b.spend >= b.gold AND b.level <= b.gold_level THEN 2
                            WHEN b.spend >= b.silver AND b.level <= b.silver_level THEN 1 ELSE 0 END AS computed_tier
                FROM base b
            ), held AS (
                SELECT t.*,
                       t.computed_tier < t.current_tier AND coalesce(t.today <= (t.old_last_downgrade_on + make_interval(months => {LoyaltyRules.DowngradeHoldMonths}))::date, false) AS is_held
                FROM computed t
            ), decided AS (
                SELECT h.*, CASE WHEN h.is_held THEN h.current_tier ELSE h.computed_tier END AS tier,
                       h.computed_tier < h.current_tier AND NOT h.is_held AS downgraded
                FROM held h
            ), due AS (
                -- One car missing its running interval (its window moving by one) while the others stay as they are:
                -- would the tier fall? The other cars' best is the owner's best, or the second best when this car is the best.
                SELECT d.customer_id, min(v.due_by) AS until
                FROM loyalty_vehicles v
                JOIN decided d ON d.customer_id = v.customer_id
                CROSS JOIN LATERAL (
                    SELECT least(CASE WHEN (CASE v.category WHEN 1 THEN 1 WHEN 6 THEN 2 WHEN 7 THEN 7 ELSE v.category + 1 END) = d.best
                                      THEN d.second ELSE d.best END,
                                 CASE WHEN p.missed <= 0 THEN 1 WHEN p.missed = 1 THEN 3 WHEN p.missed = 2 THEN 4
                                      WHEN p.missed <= 4 THEN 5 ELSE 6 END) AS best
                    FROM (SELECT v.missed + 1 - CASE WHEN v.complete >= v.counted AND v.oldest_missed THEN 1 ELSE 0 END AS missed) p
                ) pr
                CROSS JOIN LATERAL (SELECT CASE WHEN pr.best <= 2 THEN 1 ELSE pr.best - 1 END AS level) pl
                WHERE NOT d.is_held AND v.category IS NOT NULL AND v.due_by IS NOT NULL AND NOT v.running_hit
                  AND v.due_by <= d.due_until
                  AND CASE WHEN d.spend >= d.diamond AND pl.level <= d.diamond_level THEN 3
                           WHEN d.spend >= d.gold AND pl.level <= d.gold_level THEN 2
                           WHEN d.spend >= d.silver AND pl.level <= d.silver_level THEN 1 ELSE 0 END < d.tier
                GROUP BY d.customer_id
            ), result AS (
                SELECT d.*,
                       (CASE WHEN d.best IS NULL THEN NULL WHEN d.best = 1 THEN 1 WHEN d.best = 2 THEN 6 WHEN d.best = 7 THEN 7
                             ELSE d.best - 1 END)::smallint AS category,
                       CASE WHEN d.is_first OR d.old_tier <> d.tier THEN d.today ELSE d.old_tier_since END AS tier_since,
                       CASE WHEN d.downgraded THEN d.today ELSE d.old_last_downgrade_on END AS last_downgrade_on,
                       (CASE WHEN d.is_held THEN {(int)LoyaltyRisk.DowngradeHeld}
                             WHEN u.until IS NOT NULL THEN {(int)LoyaltyRisk.MaintenanceDue}
                             ELSE {(int)LoyaltyRisk.None} END)::smallint AS risk,
                       CASE WHEN d.is_held THEN (d.old_last_downgrade_on + make_interval(months => {LoyaltyRules.DowngradeHoldMonths}))::date
                            ELSE u.until END AS risk_until
                FROM decided d
                LEFT JOIN due u ON u.customer_id = d.customer_id
            )
            SELECT f.customer_id, f.store_id, f.today, f.is_first, f.category, f.tier::smallint AS tier,
                   f.spend::numeric(14, 2) AS spend, f.tier_since, f.last_downgrade_on, f.risk, f.risk_until,
                   f.old_category, f.old_tier, f.old_spend, f.old_risk, f.downgraded,
                   f.is_held AND coalesce(f.old_risk, 0) <> {(int)LoyaltyRisk.DowngradeHeld} AS newly_held,
                   f.is_first OR (f.store_id, f.category, f.tier::smallint, f.spend::numeric(14, 2), f.tier_since,
                               f.last_downgrade_on, f.risk, f.risk_until)
                       IS DISTINCT FROM (f.old_store_id, f.old_category, f.old_tier, f.old_spend, f.old_tier_since,
                                         f.old_last_downgrade_on, f.old_risk, f.old_risk_until) AS changed
            FROM result f
            """, cancellationToken);
        statements++;
        await AdvanceAsync(progress, runId, 2, cancellationToken);

        // (3) Cars whose result changed (a new car, a visit, an interval completed, a sale or scrapping): the changed
        // stored rows updated, the new cars inserted, in one statement. A plain INSERT, not INSERT … ON CONFLICT: only this
        // job writes the table, under its lock, and statement (1) saw which cars have a row; the speculative insertion of
        // ON CONFLICT cost a quarter of a first run's million inserts (docs/performance.md).
        await db.Database.ExecuteSqlAsync($"""
            WITH updated AS (
                UPDATE vehicle_loyalty vl SET store_id = v.store_id, customer_id = v.customer_id, category = v.category,
                    missed = v.missed, anchor = v.anchor, due_by = v.due_by, calculated_on = v.today
                FROM loyalty_vehicles v
                WHERE v.changed AND NOT v.is_new AND vl.vehicle_id = v.vehicle_id
            )
            INSERT INTO vehicle_loyalty (vehicle_id, store_id, customer_id, category, missed, anchor, due_by, calculated_on)
            SELECT v.vehicle_id, v.store_id, v.customer_id, v.category, v.missed, v.anchor, v.due_by, v.today
            FROM loyalty_vehicles v
            WHERE v.is_new
            """, cancellationToken);
        statements++;
        await AdvanceAsync(progress, runId, 3, cancellationToken);

        // (4) Owners whose result changed, the same way: the changed stored rows updated, the owners without one
        // (is_first: statement (2) found no stored row) inserted.
        await db.Database.ExecuteSqlAsync($"""
            WITH updated AS (
                UPDATE customer_loyalty cl SET store_id = o.store_id, category = o.category, tier = o.tier, spend = o.spend,
                    tier_since = o.tier_since, last_downgrade_on = o.last_downgrade_on, risk = o.risk,
                    risk_until = o.risk_until, calculated_on = o.today, run_id = {runId}
                FROM loyalty_owners o
                WHERE o.changed AND NOT o.is_first AND cl.customer_id = o.customer_id
            )
            INSERT INTO customer_loyalty (customer_id, store_id, category, tier, spend, tier_since, last_downgrade_on,
                risk, risk_until, calculated_on, run_id)
            SELECT o.customer_id, o.store_id, o.category, o.tier, o.spend, o.tier_since, o.last_downgrade_on, o.risk,
                   o.risk_until, o.today, {runId}
            FROM loyalty_owners o
            WHERE o.is_first
            """, cancellationToken);
        statements++;
        await AdvanceAsync(progress, runId, 4, cancellationToken);

        // (5) History and notifications, in one statement. History: a category row when a calculated owner's category
        // changes; a tier row when the tier changes, or at the first calculation when it is above Standard (old tier
        // null). Cause: which condition moved. Notifications, never for a first calculation: the consultant who owns
        // the customer's most recent lead (the delivery's lead when that is the latest), once per customer and run;
        // each active CRM officer of a store with changes, once per store and run. Dedupe keys carry the run: a retried
        // run never notifies twice. History rows are a plain INSERT: a run writes them once, in its one transaction (a
        // killed run wrote none), and the unique index (run, customer, kind) still refuses a second.
        var counts = (await db.Database.SqlQuery<RunCounts>($"""
            WITH history AS (
                SELECT o.store_id, o.customer_id, {(int)LoyaltyChangeKind.Category} AS kind, o.old_category,
                       o.category AS new_category, NULL::smallint AS old_tier, NULL::smallint AS new_tier,
                       {(int)LoyaltyChangeCause.Loyalty} AS cause, o.spend, o.today
                FROM loyalty_owners o
                WHERE o.changed AND NOT o.is_first AND o.category IS DISTINCT FROM o.old_category
                UNION ALL
                SELECT o.store_id, o.customer_id, {(int)LoyaltyChangeKind.Tier}, NULL, NULL, o.old_tier, o.tier,
                       CASE WHEN o.category IS DISTINCT FROM o.old_category THEN {(int)LoyaltyChangeCause.Loyalty} ELSE 0 END
                       | CASE WHEN o.spend IS DISTINCT FROM o.old_spend THEN {(int)LoyaltyChangeCause.Spend} ELSE 0 END
                       | CASE WHEN o.downgraded AND o.old_risk = {(int)LoyaltyRisk.DowngradeHeld}
                              THEN {(int)LoyaltyChangeCause.HoldEnded} ELSE 0 END,
                       o.spend, o.today
                FROM loyalty_owners o
                WHERE o.changed AND ((NOT o.is_first AND o.tier <> o.old_tier) OR (o.is_first AND o.tier > 0))
            ), inserted AS (
                INSERT INTO loyalty_changes (store_id, customer_id, run_id, on_date, at, kind, old_category, new_category,
                    old_tier, new_tier, cause, spend)
                SELECT r.store_id, r.customer_id, {runId}, r.today, {now}, r.kind, r.old_category, r.new_category,
                       r.old_tier, r.new_tier, r.cause, r.spend
                FROM history r
                RETURNING kind, old_tier, new_tier
            ), changed AS (
                SELECT o.customer_id, o.store_id, o.category IS DISTINCT FROM o.old_category AS category_changed,
                       o.tier > o.old_tier AS upgraded, o.tier < o.old_tier AS downgraded
                FROM loyalty_owners o
                WHERE o.changed AND NOT o.is_first AND (o.category IS DISTINCT FROM o.old_category OR o.tier <> o.old_tier)
            ), consultants AS (
                SELECT DISTINCT ON (l.customer_id) l.customer_id, l.owner_id
                FROM leads l JOIN changed c ON c.customer_id = l.customer_id
                ORDER BY l.customer_id, l.id DESC
            ), told AS (
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT c.store_id, u.id, {(int)NotificationKind.CustomerLoyaltyChanged}, 'Notification.CustomerLoyaltyChanged',
                       ARRAY[cu.name], {CrmLinks.CustomerPrefix} || c.customer_id,
                       'loyalty:' || {runId} || ':' || c.customer_id, {now}
                FROM changed c
                JOIN consultants k ON k.customer_id = c.customer_id
                JOIN users u ON u.id = k.owner_id AND u.is_active
                JOIN customers cu ON cu.id = c.customer_id
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                RETURNING 1
            ), per_store AS (
                SELECT store_id, count(*) FILTER (WHERE category_changed) AS categories,
                       count(*) FILTER (WHERE upgraded) AS upgrades, count(*) FILTER (WHERE downgraded) AS downgrades
                FROM changed GROUP BY store_id
            ), officers AS (
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT p.store_id, u.id, {(int)NotificationKind.LoyaltyChanges}, 'Notification.LoyaltyChanges',
                       ARRAY[p.categories::text, p.upgrades::text, p.downgrades::text], {CrmLinks.Loyalty},
                       'loyalty-changes:' || {runId} || ':' || p.store_id, {now}
                FROM per_store p
                JOIN users u ON u.store_id = p.store_id AND u.is_active
                JOIN user_roles ur ON ur.user_id = u.id
                JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.CrmOfficer}
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM loyalty_owners)::integer AS customers,
                   (SELECT count(*) FROM inserted i WHERE i.kind = {(int)LoyaltyChangeKind.Category})::integer AS category_changes,
                   (SELECT count(*) FROM inserted i WHERE i.kind = {(int)LoyaltyChangeKind.Tier} AND i.new_tier > i.old_tier)::integer AS upgrades,
                   (SELECT count(*) FROM inserted i WHERE i.kind = {(int)LoyaltyChangeKind.Tier} AND i.new_tier < i.old_tier)::integer AS downgrades,
                   (SELECT count(*) FROM loyalty_owners WHERE newly_held)::integer AS held,
                   ((SELECT count(*) FROM told) + (SELECT count(*) FROM officers))::integer AS notifications
            """).ToListAsync(cancellationToken)).Single();
        statements++;
        await AdvanceAsync(progress, runId, 5, cancellationToken);
        await AdvanceAsync(progress, runId, 6, cancellationToken);

        return new LoyaltyRunSummary(runId, counts.Customers, counts.CategoryChanges, counts.Upgrades,
            counts.Downgrades, counts.Held, statements, watch.Elapsed, Notifications: counts.Notifications);
    }

    /// <summary>A day's calendar month as one integer, year × 12 + month: months apart is a difference.</summary>
    internal static int MonthIndex(DateOnly day) => day.Year * 12 + day.Month;

    /// <summary>
    /// The zone's one UTC offset and the instant since which it has held, when by the zone's rules it holds from then
    /// until past <paramref name="until"/> (no daylight saving: China's stores); else null. Orders opened from then on
    /// are converted with <c>AT TIME ZONE</c> that offset, plain arithmetic, instead of the zone's name, which
    /// PostgreSQL looks up for every row: a quarter of statement (1)'s CPU at 1M (docs/performance.md). Older orders,
    /// and every order of a zone with daylight saving, still go through the name.
    /// </summary>
    internal static (TimeSpan Offset, DateTimeOffset Since)? FixedOffset(TimeZoneInfo zone, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var rules = zone.GetAdjustmentRules();
        var since = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (rules.Length > 0)
        {
            // A rule's end is a local day; two days after it, in UTC, is past it in every zone.
            var lastEnd = rules.Max(r => r.DateEnd);
            if (lastEnd >= until.UtcDateTime.Date.AddDays(-2))
            {
                return null;
            }

            since = new DateTimeOffset(DateTime.SpecifyKind(lastEnd.Date.AddDays(2), DateTimeKind.Utc));
        }

        var offset = zone.BaseUtcOffset;
        return zone.GetUtcOffset(since) == offset && zone.GetUtcOffset(until) == offset ? (offset, since) : null;
    }

    private sealed record RunCounts(int Customers, int CategoryChanges, int Upgrades, int Downgrades, int Held,
        int Notifications);
}

/// <summary>
/// What one recalculation did: its run, the customers it evaluated, category changes, tier upgrades and downgrades,
/// downgrades newly held by the 12-month rule, the SQL statements it sent and how long it took. <paramref name="AlreadyDone"/>:
/// it did nothing (another run held the lock, or the Admin's run had been superseded).
/// </summary>
public sealed record LoyaltyRunSummary(long RunId, int Customers, int CategoryChanges, int Upgrades, int Downgrades,
    int Held, int Statements, TimeSpan Elapsed, bool AlreadyDone = false, int Notifications = 0);
