using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Admin.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin;

/// <summary>
/// A store's grade policy (spec 1.4): purchase windows, follow-up intervals and the deposit that makes an order
/// grade O; either preset of the training documents can be applied and then adjusted.
/// </summary>
public sealed class GradePolicyModel(CrmDbContext db, AuditLog audit, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Store { get; set; }

    [BindProperty]
    public PolicyInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public bool IsStoreDefault { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadStoresAsync())
        {
            return NotFound();
        }

        var policy = await db.GradePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.StoreId == Store);
        IsStoreDefault = policy is null;
        Input = PolicyInput.From(policy ?? new GradePolicy(Store!.Value));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadStoresAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var policy = await PolicyForUpdateAsync();
        if (!ModelState.TryDomain(localizer, () => policy.Change(Input.HWindowDays!.Value, Input.HIntervalDays!.Value,
                Input.AWindowDays!.Value, Input.AIntervalDays!.Value, Input.BWindowDays!.Value,
                Input.BIntervalDays!.Value, Input.CIntervalDays!.Value, Input.OIntervalDays!.Value,
                Input.DepositThreshold!.Value))
            | !ModelState.TryDomain(localizer, () => policy.ChangeDormantAfter(Input.DormantAfterDays!.Value)))
        {
            return Page();
        }

        return await SaveAsync(policy, "changed");
    }

    public async Task<IActionResult> OnPostPresetAsync(GradePolicyPreset preset)
    {
        if (!await LoadStoresAsync())
        {
            return NotFound();
        }

        // The preset form posts only the preset and the version: the policy form's fields are not its business, but
        // a preset that could not be read must not fall back to the first one.
        if (ModelState.GetFieldValidationState(nameof(preset)) == ModelValidationState.Invalid
            || ModelState.GetFieldValidationState("Input.Version") == ModelValidationState.Invalid)
        {
            return Page();
        }

        var policy = await PolicyForUpdateAsync();
        policy.Apply(preset);
        return await SaveAsync(policy, $"preset {preset}");
    }

    private async Task<GradePolicy> PolicyForUpdateAsync()
    {
        var policy = await db.GradePolicies.SingleOrDefaultAsync(p => p.StoreId == Store);
        if (policy is null)
        {
            policy = new GradePolicy(Store!.Value);
            db.GradePolicies.Add(policy);
        }
        else
        {
            db.ExpectVersion(policy, Input.Version);
        }

        return policy;
    }

    private async Task<IActionResult> SaveAsync(GradePolicy policy, string what)
    {
        audit.Record(AuditActions.GradePolicyChanged, target: $"store:{Store}", details: what, storeId: Store);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
        {
            ModelState.AddModelError(string.Empty, localizer["Error.Concurrency"]);
            return Page();
        }

        TempData["Message"] = localizer["GradePolicy.Saved"].Value;
        return RedirectToPage("GradePolicy", new { store = policy.StoreId });
    }

    private async Task<bool> LoadStoresAsync()
    {
        StoreChoices = await UserQueries.StoreChoicesAsync(db);
        Store ??= StoreChoices.Count > 0 ? int.Parse(StoreChoices[0].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return Store is { } id && await db.Stores.AnyAsync(s => s.Id == id);
    }

    public sealed class PolicyInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.HWindowDays")]
        public int? HWindowDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.HIntervalDays")]
        public int? HIntervalDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.AWindowDays")]
        public int? AWindowDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.AIntervalDays")]
        public int? AIntervalDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.BWindowDays")]
        public int? BWindowDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.BIntervalDays")]
        public int? BIntervalDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.CIntervalDays")]
        public int? CIntervalDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.OIntervalDays")]
        public int? OIntervalDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.DepositThreshold")]
        public decimal? DepositThreshold { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "GradePolicy.DormantAfterDays")]
        public int? DormantAfterDays { get; set; }

        public uint Version { get; set; }

        public static PolicyInput From(GradePolicy p) => new()
        {
            HWindowDays = p.HWindowDays,
            HIntervalDays = p.HIntervalDays,
            AWindowDays = p.AWindowDays,
            AIntervalDays = p.AIntervalDays,
            BWindowDays = p.BWindowDays,
            BIntervalDays = p.BIntervalDays,
            CIntervalDays = p.CIntervalDays,
            OIntervalDays = p.OIntervalDays,
            DepositThreshold = p.DepositThreshold,
            DormantAfterDays = p.DormantAfterDays,
            Version = p.Version,
        };
    }
}
