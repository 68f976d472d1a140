using System.Globalization;
using DealerCrm.Web.Infrastructure.Export;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The daily sales report's tables, made from its figures: the page, the .xlsx and the CSV show these same cells. The
/// month view adds month-to-date cards, orders and deliveries against the store's targets (spec 6.6a).
/// </summary>
public static class DailyReportTables
{
    public const string Consultants = "daily";
    public const string Targets = "targets";

    public static IReadOnlyList<ReportSection> Build(DailyReportFigures figures, bool isMonth, bool filtered,
        IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(localizer);
        var headers = new List<string> { localizer["Daily.Consultant"].Value };
        headers.AddRange(Enum.GetValues<DailyMetric>().Select(m => localizer[$"Daily.Column.{m}"].Value));

        ReportRow Row(string key, string name, DailyConsultantFigures f, bool total = false) =>
            new(key, [ReportCell.Label(name), .. f.Values.Select(ReportCell.Count)], total);

        var rows = figures.Consultants
            .Select(c => Row(c.ConsultantId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "none",
                c.ConsultantId is null ? localizer["Daily.NoConsultant"].Value : c.Name, c))
            .ToList();
        if (!filtered)
        {
            rows.Add(Row("total", localizer["Daily.Total"].Value, figures.Total, total: true));
        }

        var sections = new List<ReportSection>
        {
            new(Consultants, localizer["Daily.Section.Consultants"].Value, headers, rows),
        };
        if (isMonth && !filtered)
        {
            var target = figures.Target;
            ReportRow TargetRow(DailyMetric metric, int? goal)
            {
                var actual = figures.Total[metric];
                return new ReportRow(metric.ToString(),
                [
                    ReportCell.Label(localizer[$"Daily.Column.{metric}"].Value),
                    ReportCell.Count(actual),
                    goal is { } g ? ReportCell.Count(g) : ReportCell.Label(ReportCell.NoValue),
                    ReportCell.Share(actual, goal ?? 0),
                ]);
            }

            sections.Add(new ReportSection(Targets, localizer["Daily.Section.Targets"].Value,
                [
                    localizer["Daily.Target.Figure"].Value, localizer["Daily.Target.MonthToDate"].Value,
                    localizer["Daily.Target.Target"].Value, localizer["Daily.Target.Share"].Value,
                ],
                [
                    TargetRow(DailyMetric.Cards, target?.Cards),
                    TargetRow(DailyMetric.Orders, target?.Orders),
                    TargetRow(DailyMetric.Deliveries, target?.Deliveries),
                ]));
        }

        return sections;
    }

    /// <summary>Cards, orders and deliveries per consultant: the picture of the table's three columns.</summary>
    public static BarChart Chart(DailyReportFigures figures, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(localizer);
        DailyMetric[] shown = [DailyMetric.Cards, DailyMetric.Orders, DailyMetric.Deliveries];
        var people = figures.Consultants.Where(c => c.ConsultantId is not null).ToList();
        var max = Math.Max(1, people.SelectMany(c => shown.Select(m => c[m])).DefaultIfEmpty(0).Max());
        return new BarChart("daily-chart", localizer["Daily.Chart"].Value,
            shown.Select(m => localizer[$"Daily.Column.{m}"].Value).ToList(),
            people.Select(c => new BarGroup(c.Name,
                shown.Select(m => (Bar?)new Bar((double)c[m] / max, c[m].ToString(CultureInfo.InvariantCulture))).ToList()))
                .ToList());
    }
}
