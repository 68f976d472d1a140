using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Customers;

namespace DealerCrm.Web.Tests.Pages.Service;

/// <summary>
/// Issue 13 on the service desk: the repair order and the new-order form (once the car is chosen) show the owner's tier
/// badge and benefits to the advisor serving them and to the managers reading the order; an order of a car whose
/// owner is another store's shows none; consultants and receptionists are refused the desk.
/// </summary>
public sealed class RepairOrderTierTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Customer _owner = null!;
    private Vehicle _car = null!;
    private ServiceVisit _visit = null!;

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 3, 10, 14, 0, 0));
        _store = await App.CreateStoreAsync();
        await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("service.manager", _store.Id, Roles.ServiceManager);
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("reception", _store.Id, Roles.Receptionist);
        _owner = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _car = await App.CreateVehicleAsync(_store, _owner, 1, "粤B12345");
        _visit = await App.CreateVisitAsync(_store, _car, "RO-1", TimeSpan.FromHours(2));
        await App.SetBenefitsAsync(_store.Id, "积分", "洗车两次", "免费取送车，保养工时八折", "专属顾问");
        await App.SetOwnerLoyaltyAsync(_owner, LoyaltyCategory.L2, MembershipTier.Gold, 260_000m, Day(2025, 9, 1),
            Day(2026, 3, 10));
    }

    [Fact]
    public async Task The_repair_order_shows_the_owners_tier_and_benefits_to_the_advisor_and_the_managers()
    {
        foreach (var user in new[] { "advisor", "service.manager", "gm" })
        {
            using var client = await App.SignInAsync(user);

            var page = await client.GetDocumentAsync($"/Service/Visits/{_visit.Id}");

            var tier = page.QuerySelector("[data-testid=visit-owner-tier]");
            tier.Should().NotBeNull($"{user} reads the repair order");
            tier!.QuerySelector("[data-testid=tier-badge]")!.TextContent.Should().Be("Gold");
            tier.QuerySelector("[data-testid=tier-benefits]")!.TextContent.Should().Contain("免费取送车，保养工时八折");
        }
    }

    [Fact]
    public async Task The_new_order_form_shows_the_tier_once_the_car_is_chosen_and_in_chinese()
    {
        using var advisor = await App.SignInAsync("advisor");

        var chosen = await advisor.GetDocumentAsync($"/Service/Visits/New?vehicleId={_car.Id}");
        var blank = await advisor.GetDocumentAsync("/Service/Visits/New");
        advisor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await advisor.GetDocumentAsync($"/Service/Visits/New?vehicleId={_car.Id}&culture=zh-CN&ui-culture=zh-CN");

        chosen.QuerySelector("[data-testid=visit-owner-tier] [data-testid=tier-badge]")!.TextContent.Should().Be("Gold");
        chosen.QuerySelector("[data-testid=visit-owner-tier] [data-testid=tier-benefits]")!.TextContent
            .Should().Contain("免费取送车");
        blank.QuerySelector("[data-testid=visit-owner-tier]").Should().BeNull("no car is chosen yet");
        chinese.QuerySelector("[data-testid=visit-owner-tier] [data-testid=tier-badge]")!.TextContent.Should().Be("金卡");
    }

    [Fact]
    public async Task An_owner_not_calculated_yet_shows_so_on_the_order()
    {
        var newcomer = await App.CreateCustomerAsync(_store.Id, "周先生", "13600136000");
        var car = await App.CreateVehicleAsync(_store, newcomer, 2, "粤B99999");
        var visit = await App.CreateVisitAsync(_store, car, "RO-2", TimeSpan.FromHours(1));
        using var advisor = await App.SignInAsync("advisor");

        var page = await advisor.GetDocumentAsync($"/Service/Visits/{visit.Id}");

        page.QuerySelector("[data-testid=visit-owner-tier] [data-testid=tier-not-calculated]")!.TextContent
            .Should().Be("Not calculated yet");
        page.QuerySelector("[data-testid=tier-badge]").Should().BeNull();
    }

    [Fact]
    public async Task An_order_in_this_store_for_another_stores_owner_shows_no_tier()
    {
        var other = await App.CreateStoreAsync("S2");
        var theirs = await App.CreateCustomerAsync(other.Id, "外店客户", "13500135000");
        var theirCar = await App.CreateVehicleAsync(other, theirs, 3, "粤B77777");
        await App.SetOwnerLoyaltyAsync(theirs, LoyaltyCategory.L1, MembershipTier.Diamond, 900_000m, Day(2025, 1, 1),
            Day(2026, 3, 10));
        var visit = await App.CreateVisitAsync(_store, theirCar, "RO-3", TimeSpan.FromHours(1));
        using var advisor = await App.SignInAsync("advisor");

        var order = await advisor.GetDocumentAsync($"/Service/Visits/{visit.Id}");
        var form = await advisor.GetDocumentAsync($"/Service/Visits/New?vehicleId={theirCar.Id}");

        order.QuerySelector("[data-testid=visit-owner-tier]").Should().BeNull();
        form.QuerySelector("[data-testid=visit-owner-tier]").Should().BeNull();
        order.Body!.TextContent.Should().NotContain("Diamond");
    }

    [Fact]
    public async Task Consultants_and_receptionists_are_refused_the_order_and_the_form()
    {
        foreach (var user in new[] { "consultant", "reception" })
        {
            using var client = await App.SignInAsync(user);
            foreach (var url in new[] { $"/Service/Visits/{_visit.Id}", $"/Service/Visits/New?vehicleId={_car.Id}" })
            {
                using var response = await client.GetAsync(url);
                response.IsRefused().Should().BeTrue($"{user} may not open {url}");
            }
        }
    }
}
