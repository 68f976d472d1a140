using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The defeat analysis's tables (6.4): the page, the .xlsx and the CSV show these cells. Shares of the approved
/// defeats are of all defeats approved in the period; the rejection rate is of all requests decided in it.
/// </summary>
public static class DefeatReportTables
{
    public const string ByReason = "by-reason";
    public const string ByCompetitor = "by-competitor";
    public const string ByConsultant = "by-consultant";
    public const string ByModel = "by-model";
    public const string ByGrade = "by-grade";
    public const string Decisions = "decisions";
    public const string Rescues = "rescues";

    public static IReadOnlyList<ReportSection> Build(IReadOnlyList<ApprovedDefeat> approved,
        IReadOnlyDictionary<DefeatDecision, int> decisions, IReadOnlyList<RescueOutcome> rescues, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(rescues);
        ArgumentNullException.ThrowIfNull(localizer);
        var total = approved.Count;
        string[] countHeaders = [localizer["Defeats.Approved"].Value, localizer["Defeats.ShareOfApproved"].Value];
        ReportRow Total() => new("total",
            [ReportCell.Label(localizer["Defeats.Total"].Value), ReportCell.Count(total), ReportCell.Share(total, total)], true);
        ReportRow Row(string key, string label, int count) =>
            new(key, [ReportCell.Label(label), ReportCell.Count(count), ReportCell.Share(count, total)]);
        var notRecorded = localizer["Defeats.NotRecorded"].Value;

        var byReason = Enum.GetValues<DefeatReason>()
            .Select(r => Row(r.ToString(), localizer.Text(r), approved.Count(a => a.Reason == r)))
            .Append(Total()).ToList();

        var byCompetitor = approved.Where(a => a.CompetitorBrand is not null)
            .GroupBy(a => (a.CompetitorBrand, a.CompetitorModel))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.CompetitorBrand, StringComparer.Ordinal)
            .ThenBy(g => g.Key.CompetitorModel, StringComparer.Ordinal)
            .Select(g => new ReportRow($"{g.Key.CompetitorBrand}|{g.Key.CompetitorModel}",
            [
                ReportCell.Label(g.Key.CompetitorBrand!), ReportCell.Label(g.Key.CompetitorModel ?? notRecorded),
                ReportCell.Count(g.Count()), ReportCell.Share(g.Count(), total),
            ])).ToList();

        var byConsultant = approved.GroupBy(a => a.ConsultantId)
            .Select(g => (g.Key, Name: g.First().ConsultantName ?? notRecorded, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => Row(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Name, g.Count))
            .Append(Total()).ToList();

        var byModel = approved.GroupBy(a => a.IntendedModel)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key ?? "-", g.Key ?? notRecorded, g.Count()))
            .Append(Total()).ToList();

        var byGrade = Enum.GetValues<Grade>().Where(g => g != Grade.O || approved.Any(a => a.GradeAtRequest == g))
            .OrderBy(g => g == Grade.O ? 9 : (int)g)
            .Select(g => Row(g.ToString(), g.ToString(), approved.Count(a => a.GradeAtRequest == g)))
            .Append(Total()).ToList();

        int Decided(DefeatDecision d) => decisions.GetValueOrDefault(d);
        var decided = Decided(DefeatDecision.Approved) + Decided(DefeatDecision.Rejected) + Decided(DefeatDecision.Reassigned);
        var notApproved = Decided(DefeatDecision.Rejected) + Decided(DefeatDecision.Reassigned);
        ReportRow DecisionRow(string key, string label, int count, bool isTotal = false) =>
            new(key, [ReportCell.Label(label), ReportCell.Count(count), ReportCell.Share(count, decided)], isTotal);
        var decisionRows = new List<ReportRow>
        {
            DecisionRow("Approved", localizer.Text(DefeatDecision.Approved), Decided(DefeatDecision.Approved)),
            DecisionRow("Rejected", localizer.Text(DefeatDecision.Rejected), Decided(DefeatDecision.Rejected)),
            DecisionRow("Reassigned", localizer.Text(DefeatDecision.Reassigned), Decided(DefeatDecision.Reassigned)),
            DecisionRow("not-approved", localizer["Defeats.RejectionRate"].Value, notApproved, true),
            DecisionRow("total", localizer["Defeats.Decided"].Value, decided, true),
        };

        var rescueRows = Enum.GetValues<RescueOutcome>()
            .Select(o => new ReportRow(o.ToString(),
            [
                ReportCell.Label(localizer[$"Defeats.Rescue.{o}"].Value), ReportCell.Count(rescues.Count(r => r == o)),
                ReportCell.Share(rescues.Count(r => r == o), rescues.Count),
            ]))
            .Append(new ReportRow("total",
            [
                ReportCell.Label(localizer["Defeats.RescuesTotal"].Value), ReportCell.Count(rescues.Count),
                ReportCell.Share(rescues.Count, rescues.Count),
            ], true)).ToList();

        return
        [
            new ReportSection(ByReason, localizer["Defeats.ByReason"].Value, [localizer["Defeats.Reason"].Value, .. countHeaders], byReason),
            new ReportSection(ByCompetitor, localizer["Defeats.ByCompetitor"].Value,
                [localizer["Defeats.CompetitorBrand"].Value, localizer["Defeats.CompetitorModel"].Value, .. countHeaders], byCompetitor),
            new ReportSection(ByConsultant, localizer["Defeats.ByConsultant"].Value, [localizer["Defeats.Consultant"].Value, .. countHeaders],
                byConsultant),
            new ReportSection(ByModel, localizer["Defeats.ByModel"].Value, [localizer["Defeats.Model"].Value, .. countHeaders], byModel),
            new ReportSection(ByGrade, localizer["Defeats.ByGrade"].Value, [localizer["Defeats.Grade"].Value, .. countHeaders], byGrade),
            new ReportSection(Decisions, localizer["Defeats.Decisions"].Value,
                [localizer["Defeats.Decision"].Value, localizer["Defeats.Requests"].Value, localizer["Defeats.ShareOfDecided"].Value],
                decisionRows),
            new ReportSection(Rescues, localizer["Defeats.Rescues"].Value,
                [localizer["Defeats.Outcome"].Value, localizer["Defeats.RescueCount"].Value, localizer["Defeats.ShareOfRescues"].Value],
                rescueRows),
        ];
    }
}
