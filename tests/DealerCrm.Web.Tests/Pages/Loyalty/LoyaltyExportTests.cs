using System.Globalization;
using System.Net;
using System.Text;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Reports;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Loyalty;

/// <summary>
/// The managers' exports of the loyalty lists: the drill-down list with its filter, the week's changes and the at-risk
/// list, as CSV and .xlsx with amounts as number cells, the same rows as the page (only the store's), audited.
/// </summary>
public sealed class LoyaltyExportTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 11, 26, 10, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        await App.CreateUserAsync("service", _store.Id, Roles.ServiceManager);
    }

    [Fact]
    public async Task The_drill_down_list_exports_as_xlsx_with_spend_as_a_number_and_only_the_filtered_owners()
    {
        var run = await App.CreateFinishedRunAsync();
        var gold = await App.CreateCustomerAsync(_store.Id, "=金卡客户", "13800000001");
        var silver = await App.CreateCustomerAsync(_store.Id, "银卡客户", "13800000002");
        var elsewhere = await App.CreateCustomerAsync(_other.Id, "西区金卡", "13800000003");
        await App.SetLoyaltyAsync(gold, run.Id, LoyaltyCategory.L1, MembershipTier.Gold, 260_000.5m, LoyaltyRisk.DowngradeHeld,
            new DateOnly(2027, 3, 1), new DateOnly(2026, 3, 1));
        await App.SetLoyaltyAsync(silver, run.Id, LoyaltyCategory.L1, MembershipTier.Silver, 60_000m);
        await App.SetLoyaltyAsync(elsewhere, run.Id, LoyaltyCategory.L1, MembershipTier.Gold, 900_000m);

        using var gm = await App.SignInAsync("gm");
        var page = await gm.GetDocumentAsync("/Loyalty/Owners?category=L1&tier=Gold");
        var href = page.QuerySelector("[data-testid=export-xlsx]")!.GetAttribute("href")!;
        href.Should().Be("/Loyalty/Export?list=Owners&format=Xlsx&category=L1&tier=Gold");
        using var response = await gm.GetAsync(href);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var book = ReportWorkbook.Read(await response.Content.ReadAsByteArrayAsync());
        book.ValidationErrors.Should().BeEmpty();
        var rows = book.Sheets.Single().Rows;
        rows[0].Select(c => c.Text).Should().Equal("Customer", "Mobile", "Loyalty category", "Membership tier",
            "Cumulative spend (CNY)", "Tier since", "Risk", "Risk date");
        rows.Should().HaveCount(2, "the header and the one gold L1 owner of this store");
        rows[1].Select(c => c.Text).Take(4).Should().Equal("'=金卡客户", "138****0001", "L1 every time", "Gold");
        rows[1][4].IsNumber.Should().BeTrue("amounts are numbers in the workbook");
        decimal.Parse(rows[1][4].Text, CultureInfo.InvariantCulture).Should().Be(260_000.5m);
        rows[1][0].IsNumber.Should().BeFalse();
        rows[1].Skip(5).Select(c => c.Text).Should().Equal("2026-03-01", "Downgrade held", "2027-03-01");

        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.LoyaltyExported)
            .Select(a => a.Details).ToListAsync());
        audit.Should().ContainSingle().Which.Should().Be("format=xlsx; rows=1; capped=no; list=owners; category=L1; tier=Gold");
    }

    [Fact]
    public async Task The_weeks_changes_and_the_at_risk_list_export_as_csv_and_xlsx_from_the_page()
    {
        var run = await App.CreateFinishedRunAsync();
        var down = await App.CreateCustomerAsync(_store.Id, "降级客户", "13800000001");
        var due = await App.CreateCustomerAsync(_store.Id, "到期客户", "13800000002");
        var elsewhere = await App.CreateCustomerAsync(_other.Id, "西区", "13800000003");
        await App.RecordTierChangeAsync(down, run.Id, new DateOnly(2026, 11, 24), MembershipTier.Gold, MembershipTier.Silver,
            LoyaltyChangeCause.Loyalty, 210_000m);
        await App.RecordTierChangeAsync(elsewhere, run.Id, new DateOnly(2026, 11, 24), MembershipTier.Gold, MembershipTier.Silver,
            LoyaltyChangeCause.Loyalty, 210_000m);
        await App.SetLoyaltyAsync(down, run.Id, LoyaltyCategory.L3, MembershipTier.Silver, 210_000m, LoyaltyRisk.DowngradeHeld,
            new DateOnly(2027, 11, 24));
        await App.SetLoyaltyAsync(due, run.Id, LoyaltyCategory.L2, MembershipTier.Gold, 220_000m, LoyaltyRisk.MaintenanceDue,
            new DateOnly(2026, 12, 10));
        await App.SetLoyaltyAsync(elsewhere, run.Id, LoyaltyCategory.L2, MembershipTier.Gold, 220_000m, LoyaltyRisk.MaintenanceDue,
            new DateOnly(2026, 12, 1));

        using var service = await App.SignInAsync("service");
        var page = await service.GetDocumentAsync("/Loyalty");
        var changesCsv = page.QuerySelector("[data-testid=export-changes] a[href*='format=Csv']")!.GetAttribute("href")!;
        var riskXlsx = page.QuerySelector("[data-testid=export-at-risk] a[href*='format=Xlsx']")!.GetAttribute("href")!;
        changesCsv.Should().Be("/Loyalty/Export?list=Changes&format=Csv&week=2026-11-23");

        using var csv = await service.GetAsync(changesCsv);
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..])
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "Date,Customer,Mobile,Change,Old tier,New tier,Cause,Cumulative spend (CNY)",
            "2026-11-24,降级客户,138****0001,Downgrade,Gold,Silver,Loyalty changed,210000.00");

        using var xlsx = await service.GetAsync(riskXlsx);
        var rows = ReportWorkbook.Read(await xlsx.Content.ReadAsByteArrayAsync()).Sheets.Single().Rows;
        rows.Skip(1).Select(r => string.Join('|', r.Take(4).Select(c => c.Text)) + "|" + r[7].Text).Should().Equal(
            "到期客户|138****0002|L2 missed once|Gold|2026-12-10",
            "降级客户|138****0001|L3 missed twice|Silver|2027-11-24");
        rows.Skip(1).Select(r => r[4].IsNumber).Should().AllBeEquivalentTo(true);

        using var changesXlsx = await service.GetAsync("/Loyalty/Export?list=Changes&format=Xlsx&week=2026-11-23");
        var changeRows = ReportWorkbook.Read(await changesXlsx.Content.ReadAsByteArrayAsync()).Sheets.Single().Rows;
        changeRows.Should().HaveCount(2);
        changeRows[1][7].IsNumber.Should().BeTrue();
        decimal.Parse(changeRows[1][7].Text, CultureInfo.InvariantCulture).Should().Be(210_000m);
    }
}
