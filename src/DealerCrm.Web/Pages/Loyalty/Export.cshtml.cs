using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Loyalty;

/// <summary>The lists of the loyalty pages a manager exports.</summary>
public enum LoyaltyList
{
    /// <summary>The drill-down list (category, tier and risk filters).</summary>
    Owners,

    /// <summary>A week's upgrades and downgrades.</summary>
    Changes,

    /// <summary>The at-risk owners, soonest first.</summary>
    AtRisk,
}

/// <summary>
/// CSV and .xlsx of the loyalty lists for the managers only (policy LoyaltyExport: the service manager and the GM; the
/// CRM officer reads the lists but does not take them away). The same queries as the pages, every row (up to the
/// export cap), amounts as number cells, mobiles masked as on the page; each export is audited.
/// </summary>
[Authorize(Policy = Policies.LoyaltyExport)]
public sealed class ExportModel(CrmDbContext db, StoreCalendar calendar, AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public LoyaltyList List { get; set; }

    [BindProperty(SupportsGet = true)]
    public ExportFormat Format { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loyalty.Category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loyalty.Tier")]
    public MembershipTier? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loyalty.Risk")]
    public LoyaltyRisk? Risk { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loyalty.Week")]
    public DateOnly? Week { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var store = await calendar.StoreOfAsync(User);
        var list = Enum.IsDefined(List) ? List : LoyaltyList.Owners;
        var format = Enum.IsDefined(Format) ? Format : ExportFormat.Csv;
        var stamp = $"{store.Code}-{calendar.Now.UtcDateTime:yyyyMMdd-HHmm}";
        if (list == LoyaltyList.Changes)
        {
            var week = StoreWeek.Of(Week ?? store.LocalDate(calendar.Now));
            var rows = LoyaltyQueries.WeekChanges(db, store.Id, week).Take(TableExport.MaxRows + 1).AsAsyncEnumerable();
            return Result(format, $"loyalty-changes-{LoyaltyQueries.Date(week.Monday)}-{stamp}",
                localizer["Loyalty.SheetChanges"], ChangeColumns(), rows, $"list=changes; week={LoyaltyQueries.Date(week.Monday)}");
        }

        var filter = list == LoyaltyList.AtRisk
            ? OwnerFilter.None
            : OwnerFilters.Read(ModelState, localizer, Category, Tier, Risk);
        var owners = list == LoyaltyList.AtRisk
            ? LoyaltyQueries.AtRisk(db, store.Id)
            : LoyaltyQueries.Owners(db, store.Id, filter, after: null);
        var name = list == LoyaltyList.AtRisk ? "loyalty-at-risk" : "loyalty-owners";
        var title = list == LoyaltyList.AtRisk ? localizer["Loyalty.AtRisk"] : localizer["Loyalty.Owners"];
        var describe = list == LoyaltyList.AtRisk ? "list=at-risk" : "list=owners" + (filter.Describe() is { Length: > 0 } d ? "; " + d : "");
        return Result(format, $"{name}-{stamp}", title, OwnerColumns(),
            owners.Take(TableExport.MaxRows + 1).AsAsyncEnumerable(), describe);
    }

    private ExportResult<T> Result<T>(ExportFormat format, string fileName, string sheet,
        IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, string filter) =>
        new(format, fileName, sheet, columns, rows,
            outcome => audit.RecordNowAsync(AuditActions.LoyaltyExported, target: "loyalty",
                details: ExportAudit.Details(outcome, filter)));

    private ExportColumn<OwnerRow>[] OwnerColumns() =>
    [
        new(localizer["Loyalty.Customer"], r => r.Name),
        new(localizer["Loyalty.Mobile"], r => LoyaltyQueries.Masked(r.Mobile)),
        new(localizer["Loyalty.Category"], r => LoyaltyQueries.CategoryText(localizer, r.Category)),
        new(localizer["Loyalty.Tier"], r => localizer.Text(r.Tier)),
        new(localizer["Loyalty.Spend"], r => r.Spend.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            r => r.Spend),
        new(localizer["Loyalty.TierSince"], r => LoyaltyQueries.Date(r.TierSince)),
        new(localizer["Loyalty.Risk"], r => r.Risk == LoyaltyRisk.None ? string.Empty : localizer.Text(r.Risk)),
        new(localizer["Loyalty.RiskUntil"], r => LoyaltyQueries.Date(r.RiskUntil)),
    ];

    private ExportColumn<ChangeRow>[] ChangeColumns() =>
    [
        new(localizer["Loyalty.Date"], r => LoyaltyQueries.Date(r.OnDate)),
        new(localizer["Loyalty.Customer"], r => r.Name),
        new(localizer["Loyalty.Mobile"], r => LoyaltyQueries.Masked(r.Mobile)),
        new(localizer["Loyalty.Change"], r => r.IsDowngrade ? localizer["Loyalty.Downgrade"] : localizer["Loyalty.Upgrade"]),
        new(localizer["Loyalty.OldTier"], r => r.OldTier is { } old ? localizer.Text(old) : localizer["Loyalty.FirstCalculation"]),
        new(localizer["Loyalty.NewTier"], r => localizer.Text(r.NewTier)),
        new(localizer["Loyalty.Cause"], r => LoyaltyQueries.CauseText(localizer, r.Cause)),
        new(localizer["Loyalty.Spend"], r => r.Spend.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            r => r.Spend),
    ];
}
