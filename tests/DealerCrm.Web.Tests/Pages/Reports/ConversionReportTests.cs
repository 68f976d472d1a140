using System.Net;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Reports;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// Conversion by source (6.2): a known October — deliveries exactly one month after the card and a second later, a
/// cancelled order and a second order, windows still running on the day the report is read, medians of an even and an
/// odd count — gives exactly the figures a reader counts, on the page and in the .xlsx; the filters narrow them.
/// </summary>
public sealed class ConversionReportTests(AppFixture app) : WebTest(app)
{
    private const string Dash = "—";

    private static readonly string[] Zero = ["0", "0", "0", "0", "0", "0", Dash, "0", "0", Dash, Dash, Dash];

    // L1, L3, L6: dealer website, no project, inbound.
    private static readonly string[] Website = ["3", "1", "1", "1", "1", "1", "50.0%", "1", "2", "100.0%", "3.0", "31.0"];

    // L2: internet platform, manufacturer campaign, delivered a second after its month.
    private static readonly string[] Platform = ["1", "0", "1", "1", "0", "0", "0.0%", "1", "0", "100.0%", "4.0", "31.0"];

    // L4: outbound development, fleet, ordered, its month still running.
    private static readonly string[] Outbound = ["1", "1", "1", "0", "0", "1", Dash, "0", "1", Dash, "2.0", Dash];

    // L5: existing owner, local campaign, ordered on its card's day and delivered within days.
    private static readonly string[] Owner = ["1", "1", "1", "1", "1", "0", "100.0%", "1", "0", "100.0%", "0.0", "18.0"];

    private static readonly string[] Total = ["6", "3", "4", "3", "2", "2", "50.0%", "3", "3", "100.0%", "2.5", "31.0"];

    private Store _store = null!;
    private long _li;
    private long _wang;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 9, 1, 9, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        _li = (await App.CreateUserAsync("li", _store.Id, Roles.SalesConsultant)).Id;
        _wang = (await App.CreateUserAsync("wang", _store.Id, Roles.SalesConsultant)).Id;
    }

    private static string[] Row(string label, string[] figures) => [label, .. figures];

    private static List<string[]> BySource() =>
    [
        Row("Showroom walk-in", Zero), Row("Showroom call", Zero), Row("Dealer website", Website),
        Row("Manufacturer-assigned", Zero), Row("Internet platform", Platform), Row("Referral by an owner", Zero),
        Row("Friends and family", Zero), Row("Event or exhibition", Zero),
        Row("Inbound total", ["4", "1", "2", "2", "1", "1", "33.3%", "2", "2", "100.0%", "3.5", "31.0"]),
        Row("Outbound development", Outbound), Row("Existing owner (replacement or additional)", Owner),
        Row("Owner replacement", Zero), Row("VIP informant", Zero), Row("Internal informant", Zero),
        Row("Outbound total", ["2", "2", "2", "1", "1", "1", "100.0%", "1", "1", "100.0%", "1.0", "18.0"]),
        Row("Total", Total),
    ];

    private static List<string[]> ByProject() =>
    [
        Row("No project · Inbound", Website), Row("No project · Outbound", Zero),
        Row("Manufacturer campaign · Inbound", Platform), Row("Manufacturer campaign · Outbound", Zero),
        Row("Local dealer campaign · Inbound", Zero), Row("Local dealer campaign · Outbound", Owner),
        Row("Fleet sales · Inbound", Zero), Row("Fleet sales · Outbound", Outbound),
        Row("Total", Total),
    ];

    private static List<string[]> Funnel() =>
    [
        ["Leads created", "6", "100.0%"], ["Test drive", "3", "50.0%"], ["Order", "4", "66.7%"], ["Delivery", "3", "50.0%"],
    ];

    private async Task ArrangeOctoberAsync()
    {
        var s = new SalesReportScenario(App, _store);

        // Outside the period by a minute either side.
        s.At(9, 30, 23, 59);
        await s.LeadAsync(_li, SourceChannel.DealerWebsite);
        s.At(11, 1, 0, 0);
        await s.LeadAsync(_li, SourceChannel.DealerWebsite);

        // L1: test drive, order 3 days after the card, delivered exactly one month after it (the end counts).
        s.At(10, 5, 10, 0);
        var l1 = await s.LeadAsync(_li, SourceChannel.DealerWebsite);
        s.At(10, 6, 15, 0);
        await s.TestDriveAsync(l1, _li);
        s.At(10, 8, 11, 0);
        await s.OrderAsync(l1, _li);
        s.At(11, 5, 10, 0);
        await s.DeliverAsync(l1, _li);

        // L2: an order cancelled, a second order 4 days after the card; delivered a second after its month.
        s.At(10, 6, 9, 0);
        var l2 = await s.LeadAsync(_li, SourceChannel.InternetPlatform, LeadProject.ManufacturerCampaign, model: "星越L");
        s.At(10, 7, 10, 0);
        await s.OrderAsync(l2, _li);
        s.At(10, 8, 10, 0);
        await s.CancelOrderAsync(l2, _li);
        s.At(10, 10, 10, 0);
        await s.OrderAsync(l2, _li);
        s.At(11, 6, 9, 0, 1);
        await s.DeliverAsync(l2, _li);

        // L3: only a cancelled order: not an order; its month ended undelivered (lost), its 3 months still run.
        s.At(10, 10, 14, 0);
        var l3 = await s.LeadAsync(_li, SourceChannel.DealerWebsite);
        s.At(10, 12, 10, 0);
        await s.OrderAsync(l3, _li);
        s.At(10, 13, 10, 0);
        await s.CancelOrderAsync(l3, _li);

        // L4: outbound, fleet: test drive, ordered 2 days after the card; its month runs past the day we read.
        s.At(10, 25, 11, 0);
        var l4 = await s.LeadAsync(_wang, SourceChannel.OutboundDevelopment, LeadProject.FleetSales);
        s.At(10, 26, 11, 0);
        await s.TestDriveAsync(l4, _wang);
        s.At(10, 27, 11, 0);
        await s.OrderAsync(l4, _wang);

        // L5: existing owner, local campaign: test drive and order on the card's day, delivered 18 days later.
        s.At(10, 2, 8, 0);
        var l5 = await s.LeadAsync(_wang, SourceChannel.ExistingOwner, LeadProject.LocalCampaign);
        s.At(10, 2, 9, 0);
        await s.TestDriveAsync(l5, _wang);
        s.At(10, 2, 10, 0);
        await s.OrderAsync(l5, _wang);
        s.At(10, 20, 15, 0);
        await s.DeliverAsync(l5, _wang);

        // L6: the period's last half hour; nothing yet.
        s.At(10, 31, 23, 30);
        await s.LeadAsync(_li, SourceChannel.DealerWebsite);

        // Read on 20 November: the 1-month windows of L4 (to 25 Nov) and L6 (to 30 Nov) still run.
        s.At(11, 20, 10, 0);
    }

    [Fact]
    public async Task A_known_october_shows_every_figure_on_the_page_and_in_the_xlsx()
    {
        await ArrangeOctoberAsync();
        using var gm = await App.SignInAsync("gm");

        var page = await gm.GetDocumentAsync("/Reports/Conversion?Month=2026-10");

        page.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("2026-10").And.Contain("S1")
            .And.Contain("2026-11-20 10:00");
        CallbackReportTests.Table(page, ConversionReportTables.BySource).Should()
            .BeEquivalentTo(BySource(), o => o.WithStrictOrdering());
        CallbackReportTests.Table(page, ConversionReportTables.ByProject).Should()
            .BeEquivalentTo(ByProject(), o => o.WithStrictOrdering());
        CallbackReportTests.Table(page, ConversionReportTables.Funnel).Should()
            .BeEquivalentTo(Funnel(), o => o.WithStrictOrdering());
        var chart = page.QuerySelector("[data-testid=funnel-chart]")!.TextContent;
        chart.Should().Contain("Leads created").And.Contain("6").And.Contain("Test drive").And.Contain("4");
        page.QuerySelector("[data-testid=counting-note]")!.TextContent.Should().Contain("window open");

        using var xlsx = await gm.GetAsync("/Reports/Conversion?handler=Export&format=Xlsx&Month=2026-10");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        var workbook = ReportWorkbook.Read(await xlsx.Content.ReadAsByteArrayAsync());
        workbook.ValidationErrors.Should().BeEmpty();
        workbook.Sheets.Should().HaveCount(3);
        List<string[]>[] expected = [BySource(), ByProject(), Funnel()];
        for (var i = 0; i < 3; i++)
        {
            // Four heading lines (title, store, month, produced), the table's title and headers, then the rows.
            var data = workbook.Sheets[i].Rows.Skip(6).ToList();
            data.Select(r => r.Select(c => c.AsShown()).ToArray()).Should()
                .BeEquivalentTo(expected[i], o => o.WithStrictOrdering(), workbook.Sheets[i].Name);
            data.SelectMany(r => r.Skip(1)).Where(c => c.Text != Dash).Should().OnlyContain(c => c.IsNumber);
        }

        workbook.Sheets[0].Rows[6 + 15][11].Format.Should().Be("0.0", "a median is a number with one decimal");
        workbook.Sheets[0].Rows[6 + 15][7].Format.Should().Be("0.0%");

        using var csv = await gm.GetAsync("/Reports/Conversion?handler=Export&format=Csv&Month=2026-10");
        (await csv.Content.ReadAsStringAsync()).Should().Contain("Dealer website,3,1,1,1,1,1,50.0%,1,2,100.0%,3.0,31.0");
    }

    [Fact]
    public async Task The_source_model_and_consultant_filters_narrow_the_leads_and_stay_on_the_downloads()
    {
        await ArrangeOctoberAsync();
        using var gm = await App.SignInAsync("gm");

        var wang = await gm.GetDocumentAsync($"/Reports/Conversion?Month=2026-10&Consultant={_wang}");
        CallbackReportTests.Table(wang, ConversionReportTables.BySource).Last().Should()
            .Equal(Row("Total", ["2", "2", "2", "1", "1", "1", "100.0%", "1", "1", "100.0%", "1.0", "18.0"]));
        wang.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("Display wang");
        wang.QuerySelector("[data-testid=export-xlsx]")!.GetAttribute("href").Should().Contain($"Consultant={_wang}");

        var website = await gm.GetDocumentAsync("/Reports/Conversion?Month=2026-10&Source=DealerWebsite");
        CallbackReportTests.Table(website, ConversionReportTables.BySource).Last().Should().Equal(Row("Total", Website));

        var xingyue = await gm.GetDocumentAsync("/Reports/Conversion?Month=2026-10&IntendedModel=" + Uri.EscapeDataString("星越L"));
        CallbackReportTests.Table(xingyue, ConversionReportTables.BySource).Last().Should().Equal(Row("Total", Platform));
        xingyue.QuerySelectorAll("select[name=IntendedModel] option").Select(o => o.TextContent).Should()
            .Equal("All models", "哈弗H6", "星越L");
    }

    [Fact]
    public async Task Hostile_filters_get_a_message_beside_the_field_and_the_report_runs_without_them()
    {
        await ArrangeOctoberAsync();
        var other = await App.CreateStoreAsync("S2", "西区店");
        var stranger = await App.CreateUserAsync("stranger", other.Id, Roles.SalesConsultant);
        using var gm = await App.SignInAsync("gm");

        var source = await gm.GetDocumentAsync("/Reports/Conversion?Month=2026-10&Source=99");
        source.FieldError("Source").Should().NotBeEmpty();
        CallbackReportTests.Table(source, ConversionReportTables.BySource).Last().Should().Equal(Row("Total", Total));

        var consultant = await gm.GetDocumentAsync($"/Reports/Conversion?Month=2026-10&Consultant={stranger.Id}");
        consultant.FieldError("Consultant").Should().Be("Choose a consultant of this store from the list.");
        CallbackReportTests.Table(consultant, ConversionReportTables.BySource).Last().Should().Equal(Row("Total", Total));

        var longModel = await gm.GetDocumentAsync("/Reports/Conversion?Month=2026-10&IntendedModel=" + new string('x', 101));
        longModel.FieldError("IntendedModel").Should().NotBeEmpty();
        CallbackReportTests.Table(longModel, ConversionReportTables.BySource).Last().Should().Equal(Row("Total", Total));

        foreach (var query in new[] { "Consultant=99999999999999999999", "Source=%00", "IntendedModel=%00", "From=0001-01-01&To=9999-12-31" })
        {
            using var response = await gm.GetAsync("/Reports/Conversion?" + query);
            response.StatusCode.Should().Be(HttpStatusCode.OK, query);
        }
    }
}
