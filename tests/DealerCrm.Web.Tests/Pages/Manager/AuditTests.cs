using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>Spec 7.2: the audit log, read by a store's managers (own store) and by Admins (the whole group).</summary>
public sealed class AuditTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Store _store2 = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1");
        _store2 = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("store2.manager", _store2.Id, Roles.SalesManager);
        await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("receptionist", _store.Id, Roles.Receptionist);
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        await App.WithDbAsync(async db =>
        {
            var at = App.Now;
            db.AuditEntries.Add(new AuditEntry(at, AuditActions.LeadsReassigned, null, "someone.s1", _store.Id,
                "user:1", "moved=3", "10.0.0.1"));
            db.AuditEntries.Add(new AuditEntry(at, AuditActions.LeadsReassigned, null, "someone.s2", _store2.Id,
                "user:2", "moved=4", "10.0.0.2"));
            db.AuditEntries.Add(new AuditEntry(at.AddDays(-3), AuditActions.CustomersExported, null, "someone.s1",
                _store.Id, "customers", "rows=9", "10.0.0.3"));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_manager_sees_only_their_own_store_s_entries()
    {
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Manager/Audit");

        var users = Column(page, 2);
        users.Should().Contain(["someone.s1", "manager"]).And.NotContain("someone.s2");
        page.QuerySelector("[data-testid=audit] thead")!.TextContent.Should().Contain("Time (UTC)");
        page.QuerySelector("[data-testid=audit]")!.TextContent.Should().Contain("Leads reassigned")
            .And.Contain("10.0.0.1").And.Contain("moved=3");
        page.QuerySelector("select[name=store]").Should().BeNull("a manager cannot pick another store");
    }

    [Fact]
    public async Task A_manager_filters_by_action_user_and_date_and_cannot_reach_another_store_by_the_query()
    {
        using var manager = await App.SignInAsync("manager");
        var today = App.Now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var byAction = await manager.GetDocumentAsync($"/Manager/Audit?act={AuditActions.LeadsReassigned}");
        var byUser = await manager.GetDocumentAsync("/Manager/Audit?userName=someone");
        var byDate = await manager.GetDocumentAsync($"/Manager/Audit?userName=someone&from={today}");
        var otherStore = await manager.GetDocumentAsync($"/Manager/Audit?store={_store2.Id}");

        Actions(byAction).Should().Equal(AuditActions.LeadsReassigned);
        Column(byUser, 2).Should().Equal("someone.s1", "someone.s1");
        Actions(byDate).Should().Equal(AuditActions.LeadsReassigned);
        Column(otherStore, 2).Should().NotContain("someone.s2");
    }

    [Theory]
    [InlineData("consultant.li", "/Manager/Audit")]
    [InlineData("receptionist", "/Manager/Audit")]
    [InlineData("manager", "/Admin/Audit")]
    [InlineData("consultant.li", "/Admin/Audit")]
    public async Task Other_roles_are_refused(string user, string path)
    {
        using var client = await App.SignInAsync(user);

        using var response = await client.GetAsync(path);

        response.IsRefused().Should().BeTrue();
    }

    [Fact]
    public async Task An_admin_sees_the_whole_group_and_filters_by_store()
    {
        using var admin = await App.SignInAsync("admin");

        var all = await admin.GetDocumentAsync("/Admin/Audit");
        var store2 = await admin.GetDocumentAsync($"/Admin/Audit?store={_store2.Id}");

        Column(all, 3).Should().Contain(["someone.s1", "someone.s2", "admin"]);
        Column(store2, 3).Should().Equal("someone.s2");
    }

    [Fact]
    public async Task Entries_page_by_keyset_without_repeats()
    {
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO audit_entries (at, action, user_name, store_id, target)
            SELECT {App.Now} - g * interval '1 second', 'auth.sign_in', 'bulk' || g, {_store.Id}, 'bulk'
            FROM generate_series(1, 120) AS g
            """));
        using var manager = await App.SignInAsync("manager");

        var first = await manager.GetDocumentAsync("/Manager/Audit?userName=bulk");
        var next = first.QuerySelector("[data-testid=next-page]")!.GetAttribute("href")!;
        var second = await manager.GetDocumentAsync(next);

        var page1 = Column(first, 2);
        var page2 = Column(second, 2);
        page1.Should().HaveCount(100);
        page2.Should().HaveCount(20);
        page1.Concat(page2).Should().OnlyHaveUniqueItems().And.HaveCount(120);
    }

    [Fact]
    public async Task A_manager_never_sees_an_entry_about_another_store()
    {
        await App.CreateUserAsync("store2.gm", _store2.Id, Roles.GeneralManager);
        var store2Manager = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "store2.manager"));

        // The Admin belongs to S1 and works on S2: an account, a password, the store, its grade policy; and the group.
        using (var admin = await App.SignInAsync("admin"))
        {
            (await admin.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string>
            {
                ["UserName"] = "s2.newcomer",
                ["Account.DisplayName"] = "新人",
                ["Account.StoreId"] = _store2.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Account.Roles"] = Roles.SalesConsultant,
                ["Password.Password"] = "a long enough passphrase",
                ["Password.ConfirmPassword"] = "a long enough passphrase",
            })).RedirectPath().Should().Be("/Admin/Users");
            (await admin.SubmitFormAsync($"/Admin/Users/ResetPassword/{store2Manager.Id}", new Dictionary<string, string>
            {
                ["Password.Password"] = "another long passphrase",
                ["Password.ConfirmPassword"] = "another long passphrase",
            })).RedirectPath().Should().StartWith("/Admin/Users/Edit");
            (await admin.SubmitFormAsync($"/Admin/Stores/Edit/{_store2.Id}",
                new Dictionary<string, string> { ["Input.Name"] = "Store S2 renamed" }))
                .RedirectPath().Should().StartWith("/Admin/Stores");
            (await admin.SubmitFormAsync($"/Admin/GradePolicy?store={_store2.Id}", new Dictionary<string, string>(),
                formSelector: "main form[data-testid=policy-form]")).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
            (await admin.SubmitFormAsync("/Admin/Group", new Dictionary<string, string> { ["Input.Name"] = "集团" }))
                .StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        }

        using var manager = await App.SignInAsync("manager");
        using var gm2 = await App.SignInAsync("store2.gm");
        var own = (await manager.GetDocumentAsync("/Manager/Audit")).QuerySelector("[data-testid=audit]")!.TextContent;
        var theirs = await gm2.GetDocumentAsync("/Manager/Audit");

        own.Should().NotContainAny("s2.newcomer", "store2.manager", "store:S2", $"store:{_store2.Id}", "group");
        Actions(theirs).Should().Contain([AuditActions.UserCreated, AuditActions.UserPasswordReset,
            AuditActions.StoreUpdated, AuditActions.GradePolicyChanged]).And.NotContain(AuditActions.GroupUpdated);
        var filedUnderS1 = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.StoreId == _store.Id)
            .Select(a => a.Target ?? string.Empty).ToListAsync());
        filedUnderS1.Should().NotContain(t => t.Contains("newcomer") || t.Contains("store2") || t.EndsWith("S2"));
        (await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.GroupUpdated)))
            .StoreId.Should().BeNull("group-level entries are for Admins only");
    }

    private static List<string> Column(AngleSharp.Html.Dom.IHtmlDocument page, int column) =>
        page.QuerySelectorAll($"[data-testid=audit-row] td:nth-child({column})").Select(td => td.TextContent.Trim()).ToList();

    private static List<string> Actions(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=audit-row]").Select(tr => tr.GetAttribute("data-action")!).ToList();
}
