using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin.Stores;

/// <summary>Name, time zone and hours; the code is fixed once created (imports and reports refer to it).</summary>
public sealed class EditModel(CrmDbContext db, AuditLog audit, IStringLocalizer<SharedResource> localizer)
    : PageModel, IStoreForm
{
    [BindProperty]
    public StoreInput Input { get; set; } = new();

    public bool CodeEditable => false;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (store is null)
        {
            return NotFound();
        }

        Input = StoreInput.From(store);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == id);
        if (store is null)
        {
            return NotFound();
        }

        Input.Code = store.Code;
        ModelState.Remove("Input.Code");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var valid = ModelState.TryDomain(localizer, () => store.Rename(Input.Name))
            & ModelState.TryDomain(localizer, () => store.ChangeTimeZone(Input.TimeZoneId))
            & ModelState.TryDomain(localizer, () => store.ChangeWorkingHours(Input.ToWorkingHours()));
        if (!valid)
        {
            return Page();
        }

        db.ExpectVersion(store, Input.Version);
        audit.Record(AuditActions.StoreUpdated, target: $"store:{store.Code}", storeId: store.Id);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        TempData["Message"] = localizer["Store.Saved", store.Name].Value;
        return RedirectToPage("Index");
    }
}
