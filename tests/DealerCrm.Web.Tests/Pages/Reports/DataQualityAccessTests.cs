using System.Net;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// Who reads the data-quality report (6.6) and who sets targets (6.6a): the GM, sales managers, Admins and CRM officers
/// read data quality, their own store's (Admins any); consultants, receptionists and service advisors are refused; another
/// store by its number is not found. Targets: the sales and service managers only.
/// </summary>
public sealed class DataQualityAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 12, 10, 10, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
    }

    [Theory]
    [InlineData(Roles.GeneralManager)]
    [InlineData(Roles.SalesManager)]
    [InlineData(Roles.CrmOfficer)]
    public async Task Store_staff_read_their_own_stores_data_quality_and_not_another_stores(string role)
    {
        await App.CreateUserAsync("reader", _store.Id, role);
        using var reader = await App.SignInAsync("reader");

        (await reader.GetDocumentAsync("/Reports/DataQuality")).QuerySelector("[data-testid=report-heading]")!
            .TextContent.Should().Contain("东区店");
        (await reader.GetAsync($"/Reports/DataQuality?Store={_other.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/Reports/DataQuality?handler=Export&format=Csv&Store={_other.Id}")).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_chooses_any_store()
    {
        await App.CreateUserAsync("admin1", _store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin1");
        var page = await admin.GetDocumentAsync($"/Reports/DataQuality?Store={_other.Id}");
        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("西区店");
        page.QuerySelector("select[name=Store]").Should().NotBeNull();
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.ServiceAdvisor)]
    public async Task Other_roles_are_refused_data_quality(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        (await client.GetAsync("/Reports/DataQuality")).IsRefused().Should().BeTrue(role);
        (await client.GetAsync("/Reports/DataQuality?handler=Export&format=Xlsx")).IsRefused().Should().BeTrue(role);
    }

    [Theory]
    [InlineData(Roles.SalesManager, true)]
    [InlineData(Roles.ServiceManager, true)]
    [InlineData(Roles.GeneralManager, false)]
    [InlineData(Roles.Admin, false)]
    [InlineData(Roles.CrmOfficer, false)]
    [InlineData(Roles.SalesConsultant, false)]
    public async Task Only_the_sales_and_service_managers_open_the_targets(string role, bool allowed)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        var response = await client.GetAsync("/Reports/Targets");
        if (allowed)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        else
        {
            response.IsRefused().Should().BeTrue(role);
        }
    }
}
