using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealerCrm.Web.Data;

public static class DbUpdateExceptionExtensions
{
    /// <summary>True when PostgreSQL refused the change because a unique index already holds the value.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string? constraint = null) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
        && (constraint is null || pg.ConstraintName == constraint);
}
