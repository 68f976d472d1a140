using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Notifications;

/// <summary>The user's inbox (spec 5.2): newest first, keyset-paged; each links to its subject and can be marked read.</summary>
public sealed class IndexModel(CrmDbContext db, TimeProvider time, Infrastructure.StoreCalendar calendar) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public Domain.Stores.Store Store { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        var me = User.GetUserId();
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        if (Before is { } before)
        {
            query = query.Where(n => n.Id < before);
        }

        var page = await query.OrderByDescending(n => n.Id).Take(PageSize + 1).ToListAsync();
        Items = page.Take(PageSize).ToList();
        NextBefore = page.Count > PageSize ? Items[^1].Id : null;
    }

    /// <summary>Opens the notification's subject and marks it read on the way.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id)
    {
        var me = User.GetUserId();
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == me);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync();
        return LocalRedirect(Url.IsLocalUrl(notification.Link) ? notification.Link! : "/Notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var me = User.GetUserId();
        var now = time.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now));
        return RedirectToPage("Index");
    }
}
