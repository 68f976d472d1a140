using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Customers;
using DealerCrm.Web.Tests.Pages.Service;

namespace DealerCrm.Web.Tests.Pages.Vehicles;

/// <summary>
/// Issue 13 on the vehicle file: the owner's tier and benefits and this car's category, missed intervals and
/// "maintenance due by", for the service advisor who may not open the customer file; nothing for readers of another
/// store (a car serviced there stays readable, its owner's tier does not travel); receptionists and other stores
/// refused.
/// </summary>
public sealed class VehicleLoyaltyDisplayTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;
    private Customer _owner = null!;
    private Vehicle _car = null!;

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 3, 10, 14, 0, 0));
        _store = await App.CreateStoreAsync();
        _other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("service.manager", _store.Id, Roles.ServiceManager);
        await App.CreateUserAsync("reception", _store.Id, Roles.Receptionist);
        await App.CreateUserAsync("advisor.other", _other.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("crm.other", _other.Id, Roles.CrmOfficer);
        _owner = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _car = await App.CreateVehicleAsync(_store, _owner, 1, "粤B12345");
    }

    private async Task DiamondOwnerAsync()
    {
        await App.SetBenefitsAsync(_store.Id, "积分", "洗车两次", "免费取送车", "专属顾问，终身免费道路救援");
        await App.SetOwnerLoyaltyAsync(_owner, LoyaltyCategory.L1, MembershipTier.Diamond, 620_000m, Day(2025, 6, 1),
            Day(2026, 3, 10));
        await App.SetCarLoyaltyAsync(_car, LoyaltyCategory.L1, 0, Day(2024, 6, 1), Day(2026, 6, 1), Day(2026, 3, 10));
    }

    [Fact]
    public async Task The_advisor_sees_the_owners_tier_benefits_and_this_cars_loyalty_without_the_customer_file()
    {
        await DiamondOwnerAsync();
        using var advisor = await App.SignInAsync("advisor");

        var page = await advisor.GetDocumentAsync($"/Vehicles/{_car.Id}");

        var section = page.QuerySelector("[data-testid=vehicle-loyalty]")!;
        section.QuerySelector("[data-testid=tier-badge]")!.TextContent.Should().Be("Diamond");
        section.QuerySelector("[data-testid=tier-benefits]")!.TextContent.Should().Contain("专属顾问，终身免费道路救援");
        section.QuerySelector("[data-testid=car-category]")!.TextContent.Should().Be("L1 every time");
        section.QuerySelector("[data-testid=car-missed]")!.TextContent.Should().Be("0");
        section.QuerySelector("[data-testid=car-due-by]")!.TextContent.Should().Be("2026-06-01");
        page.QuerySelector("a[data-testid=vehicle-owner]").Should().BeNull("the advisor still may not open the customer file");
        using var file = await advisor.GetAsync($"/Customers/{_owner.Id}");
        file.IsRefused().Should().BeTrue();
    }

    [Fact]
    public async Task A_car_not_calculated_yet_says_so_and_a_sold_car_does_not_count()
    {
        var sold = await App.CreateVehicleAsync(_store, _owner, 2, "粤B54321");
        await App.SetOwnerLoyaltyAsync(_owner, null, MembershipTier.Standard, 0m, Day(2026, 3, 10), Day(2026, 3, 10));
        await App.SetCarLoyaltyAsync(sold, null, 0, null, null, Day(2026, 3, 10));
        using var manager = await App.SignInAsync("service.manager");

        var fresh = await manager.GetDocumentAsync($"/Vehicles/{_car.Id}");
        fresh.QuerySelector("[data-testid=tier-badge]")!.TextContent.Should().Be("Standard");
        fresh.QuerySelector("[data-testid=car-category]")!.TextContent.Should().Be("Not calculated yet");
        var gone = await manager.GetDocumentAsync($"/Vehicles/{sold.Id}");
        gone.QuerySelector("[data-testid=car-category]")!.TextContent.Should().Contain("Not counted");
        gone.QuerySelector("[data-testid=car-missed]")!.TextContent.Should().Be("—");
    }

    [Fact]
    public async Task An_owner_never_calculated_shows_not_calculated_yet_instead_of_a_tier()
    {
        using var advisor = await App.SignInAsync("advisor");

        var page = await advisor.GetDocumentAsync($"/Vehicles/{_car.Id}");

        page.QuerySelector("[data-testid=tier-not-calculated]")!.TextContent.Should().Be("Not calculated yet");
        page.QuerySelector("[data-testid=tier-badge]").Should().BeNull();
    }

    [Fact]
    public async Task Another_stores_advisor_servicing_the_car_reads_its_file_but_not_the_owners_tier()
    {
        await DiamondOwnerAsync();
        await App.CreateVisitAsync(_other, _car, "RO-S2", TimeSpan.FromDays(3), completed: true);
        using var advisor = await App.SignInAsync("advisor.other");

        var page = await advisor.GetDocumentAsync($"/Vehicles/{_car.Id}");

        page.QuerySelector("[data-testid=vehicle-vin]")!.TextContent.Should().Be(_car.Vin);
        page.QuerySelector("[data-testid=vehicle-loyalty]").Should().BeNull("the owner's tier is their own store's");
        page.Body!.TextContent.Should().NotContain("Diamond").And.NotContain("专属顾问");
    }

    [Fact]
    public async Task Receptionists_and_another_stores_staff_are_refused_the_vehicle_file()
    {
        await DiamondOwnerAsync();
        foreach (var user in new[] { "reception", "crm.other", "advisor.other" })
        {
            using var client = await App.SignInAsync(user);
            using var response = await client.GetAsync($"/Vehicles/{_car.Id}");
            response.IsRefused().Should().BeTrue($"{user} may not read this store's car");
        }
    }
}
