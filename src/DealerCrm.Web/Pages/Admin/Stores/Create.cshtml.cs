using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Admin.Callbacks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin.Stores;

public sealed class CreateModel(
    CrmDbContext db,
    TimeProvider time,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel, IStoreForm
{
    [BindProperty]
    public StoreInput Input { get; set; } = new();

    public bool CodeEditable => true;

    public void OnGet() => Input = StoreInput.NewStore();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var hours = WorkingHours.Default;
        Store? store = null;
        var valid = ModelState.TryDomain(localizer, () => Store.NormalizeCode(Input.Code))
            & ModelState.TryDomain(localizer, () => hours = Input.ToWorkingHours());
        if (!valid || !ModelState.TryDomain(localizer,
                () => store = new Store(Input.Code, Input.Name, Input.TimeZoneId, hours, time.GetUtcNow()))
            || store is null)
        {
            return Page();
        }

        if (await db.Stores.AnyAsync(s => s.Code == store.Code))
        {
            ModelState.AddModelError("Input.Code", localizer["Store.CodeTaken"]);
            return Page();
        }

        db.Stores.Add(store);
        // A new store has no staff yet to read its log: the opening is a group-level entry.
        audit.RecordForGroup(AuditActions.StoreCreated, target: $"store:{store.Code}");
        try
        {
            // The store with its callback defaults (settings, scripts, questionnaires), or nothing.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await CallbackDefaults.AddMissingAsync(db, store.Id, time.GetUtcNow());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            ModelState.AddModelError("Input.Code", localizer["Store.CodeTaken"]);
            return Page();
        }

        TempData["Message"] = localizer["Store.Created", store.Name].Value;
        return RedirectToPage("Index");
    }
}
