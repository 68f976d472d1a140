using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>The daily sales report's columns (spec 6.1), in the order the table shows them.</summary>
public enum DailyMetric
{
    WalkIns = 0,
    Calls = 1,
    FirstVisits = 2,
    ReturnVisits = 3,
    Cards = 4,
    FollowUps = 5,
    PlansDue = 6,
    OverdueAtDayEnd = 7,
    TestDrives = 8,
    Orders = 9,
    Deliveries = 10,
    DefeatRequests = 11,
    DefeatApprovals = 12,
    OpenH = 13,
    OpenA = 14,
    OpenB = 15,
    OpenC = 16,
    OpenO = 17,
}

/// <summary>One consultant's figures (null consultant: traffic received by nobody), indexed by <see cref="DailyMetric"/>.</summary>
public sealed record DailyConsultantFigures(long? ConsultantId, string Name, IReadOnlyList<int> Values)
{
    public int this[DailyMetric metric] => Values[(int)metric];
}

/// <summary>The daily report's figures: a row per consultant, the total, the instant "at day end" was read at, the
/// store's target for the month (month view only).</summary>
public sealed record DailyReportFigures(
    IReadOnlyList<DailyConsultantFigures> Consultants,
    DailyConsultantFigures Total,
    DateTimeOffset DayEndAt,
    bool DayEndIsNow,
    StoreTarget? Target);

/// <summary>
/// The daily sales report's SQL (营业日报表, spec 6.1; decisions "Issue 15 — daily sales report"). One statement reads
/// the store's period only, through its store + date indexes: flows over the period (a month view sums the days) and the
/// "at day end" figures as the leads stood at the end of the period's last day — or now, for a period not over yet — so
/// a lead changed since does not change a past day: a lead with history after that instant is rebuilt from its typed
/// history (<c>lead_events</c>), every other lead is read as it is (nothing about it has changed since).
/// </summary>
public static class DailyReportQueries
{
    public static readonly int MetricCount = Enum.GetValues<DailyMetric>().Length;

    /// <summary>History kinds that name the lead's owner after them (<c>to_owner_id</c>); a duplicate claim's
    /// requester is not an owner.</summary>
    private static readonly int[] OwnerKinds =
        [(int)LeadEventKind.Created, (int)LeadEventKind.OwnerChanged, (int)LeadEventKind.Rescued];

    /// <summary>History kinds that name the lead's status after them.</summary>
    private static readonly int[] StatusKinds = [(int)LeadEventKind.Created, (int)LeadEventKind.StatusChanged];

    public sealed record MetricRow(long? ConsultantId, int Metric, int N);

    public static Task<DailyReportFigures> ReadAsync(CrmDbContext db, Store store, ReportPeriod period,
        IReadOnlyList<(long Id, string Name)> consultants, long? onlyConsultant, DateTimeOffset now,
        CancellationToken cancellationToken = default) =>
        ReadAsync(db, store, period, consultants, onlyConsultant, now, false, cancellationToken);

    /// <summary>
    /// As above; with <paramref name="rebuildFromHistory"/> every figure that depends on who owned a lead when, or on how
    /// it stood at the day's end, is rebuilt from the leads' history alone (slow; the definition the fast path must
    /// equal): the equivalence test reads both ways and compares.
    /// </summary>
    public static async Task<DailyReportFigures> ReadAsync(CrmDbContext db, Store store, ReportPeriod period,
        IReadOnlyList<(long Id, string Name)> consultants, long? onlyConsultant, DateTimeOffset now,
        bool rebuildFromHistory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(consultants);
        var start = store.StartOfLocalDay(period.From);
        var end = store.StartOfLocalDay(period.EndExclusive);
        var dayEndIsNow = now < end;
        var dayEnd = dayEndIsNow ? now : end;

        // 逾期 as the one rule says (LeadRules.OverdueRule), on the store's day at that instant: at a past day's end
        // that is the next day, so a plan due that day and not done counts; for the running day, today.
        var overdueToday = store.LocalDate(dayEnd);
        // Planned for this store and instant, without JIT (PlanPerValue.PlanReportAsync).
        List<MetricRow> rows;
        await using (await db.PlanReportAsync(cancellationToken))
        {
            rows = await ReadRowsAsync(db, store, period, start, end, dayEnd, rebuildFromHistory, overdueToday,
                cancellationToken);
        }

        var byConsultant = new Dictionary<long, int[]>();
        int[]? unassigned = null;
        foreach (var row in rows)
        {
            int[] values;
            if (row.ConsultantId is { } id)
            {
                if (!byConsultant.TryGetValue(id, out values!))
                {
                    byConsultant[id] = values = new int[MetricCount];
                }
            }
            else
            {
                values = unassigned ??= new int[MetricCount];
            }

            values[row.Metric] += row.N;
        }

        // Every active consultant has a row (zeros say something on a daily report); others with figures too.
        var names = consultants.ToDictionary(c => c.Id, c => c.Name);
        var others = byConsultant.Keys.Where(k => !names.ContainsKey(k)).ToArray();
        if (others.Length > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => others.Contains(u.Id))
                         .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
            {
                names[u.Id] = u.DisplayName;
            }
        }

        var list = names
            .Where(n => onlyConsultant is null || n.Key == onlyConsultant)
            .Select(n => new DailyConsultantFigures(n.Key, n.Value,
                byConsultant.GetValueOrDefault(n.Key) ?? new int[MetricCount]))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.ConsultantId)
            .ToList();
        if (unassigned is not null && onlyConsultant is null)
        {
            list.Add(new DailyConsultantFigures(null, string.Empty, unassigned));
        }

        var total = new int[MetricCount];
        foreach (var c in list)
        {
            for (var i = 0; i < MetricCount; i++)
            {
                total[i] += c.Values[i];
            }
        }

        StoreTarget? target = null;
        if (period.IsMonth)
        {
            var month = period.From;
            target = await db.StoreTargets.AsNoTracking()
                .SingleOrDefaultAsync(t => t.StoreId == store.Id && t.Month == month, cancellationToken);
        }

        return new DailyReportFigures(list, new DailyConsultantFigures(null, string.Empty, total), dayEnd, dayEndIsNow,
            target);
    }

    private static Task<List<MetricRow>> ReadRowsAsync(CrmDbContext db, Store store, ReportPeriod period,
        DateTimeOffset start, DateTimeOffset end, DateTimeOffset dayEnd, bool rebuild, DateOnly overdueToday,
        CancellationToken cancellationToken)
    {
        var storeId = store.Id;
        var zone = store.TimeZoneId;
        var fromDay = period.From;
        var toDay = period.To;

        // A follow-up is written on or after the day it happened (a contact time can be at most minutes ahead): its
        // business date bounds the index read; the day it counts on is the contact's.
        var recordedFrom = period.From.AddDays(-1);
        var changedSince = rebuild ? DateTimeOffset.UnixEpoch : dayEnd;
        var ownerChanged = (int)LeadEventKind.OwnerChanged;
        int walkIn = (int)TrafficKind.WalkIn, call = (int)TrafficKind.PhoneCall;
        int created = (int)LeadEventKind.Created, planned = (int)LeadEventKind.PlanScheduled;
        var testDrive = (int)FollowUpResult.TestDriveDone;
        var approved = (int)DefeatDecision.Approved;
        var open = LeadRules.OpenStatusValues;
        var followed = LeadRules.FollowedStatusValues;
        var ownerKinds = OwnerKinds;
        var statusKinds = StatusKinds;
        int h = (int)Grade.H, a = (int)Grade.A, b = (int)Grade.B, c = (int)Grade.C, o = (int)Grade.O;
        return db.Database.SqlQuery<MetricRow>($"""
            WITH traffic AS (
                SELECT t.consultant_id,
                       count(*) FILTER (WHERE t.kind = {walkIn})::int AS walk_ins,
                       count(*) FILTER (WHERE t.kind = {call})::int AS calls,
                       count(*) FILTER (WHERE t.kind = {walkIn} AND NOT t.is_return_visit)::int AS first_visits,
                       count(*) FILTER (WHERE t.kind = {walkIn} AND t.is_return_visit)::int AS return_visits
                FROM traffic_entries t
                WHERE t.store_id = {storeId} AND t.business_date >= {fromDay} AND t.business_date <= {toDay}
                  AND NOT t.is_voided
                GROUP BY t.consultant_id
            ), owner_changes AS MATERIALIZED (
                -- The leads' changes of owner since the period began (their own partial index on time): the owner at an
                -- instant of the period is the one the lead's first change after it took the lead from, or the owner now
                -- when none came after (every change of owner writes one, from and to). Each change closes the stretch
                -- that began at the change before it.
                SELECT e.lead_id, e.from_owner_id, e.at AS until_at,
                       lag(e.at) OVER (PARTITION BY e.lead_id ORDER BY e.at, e.id) AS since_at
                FROM lead_events e
                WHERE e.kind = {ownerChanged} AND e.at >= {start}
            ), cards AS (
                -- The owner the card was made for: at its creation, the Created event included.
                SELECT CASE WHEN {rebuild} THEN
                           (SELECT e.to_owner_id FROM lead_events e
                            WHERE e.lead_id = l.id AND e.kind = {created} ORDER BY e.at, e.id LIMIT 1)
                       ELSE coalesce(oc.from_owner_id, l.owner_id) END AS consultant_id,
                       count(*)::int AS n
                FROM leads l
                LEFT JOIN owner_changes oc ON oc.lead_id = l.id AND l.created_at < oc.until_at
                    AND (oc.since_at IS NULL OR l.created_at >= oc.since_at)
                WHERE l.store_id = {storeId} AND l.created_at >= {start} AND l.created_at < {end}
                GROUP BY 1
            ), records AS (
                SELECT r.author_id AS consultant_id, count(*)::int AS follow_ups,
                       count(*) FILTER (WHERE r.result = {testDrive})::int AS test_drives
                FROM follow_up_records r
                WHERE r.store_id = {storeId} AND r.business_date >= {recordedFrom}
                  AND r.contacted_at >= {start} AND r.contacted_at < {end}
                GROUP BY r.author_id
            ), due AS (
                -- The owner at the end of the plan's due day (changes before that instant).
                SELECT CASE WHEN {rebuild} THEN
                           (SELECT e.to_owner_id FROM lead_events e
                            WHERE e.lead_id = p.lead_id AND e.kind = ANY({ownerKinds}) AND e.at < x.day_end
                            ORDER BY e.at DESC, e.id DESC LIMIT 1)
                       ELSE coalesce(oc.from_owner_id, l.owner_id) END AS consultant_id,
                       count(*)::int AS n
                FROM follow_up_plans p
                JOIN leads l ON l.id = p.lead_id AND l.store_id = {storeId}
                CROSS JOIN LATERAL (SELECT ((p.due_date + 1)::timestamp AT TIME ZONE {zone}) AS day_end) x
                LEFT JOIN owner_changes oc ON oc.lead_id = p.lead_id AND x.day_end <= oc.until_at
                    AND (oc.since_at IS NULL OR x.day_end > oc.since_at)
                WHERE p.store_id = {storeId} AND p.due_date >= {fromDay} AND p.due_date <= {toDay}
                  AND (p.closed_at IS NULL OR p.closed_at >= (p.due_date::timestamp AT TIME ZONE {zone}))
                GROUP BY 1
            ), placed AS (
                -- The owner when the order was recorded (changes up to that instant). An order recorded before the
                -- period began (not expected: the order day is at most the day it is written) is looked up in its history.
                SELECT CASE WHEN {rebuild} OR o.created_at < {start} THEN
                           (SELECT e.to_owner_id FROM lead_events e
                            WHERE e.lead_id = o.lead_id AND e.kind = ANY({ownerKinds}) AND e.at <= o.created_at
                            ORDER BY e.at DESC, e.id DESC LIMIT 1)
                       ELSE coalesce(oc.from_owner_id, l.owner_id) END AS consultant_id,
                       count(*)::int AS n
                FROM orders o
                JOIN leads l ON l.id = o.lead_id AND l.store_id = {storeId}
                LEFT JOIN owner_changes oc ON oc.lead_id = o.lead_id AND o.created_at < oc.until_at
                    AND (oc.since_at IS NULL OR o.created_at >= oc.since_at)
                WHERE o.store_id = {storeId} AND o.order_date >= {fromDay} AND o.order_date <= {toDay}
                GROUP BY 1
            ), handed AS (
                SELECT CASE WHEN {rebuild} OR d.created_at < {start} THEN
                           (SELECT e.to_owner_id FROM lead_events e
                            WHERE e.lead_id = d.lead_id AND e.kind = ANY({ownerKinds}) AND e.at <= d.created_at
                            ORDER BY e.at DESC, e.id DESC LIMIT 1)
                       ELSE coalesce(oc.from_owner_id, l.owner_id) END AS consultant_id,
                       count(*)::int AS n
                FROM deliveries d
                JOIN leads l ON l.id = d.lead_id AND l.store_id = {storeId}
                LEFT JOIN owner_changes oc ON oc.lead_id = d.lead_id AND d.created_at < oc.until_at
                    AND (oc.since_at IS NULL OR d.created_at >= oc.since_at)
                WHERE d.store_id = {storeId} AND d.delivered_at >= {start} AND d.delivered_at < {end}
                GROUP BY 1
            ), defeats AS (
                SELECT q.requested_by_id AS consultant_id,
                       count(*) FILTER (WHERE q.created_at >= {start})::int AS requests,
                       count(*) FILTER (WHERE q.decision = {approved} AND q.decided_at >= {start}
                           AND q.decided_at < {end})::int AS approvals
                FROM defeat_requests q
                WHERE q.store_id = {storeId} AND q.created_at < {end}
                  AND (q.created_at >= {start} OR (q.decision = {approved} AND q.decided_at >= {start}))
                GROUP BY q.requested_by_id
            ), changed AS MATERIALIZED (
                -- Leads with history after the day's end (any lead of the group; joined to the store's below). Every
                -- change of a lead's owner, grade, status or plan writes an event at its time, so a lead with none since
                -- stands now as it stood then and is read as it is; only these are rebuilt from their history. Read off
                -- lead_events' time index: for a recent day's end (and for now) a few rows.
                SELECT DISTINCT e.lead_id AS id FROM lead_events e WHERE e.at >= {changedSince}
            ), state AS MATERIALIZED (
                SELECT l.owner_id AS consultant_id, l.grade AS grade, l.status AS status,
                       l.next_follow_up_date AS plan_date
                FROM leads l
                WHERE l.store_id = {storeId} AND l.created_at < {dayEnd} AND l.status = ANY({open})
                  AND NOT EXISTS (SELECT 1 FROM changed x WHERE x.id = l.id)
                UNION ALL
                SELECT
                    (SELECT e.to_owner_id FROM lead_events e
                     WHERE e.lead_id = l.id AND e.kind = ANY({ownerKinds}) AND e.at < {dayEnd}
                     ORDER BY e.at DESC, e.id DESC LIMIT 1),
                    (SELECT e.to_grade FROM lead_events e
                     WHERE e.lead_id = l.id AND e.to_grade IS NOT NULL AND e.at < {dayEnd}
                     ORDER BY e.at DESC, e.id DESC LIMIT 1),
                    (SELECT e.to_status FROM lead_events e
                     WHERE e.lead_id = l.id AND e.kind = ANY({statusKinds}) AND e.at < {dayEnd}
                     ORDER BY e.at DESC, e.id DESC LIMIT 1),
                    (SELECT e.plan_date FROM lead_events e
                     WHERE e.lead_id = l.id AND e.kind = {planned} AND e.at < {dayEnd}
                     ORDER BY e.at DESC, e.id DESC LIMIT 1)
                FROM leads l JOIN changed x ON x.id = l.id
                WHERE l.store_id = {storeId} AND l.created_at < {dayEnd}
            ), day_end AS (
                SELECT s.consultant_id,
                       count(*) FILTER (WHERE s.status = ANY({followed}) AND s.plan_date < {overdueToday})::int AS overdue,
                       count(*) FILTER (WHERE s.grade = {h})::int AS open_h,
                       count(*) FILTER (WHERE s.grade = {a})::int AS open_a,
                       count(*) FILTER (WHERE s.grade = {b})::int AS open_b,
                       count(*) FILTER (WHERE s.grade = {c})::int AS open_c,
                       count(*) FILTER (WHERE s.grade = {o})::int AS open_o
                FROM state s
                WHERE s.status = ANY({open})
                GROUP BY s.consultant_id
            )
            SELECT x.consultant_id AS consultant_id, v.metric AS metric, v.n AS n
            FROM traffic x CROSS JOIN LATERAL (VALUES ({(int)DailyMetric.WalkIns}, x.walk_ins), ({(int)DailyMetric.Calls}, x.calls),
                ({(int)DailyMetric.FirstVisits}, x.first_visits), ({(int)DailyMetric.ReturnVisits}, x.return_visits)) v(metric, n)
            UNION ALL SELECT consultant_id, {(int)DailyMetric.Cards}, n FROM cards
            UNION ALL
            SELECT x.consultant_id, v.metric, v.n
            FROM records x CROSS JOIN LATERAL (VALUES ({(int)DailyMetric.FollowUps}, x.follow_ups),
                ({(int)DailyMetric.TestDrives}, x.test_drives)) v(metric, n)
            UNION ALL SELECT consultant_id, {(int)DailyMetric.PlansDue}, n FROM due
            UNION ALL SELECT consultant_id, {(int)DailyMetric.Orders}, n FROM placed
            UNION ALL SELECT consultant_id, {(int)DailyMetric.Deliveries}, n FROM handed
            UNION ALL
            SELECT x.consultant_id, v.metric, v.n
            FROM defeats x CROSS JOIN LATERAL (VALUES ({(int)DailyMetric.DefeatRequests}, x.requests),
                ({(int)DailyMetric.DefeatApprovals}, x.approvals)) v(metric, n)
            UNION ALL
            SELECT x.consultant_id, v.metric, v.n
            FROM day_end x CROSS JOIN LATERAL (VALUES ({(int)DailyMetric.OverdueAtDayEnd}, x.overdue),
                ({(int)DailyMetric.OpenH}, x.open_h), ({(int)DailyMetric.OpenA}, x.open_a), ({(int)DailyMetric.OpenB}, x.open_b),
                ({(int)DailyMetric.OpenC}, x.open_c), ({(int)DailyMetric.OpenO}, x.open_o)) v(metric, n)
            """).ToListAsync(cancellationToken);
    }
}
