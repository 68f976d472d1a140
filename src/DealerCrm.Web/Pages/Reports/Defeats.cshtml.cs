using System.Globalization;
using DealerCrm.Domain.Defeats;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// Defeat analysis (战败分析, spec 6.4): the defeats approved in the period by reason, competitor, consultant, intended
/// model and grade at the request; the rejection rate of the requests decided in it; the rescues made in it and what
/// became of them.
/// </summary>
[Authorize(Policy = Policies.SalesReports)]
public sealed class DefeatsModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : StoreReportModel(db, calendar, authorization, audit, localizer)
{
    public override string TitleKey => "Defeats.Title";

    public override string Path => "/Reports/Defeats";

    public override string? CountingNoteKey => "Defeats.HowCounted";

    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];

    public BarChart? ReasonChart { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        return await LoadAsync() ?? Page();
    }

    public async Task<IActionResult> OnGetExportAsync(ExportFormat format)
    {
        return await LoadAsync() ?? await ExportAsync(format, Sections, "defeats");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await ResolveAsync() is { } refusal)
        {
            return refusal;
        }

        if (Period is null)
        {
            return null;
        }

        var aborted = HttpContext.RequestAborted;
        var approved = await DefeatReportQueries.ApprovedAsync(Db, ReportStore.Id, PeriodStart, PeriodEnd, aborted);
        var decisions = await DefeatReportQueries.DecisionsAsync(Db, ReportStore.Id, PeriodStart, PeriodEnd, aborted);
        var rescues = await DefeatReportQueries.RescuesAsync(Db, ReportStore.Id, PeriodStart, PeriodEnd, aborted);
        Sections = DefeatReportTables.Build(approved, decisions, rescues, Localizer);
        var top = Math.Max(1, Enum.GetValues<DefeatReason>().Max(r => approved.Count(a => a.Reason == r)));
        ReasonChart = new BarChart("reason-chart", Localizer["Defeats.ByReason"].Value, [],
            Enum.GetValues<DefeatReason>().Select(r =>
            {
                var count = approved.Count(a => a.Reason == r);
                return new BarGroup(Localizer.Text(r), [new Bar((double)count / top, count.ToString(CultureInfo.InvariantCulture))]);
            }).ToList());
        return null;
    }
}
