using System.Net;
using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Campaigns;

/// <summary>
/// Who may do what with campaigns (spec 6.5, issue 15): the sales manager manages their store's; the GM reads the
/// campaigns and the M01 report; Admins read the report for any store; consultants, receptionists, CRM officers and
/// service managers are refused; another store's campaign id is not found, and nothing changes on a refusal.
/// </summary>
public sealed class CampaignAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;
    private Campaign _mine = null!;
    private Campaign _theirs = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 11, 10, 10, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
        var manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        var west = await App.CreateUserAsync("west.manager", _other.Id, Roles.SalesManager);
        _mine = await CampaignAsync(_store.Id, manager.Id, "东区车展");
        _theirs = await CampaignAsync(_other.Id, west.Id, "西区车展");
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.ServiceManager)]
    public async Task Other_roles_are_refused_the_campaigns_and_the_report(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        foreach (var url in new[]
                 {
                     "/Campaigns", "/Campaigns/Edit", $"/Campaigns/Details/{_mine.Id}", $"/Campaigns/Pick/{_mine.Id}",
                     "/Reports/Campaigns", "/Reports/Campaigns?handler=Export&format=Xlsx",
                 })
        {
            (await client.GetAsync(url)).IsRefused().Should().BeTrue($"GET {url} as {role}");
        }

        using var post = await client.Http.PostAsync("/Campaigns/Edit", new FormUrlEncodedContent([new("Input.Name", "x")]));
        post.IsRefused().Should().BeTrue();
        (await App.WithDbAsync(db => db.Campaigns.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task The_sales_manager_manages_their_stores_campaigns_and_another_stores_id_is_not_found()
    {
        using var manager = await App.SignInAsync("manager");

        (await manager.GetDocumentAsync("/Campaigns")).QuerySelector("[data-testid=new-campaign]").Should().NotBeNull();
        var list = await manager.GetDocumentAsync("/Campaigns");
        list.QuerySelector($"[data-campaign='{_mine.Id}']").Should().NotBeNull();
        list.QuerySelector($"[data-campaign='{_theirs.Id}']").Should().BeNull();
        (await manager.GetDocumentAsync($"/Campaigns/Details/{_mine.Id}")).QuerySelector("form[data-testid=csv-form]")
            .Should().NotBeNull();
        foreach (var url in new[] { $"/Campaigns/Details/{_theirs.Id}", $"/Campaigns/Edit/{_theirs.Id}", $"/Campaigns/Pick/{_theirs.Id}" })
        {
            (await manager.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.NotFound, url);
        }

        // A post naming another store's campaign, with a valid token from the manager's own page.
        var page = await manager.GetDocumentAsync($"/Campaigns/Edit/{_mine.Id}");
        using var post = await manager.SubmitFormAsync(page, $"/Campaigns/Edit/{_theirs.Id}",
            new Dictionary<string, string> { ["Input.Name"] = "改名" }, "form[data-testid=campaign-form]");
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await App.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Id == _theirs.Id))).Name.Should().Be("西区车展");
        (await manager.GetAsync($"/Reports/Campaigns?Store={_other.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_general_manager_reads_campaigns_and_the_report_but_changes_nothing()
    {
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        using var gm = await App.SignInAsync("gm");

        var list = await gm.GetDocumentAsync("/Campaigns");
        list.QuerySelector("[data-testid=new-campaign]").Should().BeNull();
        var details = await gm.GetDocumentAsync($"/Campaigns/Details/{_mine.Id}");
        details.QuerySelector("form[data-testid=csv-form]").Should().BeNull();
        details.QuerySelector("form[data-testid=walk-in-form]").Should().BeNull();
        (await gm.GetAsync("/Reports/Campaigns")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await gm.GetAsync($"/Reports/Campaigns?Store={_other.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await gm.GetAsync("/Campaigns/Edit")).IsRefused().Should().BeTrue();
        (await gm.GetAsync($"/Campaigns/Pick/{_mine.Id}")).IsRefused().Should().BeTrue();

        var token = details.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var walkIn = await gm.Http.PostAsync($"/Campaigns/Details/{_mine.Id}?handler=WalkIn",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("WalkInMobile", "13800138000")]));
        walkIn.IsRefused().Should().BeTrue();
        (await App.WithDbAsync(db => db.CampaignContacts.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task An_admin_reads_the_report_for_any_store()
    {
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        var page = await admin.GetDocumentAsync($"/Reports/Campaigns?Store={_other.Id}&Month=2026-11");
        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("西区店");
        CallbackTable(page).Select(r => r[0]).Should().Contain("西区车展");
        (await admin.GetAsync("/Campaigns")).IsRefused().Should().BeTrue("managing campaigns is the store's work");
    }

    private static List<string[]> CallbackTable(AngleSharp.Html.Dom.IHtmlDocument page) =>
        Reports.CallbackReportTests.Table(page, "campaigns");

    private async Task<Campaign> CampaignAsync(int storeId, long managerId, string name)
    {
        var campaign = new Campaign(storeId, new CampaignDetails(name, CampaignType.Exhibition, new DateOnly(2026, 11, 15),
            new DateOnly(2026, 11, 16), 1000m, null, null, null, null), managerId, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
        });
        return campaign;
    }
}
