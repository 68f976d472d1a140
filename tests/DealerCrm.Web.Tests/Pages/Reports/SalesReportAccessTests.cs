using System.Net;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// Who reads the conversion report and the defeat analysis (issue 15): the GM and the sales manager their own store's;
/// Admins any store's, chosen by the store filter; consultants, receptionists, CRM officers and the service manager are
/// refused, and another store's report is refused by its store parameter.
/// </summary>
public sealed class SalesReportAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 11, 20, 10, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.ServiceAdvisor)]
    public async Task Roles_without_sales_reports_are_refused_both_reports_and_their_downloads(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        foreach (var report in new[] { "/Reports/Conversion", "/Reports/Defeats" })
        {
            (await client.GetAsync(report)).IsRefused().Should().BeTrue($"{report} as {role}");
            (await client.GetAsync(report + "?handler=Export&format=Xlsx")).IsRefused().Should().BeTrue();
            var index = await client.GetAsync("/Reports");
            if (index.StatusCode == HttpStatusCode.OK)
            {
                (await index.Content.ReadAsStringAsync()).Should().NotContain($"href=\"{report}\"");
            }
        }
    }

    [Theory]
    [InlineData(Roles.GeneralManager)]
    [InlineData(Roles.SalesManager)]
    public async Task The_gm_and_the_sales_manager_read_their_own_store_and_are_refused_another_by_its_store_parameter(string role)
    {
        await App.CreateUserAsync("reader", _store.Id, role);
        using var reader = await App.SignInAsync("reader");

        var home = await reader.GetDocumentAsync("/Reports");
        home.QuerySelectorAll("[data-testid=report-links] a").Select(a => a.GetAttribute("href")).Should()
            .Contain(["/Reports/Conversion", "/Reports/Defeats"]);
        foreach (var report in new[] { "/Reports/Conversion", "/Reports/Defeats" })
        {
            var page = await reader.GetDocumentAsync(report);
            page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("东区店");
            page.QuerySelector("select[name=Store]").Should().BeNull("only Admins choose the store");
            (await reader.GetAsync($"{report}?Store={_store.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await reader.GetAsync($"{report}?Store={_other.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await reader.GetAsync($"{report}?handler=Export&format=Csv&Store={_other.Id}")).StatusCode
                .Should().Be(HttpStatusCode.NotFound);
            (await reader.GetAsync($"{report}?handler=Export&format=Xlsx")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task An_admin_chooses_any_store()
    {
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        foreach (var report in new[] { "/Reports/Conversion", "/Reports/Defeats" })
        {
            var page = await admin.GetDocumentAsync($"{report}?Store={_other.Id}");
            page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("西区店");
            page.QuerySelector("select[name=Store]").Should().NotBeNull();
            (await admin.GetAsync($"{report}?Store=999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }
}
