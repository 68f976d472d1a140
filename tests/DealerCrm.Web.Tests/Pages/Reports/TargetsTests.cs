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
    [InlineData("Service.SatisfactionRate", "abc")]
    [InlineData("Service.CallbackReachedRate", "99999999999999999999")]
    [InlineData("Service.TimelyHandlingRate", "-5")]
    public async Task Letters_huge_and_negative_percentages_are_said_beside_their_field(string field, string value)
    {
        using var service = await App.SignInAsync("service");
        var response = await service.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Service.CallbackAttemptedRate"] = "95", [field] = value,
        }, "[data-testid=service-targets] form");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError(field).Should().NotBeEmpty();
        page.InputValue(field).Should().Be(value, "what was typed stays in the field");
        page.InputValue("Service.CallbackAttemptedRate").Should().Be("95");
        (await TargetsAsync()).Should().BeEmpty();
    }

    /// <summary>
    /// House rule (docs/decisions.md, "Hostile values"): a NUL in any field is removed and refused beside it, never a 400
    /// (it was: the framework's form reader refuses a body holding %00, and the anti-forgery check read the form first).
    /// </summary>
    [Theory]
    [InlineData("sales", "Sales.Cards", "1\0", "1")]
    [InlineData("sales", "Sales.Deliveries", "\0", "")]
    [InlineData("sales", "Sales.Orders", "a\0b", "ab")]
    [InlineData("service", "Service.SatisfactionRate", "9\00", "90")]
    [InlineData("service", "Service.CallbackAttemptedRate", "\0\0", "")]
    public async Task A_nul_in_a_target_is_removed_and_refused_beside_the_field(string part, string field, string value, string kept)
    {
        using var both = await SignInAsBothAsync();
        var values = new Dictionary<string, string> { [field] = value };
        values[part == "sales" ? "Sales.Orders" : "Service.TimelyHandlingRate"] =
            field is "Sales.Orders" or "Service.TimelyHandlingRate" ? value : "7";
        var response = await both.SubmitFormAsync(Page, values, $"[data-testid={part}-targets] form");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError(field).Should().Be("Remove the control characters from this field.");
        page.InputValue(field).Should().Be(kept, "the typed value stays, less its NULs");
        if (field is not ("Sales.Orders" or "Service.TimelyHandlingRate"))
        {
            page.InputValue(part == "sales" ? "Sales.Orders" : "Service.TimelyHandlingRate").Should().Be("7");
        }

        (await TargetsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_nul_in_the_month_or_the_row_version_is_refused_and_nothing_is_saved()
    {
        using var both = await SignInAsBothAsync();
        var page = await both.GetDocumentAsync(Page);

        var month = await both.SubmitFormAsync(page, "/Reports/Targets?handler=Sales&Month=2026-12\0",
            SalesValues("1", "2", "3"), "[data-testid=sales-targets] form");
        month.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(month)).FieldError("Month").Should().NotBeEmpty();

        var values = SalesValues("1", "2", "3");
        values["Version"] = "0\0";
        var version = await both.SubmitFormAsync(page, "/Reports/Targets?handler=Sales&Month=2026-12", values,
            "[data-testid=sales-targets] form");
        version.StatusCode.Should().Be(HttpStatusCode.OK);
        var shown = await TestClient.ParseAsync(version);
        shown.QuerySelector(".validation-summary-errors")!.TextContent.Should().Contain("Reload the page");
        shown.InputValue("Sales.Cards").Should().Be("1");
        (await TargetsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_form_is_refused_beside_its_first_field_until_something_is_stored_to_clear()
    {
        using var both = await SignInAsBothAsync();
        var emptySales = await both.SubmitFormAsync(Page, SalesValues("", "", ""), "[data-testid=sales-targets] form");
        emptySales.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(emptySales)).FieldError("Sales.Cards").Should().Be("Enter at least one target for the month.");
        var emptyService = await both.SubmitFormAsync(Page, new Dictionary<string, string>(), "[data-testid=service-targets] form");
        emptyService.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(emptyService)).FieldError("Service.CallbackAttemptedRate").Should().NotBeEmpty();
        (await TargetsAsync()).Should().BeEmpty();

        // Once set, emptying the part is how a manager takes the targets back ("not set").
        (await both.SubmitFormAsync(Page, SalesValues("5", "", ""), "[data-testid=sales-targets] form")).StatusCode
            .Should().Be(HttpStatusCode.Redirect);
        (await both.SubmitFormAsync(Page, SalesValues("", "", ""), "[data-testid=sales-targets] form")).StatusCode
            .Should().Be(HttpStatusCode.Redirect);
        (await TargetsAsync()).Should().ContainSingle().Which.Cards.Should().BeNull();
    }

    private async Task<TestClient> SignInAsBothAsync()
    {
        await App.CreateUserAsync("both", _store.Id, Roles.SalesManager, Roles.ServiceManager);
        return await App.SignInAsync("both");
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
