using System.Net;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// Monthly targets (spec 6.6a): the sales manager sets the sales part, the service manager the after-sales part, each
/// only theirs; bad input is said beside the field and nothing is saved; one row per store and month; the callback
/// report shows its month-to-date rates against them.
/// </summary>
public sealed class TargetsTests(AppFixture app) : WebTest(app)
{
    private const string Page = "/Reports/Targets?Month=2026-12";
    private Store _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 12, 10, 10, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        await App.CreateUserAsync("sales", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("service", _store.Id, Roles.ServiceManager);
    }

    private Task<List<StoreTarget>> TargetsAsync() => App.WithDbAsync(db => db.StoreTargets.AsNoTracking().ToListAsync());

    private static Dictionary<string, string> SalesValues(string cards, string orders, string deliveries) => new()
    {
        ["Sales.Cards"] = cards, ["Sales.Orders"] = orders, ["Sales.Deliveries"] = deliveries,
    };

    [Fact]
    public async Task Each_manager_saves_their_own_part_and_both_read_the_whole_month()
    {
        using var sales = await App.SignInAsync("sales");
        var saved = await sales.SubmitFormAsync(Page, SalesValues("120", "40", "35"), "[data-testid=sales-targets] form");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // The service manager's form is read-only for the sales manager: no button, its fields disabled.
        var salesView = await sales.GetDocumentAsync(Page);
        salesView.QuerySelector("[data-testid=save-service]").Should().BeNull();
        salesView.QuerySelector("[data-testid=service-targets] fieldset")!.HasAttribute("disabled").Should().BeTrue();

        using var service = await App.SignInAsync("service");
        var serviceView = await service.GetDocumentAsync(Page);
        serviceView.InputValue("Sales.Cards").Should().Be("120");
        serviceView.QuerySelector("[data-testid=save-sales]").Should().BeNull();
        (await service.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Service.CallbackAttemptedRate"] = "95",
            ["Service.CallbackReachedRate"] = "80.5",
            ["Service.SatisfactionRate"] = "90",
            ["Service.TimelyHandlingRate"] = "",
        }, "[data-testid=service-targets] form")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var target = (await TargetsAsync()).Should().ContainSingle().Subject;
        target.Month.Should().Be(new DateOnly(2026, 12, 1));
        (target.Cards, target.Orders, target.Deliveries).Should().Be((120, 40, 35));
        target.CallbackAttemptedRate.Should().Be(0.95m);
        target.CallbackReachedRate.Should().Be(0.805m);
        target.SatisfactionRate.Should().Be(0.9m);
        target.TimelyHandlingRate.Should().BeNull();
        (await sales.GetDocumentAsync(Page)).InputValue("Service.CallbackReachedRate").Should().Be("80.5");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.TargetsSet))).Should().Be(2);
    }

    [Fact]
    public async Task The_other_managers_fields_posted_change_nothing()
    {
        using var service = await App.SignInAsync("service");
        await service.SubmitFormAsync(Page, new Dictionary<string, string> { ["Service.SatisfactionRate"] = "90" },
            "[data-testid=service-targets] form");
        using var sales = await App.SignInAsync("sales");

        // The sales form posted with the service fields added: only the sales part is read.
        var page = await sales.GetDocumentAsync(Page);
        var values = SalesValues("10", "5", "4");
        values["Service.SatisfactionRate"] = "10";
        values["Service.CallbackAttemptedRate"] = "abc";
        (await sales.SubmitFormAsync(page, Page, values, "[data-testid=sales-targets] form")).StatusCode
            .Should().Be(HttpStatusCode.Redirect);

        // The service handler posted by the sales manager is refused.
        var token = (await sales.GetDocumentAsync(Page)).QuerySelector("input[name=__RequestVerificationToken]")!
            .GetAttribute("value")!;
        using var refused = await sales.Http.PostAsync("/Reports/Targets?handler=Service&Month=2026-12",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Service.SatisfactionRate", "10")]));
        refused.IsRefused().Should().BeTrue();

        var target = (await TargetsAsync()).Should().ContainSingle().Subject;
        target.SatisfactionRate.Should().Be(0.9m);
        target.Cards.Should().Be(10);
    }

    [Theory]
    [InlineData("Sales.Cards", "-1")]
    [InlineData("Sales.Cards", "1000001")]
    [InlineData("Sales.Orders", "99999999999999")]
    [InlineData("Sales.Deliveries", "1.5")]
    [InlineData("Sales.Deliveries", "abc")]
    public async Task A_bad_sales_figure_is_said_beside_its_field_and_nothing_is_saved(string field, string value)
    {
        using var sales = await App.SignInAsync("sales");
        var values = SalesValues("1", "1", "1");
        values[field] = value;
        var response = await sales.SubmitFormAsync(Page, values, "[data-testid=sales-targets] form");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError(field).Should().NotBeEmpty();
        (await TargetsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-0.01")]
    [InlineData("1e400")]
    public async Task A_bad_percentage_is_said_beside_its_field_and_nothing_is_saved(string value)
    {
        using var service = await App.SignInAsync("service");
        var response = await service.SubmitFormAsync(Page, new Dictionary<string, string> { ["Service.SatisfactionRate"] = value },
            "[data-testid=service-targets] form");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Service.SatisfactionRate").Should().NotBeEmpty();
        (await TargetsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("2026-11")]
    [InlineData("2028-01")]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    [InlineData("x")]
    public async Task Only_this_month_and_the_next_twelve_are_set(string month)
    {
        using var sales = await App.SignInAsync("sales");
        var page = await sales.GetDocumentAsync(Page);
        var response = await sales.SubmitFormAsync(page, $"/Reports/Targets?handler=Sales&Month={Uri.EscapeDataString(month)}",
            SalesValues("1", "1", "1"), "[data-testid=sales-targets] form");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Month").Should().NotBeEmpty();
        (await TargetsAsync()).Should().BeEmpty();
        (await sales.GetAsync($"/Reports/Targets?Month={Uri.EscapeDataString(month)}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_double_post_of_a_new_month_saves_one_row_and_the_second_is_told_to_reload()
    {
        using var sales = await App.SignInAsync("sales");
        var page = await sales.GetDocumentAsync("/Reports/Targets?Month=2027-01");
        var first = await sales.SubmitFormAsync(page, "/Reports/Targets?handler=Sales&Month=2027-01", SalesValues("1", "2", "3"),
            "[data-testid=sales-targets] form");
        var second = await sales.SubmitFormAsync(page, "/Reports/Targets?handler=Sales&Month=2027-01", SalesValues("7", "8", "9"),
            "[data-testid=sales-targets] form");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).Should().Contain("Someone else changed this record");
        var target = (await TargetsAsync()).Should().ContainSingle().Subject;
        (target.Cards, target.Month).Should().Be((1, new DateOnly(2027, 1, 1)));
    }
}

/// <summary>The callback report shows its month-to-date rates against the store's after-sales targets (6.6a).</summary>
public sealed class TargetsCallbackReportTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task The_callback_report_shows_its_month_to_date_rates_beside_the_targets()
    {
        await CallbackReportScenario.BuildAsync(App);
        await App.WithDbAsync(async db =>
        {
            var store = await db.Stores.SingleAsync();
            var target = new StoreTarget(store.Id, 2026, 11);
            target.SetService(0.95m, null, 0.8m, 0.7m, 1, App.Now);
            db.StoreTargets.Add(target);
            await db.SaveChangesAsync();
        });
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Reports/Callbacks?Month=2026-11");

        CallbackReportTests.Table(page, "targets").Should().BeEquivalentTo(new[]
        {
            new[] { "Callback attempted rate", "90.0%", "95.0%" },
            new[] { "Callback reached rate", "75.0%", "—" },
            new[] { "Satisfaction rate", "77.8%", "80.0%" },
            new[] { "Timely-handling rate", "72.2%", "70.0%" },
        }, o => o.WithStrictOrdering());

        // A type filter or another month: the table is for a whole month of all types only; October has no target.
        (await manager.GetDocumentAsync("/Reports/Callbacks?Month=2026-11&Type=NewCarThreeDay"))
            .QuerySelector("table[data-testid=targets]").Should().BeNull();
        CallbackReportTests.Table(await manager.GetDocumentAsync("/Reports/Callbacks?Month=2026-10"), "targets")
            .Select(r => r[2]).Should().AllBe("—");
    }
}
