using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure.Notifications;

/// <summary>
/// Notifications caused by a user's action (spec 5.2), added to the current unit of work like <c>AuditLog</c>: the
/// caller's <c>SaveChanges</c> (inside its transaction, if it has one) stores them with the change that causes them,
/// so either both are saved or neither is. Call before saving. A notification whose dedupe key the user already has
/// (stored, or added in this unit of work) is the same event and is not added twice.
/// </summary>
public sealed class Notifier(CrmDbContext db, TimeProvider time)
{
    /// <summary>Adds a notification for one user.</summary>
    public async Task AddForUserAsync(int storeId, long userId, NotificationKind kind, string messageKey,
        string[] arguments, string link, string dedupeKey, CancellationToken cancellationToken = default)
    {
        var known = await KnownAsync([userId], dedupeKey, cancellationToken);
        if (!known.Contains(userId))
        {
            db.Notifications.Add(new Notification(storeId, userId, kind, messageKey, arguments, link, dedupeKey,
                time.GetUtcNow()));
        }
    }

    /// <summary>Adds a notification for every active holder of the role in the store.</summary>
    public async Task AddForRoleAsync(int storeId, string role, NotificationKind kind, string messageKey,
        string[] arguments, string link, string dedupeKey, CancellationToken cancellationToken = default)
    {
        var holders = await db.Users
            .Where(u => u.StoreId == storeId && u.IsActive)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var known = await KnownAsync(holders, dedupeKey, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var userId in holders.Where(u => !known.Contains(u)))
        {
            db.Notifications.Add(new Notification(storeId, userId, kind, messageKey, arguments, link, dedupeKey, now));
        }
    }

    private async Task<HashSet<long>> KnownAsync(IReadOnlyCollection<long> userIds, string dedupeKey,
        CancellationToken cancellationToken)
    {
        var known = db.Notifications.Local.Where(n => n.DedupeKey == dedupeKey && userIds.Contains(n.UserId))
            .Select(n => n.UserId).ToHashSet();
        known.UnionWith(await db.Notifications.Where(n => n.DedupeKey == dedupeKey && userIds.Contains(n.UserId))
            .Select(n => n.UserId).ToListAsync(cancellationToken));
        return known;
    }
}
