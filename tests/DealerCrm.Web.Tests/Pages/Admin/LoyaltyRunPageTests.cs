using System.Net;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Pages.Admin;

/// <summary>/Admin/Loyalty: an Admin starts a recalculation, watches its progress and reads the last runs; a second
/// click while one runs is refused; no other role opens or posts it.</summary>
public sealed class LoyaltyRunPageTests(AppFixture app) : WebTest(app)
{
    private const string PagePath = "/Admin/Loyalty";

    private Store _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
    }

    private static Task<HttpResponseMessage> RunNowAsync(TestClient client) =>
        client.SubmitFormAsync(PagePath, new Dictionary<string, string>(), "form[data-testid=loyalty-run-form]");

    [Fact]
    public async Task An_admin_runs_it_sees_the_progress_then_the_finished_run_with_its_counts()
    {
        var admin = await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        var owner = await App.CreateCustomerAsync(_store.Id, "车主", "13900000001");
        await App.WithDbAsync(async db =>
        {
            db.Vehicles.Add(new Domain.Vehicles.Vehicle(_store.Id, Domain.Common.Vin.WithCheckDigit("LSVAU2180N0000001"), null,
                "长城", "哈弗H6", null, owner.Id, App.TodayIn(_store).AddMonths(-2), App.TodayIn(_store).AddMonths(-2), true, App.Now));
            await db.SaveChangesAsync();
        });
        using var client = await App.SignInAsync("admin");
        var empty = await client.GetDocumentAsync(PagePath);
        empty.QuerySelector("[data-testid=loyalty-runs-empty]").Should().NotBeNull();
        empty.QuerySelector("meta[http-equiv=refresh]").Should().BeNull();

        using var started = await RunNowAsync(client);
        started.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var running = await client.GetDocumentAsync(PagePath);
        running.QuerySelector("[data-testid=loyalty-run-progress]")!.TextContent.Should().Contain("0").And.Contain("7");
        running.QuerySelector("meta[http-equiv=refresh]").Should().NotBeNull("the page reloads itself while the run goes");
        running.QuerySelector("[data-testid=loyalty-run]")!.GetAttribute("data-status").Should().Be("Running");

        using var second = await RunNowAsync(client);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(second)).QuerySelector("[data-testid=loyalty-run-error]")!.TextContent
            .Should().NotBeNullOrWhiteSpace("a second run while one is going is refused");
        var run = await App.WithDbAsync(db => db.LoyaltyRuns.SingleAsync());
        (run.Trigger, run.ByUserId, run.Status).Should().Be((LoyaltyRunTrigger.Admin, admin.Id, LoyaltyRunStatus.Running));

        // Hangfire has the job (the test host runs no server): run it as the server would.
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LoyaltyRecalculationJob>().RunRequestedAsync(run.Id, CancellationToken.None);
        }

        var done = await client.GetDocumentAsync(PagePath);
        done.QuerySelector("[data-testid=loyalty-run-progress]").Should().BeNull();
        done.QuerySelector("meta[http-equiv=refresh]").Should().BeNull();
        var row = done.QuerySelector("[data-testid=loyalty-run]")!;
        row.GetAttribute("data-status").Should().Be("Finished");
        row.QuerySelector("[data-testid=run-customers]")!.TextContent.Trim().Should().Be("1");
        row.TextContent.Should().Contain("Display admin");
        (await App.WithDbAsync(db => db.CustomerLoyalty.SingleAsync())).Category.Should().Be(LoyaltyCategory.New);

        using var again = await RunNowAsync(client);
        again.StatusCode.Should().Be(HttpStatusCode.Redirect, "once finished, another can start");
        (await App.WithDbAsync(db => db.LoyaltyRuns.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task A_running_row_left_by_a_killed_process_long_ago_does_not_block_a_new_run()
    {
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        await App.WithDbAsync(async db =>
        {
            db.LoyaltyRuns.Add(new LoyaltyRun(LoyaltyRunTrigger.Schedule, null, LoyaltyRecalculationJob.Steps, App.Now.AddHours(-5)));
            await db.SaveChangesAsync();
        });
        using var client = await App.SignInAsync("admin");

        using var started = await RunNowAsync(client);

        started.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.LoyaltyRuns.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task The_admin_home_links_to_it()
    {
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        using var client = await App.SignInAsync("admin");

        var home = await client.GetDocumentAsync("/Admin");

        home.QuerySelector("[data-testid=admin-loyalty]")!.GetAttribute("href").Should().Be(PagePath);
    }

    public static TheoryData<string> OtherRoles() => new(Roles.Names.Where(r => r != Roles.Admin));

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task Other_roles_can_neither_open_it_nor_start_a_run(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        using var get = await client.GetAsync(PagePath);
        get.IsRefused().Should().BeTrue($"{role} must not open it (got {(int)get.StatusCode})");
        var ownHome = RoleNavigation.Items.First(i => i.Role == role).Path;
        var page = await client.GetDocumentAsync(ownHome);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = await client.Http.PostAsync(PagePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));

        post.IsRefused().Should().BeTrue($"{role} must not start a run (got {(int)post.StatusCode})");
        (await App.WithDbAsync(db => db.LoyaltyRuns.CountAsync())).Should().Be(0);
    }
}
