using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Export;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// Month-to-date figures beside the store's targets of the month (spec 6.6a): the reports build these cells from their
/// own figures, so the page, the .xlsx and the CSV agree. A target not set, or a rate with a zero denominator, is "—".
/// </summary>
public static class TargetTables
{
    public const string CallbackTargets = "targets";

    /// <summary>A target count, or "—" when not set.</summary>
    public static ReportCell Count(int? target) => target is { } t ? ReportCell.Count(t) : ReportCell.Label(ReportCell.NoValue);

    /// <summary>A target rate (a fraction), formatted as a share, or "—" when not set.</summary>
    public static ReportCell Rate(decimal? target) => target is { } t
        ? new ReportCell(ReportCellKind.Percent, ReportCell.FormatShare((double)t), (double)t)
        : new ReportCell(ReportCellKind.Percent, ReportCell.NoValue, null);

    /// <summary>The callback report's after-sales rates against the targets: attempted and reached (of the callbacks
    /// due), satisfaction (satisfied of the answers giving a level) and timely handling (complaint limits met of those
    /// that fell in the period — the report's own "limits" table).</summary>
    public static ReportSection Callbacks(CallbackReportFigures figures, StoreTarget? target, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(localizer);
        var label = ReportCell.Label;
        var total = figures.Total;
        var fell = figures.Limits.Sum(l => l.Fell);
        var met = figures.Limits.Sum(l => l.Met);
        return new ReportSection(CallbackTargets, localizer["Targets.Section"].Value,
            [localizer["Targets.Figure"].Value, localizer["Targets.MonthToDate"].Value, localizer["Targets.Target"].Value],
            [
                new ReportRow("attempted", [label(localizer["Targets.AttemptedRate"].Value),
                    ReportCell.Share(total.Attempted, total.Due), Rate(target?.CallbackAttemptedRate)]),
                new ReportRow("reached", [label(localizer["Targets.ReachedRate"].Value),
                    ReportCell.Share(total.Reached, total.Due), Rate(target?.CallbackReachedRate)]),
                new ReportRow("satisfaction", [label(localizer["Targets.SatisfactionRate"].Value),
                    ReportCell.Share(figures.Satisfied, figures.SatisfactionAnswers), Rate(target?.SatisfactionRate)]),
                new ReportRow("timely", [label(localizer["Targets.TimelyRate"].Value),
                    ReportCell.Share(met, fell), Rate(target?.TimelyHandlingRate)]),
            ]);
    }
}
