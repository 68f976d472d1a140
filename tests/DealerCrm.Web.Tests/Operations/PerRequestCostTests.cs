using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>
/// Issue 10, per-request cost: a signed-in page view reads the session, the user, the bell's unread count and the
/// user's store in one statement, then runs its own query. Nothing of it is cached across requests, so what changes
/// between two requests (notifications read, a store's time zone, a consultant deactivated) shows on the next one.
/// </summary>
public sealed class PerRequestCostTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task A_consultants_lead_list_runs_two_sql_statements_the_session_check_and_the_list()
    {
        var store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("li", store.Id, Roles.SalesConsultant);
        for (var i = 0; i < 3; i++)
        {
            var customer = await App.CreateCustomerAsync(store.Id, $"客户{i}", $"1390000000{i}");
            await App.CreateLeadAsync(store, customer, li.Id);
        }

        var commands = new CommandRecorder();
        await using var factory = new CrmWebApplicationFactory(App.ConnectionString, clock: App.Factory.Clock,
            configureServices: services =>
                services.ConfigureDbContext<CrmDbContext>(options => options.AddInterceptors(commands)));
        using var browser = new TestClient(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = true,
        }));
        (await browser.SignInAsync("li", AppFixture.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync("/Leads")).StatusCode.Should().Be(HttpStatusCode.OK); // first view: keys, caches

        commands.Clear();
        var page = await browser.GetDocumentAsync("/Leads");

        page.QuerySelectorAll("[data-testid=lead-row]").Should().HaveCount(3);
        commands.Texts.Should().HaveCount(2, "one statement for session, user, unread count and store; one for the list");
        commands.Texts[0].Should().Contain("user_sessions").And.Contain("notifications").And.Contain("stores");
        commands.Texts[1].Should().Contain("FROM leads");
    }

    [Fact]
    public async Task The_bell_counts_the_unread_notifications_afresh_on_every_request()
    {
        var store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("li", store.Id, Roles.SalesConsultant);
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 2; i++)
            {
                db.Notifications.Add(new Notification(store.Id, li.Id, NotificationKind.LeadAssigned,
                    "Notification.LeadsAssigned", ["Zhang"], "/FollowUps", $"test:{i}", App.Now));
            }

            await db.SaveChangesAsync();
        });
        using var browser = await App.SignInAsync("li");

        (await UnreadAsync(browser)).Should().Be("2");

        var first = await App.WithDbAsync(db => db.Notifications.OrderBy(n => n.Id).Select(n => n.Id).FirstAsync());
        await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == first)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, App.Now)));
        (await UnreadAsync(browser)).Should().Be("1");

        await App.WithDbAsync(db => db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, App.Now)));
        (await UnreadAsync(browser)).Should().BeNull("nothing is unread, so no badge");
    }

    [Fact]
    public async Task A_store_moved_to_another_time_zone_dates_the_list_by_it_on_the_next_request()
    {
        // 20:00 UTC on 10 March 2026: already the 11th in Shanghai, still the 10th in New York.
        App.PinClock(new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero));
        var store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("li", store.Id, Roles.SalesConsultant);
        await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id), li.Id);
        using var browser = await App.SignInAsync("li");

        (await CreatedCellAsync(browser)).Should().Be("2026-03-11");

        await App.WithDbAsync(async db =>
        {
            var row = await db.Stores.SingleAsync(s => s.Id == store.Id);
            row.ChangeTimeZone("America/New_York");
            await db.SaveChangesAsync();
        });

        (await CreatedCellAsync(browser)).Should().Be("2026-03-10");
    }

    [Fact]
    public async Task A_deactivated_consultant_leaves_the_managers_owner_filter_at_the_next_request()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        var wang = await App.CreateUserAsync("wang", store.Id, Roles.SalesConsultant);
        using var browser = await App.SignInAsync("manager");

        (await OwnerChoicesAsync(browser)).Should().Contain(wang.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await App.WithDbAsync(db => db.Users.Where(u => u.Id == wang.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        (await OwnerChoicesAsync(browser)).Should().NotContain(wang.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_deactivated_user_is_signed_out_at_the_very_next_request_even_right_after_a_page_view()
    {
        var store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("li", store.Id, Roles.SalesConsultant);
        using var browser = await App.SignInAsync("li");
        (await browser.GetAsync("/Leads")).StatusCode.Should().Be(HttpStatusCode.OK);

        await App.WithDbAsync(db => db.Users.Where(u => u.Id == li.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        (await browser.GetAsync("/Leads")).RedirectPath().Should().StartWith("/Account/Login");
    }

    private static async Task<string?> UnreadAsync(TestClient browser) =>
        (await browser.GetDocumentAsync("/Leads")).QuerySelector("[data-testid=unread-count]")?.TextContent.Trim();

    private static async Task<string> CreatedCellAsync(TestClient browser) =>
        (await browser.GetDocumentAsync("/Leads")).QuerySelector("[data-testid=lead-row] td:last-child")!.TextContent
        .Trim();

    private static async Task<List<string>> OwnerChoicesAsync(TestClient browser) =>
        (await browser.GetDocumentAsync("/Leads")).QuerySelectorAll("select#Owner option")
        .Select(o => o.GetAttribute("value") ?? string.Empty).ToList();

    /// <summary>Records the text of every command EF sends, in order.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public List<string> Texts => [.. _texts];

        public void Clear() => _texts.Clear();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result)
        {
            _texts.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
