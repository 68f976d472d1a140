using System.Net;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// Who reads the daily sales report (spec 6.1): the general manager and the sales manager their own store's, Admins any
/// store's, chosen on the page; consultants, receptionists, CRM officers and service managers are refused. Another
/// store's number in the address is refused as not found, the downloads as the page.
/// </summary>
public sealed class DailyReportAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 11, 10, 10, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.ServiceManager)]
    public async Task Roles_without_the_report_are_refused_the_page_and_its_downloads(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        (await client.GetAsync("/Reports/Daily")).IsRefused().Should().BeTrue($"GET as {role}");
        (await client.GetAsync("/Reports/Daily?handler=Export&format=Xlsx")).IsRefused().Should().BeTrue();
        (await client.GetAsync("/Reports/Daily?handler=Export&format=Csv")).IsRefused().Should().BeTrue();
    }

    [Theory]
    [InlineData(Roles.GeneralManager)]
    [InlineData(Roles.SalesManager)]
    public async Task Managers_read_their_own_stores_report_and_are_refused_another_stores_by_its_number(string role)
    {
        await App.CreateUserAsync("reader", _store.Id, role);
        using var reader = await App.SignInAsync("reader");

        var page = await reader.GetDocumentAsync("/Reports/Daily");
        var reports = await reader.GetDocumentAsync("/Reports");

        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("东区店");
        page.QuerySelector("select[name=Store]").Should().BeNull("only Admins choose the store");
        page.QuerySelector("table[data-testid=daily]").Should().NotBeNull();
        reports.QuerySelectorAll("[data-testid=report-links] a").Select(a => a.GetAttribute("href"))
            .Should().Contain("/Reports/Daily");
        (await reader.GetAsync($"/Reports/Daily?Store={_store.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetAsync($"/Reports/Daily?Store={_other.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/Reports/Daily?handler=Export&format=Xlsx&Store={_other.Id}")).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync("/Reports/Daily?handler=Export&format=Xlsx")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_chooses_any_store()
    {
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        await App.CreateUserAsync("westie", _other.Id, Roles.SalesConsultant);
        using var admin = await App.SignInAsync("admin");

        var chosen = await admin.GetDocumentAsync($"/Reports/Daily?Store={_other.Id}");

        chosen.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("西区店");
        chosen.QuerySelector("select[name=Store] option[selected]")!.TextContent.Should().Be("S2 · 西区店");
        CallbackReportTests.Table(chosen, "daily").Select(r => r[0]).Should().Equal("Display westie", "Total");
        (await admin.GetAsync("/Reports/Daily?Store=999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/Reports/Daily?handler=Export&format=Csv&Store={_other.Id}")).StatusCode
            .Should().Be(HttpStatusCode.OK);
    }
}
