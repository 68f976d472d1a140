using System.Net;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// Who reads the monthly callback report (issue 12): CRM officers, the service manager and the GM their own store's;
/// Admins any store's, chosen on the page; everyone else is refused. Another store's report is refused by its store
/// parameter; only the service manager submits, and only their own store's month. Nothing changes on a refusal.
/// </summary>
public sealed class CallbackReportAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackReportScenario.ReadOn);
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.ServiceAdvisor)]
    [InlineData(Roles.SalesManager)]
    public async Task Roles_without_the_report_are_refused_the_page_its_downloads_and_its_submit(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        (await client.GetAsync("/Reports/Callbacks")).IsRefused().Should().BeTrue($"GET as {role}");
        (await client.GetAsync("/Reports/Callbacks?handler=Export&format=Xlsx")).IsRefused().Should().BeTrue();
        using var post = await client.Http.PostAsync("/Reports/Callbacks?handler=Submit&Month=2026-11",
            new FormUrlEncodedContent([new("Input.Analysis", "x")]));
        post.IsRefused().Should().BeTrue();
        (await App.WithDbAsync(db => db.CallbackReportSubmissions.CountAsync())).Should().Be(0);
    }

    [Theory]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.GeneralManager)]
    public async Task Store_staff_read_their_own_stores_report_and_are_refused_another_stores_by_its_store_parameter(string role)
    {
        await App.CreateUserAsync("reader", _store.Id, role);
        using var reader = await App.SignInAsync("reader");

        var page = await reader.GetDocumentAsync("/Reports/Callbacks");
        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("东区店");
        page.QuerySelector("select[name=Store]").Should().BeNull("only Admins choose the store");
        (await reader.GetAsync($"/Reports/Callbacks?Store={_store.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.GetAsync($"/Reports/Callbacks?Store={_other.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/Reports/Callbacks?handler=Export&format=Csv&Store={_other.Id}")).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.GeneralManager)]
    public async Task Only_the_service_manager_submits_the_month(string role)
    {
        await App.CreateUserAsync("reader", _store.Id, role);
        using var reader = await App.SignInAsync("reader");
        var page = await reader.GetDocumentAsync("/Reports/Callbacks?Month=2026-11");
        page.QuerySelector("form[data-testid=submit-form]").Should().BeNull();
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var post = await reader.Http.PostAsync("/Reports/Callbacks?handler=Submit&Month=2026-11",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Analysis", "分析")]));

        post.IsRefused().Should().BeTrue();
        (await App.WithDbAsync(db => db.CallbackReportSubmissions.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_service_manager_cannot_submit_another_stores_month()
    {
        await App.CreateUserAsync("manager", _store.Id, Roles.ServiceManager);
        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync("/Reports/Callbacks?Month=2026-11");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var post = await manager.Http.PostAsync($"/Reports/Callbacks?handler=Submit&Month=2026-11&Store={_other.Id}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Analysis", "分析")]));

        post.IsRefused().Should().BeTrue();
        (await App.WithDbAsync(db => db.CallbackReportSubmissions.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task An_admin_chooses_any_store_and_reads_the_reports_home_including_the_sales_reports()
    {
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        var own = await admin.GetDocumentAsync("/Reports/Callbacks");
        var chosen = await admin.GetDocumentAsync($"/Reports/Callbacks?Store={_other.Id}");
        var reports = await admin.GetDocumentAsync("/Reports");

        own.QuerySelectorAll("select[name=Store] option").Select(o => o.TextContent).Should().Equal("Whole group", "S1 · 东区店", "S2 · 西区店");
        chosen.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("西区店");
        chosen.QuerySelector("select[name=Store] option[selected]")!.TextContent.Should().Be("S2 · 西区店");
        chosen.QuerySelector("form[data-testid=submit-form]").Should().BeNull("an Admin reads, the service manager submits");
        (await admin.GetAsync("/Reports/Callbacks?Store=999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/Reports/Callbacks?handler=Export&format=Xlsx&Store={_other.Id}")).StatusCode
            .Should().Be(HttpStatusCode.OK);
        reports.QuerySelectorAll("[data-testid=report-links] a").Select(a => a.GetAttribute("href"))
            .Should().Equal("/Reports/Daily", "/Reports/Conversion", "/Reports/ResponseTime", "/Reports/Defeats", "/Reports/Campaigns", "/Reports/DataQuality", "/Reports/Callbacks");
        (await admin.GetDocumentAsync($"/Reports/ResponseTime?Store={_other.Id}")).QuerySelector("[data-testid=report-heading]")!
            .TextContent.Should().Contain("西区店", "an Admin reads the sales reports of any store (issue 15)");
        (await admin.GetDocumentAsync("/Admin")).QuerySelector("[data-testid=main-nav]")!.TextContent
            .Should().Contain("Callback report");
    }

    [Fact]
    public async Task The_gm_reaches_the_report_from_the_reports_home_and_officers_and_service_managers_from_the_menu()
    {
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        await App.CreateUserAsync("officer", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("manager", _store.Id, Roles.ServiceManager);
        using var gm = await App.SignInAsync("gm");
        using var officer = await App.SignInAsync("officer");
        using var manager = await App.SignInAsync("manager");

        (await gm.GetDocumentAsync("/Reports")).QuerySelectorAll("[data-testid=report-links] a").Select(a => a.GetAttribute("href"))
            .Should().Equal("/Reports/Daily", "/Reports/Conversion", "/Reports/ResponseTime", "/Reports/Defeats", "/Reports/Campaigns", "/Reports/DataQuality", "/Reports/Callbacks");
        foreach (var client in new[] { officer, manager })
        {
            (await client.GetDocumentAsync("/Reports/Callbacks")).QuerySelectorAll("[data-testid=main-nav] a")
                .Select(a => a.GetAttribute("href")).Should().Contain("/Reports/Callbacks");
        }
    }
}
