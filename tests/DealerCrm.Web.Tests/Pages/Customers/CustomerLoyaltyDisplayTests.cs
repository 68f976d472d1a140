using System.Net;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Service;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Customers;

/// <summary>
/// Issue 13 on the customer file and the customer list: the state the recalculation wrote — category, tier with its
/// benefits, tier since, the recalculated spend, the risk, each car, the history newest first — or "not calculated
/// yet"; the list filtered by category and tier, page after page; who sees it; hostile filter values.
/// </summary>
public sealed class CustomerLoyaltyDisplayTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _other = null!;
    private StaffUser _li = null!;
    private Customer _owner = null!;
    private Vehicle _car = null!;
    private Vehicle _soldCar = null!;

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 3, 10, 14, 0, 0));
        _store = await App.CreateStoreAsync();
        _other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("reception", _store.Id, Roles.Receptionist);
        await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("crm.other", _other.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("manager.other", _other.Id, Roles.SalesManager);
        _owner = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _car = await App.CreateVehicleAsync(_store, _owner, 1, "粤B12345");
        _soldCar = await App.CreateVehicleAsync(_store, _owner, 2, "粤B54321");
    }

    /// <summary>Gold, L2, at risk of missing a maintenance; one car counting, one sold; three history rows.</summary>
    private async Task GoldOwnerAsync()
    {
        await App.SetBenefitsAsync(_store.Id, "积分", "洗车两次", "免费取送车，保养工时八折", "专属顾问");
        await App.SetOwnerLoyaltyAsync(_owner, LoyaltyCategory.L2, MembershipTier.Gold, 260_000m, Day(2025, 9, 1),
            Day(2026, 3, 10), LoyaltyRisk.MaintenanceDue, Day(2026, 3, 31));
        await App.SetCarLoyaltyAsync(_car, LoyaltyCategory.L2, 1, Day(2024, 3, 31), Day(2026, 3, 31), Day(2026, 3, 10));
        await App.SetCarLoyaltyAsync(_soldCar, null, 0, Day(2023, 5, 2), null, Day(2026, 3, 10));

        // Recorded out of date order: the file orders by the day, newest first.
        await App.AddLoyaltyChangeAsync(_owner, Day(2025, 9, 1), LoyaltyChangeKind.Tier, LoyaltyChangeCause.Spend,
            oldTier: MembershipTier.Silver, newTier: MembershipTier.Gold);
        await App.AddLoyaltyChangeAsync(_owner, Day(2026, 3, 1), LoyaltyChangeKind.Category,
            LoyaltyChangeCause.Loyalty, LoyaltyCategory.L1, LoyaltyCategory.L2);
        await App.AddLoyaltyChangeAsync(_owner, Day(2025, 3, 1), LoyaltyChangeKind.Category,
            LoyaltyChangeCause.Loyalty | LoyaltyChangeCause.Spend, null, LoyaltyCategory.L1);
    }

    [Fact]
    public async Task The_customer_file_shows_category_tier_benefits_spend_risk_each_car_and_the_history_newest_first()
    {
        await GoldOwnerAsync();
        using var crm = await App.SignInAsync("crm");

        var page = await crm.GetDocumentAsync($"/Customers/{_owner.Id}");

        var section = page.QuerySelector("[data-testid=loyalty]")!;
        section.QuerySelector("[data-testid=tier-badge]")!.TextContent.Should().Be("Gold");
        section.QuerySelector("[data-testid=tier-benefits]")!.TextContent.Should().Contain("免费取送车，保养工时八折")
            .And.NotContain("专属顾问", "the benefits are the owner's tier's");
        section.QuerySelector("[data-testid=loyalty-category]")!.TextContent.Should().Be("L2 missed once");
        section.QuerySelector("[data-testid=loyalty-tier-since]")!.TextContent.Should().Be("2025-09-01");
        section.QuerySelector("[data-testid=loyalty-spend]")!.TextContent.Should().Be("260,000.00");
        section.QuerySelector("[data-testid=loyalty-risk]")!.TextContent.Should().Contain("Maintenance due")
            .And.Contain("maintenance due by 2026-03-31");
        section.QuerySelector("[data-testid=tier-not-calculated]").Should().BeNull();

        var cars = section.QuerySelectorAll("[data-testid=loyalty-car]").Select(r => Normalize(r.TextContent)).ToList();
        cars.Should().HaveCount(2);
        cars.Should().ContainSingle(c => c.Contains("粤B12345") && c.Contains("L2 missed once") && c.Contains(" 1 ")
                                         && c.Contains("2026-03-31"));
        cars.Should().ContainSingle(c => c.Contains("粤B54321") && c.Contains("Not counted"));

        var history = section.QuerySelectorAll("[data-testid=loyalty-change]").Select(r => Normalize(r.TextContent)).ToList();
        history.Should().HaveCount(3);
        history[0].Should().Contain("2026-03-01").And.Contain("Loyalty category: L1 every time → L2 missed once")
            .And.Contain("Loyalty changed");
        history[1].Should().Contain("2025-09-01").And.Contain("Membership tier: Silver → Gold").And.Contain("Spend changed")
            .And.NotContain("Loyalty changed");
        history[2].Should().Contain("2025-03-01").And.Contain("— → L1 every time")
            .And.Contain("Loyalty changed, Spend changed");
    }

    [Fact]
    public async Task The_file_reads_in_chinese_with_the_dealers_names_for_categories_tiers_and_causes()
    {
        await GoldOwnerAsync();
        using var crm = await App.SignInAsync("crm");
        crm.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var page = await crm.GetDocumentAsync($"/Customers/{_owner.Id}?culture=zh-CN&ui-culture=zh-CN");

        var section = page.QuerySelector("[data-testid=loyalty]")!;
        section.QuerySelector("h2")!.TextContent.Should().Be("忠诚度与会员");
        section.QuerySelector("[data-testid=tier-badge]")!.TextContent.Should().Be("金卡");
        section.QuerySelector("[data-testid=loyalty-category]")!.TextContent.Should().Be("L2 间隔一次未来");
        section.QuerySelector("[data-testid=loyalty-risk]")!.TextContent.Should().Contain("保养将到期");
        var history = section.QuerySelectorAll("[data-testid=loyalty-change]").Select(r => r.TextContent).ToList();
        history[1].Should().Contain("银卡").And.Contain("金卡").And.Contain("消费额变化");
    }

    [Fact]
    public async Task A_held_downgrade_says_until_when_the_tier_is_kept()
    {
        await App.SetOwnerLoyaltyAsync(_owner, LoyaltyCategory.L4, MembershipTier.Silver, 80_000m, Day(2025, 11, 2),
            Day(2026, 3, 10), LoyaltyRisk.DowngradeHeld, Day(2026, 11, 2), lastDowngradeOn: Day(2025, 11, 2));
        using var crm = await App.SignInAsync("crm");

        var page = await crm.GetDocumentAsync($"/Customers/{_owner.Id}");

        page.QuerySelector("[data-testid=tier-badge]")!.TextContent.Should().Be("Silver");
        page.QuerySelector("[data-testid=tier-benefits]")!.TextContent.Should().Contain("none set for this tier");
        page.QuerySelector("[data-testid=loyalty-risk]")!.TextContent.Should().Contain("Downgrade held")
            .And.Contain("held until 2026-11-02");
    }

    [Fact]
    public async Task A_customer_not_calculated_yet_says_so_on_the_file_and_in_the_list()
    {
        using var crm = await App.SignInAsync("crm");

        var page = await crm.GetDocumentAsync($"/Customers/{_owner.Id}");

        var section = page.QuerySelector("[data-testid=loyalty]")!;
        section.QuerySelector("[data-testid=tier-not-calculated]")!.TextContent.Should().Be("Not calculated yet");
        section.QuerySelector("[data-testid=tier-badge]").Should().BeNull();
        section.QuerySelector("[data-testid=loyalty-facts]").Should().BeNull("there is no spend or category to show");
        section.QuerySelectorAll("[data-testid=loyalty-car]").Should().OnlyContain(r => r.TextContent.Contains("Not calculated yet"));
        section.QuerySelector("[data-testid=loyalty-history]")!.TextContent.Trim().Should().Be("Not calculated yet");
        var list = await crm.GetDocumentAsync("/Customers");
        list.QuerySelector("[data-testid=customer-tier]")!.TextContent.Trim().Should().Be("—");
    }

    [Fact]
    public async Task A_consultant_sees_their_own_customers_tier_and_not_another_consultants()
    {
        await GoldOwnerAsync();
        await App.CreateLeadAsync(_store, _owner, _li.Id);
        var zhangs = await App.CreateCustomerAsync(_store.Id, "孙先生", "13700137000");
        await App.SetOwnerLoyaltyAsync(zhangs, LoyaltyCategory.L1, MembershipTier.Diamond, 600_000m, Day(2025, 1, 1),
            Day(2026, 3, 10));
        using var li = await App.SignInAsync("consultant.li");

        var own = await li.GetDocumentAsync($"/Customers/{_owner.Id}");
        own.QuerySelector("[data-testid=tier-badge]")!.TextContent.Should().Be("Gold");
        using var others = await li.GetAsync($"/Customers/{zhangs.Id}");
        others.IsRefused().Should().BeTrue("a consultant reads only the customers of their own leads");
        var diamonds = await li.GetDocumentAsync("/Customers?tier=Diamond");
        diamonds.QuerySelectorAll("[data-testid=customers] a[href^='/Customers/']").Should().BeEmpty(
            "the tier filter does not widen what a consultant may list");
        var golds = await li.GetDocumentAsync("/Customers?tier=Gold");
        golds.QuerySelectorAll("[data-testid=customers] a[href^='/Customers/']").Select(a => a.GetAttribute("href"))
            .Should().Equal($"/Customers/{_owner.Id}");
    }

    [Fact]
    public async Task Receptionists_advisors_and_another_stores_staff_see_no_customer_file_or_list()
    {
        await GoldOwnerAsync();
        foreach (var user in new[] { "reception", "advisor", "crm.other", "manager.other" })
        {
            using var client = await App.SignInAsync(user);
            using var file = await client.GetAsync($"/Customers/{_owner.Id}");
            file.IsRefused().Should().BeTrue($"{user} may not open this store's customer file");
        }

        using var reception = await App.SignInAsync("reception");
        using var list = await reception.GetAsync("/Customers?tier=Gold");
        list.IsRefused().Should().BeTrue();
        using var manager = await App.SignInAsync("manager.other");
        var theirs = await manager.GetDocumentAsync("/Customers?tier=Gold");
        theirs.QuerySelectorAll("[data-testid=customers] a[href^='/Customers/']").Should().BeEmpty(
            "another store's Gold owners are not theirs to list");
    }

    [Fact]
    public async Task The_list_filters_by_tier_and_category_page_after_page_and_shows_each_tier()
    {
        // 120 owners: even ones Gold, odd ones Silver; every third L1, the rest L3. Five more not calculated, and a
        // Gold owner in the other store.
        var ids = await ManyCustomersAsync(_store.Id, 120, "13900000000");
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO customer_loyalty (customer_id, store_id, category, tier, spend, tier_since, risk, calculated_on, run_id)
            SELECT c.id, c.store_id,
                   CASE WHEN n % 3 = 0 THEN 1 ELSE 3 END,
                   CASE WHEN n % 2 = 0 THEN 2 ELSE 1 END,
                   100000, DATE '2026-01-01', 0, DATE '2026-03-10', 0
            FROM (SELECT id, store_id, row_number() OVER (ORDER BY id) - 1 AS n FROM customers WHERE id = ANY({ids.ToArray()})) c
            """));
        await ManyCustomersAsync(_store.Id, 5, "13600000000");
        var elsewhere = await App.CreateCustomerAsync(_other.Id, "外店金卡", "13800138000");
        await App.SetOwnerLoyaltyAsync(elsewhere, LoyaltyCategory.L1, MembershipTier.Gold, 300_000m, Day(2025, 1, 1),
            Day(2026, 3, 10));
        var gold = ids.Where((_, n) => n % 2 == 0).OrderDescending().ToList();
        var goldL1 = ids.Where((_, n) => n % 6 == 0).OrderDescending().ToList();
        using var crm = await App.SignInAsync("crm");

        // Chosen in the search form (posted), then the next page by its link.
        using var first = await crm.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Tier"] = "Gold" },
            "form[data-testid=search-form]");
        var page1 = await TestClient.ParseAsync(first);
        var listed = Listed(page1);
        listed.Should().HaveCount(50);
        page1.QuerySelectorAll("[data-testid=customer-tier]").Should().OnlyContain(td => td.TextContent.Trim() == "Gold");
        ((AngleSharp.Html.Dom.IHtmlSelectElement)page1.QuerySelector("[data-testid=filter-tier]")!).Value.Should().Be("Gold");
        var next = page1.QuerySelector("[data-testid=next-page]")!.GetAttribute("href")!;
        next.Should().Contain("tier=Gold");
        var page2 = await crm.GetDocumentAsync(next);
        listed.AddRange(Listed(page2));
        page2.QuerySelector("[data-testid=next-page]").Should().BeNull();
        listed.Should().Equal(gold, "every Gold owner of the store once, newest first, across the pages");

        var both = await crm.GetDocumentAsync("/Customers?tier=Gold&category=L1");
        Listed(both).Should().Equal(goldL1);
        var l3 = await crm.GetDocumentAsync("/Customers?category=L3");
        Listed(l3).Should().HaveCount(50).And.OnlyContain(id => ids.IndexOf(id) % 3 != 0);

        // Unfiltered, the tier column shows each row's tier; the five not calculated show none.
        var all = await crm.GetDocumentAsync("/Customers");
        all.QuerySelectorAll("[data-testid=customer-tier]").Select(td => td.TextContent.Trim()).Take(5)
            .Should().OnlyContain(t => t == "—");
    }

    [Fact]
    public async Task A_search_keeps_the_tier_filter_on_its_next_page()
    {
        // 120 matching the search, half of them Diamond, and Diamonds the search does not match.
        var ids = await ManyCustomersAsync(_store.Id, 120, "13900000000");
        var unmatched = await ManyCustomersAsync(_store.Id, 10, "13500000000");
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO customer_loyalty (customer_id, store_id, category, tier, spend, tier_since, risk, calculated_on, run_id)
            SELECT id, store_id, 1, CASE WHEN id % 2 = 0 OR id = ANY({unmatched.ToArray()}) THEN 3 ELSE 0 END, 0, DATE '2026-01-01', 0, DATE '2026-03-10', 0
            FROM customers WHERE id = ANY({ids.Concat(unmatched).ToArray()})
            """));
        var diamonds = ids.Where(id => id % 2 == 0).OrderDescending().ToList();
        using var crm = await App.SignInAsync("crm");

        using var first = await crm.SubmitFormAsync("/Customers", new Dictionary<string, string>
        {
            ["Q"] = "1390000",
            ["Tier"] = "Diamond",
        }, "form[data-testid=search-form]");
        var page1 = await TestClient.ParseAsync(first);
        var listed = Listed(page1);
        listed.Should().HaveCount(50);
        using var second = await crm.SubmitFormAsync(page1, "/Customers", new Dictionary<string, string>(),
            "form[data-testid=next-page-form]");
        var page2 = await TestClient.ParseAsync(second);
        listed.AddRange(Listed(page2));
        page2.QuerySelector("[data-testid=next-page-form]").Should().BeNull();

        listed.Should().Equal(diamonds, "the search and the filter both hold on the second page");
    }

    [Fact]
    public async Task A_filtered_page_reads_the_loyalty_index_newest_first_with_the_page_bound_on_both_sides_of_the_join()
    {
        // 20,000 customers, 90% calculated: 70% Standard, 20% Silver, 8% Gold, 2% Diamond; then ANALYZE.
        await App.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO customers (store_id, kind, name, gender, mobile, is_vip, is_key_account, is_blacklisted,
                    marketing_consent, callback_consent, cumulative_spend, created_at, updated_at)
                SELECT {_store.Id}, 0, '客户' || i, 0, (13000000000 + i)::text, false, false, false, false, true, 0,
                    {App.Now}, {App.Now}
                FROM generate_series(1, 20000) i
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO customer_loyalty (customer_id, store_id, category, tier, spend, tier_since, risk, calculated_on, run_id)
                SELECT id, store_id, 1 + id % 7,
                       CASE WHEN id % 50 = 0 THEN 3 WHEN id % 50 < 5 THEN 2 WHEN id % 50 < 15 THEN 1 ELSE 0 END,
                       0, DATE '2026-01-01', 0, DATE '2026-03-10', 0
                FROM customers WHERE store_id = {_store.Id} AND id % 10 <> 5
                """);
            await db.Database.ExecuteSqlRawAsync("ANALYZE customers; ANALYZE customer_loyalty");
        });
        var middle = await App.WithDbAsync(db => db.Customers.Where(c => c.StoreId == _store.Id)
            .OrderBy(c => c.Id).Skip(10_000).Select(c => c.Id).FirstAsync());
        using var crm = await App.SignInAsync("crm");

        foreach (var url in new[] { "/Customers?tier=Diamond", $"/Customers?tier=Standard&before={middle}", $"/Customers?category=L3&before={middle}" })
        {
            using var capture = new SqlCapture();
            var page = await crm.GetDocumentAsync(url);

            Listed(page).Should().HaveCount(50, url);
            var plan = (await App.ExplainAllAsync(capture, "customer_loyalty")).Should().ContainSingle(url).Subject;
            plan.Nodes.Should().Contain(n => n.Index != null && n.Index.StartsWith("ix_customer_loyalty_store_id_", StringComparison.Ordinal)
                                             || n.Index == "pk_customer_loyalty", $"{url} walks a loyalty index:\n{plan}");
            plan.Nodes.Should().NotContain(n => n.NodeType.Contains("Seq Scan"), $"{url} reads no whole table:\n{plan}");
            plan.HasSort.Should().BeFalse($"{url} reads the rows already in page order:\n{plan}");
            if (url.Contains("before", StringComparison.Ordinal))
            {
                plan.Sql.Should().MatchRegex(@"\.customer_id < @").And.MatchRegex(@"\.id < @",
                    "the customers are read from the page's bound, not from the newest down");
            }
        }
    }

    [Theory]
    [InlineData("tier=Platinum")]
    [InlineData("tier=99")]
    [InlineData("tier=-1")]
    [InlineData("category=%00")]
    [InlineData("category=99999999999999999999")]
    [InlineData("category=L9&tier=Gold%00")]
    public async Task A_hostile_filter_value_lists_everyone_it_may_instead_of_failing(string query)
    {
        await GoldOwnerAsync();
        using var crm = await App.SignInAsync("crm");

        using var response = await crm.GetAsync($"/Customers?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Listed(await TestClient.ParseAsync(response)).Should().Equal(_owner.Id);
    }

    [Fact]
    public async Task A_very_long_filter_value_posted_with_a_search_lists_everyone_it_may()
    {
        await GoldOwnerAsync();
        using var crm = await App.SignInAsync("crm");

        using var response = await crm.SubmitFormAsync("/Customers", new Dictionary<string, string>
        {
            ["Tier"] = new string('x', 100_000),
            ["Category"] = new string('L', 100_000),
        }, "form[data-testid=search-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Listed(await TestClient.ParseAsync(response)).Should().Equal(_owner.Id);
    }

    [Theory]
    [InlineData("Category")]
    [InlineData("Tier")]
    public async Task A_nul_in_a_posted_filter_is_answered_as_a_nul_in_the_search_box_is_never_a_5xx(string field)
    {
        await GoldOwnerAsync();
        using var crm = await App.SignInAsync("crm");

        using var search = await crm.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = "钱\0" },
            "form[data-testid=search-form]");
        using var filter = await crm.SubmitFormAsync("/Customers", new Dictionary<string, string> { [field] = "Gold\0" },
            "form[data-testid=search-form]");

        ((int)filter.StatusCode).Should().BeLessThan(500);
        filter.StatusCode.Should().Be(search.StatusCode, "a NUL is refused the same way in every field of the form");
    }

    private static List<long> Listed(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=customers] a[href^='/Customers/']")
            .Select(a => long.Parse(a.GetAttribute("href")!["/Customers/".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary><paramref name="count"/> customers with consecutive mobiles from <paramref name="firstMobile"/>, in id order.</summary>
    private async Task<List<long>> ManyCustomersAsync(int storeId, int count, string firstMobile)
    {
        var start = long.Parse(firstMobile, System.Globalization.CultureInfo.InvariantCulture);
        var customers = Enumerable.Range(0, count)
            .Select(i => new Customer(storeId, $"客户{i:D3}", Gender.Unknown,
                (start + i).ToString(System.Globalization.CultureInfo.InvariantCulture), App.Now))
            .ToList();
        await App.WithDbAsync(async db =>
        {
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
        });
        return customers.Select(c => c.Id).Order().ToList();
    }
}
