using System.Diagnostics;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Pages.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Dormant customers (spec 5.1, 4.3, 4.7), daily at 02:00, one set-based statement per store, each its own
/// transaction: a run killed half-way keeps the stores it finished and the next run adds the rest (the unique key makes
/// a store done twice add nothing). One statement over the whole group at 1M customers ran past Npgsql's 30 s command
/// timeout on the first run (218,961 tasks, 115 s on a loaded machine), rolled back and was retried the same way by
/// Hangfire; a store at a time stays well inside it, and the job's statements get a job-sized timeout as well. A store's owner is dormant when they own
/// a car in use at the store that was theirs before the store's period (<see cref="CallbackSettings.DormantMonths"/>,
/// default 6: the car's delivery, first service or purchase date is before its start) and they had no service visit
/// (opened) at this store within the period; they are called if they are not blacklisted and have not refused
/// callbacks, and have no dormant callback open, nor one that fell due within the period (done, unreachable or missed:
/// "never a second" — scenario 4.3-3). The task is due the store's today; the key
/// <see cref="CallbackOccasions.Dormant"/> makes two servers running on the same day add one.
/// </summary>
public sealed class DormantCustomersJob(CrmDbContext db, TimeProvider time, ILogger<DormantCustomersJob> logger)
{
    public async Task<CallbackJobRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var calendars = await CallbackCalendars.LoadAsync(db, now, 0, 0, cancellationToken);
        if (calendars.StoreIds.Length == 0)
        {
            return Log(new CallbackJobRun(0, 0, 2, watch.Elapsed));
        }

        await CallbackAssignment.EnsureSettingsAsync(db, calendars.StoreIds, cancellationToken);
        var roster = await CallbackAssignment.LoadAsync(db, calendars.StoreIds, cancellationToken);
        var months = await db.CallbackSettings.AsNoTracking()
            .ToDictionaryAsync(s => s.StoreId, s => s.DormantMonths, cancellationToken);
        var cutoffs = calendars.Stores.Select((s, i) => calendars.Todays[i].AddMonths(-months[s.Id])).ToArray();
        var cutoffFrom = calendars.Stores.Select((s, i) => s.StartOfLocalDay(cutoffs[i])).ToArray();
        var keys = calendars.Todays.Select(CallbackOccasions.Dormant).ToArray();
        var dormant = (int)CallbackType.DormantCustomer;
        var open = (int)CallbackStatus.Open;

        db.Database.SetCommandTimeout(CallbackCalendars.JobCommandTimeout);
        var added = 0;
        for (var i = 0; i < calendars.StoreIds.Length; i++)
        {
            int[] storeIds = [calendars.StoreIds[i]];
            DateOnly[] todays = [calendars.Todays[i]];
            DateOnly[] storeCutoffs = [cutoffs[i]];
            DateTimeOffset[] storeCutoffFrom = [cutoffFrom[i]];
            string[] storeKeys = [keys[i]];
            var storeEarliest = cutoffFrom[i];
            var rows = await db.Database.SqlQuery<int>($"""
            WITH cal AS (
                SELECT * FROM unnest({storeIds}::integer[], {todays}::date[], {storeCutoffs}::date[],
                    {storeCutoffFrom}::timestamptz[], {storeKeys}::text[]) AS c(store_id, today, cutoff, cutoff_at, occasion_key)
            ), officers AS (
                SELECT * FROM unnest({roster.StoreIds}::integer[], {roster.OfficerIds}::bigint[], {roster.Positions}::integer[])
                    AS o(store_id, id, pos)
            ), counts AS (
                SELECT store_id, count(*)::integer AS n FROM officers GROUP BY store_id
            ), recent AS MATERIALIZED (
                -- Customers seen at the store within its period.
                SELECT DISTINCT sv.store_id, sv.customer_id
                FROM service_visits sv JOIN cal c ON c.store_id = sv.store_id
                WHERE sv.store_id = {storeIds[0]} AND sv.opened_at >= {storeEarliest} AND sv.opened_at >= c.cutoff_at
            ), owners AS (
                SELECT v.store_id, v.owner_customer_id AS customer_id, min(v.id) AS vehicle_id
                FROM vehicles v JOIN cal c ON c.store_id = v.store_id
                WHERE v.store_id = {storeIds[0]} AND v.status = {(int)VehicleStatus.InUse}
                  AND coalesce(v.delivery_date, v.first_service_date, v.purchase_date, (v.created_at AT TIME ZONE 'UTC')::date) < c.cutoff
                GROUP BY v.store_id, v.owner_customer_id
            ), fresh AS (
                SELECT o.store_id, o.customer_id, o.vehicle_id, c.today, c.occasion_key, cu.name,
                       coalesce(cu.preferred_contact_number, cu.mobile) AS number, cu.preferred_contact_time,
                       row_number() OVER (PARTITION BY o.store_id ORDER BY o.customer_id) AS rn
                FROM owners o
                JOIN cal c ON c.store_id = o.store_id
                JOIN customers cu ON cu.id = o.customer_id
                WHERE NOT cu.is_blacklisted AND NOT (NOT cu.callback_consent AND cu.callback_consent_changed_at IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM recent r WHERE r.customer_id = o.customer_id AND r.store_id = o.store_id)
                  AND NOT EXISTS (SELECT 1 FROM callback_tasks t
                                  WHERE t.customer_id = o.customer_id AND t.type = {dormant}
                                    AND (t.status = {open}
                                         OR (t.due_date >= c.cutoff AND t.status <> {(int)CallbackStatus.Cancelled})))
            ), inserted AS (
                INSERT INTO callback_tasks (store_id, type, customer_id, vehicle_id, occasion_key, due_date, contact_name,
                    contact_number, preferred_time, assigned_to_id, status, created_at)
                SELECT f.store_id, {dormant}, f.customer_id, f.vehicle_id, f.occasion_key, f.today, f.name, f.number,
                       f.preferred_contact_time,
                       (SELECT o.id FROM officers o JOIN counts k ON k.store_id = o.store_id
                        WHERE o.store_id = f.store_id AND o.pos = (coalesce(st.next_officer_index, 0) + f.rn - 1) % k.n),
                       {open}, {now}
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
            added += rows.Single();
        }

        return Log(new CallbackJobRun(added, 0, 4 + calendars.StoreIds.Length, watch.Elapsed));
    }

    private CallbackJobRun Log(CallbackJobRun run)
    {
        logger.LogInformation("Dormant customers: {Tasks} dormant callbacks added in {Statements} statements, {ElapsedMs} ms",
            run.Tasks, run.Statements, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }
}

/// <summary>What one run of a callback job did: tasks added (open), tasks added already combined into another call.</summary>
public sealed record CallbackJobRun(int Tasks, int Combined, int Statements, TimeSpan Elapsed);
