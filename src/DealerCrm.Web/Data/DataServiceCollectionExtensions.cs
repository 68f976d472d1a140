using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using System.Security.Cryptography.X509Certificates;

namespace DealerCrm.Web.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "DealerCrm";
    public const string ApplicationName = "DealerCrm";

    public static string GetCrmConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"No connection string: set ConnectionStrings__{ConnectionStringName} (see README).");

    public static IServiceCollection AddCrmData(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetCrmConnectionString();
        services.AddSingleton(TimeProvider.System);
        // Pooled: every request used to build a new context and resolve its internal services (a measurable share of a
        // page view, docs/benchmarks.md "Per-request cost"); the context takes only its options, so it can be reused.
        services.AddDbContextPool<CrmDbContext>(options => ConfigureNpgsql(options, connectionString));
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<Seed.DemoDataSeeder>();
        services.AddScoped<Seed.DemoBusinessData>();
        services.AddScoped<Seed.DemoAfterSalesData>();
        services.AddScoped<Seed.DemoComplaintsData>();
        services.AddScoped<Seed.DemoLoyaltyData>();
        services.AddScoped<Seed.DemoReminderData>();
        services.AddScoped<Seed.DemoCampaignData>();

        // Several instances share sign-ins and anti-forgery tokens through keys kept in PostgreSQL.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<CrmDbContext>();
        var certificatePath = configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, configuration["DataProtection:CertificatePassword"]));
        }

        return services;
    }

    public static void ConfigureNpgsql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithStatementReuse(connectionString),
                npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// A pooled connection is not reset with DISCARD ALL when it goes back to the pool, and the statements a
    /// connection runs often are prepared once on it: each page view's statements are then neither re-parsed nor
    /// re-planned (about a third of the database's CPU per lead-list view, docs/benchmarks.md "Per-request cost").
    /// Safe here because nothing leaves session state behind: temporary tables are ON COMMIT DROP, advisory locks
    /// are transaction-scoped, no SET outside a transaction. A value given in the connection string wins.
    /// </summary>
    internal static string WithStatementReuse(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Mentions(connectionString, "Auto Prepare"))
        {
            builder.MaxAutoPrepare = 32;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, string keyword) =>
        connectionString.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains(keyword.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
