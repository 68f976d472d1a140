using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data.Seed;
using DealerCrm.Web.Pages.Admin.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data;

/// <summary>
/// Brings the database to the current schema and the minimum the app needs (the group row, each
/// store's callback defaults). Development runs it at
/// start; production runs it as an explicit step (`dotnet DealerCrm.Web.dll migrate`).
/// </summary>
public sealed class DatabaseInitializer(
    CrmDbContext db,
    DemoDataSeeder demo,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database migrated; {Count} migrations applied", pending.Count);
        await EnsureGroupAsync(cancellationToken);
        // Stores that existed before issue 11 (and any that lack them) get the default callback settings, scripts
        // and questionnaires; stores created later get them at creation. Idempotent.
        var added = await CallbackDefaults.EnsureForAllStoresAsync(db, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Callback defaults ensured; {Count} rows added", added);
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
