using System.Net;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Reports;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// Defeat analysis (6.4): a known October — defeats approved on its first and last evening and just after it, a
/// rejection and a reassignment, rescues that ended delivered, ordered, defeated again and still open — gives exactly
/// the figures a reader counts, on the page and in the .xlsx.
/// </summary>
public sealed class DefeatReportTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private long _li;
    private long _wang;
    private long _manager;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 9, 1, 9, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        _manager = (await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager)).Id;
        _li = (await App.CreateUserAsync("li", _store.Id, Roles.SalesConsultant)).Id;
        _wang = (await App.CreateUserAsync("wang", _store.Id, Roles.SalesConsultant)).Id;
    }

    private static List<(string Section, List<string[]> Rows)> Expected() =>
    [
        (DefeatReportTables.ByReason,
        [
            ["Bought a competitor", "2", "50.0%"], ["Bought the same brand at another dealer", "0", "0.0%"],
            ["Budget changed", "1", "25.0%"], ["Purchase postponed indefinitely", "0", "0.0%"],
            ["Cannot be reached", "0", "0.0%"], ["No longer interested", "0", "0.0%"], ["Other", "1", "25.0%"],
            ["Total", "4", "100.0%"],
        ]),
        (DefeatReportTables.ByCompetitor, [["比亚迪", "宋PLUS", "2", "50.0%"]]),
        (DefeatReportTables.ByConsultant, [["Display li", "3", "75.0%"], ["Display wang", "1", "25.0%"], ["Total", "4", "100.0%"]]),
        (DefeatReportTables.ByModel, [["哈弗H6", "3", "75.0%"], ["星越L", "1", "25.0%"], ["Total", "4", "100.0%"]]),
        (DefeatReportTables.ByGrade,
            [["H", "0", "0.0%"], ["A", "2", "50.0%"], ["B", "1", "25.0%"], ["C", "1", "25.0%"], ["Total", "4", "100.0%"]]),
        (DefeatReportTables.Decisions,
        [
            ["Approved", "4", "66.7%"], ["Rejected", "1", "16.7%"], ["Reassigned", "1", "16.7%"],
            ["Not approved (rejection rate)", "2", "33.3%"], ["Decided", "6", "100.0%"],
        ]),
        (DefeatReportTables.Rescues,
        [
            ["Delivered", "1", "25.0%"], ["Ordered, not delivered yet", "1", "25.0%"], ["Defeated again", "1", "25.0%"],
            ["Still open", "1", "25.0%"], ["Other (dormant or invalid)", "0", "0.0%"], ["Rescues", "4", "100.0%"],
        ]),
    ];

    private async Task ArrangeOctoberAsync()
    {
        var s = new SalesReportScenario(App, _store);

        // G and H lost in September, rescued in October: G is then ordered and delivered, H ordered.
        s.At(9, 10, 10);
        var g = await s.LeadAsync(_li, SourceChannel.DealerWebsite);
        var h = await s.LeadAsync(_wang, SourceChannel.DealerWebsite);
        s.At(9, 28, 10);
        await s.RequestDefeatAsync(g, _li, DefeatReason.PostponedIndefinitely);
        await s.RequestDefeatAsync(h, _wang, DefeatReason.PostponedIndefinitely);
        s.At(9, 30, 23, 59);
        await s.ApproveAsync(g, _manager);
        await s.ApproveAsync(h, _manager);
        s.At(10, 15, 10);
        await s.RescueAsync(g, _manager, _li);
        s.At(10, 16, 10);
        await s.RescueAsync(h, _manager, _wang);
        s.At(10, 20, 10);
        await s.OrderAsync(g, _li);
        s.At(10, 18, 10);
        await s.OrderAsync(h, _wang);
        s.At(11, 2, 10);
        await s.DeliverAsync(g, _li);

        // A: lost to a competitor on 4 October, rescued on the 8th, lost again (other) on the 10th.
        s.At(10, 1, 9);
        var a = await s.LeadAsync(_li, SourceChannel.DealerWebsite, grade: Grade.A);
        var b = await s.LeadAsync(_li, SourceChannel.DealerWebsite, grade: Grade.B);
        var c = await s.LeadAsync(_wang, SourceChannel.DealerWebsite, model: "星越L", grade: Grade.C);
        var d = await s.LeadAsync(_wang, SourceChannel.DealerWebsite, model: null, grade: Grade.H);
        var e = await s.LeadAsync(_li, SourceChannel.DealerWebsite);
        var f = await s.LeadAsync(_wang, SourceChannel.DealerWebsite);
        s.At(10, 3, 10);
        await s.RequestDefeatAsync(a, _li, DefeatReason.BoughtCompetitor, "比亚迪", "宋PLUS");
        s.At(10, 4, 10);
        await s.ApproveAsync(a, _manager);
        s.At(10, 8, 10);
        await s.RescueAsync(a, _manager, _li);
        s.At(10, 9, 10);
        await s.RequestDefeatAsync(a, _li, DefeatReason.Other);
        s.At(10, 10, 10);
        await s.ApproveAsync(a, _manager);

        // B: lost to the same competitor, rescued the next day and still followed.
        s.At(10, 5, 10);
        await s.RequestDefeatAsync(b, _li, DefeatReason.BoughtCompetitor, "比亚迪", "宋PLUS");
        s.At(10, 6, 10);
        await s.ApproveAsync(b, _manager);
        s.At(10, 7, 10);
        await s.RescueAsync(b, _manager, _li);

        // C approved in the period's last hour; D a little after it (November's).
        s.At(10, 9, 10);
        await s.RequestDefeatAsync(c, _wang, DefeatReason.BudgetChanged);
        await s.RequestDefeatAsync(d, _wang, DefeatReason.BoughtCompetitor, "吉利", "星瑞");
        s.At(10, 31, 23, 0);
        await s.ApproveAsync(c, _manager);
        s.At(11, 1, 0, 30);
        await s.ApproveAsync(d, _manager);

        // E rejected with instructions, F given to another consultant: not approved.
        s.At(10, 10, 11);
        await s.RequestDefeatAsync(e, _li, DefeatReason.CannotBeReached);
        await s.RequestDefeatAsync(f, _wang, DefeatReason.NoLongerInterested);
        s.At(10, 11, 10);
        await s.RejectAsync(e, _manager);
        await s.RejectAsync(f, _manager, reassignTo: _li);

        s.At(11, 20, 10);
    }

    [Fact]
    public async Task A_known_october_shows_every_figure_on_the_page_and_in_the_xlsx()
    {
        await ArrangeOctoberAsync();
        using var manager = await App.SignInAsync("manager");
        var expected = Expected();

        var page = await manager.GetDocumentAsync("/Reports/Defeats?Month=2026-10");

        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("2026-10").And.Contain("S1");
        foreach (var (section, rows) in expected)
        {
            CallbackReportTests.Table(page, section).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering(), section);
        }

        page.QuerySelector("[data-testid=reason-chart]")!.TextContent.Should().Contain("Bought a competitor").And.Contain("2");
        page.QuerySelector("[data-testid=counting-note]").Should().NotBeNull();

        using var xlsx = await manager.GetAsync("/Reports/Defeats?handler=Export&format=Xlsx&Month=2026-10");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        var workbook = ReportWorkbook.Read(await xlsx.Content.ReadAsByteArrayAsync());
        workbook.ValidationErrors.Should().BeEmpty();
        workbook.Sheets.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var data = workbook.Sheets[i].Rows.Skip(6).ToList();
            data.Select(r => r.Select(c => c.AsShown()).ToArray()).Should()
                .BeEquivalentTo(expected[i].Rows, o => o.WithStrictOrdering(), expected[i].Section);
        }
    }

    [Fact]
    public async Task November_counts_what_was_decided_in_it()
    {
        await ArrangeOctoberAsync();
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Reports/Defeats?Month=2026-11");

        CallbackReportTests.Table(page, DefeatReportTables.ByCompetitor).Should()
            .BeEquivalentTo(new List<string[]> { new[] { "吉利", "星瑞", "1", "100.0%" } }, o => o.WithStrictOrdering());
        CallbackReportTests.Table(page, DefeatReportTables.ByModel).Should().BeEquivalentTo(
            new List<string[]> { new[] { "(not recorded)", "1", "100.0%" }, new[] { "Total", "1", "100.0%" } },
            o => o.WithStrictOrdering());
        CallbackReportTests.Table(page, DefeatReportTables.Rescues).Last().Should().Equal("Rescues", "0", "—");
    }
}
