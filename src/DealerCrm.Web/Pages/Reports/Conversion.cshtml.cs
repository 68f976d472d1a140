using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Leads;
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
/// Conversion by source (S0201, spec 6.2): the leads created in the period per channel and per project, inbound vs
/// outbound, with the deliveries inside 1 and 3 months of each lead's creation (<see cref="ConversionRules"/>), the
/// leads whose window is still running apart, the medians from card to order and to delivery, and the funnel.
/// </summary>
[Authorize(Policy = Policies.SalesReports)]
public sealed class ConversionModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : StoreReportModel(db, calendar, authorization, audit, localizer)
{
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Conversion.Source")]
    public SourceChannel? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(LeadInterest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Conversion.Model")]
    public string? IntendedModel { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Conversion.Consultant")]
    public long? Consultant { get; set; }

    public override string TitleKey => "Conversion.Title";

    public override string Path => "/Reports/Conversion";

    public override string? CountingNoteKey => "Conversion.HowCounted";

    public IReadOnlyList<SelectListItem> ConsultantChoices { get; private set; } = [];

    public IReadOnlyList<string> ModelChoices { get; private set; } = [];

    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];

    public BarChart? FunnelChart { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        return await LoadAsync() ?? Page();
    }

    public async Task<IActionResult> OnGetExportAsync(ExportFormat format)
    {
        return await LoadAsync() ?? await ExportAsync(format, Sections, "conversion");
    }

    protected override IEnumerable<string> ExtraQuery()
    {
        if (Source is { } source)
        {
            yield return $"Source={source}";
        }

        if (IntendedModel is { } model)
        {
            yield return "IntendedModel=" + Uri.EscapeDataString(model);
        }

        if (Consultant is { } consultant)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Consultant={consultant}");
        }
    }

    protected override IEnumerable<string> ExtraHeading()
    {
        if (Source is { } source)
        {
            yield return $"{Localizer["Conversion.Source"].Value}: {Localizer[$"Enum.SourceChannel.{source}"].Value}";
        }

        if (IntendedModel is { } model)
        {
            yield return $"{Localizer["Conversion.Model"].Value}: {model}";
        }

        if (Consultant is { } consultant)
        {
            var name = ConsultantChoices.FirstOrDefault(c => c.Value == consultant.ToString(CultureInfo.InvariantCulture))?.Text;
            yield return $"{Localizer["Conversion.Consultant"].Value}: {name}";
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await ResolveAsync() is { } refusal)
        {
            return refusal;
        }

        ConsultantChoices = await StaffQueries.ConsultantChoicesAsync(Db, ReportStore.Id);
        if (Source is { } source && !Enum.IsDefined(source))
        {
            ModelState.AddModelError(nameof(Source), Localizer["Conversion.SourceInvalid"]);
            Source = null;
        }

        if (ModelState.TryGetValue(nameof(IntendedModel), out var modelState) && modelState.Errors.Count > 0)
        {
            IntendedModel = null;
        }

        IntendedModel = string.IsNullOrWhiteSpace(IntendedModel) ? null : IntendedModel.Trim();
        if (Consultant is { } consultant
            && ConsultantChoices.All(c => c.Value != consultant.ToString(CultureInfo.InvariantCulture)))
        {
            ModelState.AddModelError(nameof(Consultant), Localizer["Conversion.ConsultantInvalid"]);
            Consultant = null;
        }

        if (Period is null)
        {
            return null;
        }

        var aborted = HttpContext.RequestAborted;
        ModelChoices = await ConversionReportQueries.ModelsAsync(Db, ReportStore.Id, PeriodStart, PeriodEnd, aborted);
        var leads = await ConversionReportQueries.LeadsAsync(Db, ReportStore.Id, PeriodStart, PeriodEnd,
            new ConversionFilter(Source, IntendedModel, Consultant), aborted);
        Sections = ConversionReportTables.Build(leads, ReportStore, ProducedAt, Localizer);
        var stages = ConversionReportTables.FunnelStages(ConversionFigures.Of(leads, ReportStore, ProducedAt));
        var top = Math.Max(1, stages[0].Count);
        FunnelChart = new BarChart("funnel-chart", Localizer["Conversion.Funnel"].Value, [],
            stages.Select(s => new BarGroup(Localizer[$"Conversion.Stage.{s.Key}"].Value,
                [new Bar((double)s.Count / top, s.Count.ToString(CultureInfo.InvariantCulture))])).ToList());
        return null;
    }
}
