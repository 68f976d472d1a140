using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// 营业日报表 (spec 6.1, issue 15): a store's day — or a month, summing its days — with a row per consultant and a
/// total; "at day end" figures rebuilt from the leads' history (<see cref="DailyReportQueries"/>). Default: today.
/// </summary>
[Authorize(Policy = Policies.SalesReports)]
public sealed class DailyModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : StoreReportModel(db, calendar, authorization, audit, localizer)
{
    /// <summary>Only this consultant's row (optional): an active consultant of the store.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Daily.Consultant")]
    public long? Consultant { get; set; }


    public override string TitleKey => "Daily.Title";

    public override string Path => "/Reports/Daily";

    public override string? CountingNoteKey => "Daily.HowCountedTitle";

    public IReadOnlyList<SelectListItem> Consultants { get; private set; } = [];

    public DailyReportFigures? Figures { get; private set; }

    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];

    public BarChart? Chart { get; private set; }

    public string? ConsultantName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(ExportFormat format)
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        return Figures is null ? Page() : await ExportAsync(format, Sections, "daily-report");
    }

    /// <summary>A day view: today by the store's calendar.</summary>
    protected override ReportPeriod DefaultPeriod(DateOnly today) => new(today, today, false);

    protected override IEnumerable<string> ExtraQuery() =>
        Consultant is { } id ? [string.Create(CultureInfo.InvariantCulture, $"Consultant={id}")] : [];

    protected override IEnumerable<string> ExtraHeading() =>
    [
        .. ConsultantName is { } name ? new[] { $"{Localizer["Daily.Consultant"].Value}: {name}" } : [],
        .. Figures is { } f
            ? new[]
            {
                Localizer[f.DayEndIsNow ? "Daily.DayEndNow" : "Daily.DayEndAt",
                    ReportStore.LocalTime(f.DayEndAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)].Value,
            }
            : [],
    ];

    private async Task<IActionResult?> LoadAsync()
    {
        if (await ResolveAsync() is { } refusal)
        {
            return refusal;
        }

        Consultants = await StaffQueries.ConsultantChoicesAsync(Db, ReportStore.Id);
        if (Consultant is { } wanted)
        {
            var choice = Consultants.FirstOrDefault(c => c.Value == wanted.ToString(CultureInfo.InvariantCulture));
            if (choice is null)
            {
                ModelState.AddModelError(nameof(Consultant), Localizer["Daily.ConsultantInvalid"]);
                Consultant = null;
            }
            else
            {
                ConsultantName = choice.Text;
            }
        }

        if (Period is null)
        {
            return null;
        }

        var people = Consultants.Select(c => (long.Parse(c.Value, CultureInfo.InvariantCulture), c.Text)).ToList();
        Figures = await DailyReportQueries.ReadAsync(Db, ReportStore, Period, people, Consultant, ProducedAt,
            HttpContext.RequestAborted);
        Sections = DailyReportTables.Build(Figures, Period.IsMonth, Consultant is not null, Localizer);
        Chart = DailyReportTables.Chart(Figures, Localizer);
        return null;
    }
}
