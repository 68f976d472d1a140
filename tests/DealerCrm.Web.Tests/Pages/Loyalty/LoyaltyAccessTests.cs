using System.Net;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Loyalty;

/// <summary>
/// Who reads the loyalty pages (issue 13 "Access"): CRM officers, the service manager and the GM their own store's;
/// only the managers export; Admins, consultants, receptionists, advisors and sales managers are refused; another
/// store's owners never appear, whatever the URL says.
/// </summary>
public sealed class LoyaltyAccessTests(AppFixture app) : WebTest(app)
{
    private static readonly string[] Pages = ["/Loyalty", "/Loyalty/Owners", "/Loyalty/Owners?category=L1&tier=Gold"];

    private static readonly string[] Exports =
    [
        "/Loyalty/Export?list=Owners&format=Csv", "/Loyalty/Export?list=Owners&format=Xlsx",
        "/Loyalty/Export?list=Changes&format=Csv", "/Loyalty/Export?list=AtRisk&format=Xlsx",
    ];

    private Store _store = null!;
    private Store _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1", "东区店");
        _other = await App.CreateStoreAsync("S2", "西区店");
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.ServiceAdvisor)]
    [InlineData(Roles.SalesManager)]
    public async Task Roles_without_loyalty_are_refused_the_pages_and_the_exports_and_have_no_menu_entry(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        foreach (var url in Pages.Concat(Exports))
        {
            (await client.GetAsync(url)).IsRefused().Should().BeTrue($"GET {url} as {role}");
        }

        RoleNavigation.Items.Where(i => i.Role == role).Select(i => i.Path).Should().NotContain("/Loyalty");
    }

    [Theory]
    [InlineData(Roles.CrmOfficer, false)]
    [InlineData(Roles.ServiceManager, true)]
    [InlineData(Roles.GeneralManager, true)]
    public async Task Officers_and_managers_read_the_pages_from_the_menu_and_only_managers_export(string role, bool exports)
    {
        await App.CreateUserAsync("reader", _store.Id, role);
        using var reader = await App.SignInAsync("reader");

        var home = await reader.GetDocumentAsync("/Loyalty");
        home.QuerySelectorAll("[data-testid=main-nav] a").Select(a => a.GetAttribute("href")).Should().Contain("/Loyalty");
        (home.QuerySelector("[data-testid=export-at-risk]") is not null).Should().Be(exports);
        (home.QuerySelector("[data-testid=export-changes]") is not null).Should().Be(exports);
        var list = await reader.GetDocumentAsync("/Loyalty/Owners");
        (list.QuerySelector("[data-testid=export]") is not null).Should().Be(exports);

        foreach (var url in Exports)
        {
            using var response = await reader.GetAsync(url);
            if (exports)
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK, url);
            }
            else
            {
                response.IsRefused().Should().BeTrue($"{role} must not export {url}");
            }
        }
    }

    [Fact]
    public async Task A_refused_export_ends_on_the_403_page()
    {
        await App.CreateUserAsync("officer", _store.Id, Roles.CrmOfficer);
        using var officer = await App.SignInAsync("officer");

        using var refused = await officer.GetAsync("/Loyalty/Export?list=AtRisk&format=Csv");
        refused.RedirectPath().Should().StartWith("/Account/AccessDenied");
        using var denied = await officer.GetAsync(refused.RedirectPath()!);
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_stores_owners_changes_and_risks_are_never_shown_or_exported()
    {
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        var run = await App.CreateFinishedRunAsync();
        var theirs = await App.CreateCustomerAsync(_other.Id, "西区客户", "13800000009");
        await App.SetLoyaltyAsync(theirs, run.Id, LoyaltyCategory.L1, MembershipTier.Diamond, 900_000m, LoyaltyRisk.MaintenanceDue,
            App.TodayIn(_other).AddDays(5));
        await App.RecordTierChangeAsync(theirs, run.Id, App.TodayIn(_other), MembershipTier.Gold, MembershipTier.Diamond,
            LoyaltyChangeCause.Spend);

        using var gm = await App.SignInAsync("gm");
        var urls = new[]
        {
            "/Loyalty", "/Loyalty/Owners", "/Loyalty/Owners?category=L1&tier=Diamond", $"/Loyalty/Owners?after=0&store={_other.Id}",
            "/Loyalty/Owners?risk=MaintenanceDue", $"/Loyalty?store={_other.Id}", "/Loyalty/Export?list=Owners&format=Csv",
            "/Loyalty/Export?list=AtRisk&format=Csv", "/Loyalty/Export?list=Changes&format=Csv",
        };
        foreach (var url in urls)
        {
            using var response = await gm.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
            var body = await response.Content.ReadAsStringAsync();
            body.Should().NotContain("西区客户", url).And.NotContain("138****0009", url);
        }

        var page = await gm.GetDocumentAsync("/Loyalty");
        page.QuerySelector("[data-testid=cell-total-total]")!.TextContent.Should().Be("0");
        page.QuerySelector("[data-testid=no-changes]").Should().NotBeNull();
        page.QuerySelector("[data-testid=no-risk]").Should().NotBeNull();
    }
}
