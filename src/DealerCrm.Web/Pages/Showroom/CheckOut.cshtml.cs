using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Showroom;

/// <summary>The visitor leaves: departure time, purpose, first impression and, if they left them, name and mobile.</summary>
public sealed class CheckOutModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    Leads.DormantLeads dormantLeads,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CheckOutInput Input { get; set; } = new();

    public TrafficEntry Entry { get; private set; } = null!;

    public Store Store { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        Input.LeftAt = TimeOnly.FromDateTime(Store.LocalTime(calendar.Now));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = calendar.Now;
        var leftAt = ShowroomQueries.OnDay(Store, Entry.BusinessDate, Input.LeftAt, now);
        if (!ModelState.TryDomain(localizer, () => Entry.CheckOut(leftAt, Input.ToDetails(), now)))
        {
            return Page();
        }

        if (Entry.Mobile is { } mobile
            && await ShowroomQueries.ReturningAsync(db, Store.Id, mobile) is { CustomerId: { } customerId })
        {
            Entry.LinkCustomer(customerId, returning: true);
        }

        db.ExpectVersion(Entry, Input.Version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        await dormantLeads.ReactivateForVisitAsync(Entry, Store.LocalDate(now), User.GetUserId());
        TempData["Message"] = localizer["Showroom.CheckedOut"].Value;
        return RedirectToPage("Index");
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var entry = await db.TrafficEntries.VisibleTo(User).SingleOrDefaultAsync(t => t.Id == id);
        if (entry is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, entry, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        var today = (await calendar.StoreOfAsync(User)).LocalDate(calendar.Now);
        if (!entry.IsOpen || entry.BusinessDate != today)
        {
            // Yesterday's open walk-in is the manager's to correct (Edit), not a check-out.
            TempData["Message"] = localizer[entry.IsOpen ? "Traffic.SameDayOnly" : "Traffic.NotOpen"].Value;
            return RedirectToPage("Index");
        }

        Entry = entry;
        Store = await calendar.StoreOfAsync(User);
        Input.Version = entry.Version;
        return null;
    }

    public sealed class CheckOutInput : VisitorInput
    {
        [System.ComponentModel.DataAnnotations.Display(Name = "Showroom.LeftAt")]
        public TimeOnly? LeftAt { get; set; }

        public uint Version { get; set; }
    }
}
