using System.Net;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Service;

/// <summary>
/// Issue 11 roles: the service advisor works visits; the service and general managers read them (every POST refused);
/// the CRM officer reads the vehicle file but opens no visits; consultants and receptionists are refused the service
/// desk; another store's users reach none of this store's records by URL. Nothing changes in the database.
/// </summary>
public sealed class ServiceAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Customer _owner = null!;
    private Vehicle _car = null!;
    private ServiceVisit _visit = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 3, 10, 14, 0, 0));
        _store = await App.CreateStoreAsync();
        await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        _owner = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _car = await App.CreateVehicleAsync(_store, _owner, 1, "粤B12345");
        _visit = await App.CreateVisitAsync(_store, _car, "RO-1", TimeSpan.FromHours(2));
    }

    private string[] ServicePages => ["/Service", "/Service/Visits/New", $"/Service/Visits/New?vehicleId={_car.Id}", $"/Service/Visits/{_visit.Id}"];

    private string[] Posts =>
    [
        "/Service/Visits/New", $"/Service/Visits/New?vehicleId={_car.Id}", $"/Service/Visits/{_visit.Id}?handler=Complete",
        $"/Service/Visits/{_visit.Id}?handler=Contact",
    ];

    private static FormUrlEncodedContent Hostile(string token) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["Input.OrderNumber"] = "RO-X",
        ["Input.Mileage"] = "30000",
        ["Input.Types"] = "Maintenance",
        ["Input.Vin"] = ServiceBuilders.TestVin(9),
        ["Input.Model"] = "朗逸",
        ["Input.OwnerName"] = "黑客",
        ["Input.OwnerMobile"] = "13700137000",
        ["Completion.CompletedAt"] = "2026-03-10T13:30",
        ["Contact.BroughtByMobile"] = "13711112222",
        ["Status.Status"] = "Scrapped",
        ["Status.Reason"] = "x",
        ["Insurance.Insurer"] = "x",
        ["Version"] = "0",
    });

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.SalesManager)]
    public async Task Roles_without_the_service_desk_are_refused_every_service_page_and_post(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        var token = await TokenAsync(client);
        var before = await SnapshotAsync();

        foreach (var page in ServicePages)
        {
            (await client.GetAsync(page)).IsRefused().Should().BeTrue($"GET {page} as {role}");
        }

        foreach (var post in Posts)
        {
            using var response = await client.Http.PostAsync(post, Hostile(token));
            response.IsRefused().Should().BeTrue($"POST {post} as {role}");
        }

        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_crm_officer_reads_and_keeps_the_vehicle_file_but_opens_no_visit()
    {
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        using var crm = await App.SignInAsync("crm");

        var file = await crm.GetDocumentAsync($"/Vehicles/{_car.Id}");

        file.QuerySelector("[data-testid=status-form]").Should().NotBeNull();
        file.QuerySelector("[data-testid=vehicle-open-visit]").Should().BeNull();
        file.QuerySelectorAll("[data-testid=vehicle-visits] a").Should().BeEmpty("the repair order page is the service desk's");
        (await crm.GetAsync("/Service/Visits/New")).IsRefused().Should().BeTrue();
    }

    [Theory]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.GeneralManager)]
    public async Task Managers_read_the_desk_and_the_orders_and_every_post_is_refused(string role)
    {
        await App.CreateUserAsync("boss", _store.Id, role);
        using var boss = await App.SignInAsync("boss");
        var before = await SnapshotAsync();

        var home = await boss.GetDocumentAsync("/Service");
        home.QuerySelector("[data-testid=open-visits]")!.TextContent.Should().Contain("RO-1");
        home.QuerySelector("[data-testid=new-elsewhere]").Should().BeNull();
        var order = await boss.GetDocumentAsync($"/Service/Visits/{_visit.Id}");
        order.QuerySelector("[data-testid=complete-form]").Should().BeNull();
        order.QuerySelector("[data-testid=contact-form]").Should().BeNull();
        (await boss.GetAsync("/Service/Visits/New")).IsRefused().Should().BeTrue();
        (await boss.GetDocumentAsync($"/Vehicles/{_car.Id}")).QuerySelector("[data-testid=vehicle-visits]")!
            .TextContent.Should().Contain("RO-1");
        var token = await TokenAsync(boss);

        foreach (var post in Posts)
        {
            using var response = await boss.Http.PostAsync(post, Hostile(token));
            response.IsRefused().Should().BeTrue($"POST {post} as {role}");
        }

        using var status = await boss.Http.PostAsync($"/Vehicles/{_car.Id}?handler=Status", Hostile(token));
        if (role == Roles.GeneralManager)
        {
            status.IsRefused().Should().BeTrue("the general manager reads the file, does not keep it");
            (await SnapshotAsync()).Should().Be(before);
        }
        else
        {
            status.StatusCode.Should().Be(HttpStatusCode.OK, "the service manager keeps the vehicle's status (this post only lost on its stale version)");
        }

        (await App.WithDbAsync(db => db.ServiceVisits.SingleAsync())).CompletedAt.Should().BeNull();
    }

    [Fact]
    public async Task Another_stores_service_staff_reach_none_of_this_stores_records_by_url()
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("advisor2", other.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("servicemanager2", other.Id, Roles.ServiceManager);
        var before = await SnapshotAsync();

        foreach (var user in new[] { "advisor2", "servicemanager2" })
        {
            using var client = await App.SignInAsync(user);
            var token = await TokenAsync(client);
            foreach (var page in new[] { $"/Service/Visits/{_visit.Id}", $"/Vehicles/{_car.Id}" })
            {
                (await client.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.NotFound, $"GET {page} as {user}");
            }

            (await client.GetAsync($"/Service/Visits/New?vehicleId={_car.Id}")).IsRefused().Should().BeTrue(user);

            foreach (var post in Posts.Skip(1).Append($"/Vehicles/{_car.Id}?handler=Status"))
            {
                using var response = await client.Http.PostAsync(post, Hostile(token));
                response.IsRefused().Should().BeTrue($"POST {post} as {user}");
            }

            var home = await client.GetDocumentAsync("/Service");
            home.Body!.TextContent.Should().NotContain("RO-1");
        }

        (await SnapshotAsync()).Should().Be(before);
    }

    private static async Task<string> TokenAsync(TestClient client)
    {
        var page = await client.GetDocumentAsync("/Account/ChangePassword");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private Task<string> SnapshotAsync() => App.WithDbAsync(async db =>
        string.Join('|',
            string.Join(',', await db.ServiceVisits.OrderBy(v => v.Id)
                .Select(v => $"{v.Id}:{v.OrderNumber}:{v.CompletedAt}:{v.BroughtByMobile}:{v.AcceptsCallback}").ToListAsync()),
            string.Join(',', await db.Vehicles.OrderBy(v => v.Id).Select(v => $"{v.Id}:{v.Status}:{v.Insurer}").ToListAsync()),
            await db.Customers.CountAsync(),
            await db.VehicleStatusChanges.CountAsync()));
}
