using System.Net;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>A lead's project (6.2) is chosen on the new card and changed on the card, its history saying so; a value
/// outside the list is refused beside the field and nothing is saved.</summary>
public sealed class LeadProjectTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _receptionist = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _receptionist = await App.CreateUserAsync("receptionist", _store.Id, Roles.Receptionist);
    }

    private async Task<(TestClient Client, AngleSharp.Html.Dom.IHtmlDocument Page)> NewCardAsync()
    {
        var entry = await App.CreateWalkInAsync(_store, _receptionist.Id, _li.Id, new VisitorDetails
        {
            VisitorName = "赵先生",
            Mobile = "13912345678",
            Purpose = VisitPurpose.Browse,
            FirstImpression = Grade.A,
        });
        var li = await App.SignInAsync("consultant.li");
        return (li, await li.GetDocumentAsync($"/Leads/New?traffic={entry.Id}"));
    }

    [Fact]
    public async Task A_new_card_takes_its_project_from_the_form()
    {
        var (li, page) = await NewCardAsync();
        using var _ = li;
        page.QuerySelectorAll("select[name='Input.Interest.Project'] option").Select(o => o.GetAttribute("value"))
            .Should().Equal("None", "ManufacturerCampaign", "LocalCampaign", "FleetSales");

        using var response = await li.SubmitFormAsync(page, "/Leads/New", new Dictionary<string, string>
        {
            ["Input.Gender"] = "Male",
            ["Input.Grade.Grade"] = "A",
            ["Input.Interest.Project"] = "FleetSales",
        }, "form[data-testid=card-form]");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Project.Should().Be(LeadProject.FleetSales);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("Racing")]
    public async Task A_new_card_with_a_project_outside_the_list_is_refused_beside_the_field(string value)
    {
        var (li, page) = await NewCardAsync();
        using var _ = li;

        using var response = await li.SubmitFormAsync(page, "/Leads/New", new Dictionary<string, string>
        {
            ["Input.Gender"] = "Male",
            ["Input.Grade.Grade"] = "A",
            ["Input.Interest.Project"] = value,
        }, "form[data-testid=card-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Input.Interest.Project").Should().NotBeEmpty();
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_card_changes_its_project_and_the_history_says_from_what_to_what()
    {
        var customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        var lead = await App.CreateLeadAsync(_store, customer, _li.Id, Grade.B);
        using var li = await App.SignInAsync("consultant.li");

        using var bad = await li.SubmitFormAsync($"/Leads/{lead.Id}", new Dictionary<string, string>
        {
            ["Interest.Project"] = "77",
        }, "form[data-testid=interest-form]");
        (await TestClient.ParseAsync(bad)).FieldError("Interest.Project").Should().NotBeEmpty();
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Project.Should().Be(LeadProject.None);

        using var good = await li.SubmitFormAsync($"/Leads/{lead.Id}", new Dictionary<string, string>
        {
            ["Interest.Project"] = "LocalCampaign",
        }, "form[data-testid=interest-form]");

        good.RedirectPath().Should().Be($"/Leads/{lead.Id}");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Project.Should().Be(LeadProject.LocalCampaign);
        var line = await App.WithDbAsync(db => db.LeadEvents.SingleAsync(e => e.Kind == LeadEventKind.InterestUpdated));
        (line.Field, line.FromText, line.ToText).Should().Be(("Project", "None", "LocalCampaign"));
        var card = await li.GetDocumentAsync($"/Leads/{lead.Id}");
        card.QuerySelector("[data-testid=lead-history]")!.TextContent.Should().Contain("Local dealer campaign");
    }
}
