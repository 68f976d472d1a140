using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Validation;
using DealerCrm.Web.Pages.Admin.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// What every store report of chapter 6 shares (issue 15): the store (Admins choose any; everyone else reads their own,
/// and another store's number in the address is refused as not found), the period (a month, "yyyy-MM", or a range of
/// store-local days up to <see cref="ReportPeriod.MaxDays"/>; default the current month to date), the heading printed on
/// A4 and written first in the exports, and the .xlsx / CSV download of the report's <see cref="ReportSection"/>s.
/// A page derives from this, calls <see cref="ResolveAsync"/> first and builds its sections from SQL figures.
/// Partials: <c>_StoreReportHeader</c> (title, heading, downloads) and <c>_StoreReportPeriod</c> (the filter's store
/// and period fields, inside the page's own GET form).
/// </summary>
public abstract class StoreReportModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The first and last years a report reads (the month chooser's range too).</summary>
    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Field.Store")]
    public int? Store { get; set; }

    /// <summary>The month, "yyyy-MM" (as an input of type month sends it).</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "CallbackReport.Month")]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Common.From")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Common.To")]
    public DateOnly? To { get; set; }

    /// <summary>The store reported on.</summary>
    public Store ReportStore { get; private set; } = null!;

    /// <summary>Null when the filter was refused (reversed or too long a range): no figures are shown.</summary>
    public ReportPeriod? Period { get; private set; }

    public bool CanChooseStore { get; private set; }

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public DateTimeOffset ProducedAt { get; private set; }

    /// <summary>The store's today when the report was produced.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>The report's title (a resource key); the heading's first line and the page's h1.</summary>
    public abstract string TitleKey { get; }

    /// <summary>The report's address without a query ("/Reports/Daily"): the downloads and the store chooser use it.</summary>
    public abstract string Path { get; }

    /// <summary>"How this is counted" under the report (a resource key), or null.</summary>
    public virtual string? CountingNoteKey => null;

    protected CrmDbContext Db => db;

    protected StoreCalendar Calendar => calendar;

    protected IAuthorizationService Authorization => authorization;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    /// <summary>The period's first instant (the store's midnight starting <see cref="ReportPeriod.From"/>).</summary>
    public DateTimeOffset PeriodStart => ReportStore.StartOfLocalDay(Period!.From);

    /// <summary>The instant after the period (the store's midnight after <see cref="ReportPeriod.To"/>).</summary>
    public DateTimeOffset PeriodEnd => ReportStore.StartOfLocalDay(Period!.EndExclusive);

    /// <summary>
    /// Resolves store and period. Returns NotFound for a store the user may not read; leaves <see cref="Period"/> null
    /// (with the message beside the field) for a refused range; an unreadable month is said so and the default stands in.
    /// </summary>
    protected async Task<IActionResult?> ResolveAsync()
    {
        CanChooseStore = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        var own = await calendar.StoreOfAsync(User);
        if (Store is { } wanted && wanted != own.Id)
        {
            if (!CanChooseStore)
            {
                return NotFound();
            }

            var chosen = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == wanted);
            if (chosen is null)
            {
                return NotFound();
            }

            ReportStore = chosen;
        }
        else
        {
            ReportStore = own;
        }

        Store = ReportStore.Id;
        if (CanChooseStore)
        {
            StoreChoices = await UserQueries.StoreChoicesAsync(db);
        }

        ProducedAt = calendar.Now;
        Today = ReportStore.LocalDate(ProducedAt);
        Period = ResolvePeriod(Today);
        return null;
    }

    /// <summary>The default period when none is asked for: the current month (to date).</summary>
    protected virtual ReportPeriod DefaultPeriod(DateOnly today) => ReportPeriod.Month(today.Year, today.Month);

    private ReportPeriod? ResolvePeriod(DateOnly today)
    {
        if (From is not null || To is not null)
        {
            var from = From ?? To!.Value;
            var to = To ?? from;
            (From, To) = (from, to);
            if (DateRange.IsReversed(ModelState, localizer, from, to, nameof(To), localizer["Common.From"],
                    localizer["Common.To"]))
            {
                return null;
            }

            // Days the calendar cannot end (9999-12-31) or the business never had: said beside the field, no figures.
            if (from.Year < MinYear || to.Year > MaxYear)
            {
                ModelState.AddModelError(from.Year < MinYear ? nameof(From) : nameof(To),
                    localizer["Report.DayOutOfRange", MinYear, MaxYear]);
                return null;
            }

            var period = new ReportPeriod(from, to, false);
            if (period.Days > ReportPeriod.MaxDays)
            {
                ModelState.AddModelError(nameof(To), localizer["CallbackReport.RangeTooLong", ReportPeriod.MaxDays]);
                return null;
            }

            Month = null;
            return period;
        }

        if (!string.IsNullOrWhiteSpace(Month))
        {
            if (Month.Length == 7
                && DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var first)
                && first.Year is >= MinYear and <= MaxYear)
            {
                return ReportPeriod.Month(first.Year, first.Month);
            }

            ModelState.AddModelError(nameof(Month), localizer["CallbackReport.MonthInvalid"]);
        }

        var fallback = DefaultPeriod(today);
        Month = fallback.IsMonth ? fallback.From.ToString("yyyy-MM", CultureInfo.InvariantCulture) : null;
        if (!fallback.IsMonth)
        {
            (From, To) = (fallback.From, fallback.To);
        }

        return fallback;
    }

    /// <summary>Filter values beyond store and period that the downloads must keep (e.g. "Consultant=12").</summary>
    protected virtual IEnumerable<string> ExtraQuery() => [];

    /// <summary>Heading lines beyond title, store, period and time produced (e.g. "Consultant: 王芳").</summary>
    protected virtual IEnumerable<string> ExtraHeading() => [];

    /// <summary>This report's address with the current filter, for a download in <paramref name="format"/>.</summary>
    public string ExportLink(ExportFormat format) => Link(["handler=Export", $"format={format}"]);

    /// <summary>This report's address with the current filter and any more query parts.</summary>
    public string Link(IEnumerable<string> more)
    {
        var query = new List<string>(more) { string.Create(CultureInfo.InvariantCulture, $"Store={ReportStore.Id}") };
        if (Period is { IsMonth: true } month)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"Month={month.From:yyyy-MM}"));
        }
        else if (Period is { } range)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"From={range.From:yyyy-MM-dd}&To={range.To:yyyy-MM-dd}"));
        }

        query.AddRange(ExtraQuery());
        return Path + "?" + string.Join('&', query);
    }

    /// <summary>Title, store, period, any filter lines and the time produced: the print header and the exports' first lines.</summary>
    public IReadOnlyList<string> Heading()
    {
        var produced = ReportStore.LocalTime(ProducedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return
        [
            localizer[TitleKey].Value,
            $"{localizer["Field.Store"].Value}: {ReportStore.Code} · {ReportStore.Name}",
            $"{localizer[Period?.IsMonth == true ? "CallbackReport.Month" : "CallbackReport.Range"].Value}: {Period}",
            .. ExtraHeading(),
            $"{localizer["CallbackReport.Produced"].Value}: {produced}",
        ];
    }

    /// <summary>The report's tables as a download (the same cells the page shows), audited as an export.</summary>
    protected async Task<IActionResult> ExportAsync(ExportFormat format, IReadOnlyList<ReportSection> sections,
        string fileStem)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (Period is null || !Enum.IsDefined(format))
        {
            return Page();
        }

        var heading = Heading();
        var bytes = format == ExportFormat.Csv
            ? ReportSections.ToCsv(heading, sections)
            : await ReportSections.ToXlsxAsync(heading, sections, HttpContext.RequestAborted);
        await audit.RecordNowAsync(AuditActions.ReportExported, target: $"store:{ReportStore.Id}",
            details: string.Create(CultureInfo.InvariantCulture,
                $"report={fileStem}; format={TableExport.Extension(format)}; period={Period}"),
            storeId: ReportStore.Id);
        Response.Headers.CacheControl = "no-store";
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{fileStem}-{ReportStore.Code}-{Period.From:yyyyMMdd}-{Period.To:yyyyMMdd}.{TableExport.Extension(format)}");
        return File(bytes, TableExport.ContentType(format), name);
    }
}
