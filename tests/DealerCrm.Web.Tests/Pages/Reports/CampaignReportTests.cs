using System.Net;
using System.Text;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// The M01 campaign report (spec 6.5) on a known data set (<see cref="CampaignReportScenario"/>, a New York store):
/// every figure on the page, in the .xlsx and in the CSV, with contacts at the period's store-local edges, orders on
/// days 0, 1, 3, 4, 30 and 31 after attendance (day 0 an evening that is already the next day in UTC), a cancelled
/// order, an order before attendance, and an order credited to the later of two attended campaigns.
/// </summary>
public sealed class CampaignReportTests(AppFixture app) : WebTest(app)
{
    private const string Dash = "—";

    public static readonly string[][] Expected =
    [
        ["十一月车展", "Exhibition", "14", "12", "85.7%", "10", "4", "83.3%", "3", "5", "2", "30,000.00", "10,000.00",
            "1", "2", "2", "5", "3", "6,000.00", "50.0%"],
        ["试驾日", "Test-drive day", "2", "2", "100.0%", "1", Dash, "50.0%", "0", Dash, "0", "10,000.00", Dash,
            "0", "1", "0", "1", Dash, "10,000.00", "100.0%"],
        ["外呼", "Outbound calls", "0", "0", Dash, "0", Dash, Dash, "0", Dash, "0", "0.00", Dash,
            "0", "0", "0", "0", Dash, Dash, Dash],
        ["Total", "", "16", "14", "87.5%", "11", "4", "78.6%", "3", "5", "2", "40,000.00", "13,333.33",
            "1", "3", "2", "6", "3", "6,666.67", "54.5%"],
    ];

    [Fact]
    public async Task A_known_month_shows_every_figure_on_the_page_in_the_xlsx_and_in_the_csv()
    {
        await CampaignReportScenario.BuildAsync(App);
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Reports/Campaigns?Month=2026-11");
        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("NY1").And.Contain("2026-11");
        CallbackReportTests.Table(page, "campaigns").Should().BeEquivalentTo(Expected, o => o.WithStrictOrdering());
        var chart = page.QuerySelector("[data-testid=campaign-chart]")!.TextContent;
        chart.Should().Contain("十一月车展").And.Contain("试驾日");
        page.QuerySelector("[data-testid=counting-note]")!.TextContent.Should().Contain("latest campaign");

        using var xlsx = await manager.GetAsync("/Reports/Campaigns?handler=Export&format=Xlsx&Month=2026-11");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        var workbook = ReportWorkbook.Read(await xlsx.Content.ReadAsByteArrayAsync());
        workbook.ValidationErrors.Should().BeEmpty();
        workbook.Sheets.Should().HaveCount(1);
        var sheet = workbook.Sheets[0];
        sheet.Rows[1][0].Text.Should().Contain("NY1");

        // Four heading lines, the title, the headers, then the rows.
        var data = sheet.Rows.Skip(6).ToList();
        data.Select(r => r.Select(c => c.AsShown()).ToArray()).Should().BeEquivalentTo(Expected, o => o.WithStrictOrdering());
        foreach (var (row, cells) in data.Zip(Expected))
        {
            for (var c = 2; c < cells.Length; c++)
            {
                if (cells[c] == Dash)
                {
                    row[c].IsNumber.Should().BeFalse();
                }
                else if (cells[c].EndsWith('%'))
                {
                    row[c].Should().Match<ReportSheetCell>(x => x.IsNumber && x.Format == "0.0%", $"{cells[0]} col {c}");
                }
                else if (cells[c].Contains('.', StringComparison.Ordinal))
                {
                    row[c].Should().Match<ReportSheetCell>(x => x.IsNumber && x.Format == "#,##0.00", $"{cells[0]} col {c}");
                }
                else
                {
                    row[c].IsNumber.Should().BeTrue($"{cells[0]} col {c} is a count");
                }
            }
        }

        using var csv = await manager.GetAsync("/Reports/Campaigns?handler=Export&format=Csv&Month=2026-11");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        text.Should().Contain("十一月车展,Exhibition,14,12,85.7%,10,4,83.3%,3,5,2,\"30,000.00\",\"10,000.00\",1,2,2,5,3,\"6,000.00\",50.0%");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ReportExported)))
            .Should().Be(2);
    }

    [Fact]
    public async Task The_general_manager_reads_the_same_figures_and_a_month_without_contacts_shows_only_running_campaigns()
    {
        await CampaignReportScenario.BuildAsync(App);
        using var gm = await App.SignInAsync("gm");

        CallbackReportTests.Table(await gm.GetDocumentAsync("/Reports/Campaigns?Month=2026-11"), "campaigns")
            .Should().BeEquivalentTo(Expected, o => o.WithStrictOrdering());

        // October: the October campaign's own contacts (its attendee's order on day 18 is its contract), and the
        // exhibition's contact notified at 23:30 on 31 October.
        var october = CallbackReportTests.Table(await gm.GetDocumentAsync("/Reports/Campaigns?Month=2026-10"), "campaigns");
        october.Select(r => r[0]).Should().Equal("十月活动", "十一月车展", "Total");
        october[0][2..8].Should().Equal("1", "1", "100.0%", "1", Dash, "100.0%");
        october[0][13..17].Should().Equal("0", "0", "1", "1");
        october[1][2].Should().Be("1");
        october[1][16].Should().Be("0");
    }
}
