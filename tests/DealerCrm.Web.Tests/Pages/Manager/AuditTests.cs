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

    private static List<string> Column(AngleSharp.Html.Dom.IHtmlDocument page, int column) =>
        page.QuerySelectorAll($"[data-testid=audit-row] td:nth-child({column})").Select(td => td.TextContent.Trim()).ToList();

    private static List<string> Actions(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=audit-row]").Select(tr => tr.GetAttribute("data-action")!).ToList();
}
