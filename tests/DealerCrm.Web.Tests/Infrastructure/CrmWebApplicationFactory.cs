using DealerCrm.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// The real app against a real PostgreSQL database, in the "Testing" environment (production rules: secure
/// __Host- cookies, no demo data). Its clock is the one the tests hold (<paramref name="clock"/>, by default a
/// <see cref="PinnedTestTime"/>). It runs no Hangfire server and registers no recurring job: a job fires only when
/// a test runs it, so no scheduled run can change what a test counts.
/// </summary>
public sealed class CrmWebApplicationFactory(
    string connectionString,
    string environment = "Testing",
    Action<IServiceCollection>? configureServices = null,
    TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    public TimeProvider Clock { get; } = clock ?? new PinnedTestTime();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:DealerCrm", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Hangfire:ServerEnabled", "false");
        builder.UseSetting("Hangfire:RegisterSchedule", "false");
        builder.UseSetting("Hangfire:QueuePollSeconds", "1"); // for the one test that starts a server of its own
        builder.UseSetting("Logging:File:Path", string.Empty);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Clock);
            // Plan tests read the commands a page runs (SqlCapture); the interceptor costs nothing when no capture is on.
            services.ConfigureDbContext<CrmDbContext>(options => options.AddInterceptors(new SqlCaptureInterceptor()));
            configureServices?.Invoke(services);
        });
    }
}
