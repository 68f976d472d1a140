using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Admin.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin.Loyalty;

/// <summary>
/// A store's loyalty and tier settings (spec 5.3, 5.4): the maintenance intervals by time and by mileage, how many
/// complete intervals count, the first-maintenance window, each tier's spend and least loyalty, and each tier's
/// benefits text. A store without a row shows the defaults and saving creates its row. Saved with the row version
/// the Admin saw; the recalculation reads the settings on its next run.
/// </summary>
public sealed class SettingsModel(CrmDbContext db, AuditLog audit, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    /// <summary>Two Admins saving a store's first settings at once: the second is told like a changed row version.</summary>
    private static readonly UniqueRefusal[] Races = [new("pk_loyalty_settings", string.Empty, "Error.Concurrency")];

    /// <summary>The least loyalty a tier may ask for: L1 (best) to L5, not New or Never returned.</summary>
    public static readonly IReadOnlyList<LoyaltyCategory> Thresholds =
        [LoyaltyCategory.L1, LoyaltyCategory.L2, LoyaltyCategory.L3, LoyaltyCategory.L4, LoyaltyCategory.L5];

    [BindProperty(SupportsGet = true)]
    public int? Store { get; set; }

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public string StoreName { get; private set; } = string.Empty;

    public bool SettingsAreDefault { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadStoreAsync())
        {
            return NotFound();
        }

        var settings = await db.LoyaltySettings.AsNoTracking().SingleOrDefaultAsync(s => s.StoreId == Store);
        SettingsAreDefault = settings is null;
        Input = SettingsInput.From(settings ?? new LoyaltySettings(Store!.Value));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadStoreAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var settings = await db.LoyaltySettings.SingleOrDefaultAsync(s => s.StoreId == Store);
        if (settings is null)
        {
            settings = new LoyaltySettings(Store!.Value);
            db.LoyaltySettings.Add(settings);
        }
        else
        {
            db.ExpectVersion(settings, Input.Version);
        }

        var before = Describe(settings);

        // Every step runs ('&', not '&&'), so each field's problem shows at once; nothing is saved if one refuses.
        if (!(ModelState.TryDomain(localizer, () => settings.ChangeIntervals(Input.IntervalMonths!.Value,
                  Input.IntervalKm!.Value, Input.CountedIntervals!.Value, Input.FirstMaintenanceMonths!.Value))
              & ModelState.TryDomain(localizer, () => settings.ChangeTiers(Input.SilverSpend!.Value,
                  Input.SilverLoyalty!.Value, Input.GoldSpend!.Value, Input.GoldLoyalty!.Value,
                  Input.DiamondSpend!.Value, Input.DiamondLoyalty!.Value))
              & ModelState.TryDomain(localizer, () => settings.ChangeBenefits(Input.StandardBenefits,
                  Input.SilverBenefits, Input.GoldBenefits, Input.DiamondBenefits))))
        {
            return Page();
        }

        var changes = Changes(before, Describe(settings));
        audit.Record(AuditActions.LoyaltySettingsChanged, target: $"store:{Store}",
            details: changes.Count == 0 ? "saved unchanged" : string.Join("; ", changes), storeId: Store);
        if (!await db.TrySaveAsync(ModelState, localizer, Races))
        {
            return Page();
        }

        TempData["Message"] = localizer["LoyaltySettings.Saved"].Value;
        return RedirectToPage("Settings", new { store = Store });
    }

    /// <summary>The store choices (every store: the page is the Admin's) and the chosen store; false when unknown.</summary>
    private async Task<bool> LoadStoreAsync()
    {
        var choices = await UserQueries.StoreChoicesAsync(db);
        Store ??= choices.Count > 0 ? int.Parse(choices[0].Value, CultureInfo.InvariantCulture) : null;
        var chosen = Store?.ToString(CultureInfo.InvariantCulture);
        StoreChoices = choices.Select(c => new SelectListItem(c.Text, c.Value, c.Value == chosen)).ToList();
        var name = Store is { } id
            ? await db.Stores.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync()
            : null;
        StoreName = name ?? string.Empty;
        return name is not null;
    }

    /// <summary>The settings as the audit entry names them (no benefits text: only whether it changed).</summary>
    private static Dictionary<string, string> Describe(LoyaltySettings s) => new()
    {
        [nameof(s.IntervalMonths)] = s.IntervalMonths.ToString(CultureInfo.InvariantCulture),
        [nameof(s.IntervalKm)] = s.IntervalKm.ToString(CultureInfo.InvariantCulture),
        [nameof(s.CountedIntervals)] = s.CountedIntervals.ToString(CultureInfo.InvariantCulture),
        [nameof(s.FirstMaintenanceMonths)] = s.FirstMaintenanceMonths.ToString(CultureInfo.InvariantCulture),
        [nameof(s.SilverSpend)] = s.SilverSpend.ToString("0.##", CultureInfo.InvariantCulture),
        [nameof(s.SilverLoyalty)] = s.SilverLoyalty.ToString(),
        [nameof(s.GoldSpend)] = s.GoldSpend.ToString("0.##", CultureInfo.InvariantCulture),
        [nameof(s.GoldLoyalty)] = s.GoldLoyalty.ToString(),
        [nameof(s.DiamondSpend)] = s.DiamondSpend.ToString("0.##", CultureInfo.InvariantCulture),
        [nameof(s.DiamondLoyalty)] = s.DiamondLoyalty.ToString(),
        [nameof(s.StandardBenefits)] = s.StandardBenefits ?? string.Empty,
        [nameof(s.SilverBenefits)] = s.SilverBenefits ?? string.Empty,
        [nameof(s.GoldBenefits)] = s.GoldBenefits ?? string.Empty,
        [nameof(s.DiamondBenefits)] = s.DiamondBenefits ?? string.Empty,
    };

    private static List<string> Changes(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Where(b => after[b.Key] != b.Value)
            .Select(b => b.Key.EndsWith("Benefits", StringComparison.Ordinal) ? b.Key : $"{b.Key} {b.Value}→{after[b.Key]}")
            .ToList();

    public sealed class SettingsInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.IntervalMonths")]
        public int? IntervalMonths { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.IntervalKm")]
        public int? IntervalKm { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.CountedIntervals")]
        public int? CountedIntervals { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.FirstMaintenanceMonths")]
        public int? FirstMaintenanceMonths { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.SilverSpend")]
        public decimal? SilverSpend { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.SilverLoyalty")]
        public LoyaltyCategory? SilverLoyalty { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.GoldSpend")]
        public decimal? GoldSpend { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.GoldLoyalty")]
        public LoyaltyCategory? GoldLoyalty { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.DiamondSpend")]
        public decimal? DiamondSpend { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "LoyaltySettings.DiamondLoyalty")]
        public LoyaltyCategory? DiamondLoyalty { get; set; }

        [StringLength(LoyaltySettings.BenefitsMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "LoyaltySettings.StandardBenefits")]
        public string? StandardBenefits { get; set; }

        [StringLength(LoyaltySettings.BenefitsMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "LoyaltySettings.SilverBenefits")]
        public string? SilverBenefits { get; set; }

        [StringLength(LoyaltySettings.BenefitsMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "LoyaltySettings.GoldBenefits")]
        public string? GoldBenefits { get; set; }

        [StringLength(LoyaltySettings.BenefitsMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "LoyaltySettings.DiamondBenefits")]
        public string? DiamondBenefits { get; set; }

        public uint Version { get; set; }

        public static SettingsInput From(LoyaltySettings s) => new()
        {
            IntervalMonths = s.IntervalMonths,
            IntervalKm = s.IntervalKm,
            CountedIntervals = s.CountedIntervals,
            FirstMaintenanceMonths = s.FirstMaintenanceMonths,
            SilverSpend = s.SilverSpend,
            SilverLoyalty = s.SilverLoyalty,
            GoldSpend = s.GoldSpend,
            GoldLoyalty = s.GoldLoyalty,
            DiamondSpend = s.DiamondSpend,
            DiamondLoyalty = s.DiamondLoyalty,
            StandardBenefits = s.StandardBenefits,
            SilverBenefits = s.SilverBenefits,
            GoldBenefits = s.GoldBenefits,
            DiamondBenefits = s.DiamondBenefits,
            Version = s.Version,
        };
    }
}
