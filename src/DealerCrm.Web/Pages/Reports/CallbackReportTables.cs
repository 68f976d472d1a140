using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The monthly callback report's tables, made from its figures: the page, the .xlsx and the CSV all show these cells,
/// so they cannot disagree. Every rate is computed here from the counts (a zero denominator shows "—").
/// </summary>
public static class CallbackReportTables
{
    public const string Callbacks = "callbacks";
    public const string Satisfaction = "satisfaction";
    public const string Questions = "questions";
    public const string Problems = "problems";
    public const string Items = "items";
    public const string Limits = "limits";
    public const string Actions = "actions";
    public const string Reminders = "reminders";

    public static IReadOnlyList<ReportSection> Build(CallbackReportFigures figures, IStringLocalizer localizer,
        string cultureName)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(localizer);
        var count = ReportCell.Count;
        var share = ReportCell.Share;
        var label = ReportCell.Label;

        var callbackRows = new List<ReportRow>();
        foreach (var t in figures.ByType)
        {
            callbackRows.Add(new ReportRow(t.Type.ToString(),
            [
                label(localizer.Text(t.Type)), count(t.Due), count(t.Attempted), share(t.Attempted, t.Due), count(t.Reached),
                share(t.Reached, t.Due),
            ]));
        }

        if (figures.Type is null)
        {
            var total = figures.Total;
            callbackRows.Add(new ReportRow("total",
            [
                label(localizer["CallbackReport.AllTypes"].Value), count(total.Due), count(total.Attempted), share(total.Attempted, total.Due),
                count(total.Reached), share(total.Reached, total.Due),
            ], IsTotal: true));
        }

        var answers = figures.SatisfactionAnswers;
        var satisfactionRows = figures.Satisfaction
            .Select(l => new ReportRow(l.Level.ToString(), [label(localizer.Text(l.Level)), count(l.Count), share(l.Count, answers)]))
            .Append(new ReportRow("answers", [label(localizer["CallbackReport.LevelAnswers"].Value), count(answers), share(answers, answers)],
                IsTotal: true))
            .Append(new ReportRow("rate", [label(localizer["CallbackReport.SatisfactionRate"].Value), count(figures.Satisfied),
                share(figures.Satisfied, answers)], IsTotal: true))
            .ToList();

        var questionRows = figures.Questions.Select(q => new ReportRow(QuestionKey(q.QuestionId),
        [
            label(q.TextFor(cultureName)), label(localizer.Text(q.Type)), count(q.Yes), count(q.No), count(q.NotApplicable),
            share(q.Yes, q.Yes + q.No), share(q.PreviousYes, q.PreviousYes + q.PreviousNo),
        ])).ToList();

        var problemRows = figures.TopProblems.Select((p, i) => new ReportRow(p.Key,
        [
            count(i + 1), label(ProblemText(p, localizer, cultureName)), count(p.NoAnswers), count(p.OtherProblems),
            count(p.Items), count(p.Total),
        ])).ToList();

        var itemRows = new List<ReportRow>
        {
            new("grievances", [label(localizer.Text(ComplaintKind.Grievance)), count(figures.GrievancesRaised)]),
            new("complaints", [label(localizer.Text(ComplaintKind.Complaint)), count(figures.ComplaintsRaised)]),
        };

        var fell = figures.Limits.Sum(l => l.Fell);
        var met = figures.Limits.Sum(l => l.Met);
        var limitRows = figures.Limits
            .Select(l => new ReportRow(l.Step.ToString(), [label(localizer.Text(l.Step)), count(l.Fell), count(l.Met), share(l.Met, l.Fell)]))
            .Append(new ReportRow("overall", [label(localizer["CallbackReport.AllLimits"].Value), count(fell), count(met), share(met, fell)],
                IsTotal: true))
            .ToList();

        var actionRows = figures.Actions
            .Select(a => new ReportRow(a.Kind.ToString(), [label(localizer.Text(a.Kind)), count(a.Opened), count(a.Closed)]))
            .Append(new ReportRow("total", [label(localizer["Common.Total"].Value), count(figures.Actions.Sum(a => a.Opened)),
                count(figures.Actions.Sum(a => a.Closed))], IsTotal: true))
            .ToList();

        var sections = new List<ReportSection>
        {
            new ReportSection(Callbacks, localizer["CallbackReport.Section.Callbacks"].Value,
                [localizer["CallbackReport.Type"].Value, localizer["CallbackReport.Due"].Value, localizer["CallbackReport.Attempted"].Value,
                    localizer["CallbackReport.AttemptedShare"].Value, localizer["CallbackReport.Reached"].Value, localizer["CallbackReport.ReachedShare"].Value],
                callbackRows),
            new ReportSection(Satisfaction, localizer["CallbackReport.Section.Satisfaction"].Value,
                [localizer["CallbackReport.Level"].Value, localizer["CallbackReport.Count"].Value, localizer["CallbackReport.Share"].Value], satisfactionRows),
            new ReportSection(Questions, localizer["CallbackReport.Section.Questions"].Value,
                [localizer["CallbackReport.Question"].Value, localizer["CallbackReport.Type"].Value, localizer["CallbackReport.Yes"].Value, localizer["CallbackReport.No"].Value,
                    localizer["CallbackReport.NotApplicable"].Value, localizer["CallbackReport.YesShare"].Value, localizer["CallbackReport.PreviousYesShare"].Value],
                questionRows),
            new ReportSection(Problems, localizer["CallbackReport.Section.Problems"].Value,
                [localizer["CallbackReport.Rank"].Value, localizer["CallbackReport.Problem"].Value, localizer["CallbackReport.NoAnswers"].Value,
                    localizer["CallbackReport.OtherProblems"].Value, localizer["CallbackReport.ItemsOfCategory"].Value, localizer["Common.Total"].Value],
                problemRows),
            new ReportSection(Items, localizer["CallbackReport.Section.Items"].Value,
                [localizer["CallbackReport.Item"].Value, localizer["CallbackReport.Raised"].Value], itemRows),
            new ReportSection(Limits, localizer["CallbackReport.Section.Limits"].Value,
                [localizer["CallbackReport.Limit"].Value, localizer["CallbackReport.Fell"].Value, localizer["CallbackReport.Met"].Value, localizer["CallbackReport.OnTimeRate"].Value],
                limitRows),
            new ReportSection(Actions, localizer["CallbackReport.Section.Actions"].Value,
                [localizer["CallbackReport.ActionKind"].Value, localizer["CallbackReport.Opened"].Value, localizer["CallbackReport.Closed"].Value], actionRows),
        };

        // A month submitted before the reminders were counted has none frozen: its tables are left as they were.
        if (figures.Reminders is { } reminders)
        {
            sections.Add(RemindersSection(reminders, localizer));
        }

        return sections;
    }

    /// <summary>The service reminders, apart from the callbacks (issue 14): each figure with its rate and the base the
    /// rate is taken of (reached of made, booked and came in of reached).</summary>
    private static ReportSection RemindersSection(ReminderFigures r, IStringLocalizer localizer)
    {
        var count = ReportCell.Count;
        var share = ReportCell.Share;
        var label = ReportCell.Label;
        var made = localizer["Reminders.Report.Made"].Value;
        var reached = localizer["Reminders.Report.Reached"].Value;
        var none = label("—");
        return new ReportSection(Reminders, localizer["Reminders.Report.Section"].Value,
            [localizer["Reminders.Report.Figure"].Value, localizer["CallbackReport.Count"].Value,
                localizer["CallbackReport.Share"].Value, localizer["Reminders.Report.Of"].Value],
            [
                new ReportRow("made", [label(made), count(r.Made), none, none]),
                new ReportRow("attempted", [label(localizer["Reminders.Report.Attempted"].Value), count(r.Attempted),
                    share(r.Attempted, r.Made), label(made)]),
                new ReportRow("reached", [label(reached), count(r.Reached), share(r.Reached, r.Made), label(made)]),
                new ReportRow("booked", [label(localizer["Reminders.Report.Booked"].Value), count(r.Booked),
                    share(r.Booked, r.Reached), label(reached)]),
                new ReportRow("came-in", [label(localizer["Reminders.Report.CameIn"].Value), count(r.CameIn),
                    share(r.CameIn, r.Reached), label(reached)]),
            ]);
    }

    public static string QuestionKey(long questionId) =>
        "q:" + questionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A problem's name: the question's wording, or the category's (a custom one's own name, a default one's
    /// resource text, an unknown code as it is).</summary>
    public static string ProblemText(ProblemFigures problem, IStringLocalizer localizer, string cultureName)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(localizer);
        var zh = cultureName.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        if (problem.QuestionId is not null || problem.TextEn is not null)
        {
            return (zh ? problem.TextZh : problem.TextEn) ?? problem.CategoryCode ?? string.Empty;
        }

        var code = problem.CategoryCode ?? string.Empty;
        return ProblemCategories.Defaults.Contains(code, StringComparer.Ordinal)
            ? localizer[$"ProblemCategory.{code}"].Value
            : code;
    }
}
