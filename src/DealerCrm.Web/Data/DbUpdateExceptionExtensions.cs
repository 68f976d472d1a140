using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealerCrm.Web.Data;

public static class DbUpdateExceptionExtensions
{
    /// <summary>The unique index that keeps one notification per user and dedupe key.</summary>
    public const string NotificationDedupeIndex = "ux_notifications_user_dedupe";

    /// <summary>
    /// True when the save lost a race: the row changed since the user read it (row version), or another transaction
    /// already wrote the same notification (same user and dedupe key), which it only does when it did the same act
    /// at the same instant. Notifications are saved with the change that causes them, so that race surfaces here.
    /// </summary>
    public static bool IsLostRace(this DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || exception.IsUniqueViolation(NotificationDedupeIndex);

    /// <summary>True when PostgreSQL refused the change because a unique index already holds the value.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string? constraint = null) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
        && (constraint is null || pg.ConstraintName == constraint);
}
