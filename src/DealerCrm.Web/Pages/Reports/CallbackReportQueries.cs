using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The monthly callback report's figures (spec 4.6, rates and definitions of 4.7, decisions in docs/decisions.md
/// "Issue 12 — monthly callback report"), computed in SQL over the records: seven statements per store and period,
/// each grouped by callback type so every type filter's figures come from one read (the page shows one, the freeze
/// keeps them all). Days are store-local: due dates are local dates already, timestamps are compared with the UTC
/// instants at which the store's local days begin. "Now" is a parameter, never read in SQL.
/// </summary>
public static class CallbackReportQueries
{
    /// <summary>The 3-day callbacks: the only ones whose satisfaction the report counts (4.7).</summary>
    public static readonly IReadOnlyList<CallbackType> ThreeDayTypes =
        [CallbackType.NewCarThreeDay, CallbackType.AfterSalesThreeDay];

    /// <summary>The limit types of 4.4 (the step types that carry a deadline), in timeline order.</summary>
    public static readonly IReadOnlyList<ComplaintStepType> LimitTypes =
    [
        ComplaintStepType.SubmittedToManagement, ComplaintStepType.ManagerCalled, ComplaintStepType.Escalated,
        ComplaintStepType.FirstContact, ComplaintStepType.Resolved, ComplaintStepType.ReHandled,
        ComplaintStepType.PortalUpdated, ComplaintStepType.ResultReported,
    ];

    public const int TopProblemCount = 10;

    /// <summary>A reached reminder's customer "came in" when a repair order of a reminded car was opened at the store
    /// within this long after the call (decisions.md, issue 14 — the reminder call).</summary>
    public static readonly TimeSpan CameInWithin = TimeSpan.FromDays(30);

    /// <summary>
    /// The callback types of the report's callback figures and type filter: every type but the service reminder,
    /// which the report counts separately (<see cref="ReminderFigures"/>) so the callbacks' figures stay as they were.
    /// </summary>
    public static readonly IReadOnlyList<CallbackType> ReportTypes =
        Enum.GetValues<CallbackType>().Where(t => t != CallbackType.ServiceReminder).ToArray();

    /// <summary>
    /// The statuses of a task that was due: every status but cancelled (closed without a call: consent withdrawn,
    /// blacklisted, car sold) and combined (the greeting given on another call). Missed tasks are due.
    /// </summary>
    public static readonly int[] DueStatuses =
    [
        (int)CallbackStatus.Open, (int)CallbackStatus.Reached, (int)CallbackStatus.Refused,
        (int)CallbackStatus.Unreachable, (int)CallbackStatus.Missed,
    ];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Whether "all types" counts a type: every type but birthday care (4.7) and the service reminders (counted
    /// on their own).</summary>
    public static bool InAllTypes(CallbackType type) =>
        type is not (CallbackType.BirthdayCare or CallbackType.ServiceReminder);

    /// <summary>
    /// A month's figures for every type filter, serialized as JSON: what a submission freezes. Public so the demo data
    /// can submit a month the way the service manager does.
    /// </summary>
    public static async Task<string> FreezeAsync(CrmDbContext db, Store store, int year, int month, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var period = ReportPeriod.Month(year, month);
        var data = await ReadAsync(db, store, period, now, cancellationToken);
        var figures = new Dictionary<string, CallbackReportFigures> { [FrozenCallbackReport.AllTypes] = data.For(null) };
        foreach (var type in ReportTypes)
        {
            figures[FrozenCallbackReport.KeyOf(type)] = data.For(type);
        }

        return JsonSerializer.Serialize(new FrozenCallbackReport(period, now.ToUniversalTime(), figures), Json);
    }

    /// <summary>Overload for callers that know only the store's id (the demo data).</summary>
    public static async Task<string> FreezeAsync(CrmDbContext db, int storeId, int year, int month, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == storeId, cancellationToken);
        return await FreezeAsync(db, store, year, month, now, cancellationToken);
    }

    public static FrozenCallbackReport Thaw(string json) =>
        JsonSerializer.Deserialize<FrozenCallbackReport>(json, Json)
        ?? throw new InvalidOperationException("A submission without figures.");

    /// <summary>The seven statements of one report: tasks, answers by question, "other problems" by category,
    /// grievances and complaints by category, limits, actions, and the store's category names.</summary>
    public static Task<ReportData> ReadAsync(CrmDbContext db, Store store, ReportPeriod period, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ReadAsync(db, [store], period, now, cancellationToken);
    }

    /// <summary>
    /// The same seven statements over several stores at once (the whole group's month, for Admins): every store's own
    /// local days (its period begins and ends at its own midnights), counts summed across the stores. Questions are
    /// per store; the group's report puts together questions asked in the same words (same type, kind and position),
    /// under the lowest id among them.
    /// </summary>
    public static async Task<ReportData> ReadAsync(CrmDbContext db, IReadOnlyList<Store> stores, ReportPeriod period,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(period);
        var storeIds = stores.Select(s => s.Id).ToArray();
        var previous = period.Previous;
        var fromDay = period.From;
        var toDay = period.EndExclusive;
        var previousFromDay = previous.From;
        var starts = stores.Select(s => s.StartOfLocalDay(fromDay)).ToArray();
        var ends = stores.Select(s => s.StartOfLocalDay(toDay)).ToArray();

        // The earliest and latest instants of the period over the stores' zones: a range the indexes can use, each row
        // then checked against its own store's instants.
        var from = starts.Min();
        var to = ends.Max();
        var due = DueStatuses;
        var missed = (int)CallbackStatus.Missed;
        var reached = (int)CallbackStatus.Reached;
        var reminder = (int)CallbackType.ServiceReminder;
        var cameInWithin = CameInWithin;

        // A task was attempted when it has an attempt and did not end missed (4.7: missed counts as not attempted).
        // Service reminders (issue 14) add their bookings and whether the customer came in: a repair order of a car the
        // call reminded about, opened at the store within 30 days after the reached call (its closing instant). The
        // CASE keeps that look-up to reached reminders; it reads service_reminders by task and service_visits by
        // (vehicle_id, opened_at), both indexed.
        var tasks = await db.Database.SqlQuery<TaskRow>($"""
            SELECT x.type AS type, count(*)::int AS due,
                   count(*) FILTER (WHERE x.tried AND x.status <> {missed})::int AS attempted,
                   count(*) FILTER (WHERE x.status = {reached})::int AS reached,
                   count(*) FILTER (WHERE x.status = {reached} AND x.overall_satisfaction = 1)::int AS level1,
                   count(*) FILTER (WHERE x.status = {reached} AND x.overall_satisfaction = 2)::int AS level2,
                   count(*) FILTER (WHERE x.status = {reached} AND x.overall_satisfaction = 3)::int AS level3,
                   count(*) FILTER (WHERE x.status = {reached} AND x.overall_satisfaction = 4)::int AS level4,
                   count(*) FILTER (WHERE x.status = {reached} AND x.overall_satisfaction = 5)::int AS level5,
                   count(*) FILTER (WHERE x.status = {reached} AND x.booked)::int AS booked,
                   count(*) FILTER (WHERE x.came_in)::int AS came_in
            FROM (
                SELECT t.type, t.status, t.overall_satisfaction,
                       EXISTS (SELECT 1 FROM callback_attempts a WHERE a.task_id = t.id) AS tried,
                       t.booked_for IS NOT NULL AS booked,
                       CASE WHEN t.type = {reminder} AND t.status = {reached} THEN EXISTS (
                           SELECT 1 FROM service_visits s
                           WHERE s.vehicle_id IN (SELECT r.vehicle_id FROM service_reminders r WHERE r.callback_task_id = t.id)
                             AND s.store_id = t.store_id
                             AND s.opened_at >= t.closed_at AND s.opened_at < t.closed_at + {cameInWithin}
                       ) ELSE false END AS came_in
                FROM callback_tasks t
                WHERE t.store_id = ANY({storeIds}) AND t.status = ANY({due})
                  AND t.due_date >= {fromDay} AND t.due_date < {toDay}
            ) x
            GROUP BY x.type
            """).ToListAsync(cancellationToken);

        // Every answer of the two periods' due tasks, by the question it belongs to (whatever wording was asked), with
        // the question's current wording.
        var questions = await db.Database.SqlQuery<QuestionRow>($"""
            WITH counts AS (
                SELECT t.type, v.question_id,
                       count(*) FILTER (WHERE t.due_date >= {fromDay} AND a.value = 0)::int AS yes,
                       count(*) FILTER (WHERE t.due_date >= {fromDay} AND a.value = 1)::int AS no,
                       count(*) FILTER (WHERE t.due_date >= {fromDay} AND a.value = 2)::int AS not_applicable,
                       count(*) FILTER (WHERE t.due_date < {fromDay} AND a.value = 0)::int AS previous_yes,
                       count(*) FILTER (WHERE t.due_date < {fromDay} AND a.value = 1)::int AS previous_no,
                       count(*) FILTER (WHERE t.due_date < {fromDay} AND a.value = 2)::int AS previous_not_applicable
                FROM callback_tasks t
                JOIN callback_answers a ON a.task_id = t.id
                JOIN callback_question_versions v ON v.id = a.question_version_id
                WHERE t.store_id = ANY({storeIds}) AND t.status = ANY({due})
                  AND t.due_date >= {previousFromDay} AND t.due_date < {toDay}
                GROUP BY t.type, v.question_id
            )
            SELECT c.type AS type, c.question_id AS question_id, q.kind AS kind, q.position AS position,
                   cv.text_en AS text_en, cv.text_zh AS text_zh, c.yes AS yes, c.no AS no,
                   c.not_applicable AS not_applicable, c.previous_yes AS previous_yes, c.previous_no AS previous_no,
                   c.previous_not_applicable AS previous_not_applicable
            FROM counts c
            JOIN callback_questions q ON q.id = c.question_id
            CROSS JOIN LATERAL (
                SELECT w.text_en, w.text_zh FROM callback_question_versions w
                WHERE w.question_id = q.id ORDER BY w.number DESC LIMIT 1
            ) cv
            """).ToListAsync(cancellationToken);

        var otherProblems = await db.Database.SqlQuery<CategoryRow>($"""
            SELECT t.type AS type, a.problem_category AS code, count(*)::int AS count
            FROM callback_tasks t
            JOIN callback_answers a ON a.task_id = t.id
            JOIN callback_question_versions v ON v.id = a.question_version_id
            JOIN callback_questions q ON q.id = v.question_id
            WHERE t.store_id = ANY({storeIds}) AND t.status = ANY({due})
              AND t.due_date >= {fromDay} AND t.due_date < {toDay}
              AND q.kind = {(int)QuestionKind.OtherProblems} AND a.value = {(int)AnswerValue.Yes}
              AND a.problem_category IS NOT NULL
            GROUP BY t.type, a.problem_category
            """).ToListAsync(cancellationToken);

        // Grievances: items that began on a callback, by when they came in; complaints: by when the complaint clock
        // started (a grievance raised to a complaint counts as a complaint of the month it was raised). The top
        // problems count each item once, by when it came in.
        var items = await db.Database.SqlQuery<ItemRow>($"""
            SELECT c.category_code AS code,
                   count(*) FILTER (WHERE c.source = {(int)ComplaintSource.Callback}
                       AND c.received_at >= p.p_from AND c.received_at < p.p_to)::int AS grievances,
                   count(*) FILTER (WHERE c.complaint_received_at >= p.p_from AND c.complaint_received_at < p.p_to)::int AS complaints,
                   count(*) FILTER (WHERE c.received_at >= p.p_from AND c.received_at < p.p_to)::int AS received
            FROM complaints c
            JOIN unnest({storeIds}::integer[], {starts}::timestamptz[], {ends}::timestamptz[]) AS p(store_id, p_from, p_to)
                ON p.store_id = c.store_id
            WHERE c.store_id = ANY({storeIds})
              AND ((c.received_at >= {from} AND c.received_at < {to})
                OR (c.complaint_received_at >= {from} AND c.complaint_received_at < {to}))
            GROUP BY c.category_code
            """).ToListAsync(cancellationToken);

        // A limit fell in the period when its deadline is in it and it was done, or its deadline has passed by now;
        // met when done by its deadline. Superseded steps (a grievance's, once raised to a complaint) do not count.
        var limits = await db.Database.SqlQuery<LimitRow>($"""
            SELECT s.type AS step, count(*)::int AS fell, count(*) FILTER (WHERE s.done_at <= s.deadline)::int AS met
            FROM complaint_steps s
            JOIN complaints c ON c.id = s.complaint_id
            JOIN unnest({storeIds}::integer[], {starts}::timestamptz[], {ends}::timestamptz[]) AS p(store_id, p_from, p_to)
                ON p.store_id = c.store_id
            WHERE c.store_id = ANY({storeIds}) AND s.deadline IS NOT NULL AND NOT s.superseded
              AND s.deadline >= p.p_from AND s.deadline < p.p_to
              AND (s.done_at IS NOT NULL OR s.deadline <= {now})
            GROUP BY s.type
            """).ToListAsync(cancellationToken);

        var actions = await db.Database.SqlQuery<ActionRow>($"""
            SELECT a.kind AS kind,
                   count(*) FILTER (WHERE a.opened_at >= p.p_from AND a.opened_at < p.p_to)::int AS opened,
                   count(*) FILTER (WHERE a.closed_at >= p.p_from AND a.closed_at < p.p_to)::int AS closed
            FROM corrective_actions a
            JOIN unnest({storeIds}::integer[], {starts}::timestamptz[], {ends}::timestamptz[]) AS p(store_id, p_from, p_to)
                ON p.store_id = a.store_id
            WHERE a.store_id = ANY({storeIds})
              AND ((a.opened_at >= {from} AND a.opened_at < {to}) OR (a.closed_at >= {from} AND a.closed_at < {to}))
            GROUP BY a.kind
            """).ToListAsync(cancellationToken);

        var categories = await db.ComplaintCategories.AsNoTracking()
            .Where(c => storeIds.Contains(c.StoreId) && c.NameEn != null)
            .OrderBy(c => c.StoreId)
            .Select(c => new { c.Code, c.NameEn, c.NameZh })
            .ToListAsync(cancellationToken);
        if (storeIds.Length > 1)
        {
            questions = questions
                .GroupBy(q => (q.Type, q.Kind, q.Position, q.TextEn, q.TextZh))
                .Select(g => g.First() with
                {
                    QuestionId = g.Min(q => q.QuestionId),
                    Yes = g.Sum(q => q.Yes),
                    No = g.Sum(q => q.No),
                    NotApplicable = g.Sum(q => q.NotApplicable),
                    PreviousYes = g.Sum(q => q.PreviousYes),
                    PreviousNo = g.Sum(q => q.PreviousNo),
                    PreviousNotApplicable = g.Sum(q => q.PreviousNotApplicable),
                })
                .ToList();
        }

        // A custom code's name: its store's; across stores, the first store's that has it.
        var names = new Dictionary<string, (string? NameEn, string? NameZh)>(StringComparer.Ordinal);
        foreach (var c in categories)
        {
            names.TryAdd(c.Code, (c.NameEn, c.NameZh));
        }

        return new ReportData(period, previous, tasks, questions, otherProblems, items, limits, actions, names);
    }

    public sealed record TaskRow(CallbackType Type, int Due, int Attempted, int Reached, int Level1, int Level2,
        int Level3, int Level4, int Level5, int Booked, int CameIn);

    public sealed record QuestionRow(CallbackType Type, long QuestionId, QuestionKind Kind, int Position, string TextEn,
        string TextZh, int Yes, int No, int NotApplicable, int PreviousYes, int PreviousNo, int PreviousNotApplicable);

    public sealed record CategoryRow(CallbackType Type, string Code, int Count);

    public sealed record ItemRow(string Code, int Grievances, int Complaints, int Received);

    public sealed record LimitRow(ComplaintStepType Step, int Fell, int Met);

    public sealed record ActionRow(ActionKind Kind, int Opened, int Closed);

    /// <summary>What the statements read, from which each type filter's figures are made.</summary>
    public sealed record ReportData(
        ReportPeriod Period,
        ReportPeriod Previous,
        IReadOnlyList<TaskRow> Tasks,
        IReadOnlyList<QuestionRow> Questions,
        IReadOnlyList<CategoryRow> OtherProblems,
        IReadOnlyList<ItemRow> Items,
        IReadOnlyList<LimitRow> Limits,
        IReadOnlyList<ActionRow> Actions,
        IReadOnlyDictionary<string, (string? NameEn, string? NameZh)> CustomCategories)
    {
        /// <summary>The figures of one type filter: that type, or (null) all types but birthday care.</summary>
        public CallbackReportFigures For(CallbackType? type)
        {
            bool Included(CallbackType t) => type is { } only ? t == only : InAllTypes(t);

            var byType = (type is { } one ? [one] : ReportTypes)
                .Select(t => Tasks.FirstOrDefault(r => r.Type == t) is { } r
                    ? new TypeCounts(t, r.Due, r.Attempted, r.Reached, [r.Level1, r.Level2, r.Level3, r.Level4, r.Level5])
                    : new TypeCounts(t, 0, 0, 0, [0, 0, 0, 0, 0]))
                .ToList();
            var counted = byType.Where(r => Included(r.Type)).ToList();
            var total = new TaskCounts(counted.Sum(r => r.Due), counted.Sum(r => r.Attempted), counted.Sum(r => r.Reached));
            var threeDay = counted.Where(r => ThreeDayTypes.Contains(r.Type)).ToList();
            var satisfaction = Enum.GetValues<Satisfaction>().OrderByDescending(l => (int)l)
                .Select(l => new LevelCount(l, threeDay.Sum(r => r.Levels[(int)l - 1])))
                .ToList();

            var questions = Questions.Where(q => Included(q.Type))
                .GroupBy(q => q.QuestionId)
                .Select(g => new QuestionFigures(g.Key, g.First().Type, g.First().Kind, g.First().Position,
                    g.First().TextEn, g.First().TextZh, g.Sum(q => q.Yes), g.Sum(q => q.No), g.Sum(q => q.NotApplicable),
                    g.Sum(q => q.PreviousYes), g.Sum(q => q.PreviousNo), g.Sum(q => q.PreviousNotApplicable)))
                .OrderBy(q => q.Type).ThenBy(q => q.Position).ThenBy(q => q.QuestionId)
                .ToList();

            var problems = new List<ProblemFigures>();
            problems.AddRange(questions.Where(q => q.Kind == QuestionKind.YesNo && q.No > 0)
                .Select(q => new ProblemFigures("q:" + q.QuestionId.ToString(CultureInfo.InvariantCulture),
                    q.QuestionId, null, q.TextEn, q.TextZh, q.No, 0, 0)));
            var others = OtherProblems.Where(o => Included(o.Type)).GroupBy(o => o.Code, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(o => o.Count), StringComparer.Ordinal);
            var received = Items.Where(i => i.Received > 0).ToDictionary(i => i.Code, i => i.Received, StringComparer.Ordinal);
            foreach (var code in others.Keys.Union(received.Keys, StringComparer.Ordinal))
            {
                var names = CustomCategories.GetValueOrDefault(code);
                problems.Add(new ProblemFigures("c:" + code, null, code, names.NameEn, names.NameZh,
                    0, others.GetValueOrDefault(code), received.GetValueOrDefault(code)));
            }

            // Ties: questions first (by their id), then categories by code — the same order in both languages.
            var top = problems.OrderByDescending(p => p.Total).ThenBy(p => p.QuestionId is null).ThenBy(p => p.QuestionId)
                .ThenBy(p => p.CategoryCode, StringComparer.Ordinal)
                .Take(TopProblemCount).ToList();
            var limits = LimitTypes.Select(s => Limits.FirstOrDefault(l => l.Step == s) is { } l
                    ? new LimitFigures(s, l.Fell, l.Met)
                    : new LimitFigures(s, 0, 0))
                .ToList();
            var actions = Enum.GetValues<ActionKind>().Select(k => Actions.FirstOrDefault(a => a.Kind == k) is { } a
                    ? new ActionFigures(k, a.Opened, a.Closed)
                    : new ActionFigures(k, 0, 0))
                .ToList();
            var reminders = Tasks.FirstOrDefault(r => r.Type == CallbackType.ServiceReminder) is { } m
                ? new ReminderFigures(m.Due, m.Attempted, m.Reached, m.Booked, m.CameIn)
                : new ReminderFigures(0, 0, 0, 0, 0);
            return new CallbackReportFigures(type, Period, Previous, byType, total, satisfaction, questions, top,
                Items.Sum(i => i.Grievances), Items.Sum(i => i.Complaints), limits, actions, reminders);
        }
    }
}
