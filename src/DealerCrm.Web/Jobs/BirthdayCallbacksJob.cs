using System.Diagnostics;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Pages.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Birthday care (spec 5.1, 4.3), daily at 06:00: for the coming week (the store's today and the six days after it),
/// a task on the owner's birthday and on each car's delivery anniversary (车辆生日, from its first anniversary on), for
/// owners of a car in use who are not blacklisted and have not refused callbacks; once per occasion and year
/// (<see cref="CallbackOccasions.Birthday"/>, <see cref="CallbackOccasions.VehicleAnniversary"/>). A 29 February
/// falls on 28 February in a common year (<see cref="CallbackOccasions.AnniversaryIn"/>). The task is due on the day.
/// One call per customer within the store's contact gap (4.7: "a birthday call falls on a callback already due"): when
/// the customer has another open callback due within <see cref="CallbackSettings.ContactGapDays"/> of the occasion,
/// the greeting is added already combined into that call (as <see cref="CallbackTask.CombineInto"/>: status Combined,
/// pointing at it) instead of a second call. Two statements, each its own transaction: birthdays first, then
/// anniversaries, so an anniversary in the week of a birthday joins the birthday call.
/// </summary>
public sealed class BirthdayCallbacksJob(CrmDbContext db, TimeProvider time, ILogger<BirthdayCallbacksJob> logger)
{
    public const int DaysAhead = 7;

    public async Task<CallbackJobRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(CallbackCalendars.JobCommandTimeout);
        var now = time.GetUtcNow();
        var calendars = await CallbackCalendars.LoadAsync(db, now, 0, DaysAhead, cancellationToken);
        if (calendars.StoreIds.Length == 0)
        {
            return Log(new CallbackJobRun(0, 0, 2, watch.Elapsed));
        }

        await CallbackAssignment.EnsureSettingsAsync(db, calendars.StoreIds, cancellationToken);
        var roster = await CallbackAssignment.LoadAsync(db, calendars.StoreIds, cancellationToken);
        var gaps = await db.CallbackSettings.AsNoTracking()
            .ToDictionaryAsync(s => s.StoreId, s => s.ContactGapDays, cancellationToken);

        // Each store's week, and which birth dates fall on each of its days (29 Feb on 28 Feb of a common year).
        var week = calendars.Stores
            .SelectMany((s, i) => Enumerable.Range(0, DaysAhead).Select(d => (Store: s.Id, Day: calendars.Todays[i].AddDays(d))))
            .SelectMany(x => CallbackOccasions.AnniversariesOn(x.Day).Select(a => (x.Store, x.Day, a.Month, a.Day)))
            .ToList();
        var days = new WeekDays(week.Select(w => w.Store).ToArray(), week.Select(w => w.Item2).ToArray(),
            week.Select(w => w.Month).ToArray(), week.Select(w => w.Item4).ToArray(),
            week.Select(w => gaps[w.Store]).ToArray());

        var (birthdays, birthdaysCombined) = await BirthdaysAsync(days, roster, now, vehicles: false, cancellationToken);
        var (anniversaries, anniversariesCombined) = await BirthdaysAsync(days, roster, now, vehicles: true, cancellationToken);
        return Log(new CallbackJobRun(birthdays + anniversaries, birthdaysCombined + anniversariesCombined, 7,
            watch.Elapsed));
    }

    private async Task<(int Open, int Combined)> BirthdaysAsync(WeekDays days, OfficerRoster roster, DateTimeOffset now,
        bool vehicles, CancellationToken cancellationToken)
    {
        var birthday = (int)CallbackType.BirthdayCare;
        var open = (int)CallbackStatus.Open;
        var combined = (int)CallbackStatus.Combined;
        var inUse = (int)VehicleStatus.InUse;

        // The occasions of the week: the customer's birthday, or each car's delivery anniversary.
        var occasions = vehicles
            ? (FormattableString)$"""
                SELECT v.store_id, v.owner_customer_id AS customer_id, v.id AS vehicle_id, c.day, c.gap,
                       {CallbackOccasions.VehicleAnniversaryPrefix} || v.id || ':' || extract(year FROM c.day)::integer AS occasion_key
                FROM vehicles v
                JOIN cal c ON c.store_id = v.store_id AND extract(month FROM v.delivery_date)::integer = c.m
                         AND extract(day FROM v.delivery_date)::integer = c.d AND extract(year FROM v.delivery_date) < extract(year FROM c.day)
                WHERE v.status = {inUse} AND v.delivery_date IS NOT NULL
                """
            : $"""
                SELECT cu.store_id, cu.id AS customer_id,
                       (SELECT min(v.id) FROM vehicles v WHERE v.owner_customer_id = cu.id AND v.status = {inUse}) AS vehicle_id,
                       c.day, c.gap, {CallbackOccasions.BirthdayPrefix} || extract(year FROM c.day)::integer AS occasion_key
                FROM customers cu
                JOIN cal c ON c.store_id = cu.store_id AND extract(month FROM cu.birthday)::integer = c.m
                         AND extract(day FROM cu.birthday)::integer = c.d
                WHERE cu.birthday IS NOT NULL
                """;
        var sql = FormattableStringConcat($"""
            WITH cal AS (
                SELECT * FROM unnest({days.StoreIds}::integer[], {days.Days}::date[], {days.Months}::integer[],
                    {days.DaysOfMonth}::integer[], {days.Gaps}::integer[]) AS c(store_id, day, m, d, gap)
            ), officers AS (
                SELECT * FROM unnest({roster.StoreIds}::integer[], {roster.OfficerIds}::bigint[], {roster.Positions}::integer[])
                    AS o(store_id, id, pos)
            ), counts AS (
                SELECT store_id, count(*)::integer AS n FROM officers GROUP BY store_id
            ), occasions AS (
            """, occasions, $"""
            ), fresh AS (
                SELECT x.*, cu.name, coalesce(cu.preferred_contact_number, cu.mobile) AS number, cu.preferred_contact_time,
                       other.id AS combine_into, other.assigned_to_id AS other_officer
                FROM occasions x
                JOIN customers cu ON cu.id = x.customer_id
                LEFT JOIN LATERAL (
                    -- The customer's open call due nearest the occasion, within the contact gap (4.7); never a
                    -- complaint's follow-up call, which is outside the limit (CallbackQueries.IsHeldByContactLimit).
                    SELECT t.id, t.assigned_to_id FROM callback_tasks t
                    WHERE t.customer_id = x.customer_id AND t.status = {open} AND abs(t.due_date - x.day) < x.gap
                      AND t.type <> {(int)CallbackType.ComplaintFollowUp}
                    ORDER BY abs(t.due_date - x.day), t.id LIMIT 1
                ) other ON true
                WHERE x.vehicle_id IS NOT NULL
                  AND NOT cu.is_blacklisted AND NOT (NOT cu.callback_consent AND cu.callback_consent_changed_at IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM callback_tasks t
                                  WHERE t.customer_id = x.customer_id AND t.type = {birthday} AND t.occasion_key = x.occasion_key)
            ), numbered AS (
                SELECT f.*, row_number() OVER (PARTITION BY f.store_id, f.combine_into IS NULL ORDER BY f.customer_id, f.vehicle_id) AS rn
                FROM fresh f
            ), inserted AS (
                INSERT INTO callback_tasks (store_id, type, customer_id, vehicle_id, occasion_key, due_date, contact_name,
                    contact_number, preferred_time, assigned_to_id, status, combined_into_task_id, closed_at, created_at)
                SELECT f.store_id, {birthday}, f.customer_id, f.vehicle_id, f.occasion_key, f.day, f.name, f.number,
                       f.preferred_contact_time,
                       CASE WHEN f.combine_into IS NOT NULL THEN f.other_officer
                            ELSE (SELECT o.id FROM officers o JOIN counts k ON k.store_id = o.store_id
                                  WHERE o.store_id = f.store_id AND o.pos = (coalesce(st.next_officer_index, 0) + f.rn - 1) % k.n)
                       END,
                       CASE WHEN f.combine_into IS NULL THEN {open} ELSE {combined} END, f.combine_into,
                       CASE WHEN f.combine_into IS NULL THEN NULL ELSE {now} END, {now}
                FROM numbered f
                LEFT JOIN callback_settings st ON st.store_id = f.store_id
                ON CONFLICT DO NOTHING
                RETURNING store_id, status
            ), advanced AS (
                UPDATE callback_settings st SET next_officer_index = (st.next_officer_index + x.n) % k.n
                FROM (SELECT store_id, count(*)::integer AS n FROM inserted WHERE status = {open} GROUP BY store_id) x
                JOIN counts k ON k.store_id = x.store_id
                WHERE st.store_id = x.store_id
                RETURNING 1
            )
            SELECT (SELECT count(*)::integer FROM inserted WHERE status = {open}) AS open,
                   (SELECT count(*)::integer FROM inserted WHERE status = {combined}) AS combined
            """);
        var counts = (await db.Database.SqlQuery<BirthdayCounts>(sql).ToListAsync(cancellationToken)).Single();
        return (counts.Open, counts.Combined);
    }

    /// <summary>Joins interpolated SQL pieces into one, renumbering their parameters (each stays a parameter).</summary>
    private static FormattableString FormattableStringConcat(params FormattableString[] parts)
    {
        var format = new System.Text.StringBuilder();
        var arguments = new List<object?>();
        foreach (var part in parts)
        {
            var offset = arguments.Count;
            var renumbered = System.Text.RegularExpressions.Regex.Replace(part.Format, @"\{(\d+)(?=[}:,])",
                m => "{" + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + offset)
                    .ToString(System.Globalization.CultureInfo.InvariantCulture));
            format.Append(renumbered);
            arguments.AddRange(part.GetArguments());
        }

        return System.Runtime.CompilerServices.FormattableStringFactory.Create(format.ToString(), [.. arguments]);
    }

    private CallbackJobRun Log(CallbackJobRun run)
    {
        logger.LogInformation(
            "Birthdays: {Tasks} birthday-care callbacks added and {Combined} combined into a call already due, in {Statements} statements, {ElapsedMs} ms",
            run.Tasks, run.Combined, run.Statements, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }

    private sealed record BirthdayCounts(int Open, int Combined);

#pragma warning disable CA1819 // arrays are what Npgsql binds to SQL arrays
    private sealed record WeekDays(int[] StoreIds, DateOnly[] Days, int[] Months, int[] DaysOfMonth, int[] Gaps);
#pragma warning restore CA1819
}
