using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure.Notifications;

/// <summary>
/// Notifications caused by a user's action (spec 5.2). One statement per call; the dedupe key keeps an event from
/// notifying a user twice.
/// </summary>
public sealed class Notifier(CrmDbContext db, TimeProvider time)
{
    /// <summary>Notifies one user.</summary>
    public Task<int> NotifyUserAsync(int storeId, long userId, NotificationKind kind, string messageKey,
        string[] arguments, string link, string dedupeKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
            VALUES ({storeId}, {userId}, {(int)kind}, {messageKey}, {arguments}, {link}, {dedupeKey}, {now})
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, cancellationToken);
    }

    /// <summary>Notifies every active holder of the role in the store.</summary>
    public Task<int> NotifyRoleAsync(int storeId, string role, NotificationKind kind, string messageKey,
        string[] arguments, string link, string dedupeKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
            SELECT u.store_id, u.id, {(int)kind}, {messageKey}, {arguments}, {link}, {dedupeKey}, {now}
            FROM users u
            JOIN user_roles ur ON ur.user_id = u.id
            JOIN roles r ON r.id = ur.role_id
            WHERE u.store_id = {storeId} AND u.is_active AND r.name = {role}
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, cancellationToken);
    }
}
