using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Admin;

/// <summary>/Admin/Loyalty/Settings: a store's loyalty intervals, tier thresholds and benefits (spec 5.3, 5.4).</summary>
public sealed class LoyaltySettingsPageTests(AppFixture app) : WebTest(app)
{
    private const string Form = "form[data-testid=settings-form]";

    private Store _store = null!;
    private TestClient _admin = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("HQ", "Head office");
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        _admin = await App.SignInAsync("admin");
    }

    public override Task DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    private static string PageOf(Store store) => $"/Admin/Loyalty/Settings?store={store.Id}";

    private string Page => PageOf(_store);

    private static decimal Amount(IHtmlDocument page, string field) =>
        decimal.Parse(page.InputValue(field), CultureInfo.InvariantCulture);

    private static string Selected(IHtmlDocument page, string field) =>
        page.QuerySelector<IHtmlSelectElement>($"select[name='{field}']")!.Value ?? string.Empty;

    private static string Text(IHtmlDocument page, string field) =>
        page.QuerySelector<IHtmlTextAreaElement>($"textarea[name='{field}']")!.Value;

    private static Dictionary<string, string> Changes() => new()
    {
        ["Input.IntervalMonths"] = "4",
        ["Input.IntervalKm"] = "7500",
        ["Input.CountedIntervals"] = "8",
        ["Input.FirstMaintenanceMonths"] = "6",
        ["Input.SilverSpend"] = "60000",
        ["Input.SilverLoyalty"] = "L4",
        ["Input.GoldSpend"] = "250000.50",
        ["Input.GoldLoyalty"] = "L2",
        ["Input.DiamondSpend"] = "800000",
        ["Input.DiamondLoyalty"] = "L1",
        ["Input.StandardBenefits"] = "  免费洗车  ",
        ["Input.SilverBenefits"] = "免费洗车\r\n9.5 折工时",
        ["Input.GoldBenefits"] = string.Empty,
        ["Input.DiamondBenefits"] = "专属顾问、代步车",
    };

    private Task<LoyaltySettings?> RowAsync(Store store) =>
        App.WithDbAsync(db => db.LoyaltySettings.AsNoTracking().SingleOrDefaultAsync(s => s.StoreId == store.Id));

    [Fact]
    public async Task A_store_without_settings_shows_the_defaults_of_the_spec_and_stores_nothing()
    {
        var page = await _admin.GetDocumentAsync(Page);

        page.QuerySelector("[data-testid=defaults-note]").Should().NotBeNull();
        page.InputValue("Input.IntervalMonths").Should().Be("6");
        page.InputValue("Input.IntervalKm").Should().Be("5000");
        page.InputValue("Input.CountedIntervals").Should().Be("6");
        page.InputValue("Input.FirstMaintenanceMonths").Should().Be("12");
        Amount(page, "Input.SilverSpend").Should().Be(50_000m);
        Amount(page, "Input.GoldSpend").Should().Be(200_000m);
        Amount(page, "Input.DiamondSpend").Should().Be(500_000m);
        Selected(page, "Input.SilverLoyalty").Should().Be("L3");
        Selected(page, "Input.GoldLoyalty").Should().Be("L2");
        Selected(page, "Input.DiamondLoyalty").Should().Be("L1");
        page.QuerySelectorAll("select[name='Input.SilverLoyalty'] option").Select(o => o.GetAttribute("value"))
            .Should().Equal("L1", "L2", "L3", "L4", "L5");
        page.QuerySelector("[data-testid=recalculation-note]")!.TextContent.Should().Contain("next recalculation");
        (await RowAsync(_store)).Should().BeNull();
    }

    [Fact]
    public async Task Saving_creates_the_stores_row_with_what_was_typed_and_audits_what_changed()
    {
        using var saved = await _admin.SubmitFormAsync(Page, Changes(), Form);

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect, (await TestClient.ParseAsync(saved)).Body?.TextContent);
        saved.RedirectPath().Should().Be(Page);
        var row = (await RowAsync(_store))!;
        (row.IntervalMonths, row.IntervalKm, row.CountedIntervals, row.FirstMaintenanceMonths).Should().Be((4, 7_500, 8, 6));
        (row.SilverSpend, row.SilverLoyalty).Should().Be((60_000m, LoyaltyCategory.L4));
        (row.GoldSpend, row.GoldLoyalty).Should().Be((250_000.50m, LoyaltyCategory.L2));
        (row.DiamondSpend, row.DiamondLoyalty).Should().Be((800_000m, LoyaltyCategory.L1));
        row.StandardBenefits.Should().Be("免费洗车");
        row.SilverBenefits.Should().Be("免费洗车\r\n9.5 折工时");
        row.GoldBenefits.Should().BeNull();
        row.DiamondBenefits.Should().Be("专属顾问、代步车");

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == AuditActions.LoyaltySettingsChanged));
        audit.StoreId.Should().Be(_store.Id);
        audit.Details.Should().Contain("IntervalMonths 6→4").And.Contain("GoldSpend 200000→250000.5")
            .And.Contain("SilverLoyalty L3→L4").And.Contain("DiamondBenefits").And.NotContain("专属顾问");

        var page = await _admin.GetDocumentAsync(Page);
        page.QuerySelector("[data-testid=defaults-note]").Should().BeNull();
        page.QuerySelector("main")!.TextContent.Should().Contain("Loyalty settings saved");
        page.InputValue("Input.IntervalMonths").Should().Be("4");
        Amount(page, "Input.GoldSpend").Should().Be(250_000.50m);
        Selected(page, "Input.SilverLoyalty").Should().Be("L4");
        Text(page, "Input.SilverBenefits").Should().Be("免费洗车\r\n9.5 折工时");
    }

    [Fact]
    public async Task Saving_again_changes_the_row_with_its_version()
    {
        using (await _admin.SubmitFormAsync(Page, Changes(), Form))
        {
        }

        var versionBefore = (await RowAsync(_store))!.Version;
        using var again = await _admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Input.IntervalMonths"] = "12",
            ["Input.GoldBenefits"] = "金卡权益",
        }, Form);

        again.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var row = (await RowAsync(_store))!;
        row.IntervalMonths.Should().Be(12);
        row.IntervalKm.Should().Be(7_500, "the rest of the form kept what was saved");
        row.GoldBenefits.Should().Be("金卡权益");
        row.Version.Should().NotBe(versionBefore);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LoyaltySettingsChanged)))
            .Should().Be(2);
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "Input.IntervalMonths", "0", "Enter a number of months from 1 to 24." },
        { "Input.IntervalMonths", "25", "Enter a number of months from 1 to 24." },
        { "Input.IntervalMonths", string.Empty, "Time interval (months) is required." },
        { "Input.IntervalKm", "999", "Enter a distance from 1,000 to 100,000 km." },
        { "Input.CountedIntervals", "25", "Enter a number of intervals from 1 to 24." },
        { "Input.FirstMaintenanceMonths", "37", "Enter a number of months from 1 to 36." },
        { "Input.SilverSpend", "0", "Enter an amount from 1 to 100,000,000 CNY, with at most two decimals." },
        { "Input.DiamondSpend", "100000000.01", "Enter an amount from 1 to 100,000,000 CNY, with at most two decimals." },
        { "Input.GoldSpend", "40000", "A higher tier must ask for more spend than the tier below it." },
        { "Input.DiamondSpend", "200000", "A higher tier must ask for more spend than the tier below it." },
        { "Input.GoldLoyalty", "L4", "A higher tier must not ask for less loyalty than the tier below it (L1 is the best)." },
        { "Input.DiamondLoyalty", "L3", "A higher tier must not ask for less loyalty than the tier below it (L1 is the best)." },
        { "Input.SilverLoyalty", "New", "Choose a loyalty from L1 to L5." },
        { "Input.GoldBenefits", new string('金', 501), "Gold: benefits must be at most 500 characters." },
        { "Input.StandardBenefits", "bad\u0001text", "Remove the control characters from this field." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_its_message_beside_its_field_keeps_what_was_typed_and_saves_nothing(string field,
        string value, string message)
    {
        using var response = await _admin.SubmitFormAsync(Page, new Dictionary<string, string> { [field] = value }, Form);

        response.StatusCode.Should().Be(HttpStatusCode.OK, response.RedirectPath());
        var page = await TestClient.ParseAsync(response);
        page.FieldError(field).Should().Be(message);
        if (!field.EndsWith("Loyalty", StringComparison.Ordinal) && !value.Any(char.IsControl))
        {
            var shown = field.EndsWith("Benefits", StringComparison.Ordinal) ? Text(page, field) : page.InputValue(field);
            shown.Should().Be(value, "the form keeps what was typed");
        }

        (await RowAsync(_store)).Should().BeNull();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LoyaltySettingsChanged)))
            .Should().Be(0);
    }

    [Fact]
    public async Task Every_refused_field_is_shown_at_once_and_a_saved_row_stays_as_it_was()
    {
        using (await _admin.SubmitFormAsync(Page, Changes(), Form))
        {
        }

        using var response = await _admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Input.IntervalMonths"] = "0",
            ["Input.GoldSpend"] = "1",
            ["Input.DiamondBenefits"] = new string('钻', 501),
            ["Input.IntervalKm"] = "99999999999999999999",
            ["Input.SilverBenefits"] = "new text",
        }, Form);

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.IntervalKm").Should().NotBeEmpty("a number past int is refused by the binder");
        page.FieldError("Input.DiamondBenefits").Should().NotBeEmpty();
        var row = (await RowAsync(_store))!;
        (row.IntervalMonths, row.GoldSpend, row.SilverBenefits).Should().Be((4, 250_000.50m, "免费洗车\r\n9.5 折工时"));

        using var domain = await _admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Input.IntervalMonths"] = "0",
            ["Input.GoldSpend"] = "1",
            ["Input.StandardBenefits"] = "x\u0001",
            ["Input.SilverBenefits"] = "new text",
        }, Form);
        var refused = await TestClient.ParseAsync(domain);
        refused.FieldError("Input.IntervalMonths").Should().NotBeEmpty();
        refused.FieldError("Input.GoldSpend").Should().NotBeEmpty();
        refused.FieldError("Input.StandardBenefits").Should().NotBeEmpty();
        (await RowAsync(_store))!.SilverBenefits.Should().Be("免费洗车\r\n9.5 折工时", "nothing is half-saved");
    }

    [Fact]
    public async Task Messages_are_in_the_admins_language()
    {
        using var chinese = App.CreateClient();
        chinese.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        (await chinese.SignInAsync("admin", AppFixture.Password)).Dispose();

        var page = await chinese.GetDocumentAsync(Page);
        page.QuerySelector("h1")!.TextContent.Should().Be("忠诚度与会员级别设置");
        page.QuerySelector("select[name='Input.GoldLoyalty'] option[value=L2]")!.TextContent.Should().Be("L2 间隔一次未来");
        using var response = await chinese.SubmitFormAsync(page, Page,
            new Dictionary<string, string> { ["Input.GoldSpend"] = "40000" }, Form);

        (await TestClient.ParseAsync(response)).FieldError("Input.GoldSpend").Should().Be("较高级别的累计消费门槛必须高于下一级别。");
    }

    [Fact]
    public async Task A_second_admin_saving_over_a_change_made_meanwhile_is_told_and_overwrites_nothing()
    {
        await App.CreateUserAsync("admin2", _store.Id, Roles.Admin);
        using var second = await App.SignInAsync("admin2");

        // Both open the store's defaults (no row yet); the first creates the row, the second must not overwrite it.
        var firstPage = await _admin.GetDocumentAsync(Page);
        var secondPage = await second.GetDocumentAsync(Page);
        using (var first = await _admin.SubmitFormAsync(firstPage, Page, Changes(), Form))
        {
            first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        using var late = await second.SubmitFormAsync(secondPage, Page,
            new Dictionary<string, string> { ["Input.IntervalMonths"] = "3" }, Form);

        late.StatusCode.Should().Be(HttpStatusCode.OK);
        var shown = await TestClient.ParseAsync(late);
        shown.QuerySelector("[data-testid=page-errors]")!.TextContent.Should().Contain("Someone else changed this record");
        shown.InputValue("Input.IntervalMonths").Should().Be("3", "what they typed is still there");
        (await RowAsync(_store))!.IntervalMonths.Should().Be(4);

        // Again once the row exists: both open it, the first saves, the second is refused.
        var firstAgain = await _admin.GetDocumentAsync(Page);
        var secondAgain = await second.GetDocumentAsync(Page);
        using (await _admin.SubmitFormAsync(firstAgain, Page, new Dictionary<string, string> { ["Input.IntervalKm"] = "6000" }, Form))
        {
        }

        using var stale = await second.SubmitFormAsync(secondAgain, Page,
            new Dictionary<string, string> { ["Input.IntervalKm"] = "9000" }, Form);
        (await TestClient.ParseAsync(stale)).QuerySelector("[data-testid=page-errors]")!.TextContent
            .Should().Contain("Someone else changed this record");
        (await RowAsync(_store))!.IntervalKm.Should().Be(6_000);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LoyaltySettingsChanged)))
            .Should().Be(2, "a refused save records nothing");
    }

    [Fact]
    public async Task The_admin_picks_any_store_and_each_keeps_its_own_settings()
    {
        var other = await App.CreateStoreAsync("SH", "Shanghai Pudong");

        var first = await _admin.GetDocumentAsync("/Admin/Loyalty/Settings");
        first.QuerySelectorAll("select#store option").Select(o => o.TextContent)
            .Should().Equal("HQ · Head office", "SH · Shanghai Pudong");
        first.QuerySelector("[data-testid=store-name]")!.TextContent.Should().Contain("Head office", "the first store by code");

        using (var saved = await _admin.SubmitFormAsync(PageOf(other), Changes(), Form))
        {
            saved.RedirectPath().Should().Be(PageOf(other));
        }

        (await RowAsync(other))!.IntervalMonths.Should().Be(4);
        (await RowAsync(_store)).Should().BeNull("another store's settings are untouched");
        var page = await _admin.GetDocumentAsync(PageOf(other));
        page.QuerySelector("[data-testid=store-name]")!.TextContent.Should().Contain("Shanghai Pudong");
        page.QuerySelector<IHtmlSelectElement>("select#store")!.Value.Should().Be(other.Id.ToString(CultureInfo.InvariantCulture));
        page.InputValue("Input.IntervalMonths").Should().Be("4");
        (await _admin.GetDocumentAsync(Page)).InputValue("Input.IntervalMonths").Should().Be("6");
    }

    [Fact]
    public async Task An_unknown_store_is_not_found_for_reading_or_writing()
    {
        using var get = await _admin.GetAsync("/Admin/Loyalty/Settings?store=999999");
        get.StatusCode.Should().Be(HttpStatusCode.NotFound);

        var form = (await _admin.GetDocumentAsync(Page)).QuerySelector<IHtmlFormElement>(Form)!;
        using var post = await _admin.Http.PostAsync("/Admin/Loyalty/Settings?store=999999",
            new FormUrlEncodedContent(TestClient.FormFields(form)));
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await App.WithDbAsync(db => db.LoyaltySettings.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_admin_home_links_to_the_settings()
    {
        var home = await _admin.GetDocumentAsync("/Admin");

        home.QuerySelector("a[href='/Admin/Loyalty/Settings']").Should().NotBeNull();
    }
}

/// <summary>Only an Admin configures loyalty (issue 13 "Access"): every other role is refused, reading and writing.</summary>
public sealed class LoyaltySettingsAccessTests(AppFixture app) : WebTest(app)
{
    public static TheoryData<string> OtherRoles() => new(Roles.Names.Where(r => r != Roles.Admin));

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task Other_roles_are_refused_the_loyalty_settings_and_change_nothing(string role)
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("someone", store.Id, role);
        using var client = await App.SignInAsync("someone");

        using var get = await client.GetAsync($"/Admin/Loyalty/Settings?store={store.Id}");
        get.IsRefused().Should().BeTrue($"{role} must not read the settings (got {(int)get.StatusCode})");

        // A post as a browser would send it, with a valid anti-forgery token from a page they may open.
        var home = await client.GetDocumentAsync(RoleNavigation.Items.First(i => i.Role == role).Path);
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = await client.Http.PostAsync($"/Admin/Loyalty/Settings?store={store.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.IntervalMonths"] = "1",
                ["Input.IntervalKm"] = "1000",
                ["Input.CountedIntervals"] = "1",
                ["Input.FirstMaintenanceMonths"] = "1",
                ["Input.SilverSpend"] = "1",
                ["Input.SilverLoyalty"] = "L5",
                ["Input.GoldSpend"] = "2",
                ["Input.GoldLoyalty"] = "L5",
                ["Input.DiamondSpend"] = "3",
                ["Input.DiamondLoyalty"] = "L5",
            }));
        post.IsRefused().Should().BeTrue($"{role} must not save the settings (got {(int)post.StatusCode})");
        (await App.WithDbAsync(db => db.LoyaltySettings.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task An_admin_opens_and_saves_the_settings_of_a_store_not_their_own()
    {
        var home = await App.CreateStoreAsync("A1", "Admin's store");
        var other = await App.CreateStoreAsync("B1", "Another store");
        await App.CreateUserAsync("admin", home.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        using var saved = await admin.SubmitFormAsync($"/Admin/Loyalty/Settings?store={other.Id}",
            new Dictionary<string, string> { ["Input.CountedIntervals"] = "4" }, "form[data-testid=settings-form]");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.LoyaltySettings.SingleAsync())).StoreId.Should().Be(other.Id);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/Admin/Loyalty/Settings");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.RedirectPath().Should().StartWith("/Account/Login");
    }
}
