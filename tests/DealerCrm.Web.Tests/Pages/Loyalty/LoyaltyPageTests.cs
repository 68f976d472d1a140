using System.Globalization;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Loyalty;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Loyalty;

/// <summary>
/// /Loyalty (issue 13): the matrix of owners by category and tier equals the state rows of the store (every cell), the
/// chart carries the same totals, the week's upgrades and downgrades are those of the store-local Monday to Sunday, and
/// the at-risk owners come soonest first with why and by when.
/// </summary>
public sealed class LoyaltyPageTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 11, 29, 23, 30, 0)); // a Sunday evening in Shanghai, still Sunday in UTC
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
        await App.CreateUserAsync("officer", _store.Id, Roles.CrmOfficer);
    }

    /// <summary>A count per cell that differs from its neighbours (0, 1 or 2), so a swapped row or column shows.</summary>
    private static int Expected(int row, int column) => ((row * 4) + column) % 3;

    [Fact]
    public async Task The_matrix_counts_every_category_and_tier_of_the_store_with_totals_and_the_chart_shows_the_same()
    {
        var run = await App.CreateFinishedRunAsync();
        var mobile = 0;
        for (var r = 0; r < LoyaltyQueries.CategoryRows.Count; r++)
        {
            for (var c = 0; c < LoyaltyQueries.TierColumns.Count; c++)
            {
                var count = Expected(r, c);
                if (count == 0)
                {
                    continue;
                }

                var owners = await App.CreateOwnersAsync(_store.Id, count, $"C{r}{c}-", mobile);
                mobile += count;
                await App.SetLoyaltyAsync(owners, run.Id, LoyaltyQueries.CategoryRows[r], LoyaltyQueries.TierColumns[c]);
            }
        }

        // Another store's owners never count here.
        var others = await App.CreateOwnersAsync(_other.Id, 3, "X-", 900);
        await App.SetLoyaltyAsync(others, run.Id, LoyaltyCategory.L1, MembershipTier.Standard);

        using var officer = await App.SignInAsync("officer");
        var page = await officer.GetDocumentAsync("/Loyalty");

        var total = 0;
        for (var r = 0; r < LoyaltyQueries.CategoryRows.Count; r++)
        {
            var key = LoyaltyQueries.CategoryRows[r]?.ToString() ?? "none";
            for (var c = 0; c < LoyaltyQueries.TierColumns.Count; c++)
            {
                Cell(page, $"cell-{key}-{LoyaltyQueries.TierColumns[c]}").Should().Be(Expected(r, c), $"{key} × {LoyaltyQueries.TierColumns[c]}");
                total += Expected(r, c);
            }

            Cell(page, $"cell-{key}-total").Should().Be(Enumerable.Range(0, 4).Sum(c => Expected(r, c)));
        }

        for (var c = 0; c < LoyaltyQueries.TierColumns.Count; c++)
        {
            Cell(page, $"cell-total-{LoyaltyQueries.TierColumns[c]}").Should().Be(Enumerable.Range(0, 8).Sum(r => Expected(r, c)));
        }

        Cell(page, "cell-total-total").Should().Be(total);
        page.QuerySelector("[data-testid=row-none] th")!.TextContent.Should().Be("No counting car");
        page.QuerySelector("[data-testid=row-L4] th")!.TextContent.Should().Be("L4 missed 3–4 times");

        page.QuerySelectorAll("[data-testid=category-chart] .report-chart-value").Select(v => int.Parse(v.TextContent, CultureInfo.InvariantCulture))
            .Should().Equal(Enumerable.Range(0, 8).Select(r => Enumerable.Range(0, 4).Sum(c => Expected(r, c))));
        page.QuerySelectorAll("[data-testid=tier-chart] .report-chart-value").Select(v => int.Parse(v.TextContent, CultureInfo.InvariantCulture))
            .Should().Equal(Enumerable.Range(0, 4).Select(c => Enumerable.Range(0, 8).Sum(r => Expected(r, c))));

        // A cell links to the list of exactly those owners.
        var link = page.QuerySelector("[data-testid=cell-L2-Diamond]")!.GetAttribute("href")!;
        link.Should().Be("/Loyalty/Owners?category=L2&tier=Diamond");
        var list = await officer.GetDocumentAsync(link);
        list.QuerySelectorAll("[data-testid=owner]").Should().HaveCount(Expected(1, 3));
        var none = await officer.GetDocumentAsync(page.QuerySelector("[data-testid=cell-none-total]")!.GetAttribute("href")!);
        none.QuerySelectorAll("[data-testid=owner]").Should().HaveCount(Enumerable.Range(0, 4).Sum(c => Expected(7, c)));
    }

    [Fact]
    public async Task Calculated_on_comes_from_the_last_finished_run_in_store_time_or_says_not_yet()
    {
        using var officer = await App.SignInAsync("officer");
        (await officer.GetDocumentAsync("/Loyalty")).QuerySelector("[data-testid=calculated]")!.TextContent.Trim()
            .Should().Be("Not calculated yet");

        await App.CreateFinishedRunAsync(TestClock.ShanghaiInstant(new DateTime(2026, 11, 28, 3, 0, 40)));
        await App.CreateFinishedRunAsync(TestClock.ShanghaiInstant(new DateTime(2026, 11, 29, 3, 1, 10)));
        await App.WithDbAsync(async db =>
        {
            // A later run that failed, and one still running, are not "calculated".
            var failed = new LoyaltyRun(LoyaltyRunTrigger.Admin, null, 4, App.Now.AddMinutes(-5));
            failed.Fail("boom", App.Now.AddMinutes(-4));
            db.LoyaltyRuns.Add(failed);
            db.LoyaltyRuns.Add(new LoyaltyRun(LoyaltyRunTrigger.Schedule, null, 4, App.Now.AddMinutes(-1)));
            await db.SaveChangesAsync();
        });

        (await officer.GetDocumentAsync("/Loyalty")).QuerySelector("[data-testid=calculated]")!.TextContent.Trim()
            .Should().Be("Calculated on 2026-11-29 03:01");
    }

    [Fact]
    public async Task The_weeks_changes_are_the_tier_rows_of_the_store_local_monday_to_sunday_with_previous_and_next_weeks()
    {
        var run = await App.CreateFinishedRunAsync();
        var before = await App.CreateCustomerAsync(_store.Id, "上周日", "13900000001");
        var monday = await App.CreateCustomerAsync(_store.Id, "周一升", "13900000002");
        var sunday = await App.CreateCustomerAsync(_store.Id, "周日降", "13900000003");
        var next = await App.CreateCustomerAsync(_store.Id, "下周一", "13900000004");
        var other = await App.CreateCustomerAsync(_other.Id, "西区", "13900000005");
        await App.RecordTierChangeAsync(before, run.Id, new DateOnly(2026, 11, 22), MembershipTier.Standard, MembershipTier.Silver, LoyaltyChangeCause.Spend);
        await App.RecordTierChangeAsync(monday, run.Id, new DateOnly(2026, 11, 23), null, MembershipTier.Gold, LoyaltyChangeCause.Loyalty | LoyaltyChangeCause.Spend);
        await App.RecordTierChangeAsync(sunday, run.Id, new DateOnly(2026, 11, 29), MembershipTier.Gold, MembershipTier.Silver, LoyaltyChangeCause.HoldEnded);
        await App.RecordTierChangeAsync(next, run.Id, new DateOnly(2026, 11, 30), MembershipTier.Silver, MembershipTier.Standard, LoyaltyChangeCause.Loyalty);
        await App.RecordTierChangeAsync(other, run.Id, new DateOnly(2026, 11, 25), MembershipTier.Standard, MembershipTier.Diamond, LoyaltyChangeCause.Spend);
        await App.RecordCategoryChangeAsync(monday, run.Id, new DateOnly(2026, 11, 24));

        // Sunday 23:30 in Shanghai: the week is 23–29 November.
        using var officer = await App.SignInAsync("officer");
        var page = await officer.GetDocumentAsync("/Loyalty");
        page.QuerySelector("[data-testid=week-range]")!.TextContent.Should().Be("2026-11-23 to 2026-11-29");
        Changes(page).Should().Equal(
            "2026-11-29|周日降|Downgrade Gold → Silver|Held downgrade took effect",
            "2026-11-23|周一升|Upgrade Not calculated before → Gold|Loyalty changed · Spend changed");
        page.QuerySelector("[data-testid=change] a")!.GetAttribute("href").Should().Be($"/Customers/{sunday.Id}");
        page.QuerySelector("[data-testid=previous-week]")!.GetAttribute("href").Should().Be("/Loyalty?week=2026-11-16");
        page.QuerySelector("[data-testid=next-week]")!.GetAttribute("href").Should().Be("/Loyalty?week=2026-11-30");

        // An hour later it is Monday in Shanghai (still Sunday in UTC): the new week has only Monday's row.
        App.PinShanghai(new DateTime(2026, 11, 30, 0, 30, 0));
        using var later = await App.SignInAsync("officer");
        page = await later.GetDocumentAsync("/Loyalty");
        page.QuerySelector("[data-testid=week-range]")!.TextContent.Should().Be("2026-11-30 to 2026-12-06");
        Changes(page).Should().Equal("2026-11-30|下周一|Downgrade Silver → Standard|Loyalty changed");

        // Any day of a week shows that week.
        Changes(await later.GetDocumentAsync("/Loyalty?week=2026-11-19")).Should().Equal(
            "2026-11-22|上周日|Upgrade Standard → Silver|Spend changed");
        var empty = await later.GetDocumentAsync("/Loyalty?week=2026-11-02");
        empty.QuerySelector("[data-testid=no-changes]").Should().NotBeNull();
        empty.QuerySelector("[data-testid=this-week]")!.GetAttribute("href").Should().Be("/Loyalty");
    }

    [Fact]
    public async Task The_week_and_its_causes_are_shown_in_chinese_too()
    {
        var run = await App.CreateFinishedRunAsync();
        var owner = await App.CreateCustomerAsync(_store.Id, "周日降", "13900000003");
        await App.RecordTierChangeAsync(owner, run.Id, new DateOnly(2026, 11, 29), MembershipTier.Gold, MembershipTier.Silver, LoyaltyChangeCause.HoldEnded);
        await App.SetLoyaltyAsync(owner, run.Id, LoyaltyCategory.L3, MembershipTier.Silver);

        using var officer = await App.SignInAsync("officer");
        officer.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var page = await officer.GetDocumentAsync("/Loyalty");

        page.QuerySelector("h1")!.TextContent.Should().Be("忠诚度与会员级别");
        Changes(page).Should().Equal("2026-11-29|周日降|降级 金卡 → 银卡|暂缓的降级生效");
        page.QuerySelector("[data-testid=row-L3] th")!.TextContent.Should().Be("L3 间隔二次未来");
        page.QuerySelector("[data-testid=row-NeverReturned] th")!.TextContent.Should().Be("未回厂");
    }

    [Fact]
    public async Task At_risk_owners_come_soonest_first_with_why_tier_category_and_a_masked_mobile()
    {
        var run = await App.CreateFinishedRunAsync();
        var held = await App.CreateCustomerAsync(_store.Id, "暂缓", "13800000001");
        var dueLater = await App.CreateCustomerAsync(_store.Id, "晚到期", "13800000002");
        var dueSoon = await App.CreateCustomerAsync(_store.Id, "早到期", "13800000003");
        var safe = await App.CreateCustomerAsync(_store.Id, "无风险", "13800000004");
        var elsewhere = await App.CreateCustomerAsync(_other.Id, "西区", "13800000005");
        await App.SetLoyaltyAsync(held, run.Id, LoyaltyCategory.L3, MembershipTier.Gold, 260_000m, LoyaltyRisk.DowngradeHeld, new DateOnly(2026, 12, 20));
        await App.SetLoyaltyAsync(dueLater, run.Id, LoyaltyCategory.L2, MembershipTier.Gold, 210_000m, LoyaltyRisk.MaintenanceDue, new DateOnly(2026, 12, 10));
        await App.SetLoyaltyAsync(dueSoon, run.Id, LoyaltyCategory.L1, MembershipTier.Diamond, 600_000m, LoyaltyRisk.MaintenanceDue, new DateOnly(2026, 12, 5));
        await App.SetLoyaltyAsync(safe, run.Id, LoyaltyCategory.L1, MembershipTier.Gold, 300_000m);
        await App.SetLoyaltyAsync(elsewhere, run.Id, LoyaltyCategory.L1, MembershipTier.Gold, 300_000m, LoyaltyRisk.MaintenanceDue, new DateOnly(2026, 12, 1));

        using var officer = await App.SignInAsync("officer");
        var page = await officer.GetDocumentAsync("/Loyalty");

        page.QuerySelectorAll("[data-testid=risk]").Select(r => string.Join('|', r.QuerySelectorAll("td").Select(td => td.TextContent.Trim())))
            .Should().Equal(
                "早到期|138****0003|Maintenance due by 2026-12-05|Diamond|L1 every time",
                "晚到期|138****0002|Maintenance due by 2026-12-10|Gold|L2 missed once",
                "暂缓|138****0001|Downgrade held until 2026-12-20|Gold|L3 missed twice");
        page.QuerySelector("[data-testid=risk] a")!.GetAttribute("href").Should().Be($"/Customers/{dueSoon.Id}");
        page.QuerySelector("[data-testid=risk-DowngradeHeld]")!.TextContent.Should().Be("Downgrade held: 1");
        page.QuerySelector("[data-testid=risk-MaintenanceDue]")!.TextContent.Should().Be("Maintenance due: 2");
        page.QuerySelector("[data-testid=export-at-risk]").Should().BeNull("the CRM officer does not export");
        page.QuerySelector("[data-testid=export-changes]").Should().BeNull();
    }

    private static int Cell(IHtmlDocument page, string testId) =>
        int.Parse((page.QuerySelector($"[data-testid='{testId}']") ?? throw new InvalidOperationException(testId)).TextContent,
            CultureInfo.InvariantCulture);

    private static List<string> Changes(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=change]")
            .Select(r => string.Join('|', r.QuerySelectorAll("td").Select(td => string.Join(' ',
                td.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))))
            .ToList();
}
