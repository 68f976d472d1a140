using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure.Notifications;

/// <summary>The bell in the header with the unread count (one indexed count of the user's unread rows).</summary>
[ViewComponent(Name = "NotificationBell")]
public sealed class NotificationBellViewComponent(CrmDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = UserClaimsPrincipal.GetUserId();
        var unread = await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null);
        return View(unread);
    }
}
