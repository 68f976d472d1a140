using System.Globalization;
using System.Security.Claims;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>
/// Runs on every authenticated request. Ends the session when the account was deactivated, its security stamp
/// changed (password change or reset elsewhere, role change), the session was signed out (its server-side row is
/// ended) or 8 hours have passed since sign-in; and notes when the user must first replace a password an Admin set.
/// Nothing here is cached: every request reads the user and session rows, so a deactivation or a sign-out takes
/// effect on the very next request. The same statement also reads what every page of the signed-in user needs anyway
/// (the unread count of the bell, the user's store for <see cref="StoreCalendar"/>), so a page view costs one round
/// trip for all of it instead of three (issue 10, "Per-request cost" in docs/benchmarks.md).
/// </summary>
public sealed class SessionValidator(
    CrmDbContext db,
    TimeProvider time,
    StoreCalendar calendar,
    IOptions<IdentityOptions> identityOptions,
    IOptions<SessionOptions> sessionOptions,
    ILogger<SessionValidator> logger)
{
    // Compiled once: the per-request cost of looking an expression tree up in EF's query cache is gone.
    private static readonly Func<CrmDbContext, long, Guid?, int, Task<SessionState?>> StateOf =
        EF.CompileAsyncQuery((CrmDbContext db, long userId, Guid? sessionId, int storeId) =>
            db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new SessionState(
                    u.IsActive,
                    u.SecurityStamp,
                    u.UserName,
                    u.StoreId,
                    u.MustChangePassword,
                    db.Set<UserSession>().Any(s => s.Id == sessionId && s.UserId == u.Id && s.EndedAt == null),
                    db.Notifications.Count(n => n.UserId == u.Id && n.ReadAt == null),
                    db.Stores.AsNoTracking().FirstOrDefault(s => s.Id == storeId)))
                .SingleOrDefault());

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await RejectAsync(context, null, "no user id");
            return;
        }

        var sessionId = CrmSignInManager.SessionId(context.Properties);
        var storeId = int.TryParse(principal.FindFirstValue(CrmClaimTypes.StoreId), NumberStyles.None,
            CultureInfo.InvariantCulture, out var claimed) ? claimed : 0;
        var user = await StateOf(db, userId, sessionId, storeId);
        var stampClaim = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);

        string? reason = null;
        if (user is null)
        {
            reason = "user not found";
        }
        else if (!user.IsActive)
        {
            reason = "account deactivated";
        }
        else if (!string.Equals(user.SecurityStamp, stampClaim, StringComparison.Ordinal))
        {
            reason = "security stamp changed";
        }
        else if (!user.SessionOpen)
        {
            reason = "signed out";
        }
        else if (!context.Properties.Items.TryGetValue(CrmClaimTypes.AuthTimeItem, out var authTimeText)
                 || !DateTimeOffset.TryParse(authTimeText, CultureInfo.InvariantCulture,
                     DateTimeStyles.RoundtripKind, out var authTime)
                 || time.GetUtcNow() - authTime > sessionOptions.Value.AbsoluteLifetime)
        {
            reason = "absolute session lifetime reached";
        }

        if (reason is not null)
        {
            await RejectAsync(context, user is null ? null : (userId, user.UserName, user.StoreId), reason);
            return;
        }

        if (user!.MustChangePassword)
        {
            context.HttpContext.Items[PasswordChangeRequiredMiddleware.ItemKey] = true;
        }

        context.HttpContext.Items[NotificationBellViewComponent.UnreadCountItem] = user.Unread;
        if (user.Store is { } store)
        {
            calendar.Remember(store);
        }
    }

    private sealed record SessionState(bool IsActive, string? SecurityStamp, string? UserName, int StoreId,
        bool MustChangePassword, bool SessionOpen, int Unread, Store? Store);

    private async Task RejectAsync(CookieValidatePrincipalContext context, (long Id, string? Name, int StoreId)? user,
        string reason)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        logger.LogInformation("Session ended for user {UserId}: {Reason}", user?.Id, reason);
        if (user is { } u)
        {
            var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
            await audit.RecordNowAsync(AuditActions.SessionEnded, details: reason, userId: u.Id, userName: u.Name,
                storeId: u.StoreId);
        }
    }
}

public sealed class SessionOptions
{
    /// <summary>A session ends this long after sign-in, however active (ASVS 3.3.2 level 2: 12 h at most).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
