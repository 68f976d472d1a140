using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The campaign report (spec 6.5, M01): per campaign of the store, for the contacts first dated in the period, the
/// stages, leads, contracts by window after attendance, costs and effectiveness, each beside its target
/// (<see cref="CampaignReportQueries"/>). The GM and the sales manager read their store's; Admins any store's.
/// </summary>
[Authorize(Policy = Policies.SalesReports)]
public sealed class CampaignsModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : StoreReportModel(db, calendar, authorization, audit, localizer)
{
    public override string TitleKey => "Campaigns.Report.Title";

    public override string Path => "/Reports/Campaigns";

    public override string? CountingNoteKey => "Campaigns.Report.HowCounted";

    public IReadOnlyList<CampaignFigures> Rows { get; private set; } = [];

    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnGetExportAsync(ExportFormat format) =>
        await LoadAsync() ?? await ExportAsync(format, Sections, "campaign-report");

    private async Task<IActionResult?> LoadAsync()
    {
        if (await ResolveAsync() is { } refusal)
        {
            return refusal;
        }

        if (Period is not null)
        {
            Rows = await CampaignReportQueries.ReadAsync(Db, ReportStore, Period);
            Sections = CampaignReportTables.Build(Rows, Localizer);
        }

        return null;
    }
}
