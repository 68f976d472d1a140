using System.Net;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Operations;

public sealed class HealthTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task Live_answers_without_touching_dependencies_and_ready_checks_database_and_hangfire()
    {
        using var client = App.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_fails_when_the_database_cannot_be_reached()
    {
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(App.ConnectionString)
        {
            Password = "wrong password",
            Timeout = 2,
        }.ConnectionString;
        await using var factory = new CrmWebApplicationFactory(unreachable, configureServices: null)
            .WithWebHostBuilder(b => b.UseSetting("Database:MigrateOnStartup", "false")
                .UseSetting("Hangfire:ServerEnabled", "false").UseSetting("Hangfire:StartupRetries", "1"));
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
        });

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }
}
