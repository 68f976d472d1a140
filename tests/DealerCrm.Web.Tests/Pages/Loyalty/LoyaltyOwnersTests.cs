using System.Net;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Loyalty;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Service;

namespace DealerCrm.Web.Tests.Pages.Loyalty;

/// <summary>
/// /Loyalty/Owners, the drill-down list: keyset pages by customer id that keep their filters, only the store's owners,
/// the link each reader may follow (customer file, else vehicle file), and hostile query values answered beside the
/// filter without a 500.
/// </summary>
public sealed class LoyaltyOwnersTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
        await App.CreateUserAsync("officer", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("service", _store.Id, Roles.ServiceManager);
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
    }

    [Fact]
    public async Task Keyset_pages_walk_every_matching_owner_once_in_id_order_and_keep_the_filter()
    {
        var run = await App.CreateFinishedRunAsync();
        var silver = await App.CreateOwnersAsync(_store.Id, 30, "银A", 0);
        var gold = await App.CreateOwnersAsync(_store.Id, 40, "金", 100);
        var silverToo = await App.CreateOwnersAsync(_store.Id, 32, "银B", 200);
        var elsewhere = await App.CreateOwnersAsync(_other.Id, 20, "西", 300);
        await App.SetLoyaltyAsync(silver, run.Id, LoyaltyCategory.L2, MembershipTier.Silver, 60_000m);
        await App.SetLoyaltyAsync(gold, run.Id, LoyaltyCategory.L2, MembershipTier.Gold, 250_000m);
        await App.SetLoyaltyAsync(silverToo, run.Id, LoyaltyCategory.L2, MembershipTier.Silver, 70_000m);
        await App.SetLoyaltyAsync(elsewhere, run.Id, LoyaltyCategory.L2, MembershipTier.Silver, 80_000m);

        using var officer = await App.SignInAsync("officer");
        var first = await officer.GetDocumentAsync("/Loyalty/Owners?category=L2&tier=Silver");
        var next = first.QuerySelector("[data-testid=next-page]")!.GetAttribute("href")!;
        next.Should().StartWith("/Loyalty/Owners?category=L2&tier=Silver&after=");
        var second = await officer.GetDocumentAsync(next);

        Ids(first).Should().HaveCount(OwnersPageSize);
        second.QuerySelector("[data-testid=next-page]").Should().BeNull("the second page holds the last 12");
        var seen = Ids(first).Concat(Ids(second)).ToList();
        seen.Should().Equal(silver.Concat(silverToo).Select(c => c.Id).Order(), "every silver L2 owner of the store, once, by id");

        // The row shows the state as written, the mobile masked.
        first.QuerySelector("[data-testid=owner]")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim())
            .Should().Equal("银A000", "139****0000", "L2 missed once", "Silver", "60,000.00", "2026-01-05", string.Empty);

        // Without the tier filter the list walks gold and silver alike, still without the other store.
        var all = await WalkAsync(officer, "/Loyalty/Owners?category=L2");
        all.Should().Equal(silver.Concat(gold).Concat(silverToo).Select(c => c.Id).Order());
    }

    [Fact]
    public async Task The_service_manager_is_linked_to_the_vehicle_file_and_the_officer_and_gm_to_the_customer_file()
    {
        var run = await App.CreateFinishedRunAsync();
        var owner = await App.CreateCustomerAsync(_store.Id, "有车", "13800000001");
        var carless = await App.CreateCustomerAsync(_store.Id, "无车", "13800000002");
        var car = await App.CreateVehicleAsync(_store, owner, 1);
        await App.SetVehicleLoyaltyAsync(car.Id, owner, LoyaltyCategory.L1);
        await App.SetLoyaltyAsync(owner, run.Id, LoyaltyCategory.L1, MembershipTier.Gold, 300_000m, LoyaltyRisk.MaintenanceDue,
            App.TodayIn(_store).AddDays(10));
        await App.SetLoyaltyAsync(carless, run.Id, null, MembershipTier.Silver, 80_000m);

        using var service = await App.SignInAsync("service");
        var list = await service.GetDocumentAsync("/Loyalty/Owners");
        Links(list).Should().Equal($"/Vehicles/{car.Id}", null);
        (await service.GetAsync($"/Vehicles/{car.Id}")).StatusCode.Should().Be(HttpStatusCode.OK, "the link leads somewhere they may go");
        var home = await service.GetDocumentAsync("/Loyalty");
        home.QuerySelector("[data-testid=risk] a")!.GetAttribute("href").Should().Be($"/Vehicles/{car.Id}");

        foreach (var reader in new[] { "officer", "gm" })
        {
            using var client = await App.SignInAsync(reader);
            Links(await client.GetDocumentAsync("/Loyalty/Owners")).Should().Equal($"/Customers/{owner.Id}", $"/Customers/{carless.Id}");
            (await client.GetAsync($"/Customers/{owner.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Theory]
    [InlineData("category=999", "Category")]
    [InlineData("category=L9", "Category")]
    [InlineData("category=%00", "Category")]
    [InlineData("tier=abc", "Tier")]
    [InlineData("tier=999", "Tier")]
    [InlineData("risk=77", "Risk")]
    [InlineData("after=9999999999999999999", "After")]
    public async Task Hostile_filters_are_refused_beside_the_field_and_the_list_runs_without_them(string query, string field)
    {
        var run = await App.CreateFinishedRunAsync();
        var owners = await App.CreateOwnersAsync(_store.Id, 3, "客", 0);
        await App.SetLoyaltyAsync(owners, run.Id, LoyaltyCategory.L1, MembershipTier.Standard);

        using var gm = await App.SignInAsync("gm");
        using var response = await gm.GetAsync("/Loyalty/Owners?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError(field).Should().NotBeEmpty();
        Ids(page).Should().HaveCount(3, "the refused filter is dropped, not applied");
        (await gm.GetAsync("/Loyalty/Export?list=Owners&format=Xlsx&" + query)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/Loyalty?week=0001-01-01")]
    [InlineData("/Loyalty?week=9999-12-31")]
    [InlineData("/Loyalty?week=abc")]
    [InlineData("/Loyalty?week=2100-12-31")]
    [InlineData("/Loyalty?week=1900-01-01")]
    [InlineData("/Loyalty/Owners?after=-5&category=none&tier=Gold&risk=None")]
    [InlineData("/Loyalty/Export?list=Changes&format=Csv&week=0001-01-01")]
    [InlineData("/Loyalty/Export?list=Changes&format=Xlsx&week=1900-01-01")]
    [InlineData("/Loyalty/Export?list=99&format=77")]
    public async Task Edge_and_hostile_weeks_and_lists_never_give_a_500(string url)
    {
        using var gm = await App.SignInAsync("gm");

        using var response = await gm.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
    }

    private const int OwnersPageSize = OwnersModel.PageSize;

    private static List<long> Ids(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=owner]").Select(r => long.Parse(r.GetAttribute("data-customer")!,
            System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static List<string?> Links(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=owner]")
            .Select(r => r.QuerySelector("[data-testid=owner-link]")?.GetAttribute("href")).ToList();

    private static async Task<List<long>> WalkAsync(TestClient client, string url)
    {
        var ids = new List<long>();
        for (string? next = url; next is not null;)
        {
            var page = await client.GetDocumentAsync(next);
            ids.AddRange(Ids(page));
            next = page.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");
            ids.Count.Should().BeLessThan(1_000, "paging must end");
        }

        return ids;
    }
}
