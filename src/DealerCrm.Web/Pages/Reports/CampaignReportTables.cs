using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The M01 report's table (one row per campaign and a total), built once for the page, the .xlsx and the CSV. Rates
/// with a zero denominator, costs per nothing and targets not set show "—".
/// </summary>
public static class CampaignReportTables
{
    public const string Campaigns = "campaigns";

    /// <summary>Column positions (tests and the chart read them by name).</summary>
    public static class Col
    {
        public const int Name = 0, Type = 1, Notified = 2, Invited = 3, InvitationRate = 4, Attended = 5,
            TargetAttendees = 6, AttendanceRate = 7, Leads = 8, TargetLeads = 9, Qualified = 10, Cost = 11,
            CostPerLead = 12, Day0 = 13, Days1To3 = 14, Days4To30 = 15, TotalSales = 16, TargetContracts = 17,
            CostPerSale = 18, Effectiveness = 19;
    }

    public static IReadOnlyList<ReportSection> Build(IReadOnlyList<CampaignFigures> rows, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(localizer);
        var tableRows = rows.Select(r => Row("c:" + r.CampaignId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Name, localizer.Text(r.Type), r.Notified, r.Invited, r.Attended, r.TargetAttendees, r.Leads, r.TargetLeads,
            r.QualifiedLeads, r.Cost, r.Day0, r.Days1To3, r.Days4To30, r.TargetContracts, isTotal: false)).ToList();
        if (rows.Count > 0)
        {
            static int? SumOf(IEnumerable<int?> targets) =>
                targets.Any(t => t is not null) ? targets.Sum(t => t ?? 0) : null;
            tableRows.Add(Row("total", localizer["Common.Total"].Value, string.Empty, rows.Sum(r => r.Notified),
                rows.Sum(r => r.Invited), rows.Sum(r => r.Attended), SumOf(rows.Select(r => r.TargetAttendees)),
                rows.Sum(r => r.Leads), SumOf(rows.Select(r => r.TargetLeads)), rows.Sum(r => r.QualifiedLeads),
                rows.Sum(r => r.Cost), rows.Sum(r => r.Day0), rows.Sum(r => r.Days1To3), rows.Sum(r => r.Days4To30),
                SumOf(rows.Select(r => r.TargetContracts)), isTotal: true));
        }

        string H(string key) => localizer[key].Value;
        return
        [
            new ReportSection(Campaigns, H("Campaigns.Report.Section"),
            [
                H("Campaigns.Report.Campaign"), H("Campaigns.Report.Type"), H("Campaigns.Report.Notified"),
                H("Campaigns.Report.Invited"), H("Campaigns.Report.InvitationRate"), H("Campaigns.Report.Attended"),
                H("Campaigns.Report.TargetAttendees"), H("Campaigns.Report.AttendanceRate"), H("Campaigns.Report.Leads"),
                H("Campaigns.Report.TargetLeads"), H("Campaigns.Report.Qualified"), H("Campaigns.Report.Cost"),
                H("Campaigns.Report.CostPerLead"), H("Campaigns.Report.Day0"), H("Campaigns.Report.Days1To3"),
                H("Campaigns.Report.Days4To30"), H("Campaigns.Report.TotalSales"), H("Campaigns.Report.TargetContracts"),
                H("Campaigns.Report.CostPerSale"), H("Campaigns.Report.Effectiveness"),
            ], tableRows),
        ];
    }

    private static ReportRow Row(string key, string name, string type, int notified, int invited, int attended,
        int? targetAttendees, int leads, int? targetLeads, int qualified, decimal cost, int day0, int days1To3,
        int days4To30, int? targetContracts, bool isTotal)
    {
        var total = day0 + days1To3 + days4To30;
        ReportCell Target(int? target) => target is { } t ? ReportCell.Count(t) : ReportCell.Label(ReportCell.NoValue);
        ReportCell Per(int count) => ReportCell.Money(count == 0 ? null : decimal.Round(cost / count, 2, MidpointRounding.AwayFromZero));
        return new ReportRow(key,
        [
            ReportCell.Label(name), ReportCell.Label(type), ReportCell.Count(notified), ReportCell.Count(invited),
            ReportCell.Share(invited, notified), ReportCell.Count(attended), Target(targetAttendees),
            ReportCell.Share(attended, invited), ReportCell.Count(leads), Target(targetLeads), ReportCell.Count(qualified),
            ReportCell.Money(cost), Per(leads), ReportCell.Count(day0), ReportCell.Count(days1To3),
            ReportCell.Count(days4To30), ReportCell.Count(total), Target(targetContracts), Per(total),
            ReportCell.Share(total, attended),
        ], isTotal);
    }
}
