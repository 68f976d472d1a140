using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Admin.Users;
using DealerCrm.Web.Pages.Complaints;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin;

/// <summary>
/// A store's grievance and complaint categories (spec 4.4): the defaults (named by the resources, in both languages)
/// and the store's own, each with a code and a name in English and Chinese. A category in use is retired, never
/// deleted (its items keep it); a retired one can be restored.
/// </summary>
public sealed class ComplaintCategoriesModel(
    CrmDbContext db,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string CodeIndex = "ix_complaint_categories_store_id_code";

    [BindProperty(SupportsGet = true)]
    public int? Store { get; set; }

    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public string StoreName { get; private set; } = string.Empty;

    public IReadOnlyList<Row> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var position = Categories.Count == 0 ? 1 : Categories.Max(c => c.Position) + 1;
        ComplaintCategory? category = null;
        if (!ModelState.TryDomain(localizer,
                () => category = new ComplaintCategory(Store!.Value, Input.Code!, Input.NameEn, Input.NameZh, position)))
        {
            return Page();
        }

        if (Categories.Any(c => c.Code == category!.Code))
        {
            ModelState.AddModelError("Input.Code", localizer["ComplaintCategories.CodeTaken"]);
            return Page();
        }

        db.ComplaintCategories.Add(category!);
        audit.Record(AuditActions.CallbackSettingsChanged, target: $"store:{Store}",
            details: $"complaint category added {category!.Code}", storeId: Store);
        if (!await db.TrySaveAsync(ModelState, localizer, new UniqueRefusal(CodeIndex, "Input.Code", "ComplaintCategories.CodeTaken")))
        {
            return Page();
        }

        TempData["Message"] = localizer["ComplaintCategories.Added", category.Code].Value;
        return RedirectToPage("ComplaintCategories", new { store = Store });
    }

    public Task<IActionResult> OnPostRetireAsync(long id) => ChangeAsync(id, retire: true);

    public Task<IActionResult> OnPostRestoreAsync(long id) => ChangeAsync(id, retire: false);

    private async Task<IActionResult> ChangeAsync(long id, bool retire)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        // The add form's fields are not this form's business; an unreadable id is.
        if (ModelState.GetFieldValidationState(nameof(id)) == ModelValidationState.Invalid)
        {
            return NotFound();
        }

        // Scoped by the store in the address: another store's category is not found, never changed.
        var category = await db.ComplaintCategories.SingleOrDefaultAsync(c => c.Id == id && c.StoreId == Store);
        if (category is null)
        {
            return NotFound();
        }

        if (retire)
        {
            category.Retire();
        }
        else
        {
            category.Restore();
        }

        audit.Record(AuditActions.CallbackSettingsChanged, target: $"store:{Store}",
            details: $"complaint category {(retire ? "retired" : "restored")} {category.Code}", storeId: Store);
        await db.SaveChangesAsync();
        TempData["Message"] = localizer[retire ? "ComplaintCategories.Retired" : "ComplaintCategories.Restored", category.Code].Value;
        return RedirectToPage("ComplaintCategories", new { store = Store });
    }

    private async Task<bool> LoadAsync()
    {
        StoreChoices = await UserQueries.StoreChoicesAsync(db);
        Store ??= StoreChoices.Count > 0 ? int.Parse(StoreChoices[0].Value, CultureInfo.InvariantCulture) : null;
        var store = Store is { } storeId ? await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId) : null;
        if (store is null)
        {
            return false;
        }

        StoreName = store.Name;
        var rows = await db.ComplaintCategories.AsNoTracking().Where(c => c.StoreId == store.Id)
            .OrderBy(c => c.Position).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Code, c.NameEn, c.NameZh, c.Position, c.Active })
            .ToListAsync();
        Categories = rows.Select(c => new Row(c.Id, c.Code, CategoryNames.Of(localizer, c.Code, c.NameEn, c.NameZh),
            c.NameEn is null, c.Position, c.Active)).ToList();
        return true;
    }

    public sealed record Row(long Id, string Code, string Name, bool IsDefault, int Position, bool Active);

    public sealed class CategoryInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(ComplaintCategory.CodeMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "ComplaintCategories.Code")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(ComplaintCategory.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "ComplaintCategories.NameEn")]
        public string? NameEn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(ComplaintCategory.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "ComplaintCategories.NameZh")]
        public string? NameZh { get; set; }
    }
}
