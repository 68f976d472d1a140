using System.Net;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>The GM's home (issue 15): today's and the month's key figures for the store, from the reports that own them.</summary>
public sealed class ReportsHomeTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;
    private StaffUser _li = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 11, 20, 15, 0, 0));
        _store = await App.CreateStoreAsync();
        _other = await App.CreateStoreAsync("S2", "西区店");
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        var reception = await App.CreateUserAsync("reception", _store.Id, Roles.Receptionist);
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("service", _store.Id, Roles.ServiceManager);
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);

        // Today: one walk-in for Li and one card; earlier this month: a second card; a queue enquiry waiting 3 days.
        await App.CreateWalkInAsync(_store, reception.Id, _li.Id);
        await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id, "今天", "13900000001"), _li.Id);
        App.PinShanghai(new DateTime(2026, 11, 3, 9, 0, 0));
        await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id, "月初", "13900000002"), _li.Id);
        App.PinShanghai(new DateTime(2026, 11, 20, 15, 0, 0));
        await App.WithDbAsync(async db =>
        {
            db.IncomingLeads.Add(new IncomingLead(_store.Id, "网询", "13900000003", null, SourceChannel.DealerWebsite,
                App.Now.AddDays(-3), null, App.Now));
            var target = new StoreTarget(_store.Id, 2026, 11);
            target.SetSales(8, 2, null, _li.Id, App.Now);
            db.StoreTargets.Add(target);
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task The_gm_reads_today_and_the_month_against_target_each_linking_to_its_report()
    {
        using var gm = await App.SignInAsync("gm");

        var page = await gm.GetDocumentAsync("/Reports");

        string[] Row(string key) =>
        [
            .. new[] { "today", "month", "target" }
                .Select(c => page.QuerySelector($"[data-figure={key}] [data-col={c}]")!.TextContent.Trim()),
        ];
        Row("traffic").Should().Equal("1", "1", "—");
        Row("cards").Should().Equal("1", "2", "8 (25.0%)");
        Row("orders").Should().Equal("0", "0", "2 (0.0%)");
        Row("deliveries").Should().Equal("0", "0", "—"); // no delivery target was set
        Row("conversion").Should().Equal("0.0%", "0.0%", "—");
        Row("response").Should().Equal("—", "0.0%", "80.0%"); // one queue lead arrived this month, none contacted
        Row("complaints-open").Should().Equal("0", "—", "—");
        page.QuerySelector("[data-figure=cards] a")!.GetAttribute("href").Should().Be($"/Reports/Daily?Store={_store.Id}&Month=2026-11");
        page.QuerySelector("[data-figure=response] a")!.GetAttribute("href").Should().Be($"/Reports/ResponseTime?Store={_store.Id}&Month=2026-11");
        page.QuerySelectorAll("[data-testid=report-links] a").Select(a => a.GetAttribute("href")).Should().Contain("/Reports/Daily");
    }

    [Fact]
    public async Task A_sales_manager_sees_the_sales_figures_a_service_manager_only_the_complaints_an_admin_any_store()
    {
        using var manager = await App.SignInAsync("manager");
        using var service = await App.SignInAsync("service");
        using var admin = await App.SignInAsync("admin");
        using var consultant = await App.SignInAsync("consultant.li");

        var sales = await manager.GetDocumentAsync("/Reports");
        sales.QuerySelector("[data-figure=cards] [data-col=month]")!.TextContent.Should().Be("2");
        sales.QuerySelector("[data-figure=complaints-open]").Should().BeNull("complaints are the after-sales side's");
        var after = await service.GetDocumentAsync("/Reports");
        after.QuerySelector("[data-figure=cards]").Should().BeNull();
        after.QuerySelector("[data-figure=complaints-late] [data-col=today]")!.TextContent.Should().Be("0");
        var chosen = await admin.GetDocumentAsync($"/Reports?Store={_other.Id}");
        chosen.QuerySelector("[data-testid=key-figures] h2")!.TextContent.Should().Contain("西区店");
        chosen.QuerySelector("[data-figure=cards] [data-col=month]")!.TextContent.Should().Be("0", "the other store has no cards");
        (await manager.GetAsync($"/Reports?Store={_other.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await consultant.GetAsync("/Reports")).IsRefused().Should().BeTrue();
    }
}
