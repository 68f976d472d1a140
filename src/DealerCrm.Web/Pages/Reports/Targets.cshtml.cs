using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// A store's monthly targets (spec 6.6a): the sales manager sets cards, orders and deliveries, the service manager the
/// after-sales rates (typed as percentages); each saves only their own part through its own handler, both read the
/// whole month. The month is this one (default) or one of the next <see cref="MonthsAhead"/>. One row per store and
/// month (a unique index): a double post or a race saves one row, the loser is told to reload.
/// </summary>
[Authorize(Policy = Policies.Targets)]
public sealed class TargetsModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MonthsAhead = 12;

    private const string UniqueIndex = "ix_store_targets_store_id_month";

    /// <summary>The month, "yyyy-MM".</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "CallbackReport.Month")]
    public string? Month { get; set; }

    [BindProperty]
    public SalesInput Sales { get; set; } = new();

    [BindProperty]
    public ServiceInput Service { get; set; } = new();

    /// <summary>The row version the form was built from (0: no row yet).</summary>
    [BindProperty]
    public uint Version { get; set; }

    public Store Store { get; private set; } = null!;

    public DateOnly MonthStart { get; private set; }

    public DateOnly FirstMonth { get; private set; }

    public StoreTarget? Target { get; private set; }

    public bool CanSetSales { get; private set; }

    public bool CanSetService { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        FillOther(nameof(Sales));
        FillOther(nameof(Service));
        Version = Target?.Version ?? 0;
        return Page();
    }

    public Task<IActionResult> OnPostSalesAsync() => SaveAsync(nameof(Sales), Policies.SalesTargets,
        () => Sales is { Cards: null, Orders: null, Deliveries: null }
            && Target is null or { Cards: null, Orders: null, Deliveries: null },
        target => target.SetSales(Sales.Cards, Sales.Orders, Sales.Deliveries, User.GetUserId(), calendar.Now),
        () => string.Create(CultureInfo.InvariantCulture,
            $"part=sales; month={MonthStart:yyyy-MM}; cards={Sales.Cards}; orders={Sales.Orders}; deliveries={Sales.Deliveries}"));

    public Task<IActionResult> OnPostServiceAsync() => SaveAsync(nameof(Service), Policies.ServiceTargets,
        () => Service is { CallbackAttemptedRate: null, CallbackReachedRate: null, SatisfactionRate: null, TimelyHandlingRate: null }
            && Target is null or { CallbackAttemptedRate: null, CallbackReachedRate: null, SatisfactionRate: null, TimelyHandlingRate: null },
        target => target.SetService(Fraction(Service.CallbackAttemptedRate), Fraction(Service.CallbackReachedRate),
            Fraction(Service.SatisfactionRate), Fraction(Service.TimelyHandlingRate), User.GetUserId(), calendar.Now),
        () => string.Create(CultureInfo.InvariantCulture,
            $"part=service; month={MonthStart:yyyy-MM}; attempted={Service.CallbackAttemptedRate}%; reached={Service.CallbackReachedRate}%; satisfaction={Service.SatisfactionRate}%; timely={Service.TimelyHandlingRate}%"));

    /// <summary>A percentage typed (0–100) as the fraction the target keeps.</summary>
    public static decimal? Fraction(decimal? percent) => percent / 100m;

    /// <summary>A kept fraction as the percentage shown.</summary>
    public static decimal? Percent(decimal? fraction) => fraction is { } f ? decimal.Round(f * 100m, 2) : null;

    /// <param name="nothingToSave">True when the part is posted empty and nothing of it is stored (emptying a stored
    /// part clears it; an empty form over nothing is refused rather than saved as a row of "not set").</param>
    private async Task<IActionResult> SaveAsync(string part, string policy, Func<bool> nothingToSave,
        Action<StoreTarget> set, Func<string> details)
    {
        if (!(await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            return Forbid();
        }

        var monthValid = await LoadAsync();
        // Only this part's fields are read: the other part's, if posted, are neither validated nor saved.
        var other = part == nameof(Sales) ? nameof(Service) : nameof(Sales);
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(other + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        FillOther(part);

        // The row version is a hidden field: if it came back unreadable (or with a control character), say so where the
        // page can show it; the form cannot be trusted to save over the right row.
        if (ModelState.GetFieldValidationState(nameof(Version)) == ModelValidationState.Invalid)
        {
            ModelState.AddModelError(string.Empty, localizer["Targets.FormDamaged"]);
        }

        if (!monthValid || !ModelState.IsValid)
        {
            return Page();
        }

        if (nothingToSave())
        {
            var first = part == nameof(Sales) ? $"{nameof(Sales)}.{nameof(SalesInput.Cards)}"
                : $"{nameof(Service)}.{nameof(ServiceInput.CallbackAttemptedRate)}";
            ModelState.AddModelError(first, localizer["Targets.NothingEntered"]);
            return Page();
        }

        var target = Target;
        if (target is null)
        {
            if (Version != 0)
            {
                ModelState.AddModelError(string.Empty, localizer["Error.Concurrency"]);
                return Page();
            }

            if (!ModelState.TryDomain(localizer, () => target = new StoreTarget(Store.Id, MonthStart.Year, MonthStart.Month),
                    nameof(Month)) || target is null)
            {
                return Page();
            }

            db.StoreTargets.Add(target);
        }
        else
        {
            db.ExpectVersion(target, Version);
        }

        if (!ModelState.TryDomain(localizer, () => set(target), part))
        {
            return Page();
        }

        audit.Record(AuditActions.TargetsSet, target: $"store:{Store.Id}", details: details(), storeId: Store.Id);
        if (!await db.TrySaveAsync(ModelState, localizer, new UniqueRefusal(UniqueIndex, string.Empty, "Error.Concurrency")))
        {
            return Page();
        }

        TempData["Message"] = localizer["Targets.Saved", MonthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture)].Value;
        return RedirectToPage(new { Month = MonthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture) });
    }

    /// <summary>Reads the store, the month (a refused month is said beside the field; this month stands in) and its row.
    /// Returns false when the month was refused.</summary>
    private async Task<bool> LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        var today = Store.LocalDate(calendar.Now);
        FirstMonth = new DateOnly(today.Year, today.Month, 1);
        MonthStart = FirstMonth;
        var valid = true;
        if (!string.IsNullOrWhiteSpace(Month))
        {
            if (Month.Length == 7
                && DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var first)
                && first >= FirstMonth && first <= FirstMonth.AddMonths(MonthsAhead))
            {
                MonthStart = first;
            }
            else
            {
                ModelState.AddModelError(nameof(Month), localizer["Targets.MonthOutOfRange", MonthsAhead]);
                valid = false;
            }
        }

        Month = MonthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var storeId = Store.Id;
        var month = MonthStart;
        Target = await db.StoreTargets.SingleOrDefaultAsync(t => t.StoreId == storeId && t.Month == month);
        CanSetSales = (await authorization.AuthorizeAsync(User, Policies.SalesTargets)).Succeeded;
        CanSetService = (await authorization.AuthorizeAsync(User, Policies.ServiceTargets)).Succeeded;
        return valid;
    }

    /// <summary>Every part but the one being saved shows what is stored.</summary>
    private void FillOther(string saving)
    {
        if (saving != nameof(Service))
        {
            Service = new ServiceInput
            {
                CallbackAttemptedRate = Percent(Target?.CallbackAttemptedRate),
                CallbackReachedRate = Percent(Target?.CallbackReachedRate),
                SatisfactionRate = Percent(Target?.SatisfactionRate),
                TimelyHandlingRate = Percent(Target?.TimelyHandlingRate),
            };
        }

        if (saving != nameof(Sales))
        {
            Sales = new SalesInput { Cards = Target?.Cards, Orders = Target?.Orders, Deliveries = Target?.Deliveries };
        }
    }

    public sealed class SalesInput
    {
        [Range(0, StoreTarget.MaxCount, ErrorMessage = "Target.CountInvalid")]
        [Display(Name = "Targets.Cards")]
        public int? Cards { get; set; }

        [Range(0, StoreTarget.MaxCount, ErrorMessage = "Target.CountInvalid")]
        [Display(Name = "Targets.Orders")]
        public int? Orders { get; set; }

        [Range(0, StoreTarget.MaxCount, ErrorMessage = "Target.CountInvalid")]
        [Display(Name = "Targets.Deliveries")]
        public int? Deliveries { get; set; }
    }

    public sealed class ServiceInput
    {
        [Range(typeof(decimal), "0", "100", ErrorMessage = "Target.RateInvalid")]
        [Display(Name = "Targets.AttemptedRate")]
        public decimal? CallbackAttemptedRate { get; set; }

        [Range(typeof(decimal), "0", "100", ErrorMessage = "Target.RateInvalid")]
        [Display(Name = "Targets.ReachedRate")]
        public decimal? CallbackReachedRate { get; set; }

        [Range(typeof(decimal), "0", "100", ErrorMessage = "Target.RateInvalid")]
        [Display(Name = "Targets.SatisfactionRate")]
        public decimal? SatisfactionRate { get; set; }

        [Range(typeof(decimal), "0", "100", ErrorMessage = "Target.RateInvalid")]
        [Display(Name = "Targets.TimelyRate")]
        public decimal? TimelyHandlingRate { get; set; }
    }
}
