using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The conversion report's tables (6.2), made from the leads created in the period: the page, the .xlsx and the CSV
/// all show these cells. Every row lists every channel or project, empty ones too, so a month reads like the last.
/// </summary>
public static class ConversionReportTables
{
    public const string BySource = "by-source";
    public const string ByProject = "by-project";
    public const string Funnel = "funnel";

    public static IReadOnlyList<ReportSection> Build(IReadOnlyList<ConversionLead> leads, Store store, DateTimeOffset now,
        IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(localizer);
        var headers = Headers(localizer);

        var sourceRows = new List<ReportRow>();
        foreach (var direction in Enum.GetValues<SourceDirection>())
        {
            foreach (var channel in SourceDirections.Channels(direction))
            {
                sourceRows.Add(Row(channel.ToString(), localizer.Text(channel),
                    leads.Where(l => l.Source == channel).ToList(), store, now));
            }

            sourceRows.Add(Row(direction.ToString(), localizer["Conversion.DirectionTotal", localizer.Text(direction)].Value,
                leads.Where(l => SourceDirections.Of(l.Source) == direction).ToList(), store, now, isTotal: true));
        }

        sourceRows.Add(Row("total", localizer["Conversion.Total"].Value, leads, store, now, isTotal: true));

        var projectRows = new List<ReportRow>();
        foreach (var project in Enum.GetValues<LeadProject>())
        {
            foreach (var direction in Enum.GetValues<SourceDirection>())
            {
                projectRows.Add(Row($"{project}:{direction}",
                    $"{localizer.Text(project)} · {localizer.Text(direction)}",
                    leads.Where(l => l.Project == project && SourceDirections.Of(l.Source) == direction).ToList(), store,
                    now));
            }
        }

        projectRows.Add(Row("total", localizer["Conversion.Total"].Value, leads, store, now, isTotal: true));

        var all = ConversionFigures.Of(leads, store, now);
        var funnelRows = FunnelStages(all).Select(s => new ReportRow(s.Key,
            [ReportCell.Label(localizer[$"Conversion.Stage.{s.Key}"].Value), ReportCell.Count(s.Count), ReportCell.Share(s.Count, all.Leads)]))
            .ToList();

        return
        [
            new ReportSection(BySource, localizer["Conversion.BySource"].Value,
                [localizer["Conversion.Source"].Value, .. headers], sourceRows),
            new ReportSection(ByProject, localizer["Conversion.ByProject"].Value,
                [localizer["Conversion.Project"].Value, .. headers], projectRows),
            new ReportSection(Funnel, localizer["Conversion.Funnel"].Value,
                [localizer["Conversion.Stage"].Value, localizer["Conversion.Leads"].Value, localizer["Conversion.ShareOfLeads"].Value],
                funnelRows),
        ];
    }

    /// <summary>The funnel lead → test drive → order → delivery, each stage the number of leads that reached it.</summary>
    public static IReadOnlyList<(string Key, int Count)> FunnelStages(ConversionFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return
        [
            ("Leads", figures.Leads), ("TestDrives", figures.TestDrives), ("Orders", figures.Orders),
            ("Deliveries", figures.Deliveries),
        ];
    }

    private static IReadOnlyList<string> Headers(IStringLocalizer l) =>
    [
        l["Conversion.Leads"].Value, l["Conversion.TestDrives"].Value, l["Conversion.Orders"].Value,
        l["Conversion.Deliveries"].Value,
        l["Conversion.Within", 1].Value, l["Conversion.Pending", 1].Value, l["Conversion.Rate", 1].Value,
        l["Conversion.Within", 3].Value, l["Conversion.Pending", 3].Value, l["Conversion.Rate", 3].Value,
        l["Conversion.MedianToOrder"].Value, l["Conversion.MedianToDelivery"].Value,
    ];

    private static ReportRow Row(string key, string label, IReadOnlyCollection<ConversionLead> leads, Store store,
        DateTimeOffset now, bool isTotal = false)
    {
        var f = ConversionFigures.Of(leads, store, now);
        return new ReportRow(key,
        [
            ReportCell.Label(label), ReportCell.Count(f.Leads), ReportCell.Count(f.TestDrives), ReportCell.Count(f.Orders),
            ReportCell.Count(f.Deliveries),
            ReportCell.Count(f.Within1), ReportCell.Count(f.Pending1), ReportCell.Share(f.Within1, f.Leads - f.Pending1),
            ReportCell.Count(f.Within3), ReportCell.Count(f.Pending3), ReportCell.Share(f.Within3, f.Leads - f.Pending3),
            ReportCell.OneDecimal(f.MedianDaysToOrder), ReportCell.OneDecimal(f.MedianDaysToDelivery),
        ], isTotal);
    }
}
