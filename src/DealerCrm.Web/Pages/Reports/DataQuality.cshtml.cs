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
/// Data quality (spec 6.6): shares of customers with a valid mobile and a complete postal address, the completeness
/// levels, and the problems to fix as lists linking to the file (shared mobiles, open leads without an open plan, late
/// entries of the period, duplicate invoice numbers, owners not contacted for four months) with the share of owners
/// contacted three times in the last year. Stock figures are as of now; the period chooses the late entries.
/// </summary>
[Authorize(Policy = Policies.DataQualityReport)]
public sealed class DataQualityModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : StoreReportModel(db, calendar, authorization, audit, localizer)
{
    public override string TitleKey => "DataQuality.Title";

    public override string Path => "/Reports/DataQuality";

    public override string? CountingNoteKey => "DataQuality.HowCounted";

    public DataQualityFigures? Figures { get; private set; }

    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnGetExportAsync(ExportFormat format) =>
        await LoadAsync() ?? await ExportAsync(format, Sections, "data-quality");

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

        Figures = await DataQualityQueries.ReadAsync(Db, ReportStore, PeriodStart, PeriodEnd, Period.From, Period.To,
            ProducedAt, HttpContext.RequestAborted);
        Sections = DataQualityTables.Build(Figures, ReportStore, Localizer);
        return null;
    }
}
