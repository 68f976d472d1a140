using System.Net;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Security;

/// <summary>
/// The bad input found by probing (issue 9 §6), each answered with a message beside the field instead of a 500, a
/// silent swap or a silent replacement; and dates people type kept between 1900-01-01 and 2100-12-31.
/// </summary>
public sealed class BadInputTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Lead _lead = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _lead = await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id), li.Id, Grade.B);
    }

    [Theory]
    [InlineData("/Leads?CarModel=%00", "CarModel")]
    [InlineData("/Manager/Audit?userName=%00", "UserName")]
    [InlineData("/Manager/Audit?act=%00", null)]
    public async Task A_nul_in_a_query_parameter_is_refused_beside_the_filter_not_sent_to_the_database(string url,
        string? field)
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        if (field is not null)
        {
            (await TestClient.ParseAsync(response)).FieldError(field)
                .Should().Be("Remove the control characters from this field.");
        }
    }

    [Theory]
    [InlineData("/Reports/ResponseTime?From=9999-12-31", "From")]
    [InlineData("/Reports/ResponseTime?From=0001-01-01&To=9999-12-31", "To")]
    [InlineData("/Manager/Audit?from=0001-01-01&to=9999-12-31", "To")]
    [InlineData("/Leads?CreatedTo=9999-12-31", "CreatedTo")]
    public async Task A_date_out_of_range_is_refused_beside_the_filter(string url, string field)
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError(field).Should().MatchRegex(
            "must be between 1900-01-01 and 2100-12-31\\.$");
    }

    [Fact]
    public async Task A_report_period_typed_the_wrong_way_round_is_said_so_not_swapped()
    {
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Reports/ResponseTime?From=2026-03-31&To=2026-03-01");

        page.FieldError("To").Should().Be("To must not be before From.");
        page.InputValue("From").Should().Be("2026-03-31", "what was typed stays");
        page.InputValue("To").Should().Be("2026-03-01");
        page.QuerySelector("[data-testid=by-source]").Should().BeNull("no figures for a period that does not exist");
    }

    [Fact]
    public async Task An_audit_range_the_wrong_way_round_lists_nothing_and_says_why()
    {
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Manager/Audit?from=2026-03-31&to=2026-03-01");

        page.FieldError("To").Should().Be("To (UTC date) must not be before From (UTC date).");
        page.QuerySelectorAll("[data-testid=audit-row]").Should().BeEmpty();
    }

    [Fact]
    public async Task An_unreadable_report_date_is_said_so_beside_it_and_the_default_period_is_shown()
    {
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Reports/ResponseTime?From=2026-02-31");

        page.FieldError("From").Should().Be("'2026-02-31' is not a valid value for From.");
        page.QuerySelector("[data-testid=by-source]").Should().NotBeNull();
    }

    [Fact]
    public async Task A_budget_past_any_number_is_refused_beside_it_and_nothing_is_saved()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
        {
            ["Interest.IntendedModel"] = "坦克500",
            ["Interest.Budget"] = "99999999999999999999",
        }, "form[data-testid=interest-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Interest.Budget").Should().NotBeEmpty();
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Interest.IntendedModel.Should().Be("哈弗H6");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01-01")]
    public async Task An_expected_purchase_date_out_of_range_is_refused_beside_it(string date)
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
        {
            ["Interest.ExpectedPurchaseDate"] = date,
        }, "form[data-testid=interest-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Interest.ExpectedPurchaseDate")
            .Should().EndWith("must be between 1900-01-01 and 2100-12-31.");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Interest.ExpectedPurchaseDate.Should().BeNull();
    }

    [Fact]
    public async Task An_expected_purchase_date_in_range_is_saved()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
        {
            ["Interest.ExpectedPurchaseDate"] = "2100-12-31",
        }, "form[data-testid=interest-form]");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Interest.ExpectedPurchaseDate
            .Should().Be(new DateOnly(2100, 12, 31));
    }
}
