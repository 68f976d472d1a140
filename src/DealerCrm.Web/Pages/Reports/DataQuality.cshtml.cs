using System.Globalization;
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
/// contacted three times in the last year. Stock figures are the store's snapshot of its day (taken by the nightly job,
/// by the day's first view, or on "Recalculate now"); the lists are live; the period chooses the late entries.
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

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(recalculate: false) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(ExportFormat format) =>
        await LoadAsync(recalculate: false) ?? await ExportAsync(format, Sections, "data-quality");

    /// <summary>"Recalculate now": the stock figures taken again from the records (a few seconds at a large store), then
    /// the report as the filter stood.</summary>
    public async Task<IActionResult> OnPostRecalculateAsync()
    {
        if (await LoadAsync(recalculate: true) is { } refusal)
        {
            return refusal;
        }

        // Days as ISO dates in the address, whatever the culture (as the report's own links write them).
        return Period is null ? Page() : RedirectToPage(new
        {
            Store, Month, From = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>When the stock figures were taken: on the page, the print and the downloads alike.</summary>
    protected override IEnumerable<string> ExtraHeading() => Figures is { } f
        ? [Localizer["DataQuality.StockAsOf",
            ReportStore.LocalTime(f.StockTakenAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)].Value]
        : [];

    private async Task<IActionResult?> LoadAsync(bool recalculate)
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
            ProducedAt, recalculate, HttpContext.RequestAborted);
        Sections = DataQualityTables.Build(Figures, ReportStore, Localizer);
        return null;
    }
}
