using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// What the pages that act on one lead share: load it with its plans and orders within the user's store, check
/// that the user may change it, and save with the optimistic-concurrency check.
/// </summary>
public abstract class LeadPageBase(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Lead Lead { get; private set; } = null!;

    public string CustomerName { get; private set; } = string.Empty;

    public Store Store { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public GradePolicy Policy { get; private set; } = null!;

    [BindProperty]
    public uint Version { get; set; }

    protected CrmDbContext Db => db;

    protected StoreCalendar Calendar => calendar;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    protected async Task<IActionResult?> LoadForEditAsync(long id)
    {
        var storeId = User.GetStoreId();
        var lead = await db.Leads.Include(l => l.Plans.Where(p => p.Status == Domain.FollowUps.PlanStatus.Open))
            .Include(l => l.Orders.Where(o => o.Status == OrderStatus.Open)).AsSplitQuery()
            .SingleOrDefaultAsync(l => l.Id == id && l.StoreId == storeId);
        if (lead is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, lead, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Lead = lead;
        Store = await calendar.StoreOfAsync(User);
        Today = Store.LocalDate(calendar.Now);
        Policy = await calendar.GradePolicyAsync(Store.Id);
        CustomerName = await db.Customers.Where(c => c.Id == lead.CustomerId).Select(c => c.Name).SingleAsync();
        if (HttpMethods.IsGet(Request.Method))
        {
            Version = lead.Version;
        }

        return null;
    }

    protected async Task<IActionResult> SaveAndReturnAsync(string doneKey)
    {
        db.ExpectVersion(Lead, Version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        TempData["Message"] = localizer[doneKey].Value;
        return RedirectToPage("/Leads/Details", new { id = Lead.Id });
    }

    /// <summary>A time typed on the store's day, or now.</summary>
    protected DateTimeOffset OnToday(TimeOnly? time) =>
        time is { } t ? Store.StartOfLocalDay(Today).Add(t.ToTimeSpan()) : calendar.Now;
}
