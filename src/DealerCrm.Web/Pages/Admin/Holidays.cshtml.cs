using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Admin.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Admin;

/// <summary>
/// A store's holiday calendar (spec 4.4, 4.7): dates it is closed on a day it would open, and make-up working days
/// (调休) on a day it would be closed. The working calendar, the callback due day and the complaint clocks read it.
/// </summary>
public sealed class HolidaysModel(
    CrmDbContext db,
    TimeProvider time,
    AuditLog audit,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    [BindProperty(SupportsGet = true)]
    public int? Store { get; set; }

    [BindProperty(SupportsGet = true)]
    [Range(FirstYear, LastYear, ErrorMessage = "Holiday.YearRange")]
    [Display(Name = "Holiday.Year")]
    public int? Year { get; set; }

    [BindProperty]
    public HolidayInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public string StoreName { get; private set; } = string.Empty;

    public IReadOnlyList<HolidayRow> Holidays { get; private set; } = [];

    /// <summary>The store's current year (store-local), the list's default.</summary>
    public int ThisYear { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        return Page();
    }

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

        StoreHoliday? holiday = null;
        if (!ModelState.TryDomain(localizer,
                () => holiday = new StoreHoliday(Store!.Value, Input.Date!.Value, Input.Kind!.Value, Input.Name))
            || holiday is null)
        {
            return Page();
        }

        if (await db.StoreHolidays.AnyAsync(h => h.StoreId == holiday.StoreId && h.Date == holiday.Date))
        {
            ModelState.AddModelError("Input.Date", localizer["Holiday.DateTaken"]);
            return Page();
        }

        db.StoreHolidays.Add(holiday);
        audit.Record(AuditActions.HolidaysChanged, target: $"store:{Store}",
            details: $"added {holiday.Date:yyyy-MM-dd} {holiday.Kind}", storeId: Store);
        if (!await db.TrySaveAsync(ModelState, localizer,
                new UniqueRefusal("ix_store_holidays_store_id_date", "Input.Date", "Holiday.DateTaken")))
        {
            return Page();
        }

        TempData["Message"] = localizer["Holiday.Added", holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value;
        return RedirectToPage("Holidays", new { store = Store, year = holiday.Date.Year });
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        // The add form's fields are not this form's business; an unreadable id is.
        if (ModelState.GetFieldValidationState(nameof(id)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            return NotFound();
        }

        // Scoped by the store in the address: a date of another store is not found, never removed.
        var holiday = await db.StoreHolidays.SingleOrDefaultAsync(h => h.Id == id && h.StoreId == Store);
        if (holiday is null)
        {
            return NotFound();
        }

        db.StoreHolidays.Remove(holiday);
        audit.Record(AuditActions.HolidaysChanged, target: $"store:{Store}",
            details: $"removed {holiday.Date:yyyy-MM-dd} {holiday.Kind}", storeId: Store);
        await db.SaveChangesAsync();
        TempData["Message"] = localizer["Holiday.Removed", holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value;
        return RedirectToPage("Holidays", new { store = Store, year = holiday.Date.Year });
    }

    private async Task<bool> LoadAsync()
    {
        StoreChoices = await UserQueries.StoreChoicesAsync(db);
        Store ??= StoreChoices.Count > 0 ? int.Parse(StoreChoices[0].Value, CultureInfo.InvariantCulture) : null;
        var store = Store is { } id ? await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id) : null;
        if (store is null)
        {
            return false;
        }

        StoreName = store.Name;
        ThisYear = store.LocalDate(time.GetUtcNow()).Year;
        Year ??= ThisYear;
        var from = new DateOnly(Year.Value, 1, 1);
        var until = new DateOnly(Year.Value, 12, 31);
        Holidays = await db.StoreHolidays.AsNoTracking()
            .Where(h => h.StoreId == store.Id && h.Date >= from && h.Date <= until)
            .OrderBy(h => h.Date)
            .Select(h => new HolidayRow(h.Id, h.Date, h.Kind, h.Name))
            .ToListAsync();
        return true;
    }

    public sealed record HolidayRow(long Id, DateOnly Date, HolidayKind Kind, string? Name);

    public sealed class HolidayInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Holiday.Date")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Holiday.Kind")]
        public HolidayKind? Kind { get; set; } = HolidayKind.Closed;

        [StringLength(StoreHoliday.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Holiday.Name")]
        public string? Name { get; set; }
    }
}
