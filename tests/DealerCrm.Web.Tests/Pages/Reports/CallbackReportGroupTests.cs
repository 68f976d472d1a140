using System.Net;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// The whole group's month (issue 12's "group month"), for Admins: every store's figures added together, each store's
/// month counted between its own local midnights. The known month of <see cref="CallbackReportScenario"/> (S1,
/// Shanghai) plus a London store whose actions sit on either side of the month's edge in one zone and not the other.
/// </summary>
public sealed class CallbackReportGroupTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task An_admins_group_month_adds_every_stores_figures_each_counted_in_its_own_time_zone()
    {
        var scenario = await CallbackReportScenario.BuildAsync(App);
        var london = await App.CreateStoreAsync("S2", "伦敦店");
        await App.WithDbAsync(async db =>
        {
            db.Attach(london);
            london.ChangeTimeZone("Europe/London");
            await db.SaveChangesAsync();
        });
        var londonManager = await App.CreateUserAsync("manager2", london.Id, Roles.ServiceManager);
        CorrectiveAction Open(ActionKind kind, DateTimeOffset at) => new(london.Id, kind, null, "WaitingTime", "等待时间",
            "缩短等待", londonManager.Id, [], london.LocalDate(at).AddDays(30), london.LocalDate(at), londonManager.Id, at);

        // 30 Nov 20:00 UTC is still November in London (1 December in Shanghai); 31 Oct 20:00 UTC is October in London
        // (1 November in Shanghai): a group month read in one zone would count the wrong one.
        await App.WithDbAsync(async db =>
        {
            db.CorrectiveActions.AddRange(
                Open(ActionKind.Corrective, new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero)),
                Open(ActionKind.Corrective, new DateTimeOffset(2026, 10, 31, 20, 0, 0, TimeSpan.Zero)),
                Open(ActionKind.Preventive, new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.Zero)));
            await db.SaveChangesAsync();
        });
        await App.CreateUserAsync("admin", scenario.Store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        var group = await admin.GetDocumentAsync("/Reports/Callbacks?Store=0&Month=2026-11");
        var storeOnly = await admin.GetDocumentAsync($"/Reports/Callbacks?Store={london.Id}&Month=2026-11");

        group.QuerySelector("[data-testid=report-heading]")!.TextContent.Should().Contain("Whole group");
        group.QuerySelector("select[name=Store] option[selected]")!.TextContent.Should().Be("Whole group");
        group.QuerySelector("[data-testid=group-note]").Should().NotBeNull();
        group.QuerySelector("form[data-testid=submit-form]").Should().BeNull("months are submitted per store");
        CallbackReportTests.Table(group, "actions").Should().BeEquivalentTo(new[]
        {
            new[] { "Corrective action", "2", "1" },
            new[] { "Preventive action", "2", "0" },
            new[] { "Total", "4", "1" },
        }, o => o.WithStrictOrdering());
        CallbackReportTests.Table(storeOnly, "actions").Should().BeEquivalentTo(new[]
        {
            new[] { "Corrective action", "1", "0" },
            new[] { "Preventive action", "1", "0" },
            new[] { "Total", "2", "0" },
        }, o => o.WithStrictOrdering());

        // The London store has no callbacks: the group's are the Shanghai store's, summed the same way.
        CallbackReportTests.Table(group, "callbacks")[^1].Should().Equal("All types (without birthday care)", "40", "36",
            "90.0%", "30", "75.0%");
        CallbackReportTests.Table(group, "items").Should().BeEquivalentTo(new[]
        {
            new[] { "Grievance", "4" },
            new[] { "Complaint", "3" },
        }, o => o.WithStrictOrdering());

        using var xlsx = await admin.GetAsync("/Reports/Callbacks?handler=Export&format=Xlsx&Store=0&Month=2026-11");
        xlsx.StatusCode.Should().Be(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.Should().StartWith("callback-report-group-20261101");
    }

    [Fact]
    public async Task Only_admins_read_the_group()
    {
        _ = await CallbackReportScenario.BuildAsync(App);
        using var manager = await App.SignInAsync("manager");
        using var gm = await App.SignInAsync("gm");

        (await manager.GetAsync("/Reports/Callbacks?Store=0")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await gm.GetAsync("/Reports/Callbacks?Store=0&handler=Export&format=Csv")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
