using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// A replacement lead on the card and the day list (issue 14), and who may open it: the selling consultant (their own
/// lead) and the store's sales manager; another consultant of the store and other stores are refused.
/// </summary>
public sealed class ReplacementAccessTests(AppFixture app) : ReplacementJobTestBase(app)
{
    private Lead _lead = null!;

    private long _carId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (_, car) = await OwnerAsync("老车主", Monday.AddMonths(-30), Li, mileage: 86_500);
        _carId = car.Id;
        (await RunAsync(App.Now)).Cards.Should().Be(1);
        _lead = (await ReplacementLeadsAsync()).Single();
    }

    [Fact]
    public async Task The_selling_consultant_finds_it_on_the_day_list_labelled_owner_replacement()
    {
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync("/FollowUps");

        var row = page.QuerySelectorAll("[data-testid=due] .list-group-item")
            .Single(r => r.QuerySelector($"a[href='/Leads/{_lead.Id}']") is not null);
        row.QuerySelector("[data-testid=plan-source]")!.TextContent.Should().Be("Owner replacement");
    }

    [Fact]
    public async Task The_selling_consultant_opens_the_card_sees_the_car_and_records_a_follow_up_on_it()
    {
        using var li = await App.SignInAsync("consultant.li");

        var card = await li.GetDocumentAsync($"/Leads/{_lead.Id}");

        card.QuerySelector("[data-testid=replacement-model]")!.TextContent.Should().Be("长城 哈弗H6");
        card.QuerySelector("[data-testid=replacement-age]")!.TextContent.Should().Be("2 years 6 months");
        card.QuerySelector("[data-testid=replacement-mileage]")!.TextContent.Should().Be("86,500 km");
        card.QuerySelector("[data-testid=replacement-vehicle]")!.GetAttribute("href").Should().Be($"/Vehicles/{_carId}");
        card.QuerySelector("[data-testid=replacement-car] [data-testid=tier]").Should().NotBeNull();
        (await li.GetAsync($"/Vehicles/{_carId}")).IsSuccessStatusCode.Should().BeTrue("the car's file opens from the card");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}/FollowUp", new Dictionary<string, string>
        {
            ["Input.Method"] = "Phone",
            ["Input.Content"] = "车主考虑置换新款，周六来店评估旧车",
            ["Input.Result"] = "Invited",
            ["Input.NewGrade"] = "A",
            ["Plan.Purpose"] = "InviteToStore",
        }, "form[data-testid=follow-up-form]");

        response.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == _lead.Id));
        (lead.Grade, lead.FirstContactAt is not null).Should().Be((Grade.A, true));
        lead.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Done)
            .And.ContainSingle(p => p.Status == PlanStatus.Open && p.DueDate > Monday);
    }

    [Fact]
    public async Task The_stores_sales_manager_reads_the_card_with_the_car()
    {
        using var manager = await App.SignInAsync("manager.wang");

        var card = await manager.GetDocumentAsync($"/Leads/{_lead.Id}");

        card.QuerySelector("[data-testid=replacement-model]")!.TextContent.Should().Be("长城 哈弗H6");
    }

    [Fact]
    public async Task Another_consultant_of_the_store_is_refused_the_card_and_does_not_see_it_on_their_day_list()
    {
        await App.CreateUserAsync("consultant.zhang", Store.Id, Roles.SalesConsultant);
        using var zhang = await App.SignInAsync("consultant.zhang");

        (await zhang.GetAsync($"/Leads/{_lead.Id}")).IsRefused().Should().BeTrue();
        (await zhang.GetAsync($"/Leads/{_lead.Id}/FollowUp")).IsRefused().Should().BeTrue();
        (await zhang.GetDocumentAsync("/FollowUps")).QuerySelector($"a[href='/Leads/{_lead.Id}']").Should().BeNull();
    }

    [Fact]
    public async Task Another_stores_manager_is_refused_it_by_url()
    {
        var other = await App.CreateStoreAsync("S9");
        await App.CreateUserAsync("manager.other", other.Id, Roles.SalesManager);
        using var manager = await App.SignInAsync("manager.other");

        (await manager.GetAsync($"/Leads/{_lead.Id}")).IsRefused().Should().BeTrue();
    }
}
