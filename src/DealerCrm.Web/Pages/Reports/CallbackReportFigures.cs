using System.Globalization;
using System.Text.Json.Serialization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// A report period: a whole month (the monthly report) or any range of store-local days (the weekly report, 回访周报).
/// <see cref="To"/> is the last day, inclusive. Its previous period is the month before, or the range of the same
/// length that ends the day before.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, bool IsMonth)
{
    /// <summary>The longest range a report reads (a year and a day, so a leap year's whole year fits).</summary>
    public const int MaxDays = 366;

    [JsonIgnore]
    public DateOnly EndExclusive => To.AddDays(1);

    [JsonIgnore]
    public int Days => To.DayNumber - From.DayNumber + 1;

    [JsonIgnore]
    public ReportPeriod Previous => IsMonth
        ? Month(From.AddMonths(-1).Year, From.AddMonths(-1).Month)
        : new ReportPeriod(From.AddDays(-Days), From.AddDays(-1), false);

    public static ReportPeriod Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new ReportPeriod(first, first.AddMonths(1).AddDays(-1), true);
    }

    /// <summary>"2026-11" for a month, "2026-11-02 – 2026-11-08" for a range.</summary>
    public override string ToString() => IsMonth
        ? From.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} – {To:yyyy-MM-dd}");
}

/// <summary>Due, attempted and reached callbacks of one type (or a total) in the period.</summary>
public sealed record TaskCounts(int Due, int Attempted, int Reached);

/// <summary>One callback type's counts; <see cref="Levels"/> are its reached tasks' satisfaction counts, level 1 to 5.</summary>
public sealed record TypeCounts(CallbackType Type, int Due, int Attempted, int Reached, IReadOnlyList<int> Levels);

public sealed record LevelCount(Satisfaction Level, int Count);

/// <summary>
/// A question's answers in the period and the previous period, by its stable identity (every wording of it counts);
/// the text is its current wording when the figures were made.
/// </summary>
public sealed record QuestionFigures(long QuestionId, CallbackType Type, QuestionKind Kind, int Position, string TextEn,
    string TextZh, int Yes, int No, int NotApplicable, int PreviousYes, int PreviousNo, int PreviousNotApplicable)
{
    public string TextFor(string cultureName) =>
        cultureName.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? TextZh : TextEn;
}

/// <summary>
/// One problem of the top-10 list: a question's "no" answers (<see cref="QuestionId"/> set), or a category's
/// "other problems" answers together with the grievances and complaints of that category. A custom category carries
/// its names; a default one is named by the resources.
/// </summary>
public sealed record ProblemFigures(string Key, long? QuestionId, string? CategoryCode, string? TextEn, string? TextZh,
    int NoAnswers, int OtherProblems, int Items)
{
    [JsonIgnore]
    public int Total => NoAnswers + OtherProblems + Items;
}

/// <summary>A limit type of 4.4: the limits that fell in the period and those met.</summary>
public sealed record LimitFigures(ComplaintStepType Step, int Fell, int Met);

public sealed record ActionFigures(ActionKind Kind, int Opened, int Closed);

/// <summary>
/// The service reminder calls of the period (issue 14), apart from the callbacks: made (due in the period, not
/// cancelled), attempted, reached, booked (reached with a booking) and came in (reached, and a repair order of a reminded
/// car opened at the store within <see cref="CallbackReportQueries.CameInWithin"/> after the call).
/// </summary>
public sealed record ReminderFigures(int Made, int Attempted, int Reached, int Booked, int CameIn);

/// <summary>
/// Every figure of the monthly callback report (spec 4.6, rates of 4.7) for one store, period and callback type (null:
/// all types, which leave out birthday care). Counts only: every rate is computed from them where it is shown. This
/// record is what a submitted month freezes (as JSON).
/// </summary>
public sealed record CallbackReportFigures(
    CallbackType? Type,
    ReportPeriod Period,
    ReportPeriod PreviousPeriod,
    IReadOnlyList<TypeCounts> ByType,
    TaskCounts Total,
    IReadOnlyList<LevelCount> Satisfaction,
    IReadOnlyList<QuestionFigures> Questions,
    IReadOnlyList<ProblemFigures> TopProblems,
    int GrievancesRaised,
    int ComplaintsRaised,
    IReadOnlyList<LimitFigures> Limits,
    IReadOnlyList<ActionFigures> Actions,
    ReminderFigures? Reminders = null)
{
    /// <summary>Answers that gave a level (the satisfaction rate's denominator).</summary>
    [JsonIgnore]
    public int SatisfactionAnswers => Satisfaction.Sum(l => l.Count);

    [JsonIgnore]
    public int Satisfied => Satisfaction.Where(l => l.Level is Domain.Callbacks.Satisfaction.VerySatisfied
        or Domain.Callbacks.Satisfaction.Satisfied).Sum(l => l.Count);
}

/// <summary>A submitted month's frozen figures: every type filter's, as they were when it was submitted.</summary>
public sealed record FrozenCallbackReport(ReportPeriod Period, DateTimeOffset ProducedAt,
    IReadOnlyDictionary<string, CallbackReportFigures> Figures)
{
    public const string AllTypes = "All";

    public static string KeyOf(CallbackType? type) => type?.ToString() ?? AllTypes;
}
