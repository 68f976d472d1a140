using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// A second app on the same test database whose clock the test sets (FakeTimeProvider), for rules about "today",
/// "yesterday" and "overdue" that must not depend on when the suite runs. Created once per test run.
/// </summary>
public static class FixedClockApp
{
    private static readonly Lock Gate = new();
    private static WebApplicationFactory<Program>? _factory;

    public static FakeTimeProvider Clock { get; } = new();

    public static TimeZoneInfo Shanghai { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Sets the clock to the given Shanghai wall time.</summary>
    public static void SetShanghaiTime(DateTime local) =>
        Clock.SetUtcNow(new DateTimeOffset(local, Shanghai.GetUtcOffset(local)).ToUniversalTime());

    public static DateOnly ShanghaiToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), Shanghai).DateTime);

    public static async Task<TestClient> SignInAsync(AppFixture app, string userName)
    {
        lock (Gate)
        {
            _factory ??= new CrmWebApplicationFactory(app.ConnectionString,
                    configureServices: s => s.AddSingleton<TimeProvider>(Clock))
                .WithWebHostBuilder(b => b.UseSetting("Hangfire:ServerEnabled", "false"));
        }

        var client = new TestClient(_factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
        }));
        (await client.SignInAsync(userName, AppFixture.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return client;
    }
}
