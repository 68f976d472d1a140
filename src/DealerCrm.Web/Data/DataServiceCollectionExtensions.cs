using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
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
        services.AddDbContext<CrmDbContext>(options => ConfigureNpgsql(options, connectionString));
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<Seed.DemoDataSeeder>();
        services.AddScoped<Seed.DemoBusinessData>();

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
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
