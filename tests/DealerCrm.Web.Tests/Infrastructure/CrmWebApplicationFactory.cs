using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// The real app against a real PostgreSQL database, in the "Testing" environment (production rules: secure
/// __Host- cookies, no demo data), with its Hangfire server polling every second so job tests run quickly.
/// </summary>
public sealed class CrmWebApplicationFactory(
    string connectionString,
    string environment = "Testing",
    Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:DealerCrm", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Hangfire:QueuePollSeconds", "1");
        builder.UseSetting("Hangfire:WorkerCount", "1");
        builder.UseSetting("Logging:File:Path", string.Empty);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }
}
