using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data;

/// <summary>
/// Brings the database to the current schema and the minimum the app needs (the group row). Development runs it at
/// start; production runs it as an explicit step (`dotnet DealerCrm.Web.dll migrate`).
/// </summary>
public sealed class DatabaseInitializer(CrmDbContext db, DemoDataSeeder demo, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database migrated; {Count} migrations applied", pending.Count);
        await EnsureGroupAsync(cancellationToken);
    }

    public Task SeedDemoDataAsync(CancellationToken cancellationToken = default) => demo.SeedAsync(cancellationToken);

    private async Task EnsureGroupAsync(CancellationToken cancellationToken)
    {
        // Concurrent instances may both get here; the primary key keeps one row.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO dealer_groups (id, name, default_time_zone_id, audit_retention_months) " +
            "VALUES ({0}, {1}, {2}, {3}) ON CONFLICT (id) DO NOTHING",
            [DealerGroup.SingletonId, "DealerCrm", Store.DefaultTimeZoneId, 36], cancellationToken);
    }
}
