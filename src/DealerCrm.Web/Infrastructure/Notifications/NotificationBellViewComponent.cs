using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure.Notifications;

/// <summary>
/// The bell in the header with the unread count (one indexed count of the user's unread rows). On a GET the count comes
/// with the session check (<see cref="Identity.SessionValidator"/>), read in the same statement at the start of the
/// request; a POST that renders a page (a form with errors) may have changed notifications, so it counts afresh.
/// </summary>
[ViewComponent(Name = "NotificationBell")]
public sealed class NotificationBellViewComponent(CrmDbContext db) : ViewComponent
{
    /// <summary>HttpContext.Items key: the unread count read by the session check.</summary>
    public const string UnreadCountItem = "dealercrm.unread_notifications";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if ((HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method))
            && HttpContext.Items[UnreadCountItem] is int known)
        {
            return View(known);
        }

        var me = UserClaimsPrincipal.GetUserId();
        var unread = await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null);
        return View(unread);
    }
}
