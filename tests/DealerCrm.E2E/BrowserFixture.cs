using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DealerCrm.E2E;

/// <summary>
/// The app on Kestrel at a free local port, in Development with its demo data, on a fresh PostgreSQL database, and
/// the system Chromium driven by Playwright. A missing Chromium fails the suite loudly (./test.sh installs it).
/// The app's clock stands still at the suite's instant (<see cref="TestClock.StartOfTest"/>, so
/// <c>DEALERCRM_TEST_NOW</c> moves it), and the demo data is seeded relative to it: a test that reads "today"
/// reads <see cref="Now"/>, never the machine's clock, so the suite passes across a store midnight too.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly PinnedTestTime _clock = new();
    private CrmWebApplicationFactory? _app;

    /// <summary>The app's "now".</summary>
    public DateTimeOffset Now => _clock.GetUtcNow();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install chromium");
        }

        _app = new CrmWebApplicationFactory(TestPostgres.RecreateDatabase("dealercrm_e2e"), environment: "Development",
            clock: _clock);
        _app.UseKestrel(0);
        _app.StartServer();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseUrl = addresses.Addresses.First().Replace("[::1]", "localhost", StringComparison.Ordinal)
            .Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>The app's database, for a test that makes its own records (rather than lean on the demo data).</summary>
    public async Task WithDbAsync(Func<DealerCrm.Web.Data.CrmDbContext, Task> work)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<DealerCrm.Web.Data.CrmDbContext>());
    }

    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
