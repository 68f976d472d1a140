using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// The report reads a fixed handful of statements whatever the month holds (no statement per task, question, item or
/// type): a busy month and an empty one run the same number, and every figure statement is parameterised by the
/// store (never the whole group) with no clock read in SQL.
/// </summary>
public sealed class CallbackReportStatementTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task A_busy_month_and_an_empty_month_run_the_same_few_statements()
    {
        var scenario = await CallbackReportScenario.BuildAsync(App);
        var empty = await App.CreateStoreAsync("S9", "空店");
        await App.CreateUserAsync("quiet", empty.Id, Roles.ServiceManager);
        using var manager = await App.SignInAsync("manager");
        using var quiet = await App.SignInAsync("quiet");

        var busy = await CountAsync(manager, "/Reports/Callbacks?Month=2026-11");
        var none = await CountAsync(quiet, "/Reports/Callbacks?Month=2026-11");
        var filtered = await CountAsync(manager, "/Reports/Callbacks?Month=2026-11&Type=AfterSalesThreeDay");

        busy.Figures.Should().Be(7, "tasks, answers, other problems, items, limits, actions and category names");
        none.Figures.Should().Be(busy.Figures);
        filtered.Figures.Should().Be(busy.Figures);
        busy.All.Should().Be(none.All, "the page's statement count does not grow with the month's records");
        busy.All.Should().BeLessThan(15);
        scenario.Store.Should().NotBeNull();
    }

    private static async Task<(int All, int Figures)> CountAsync(TestClient client, string url)
    {
        using var capture = new SqlCapture();
        await client.GetDocumentAsync(url);
        var commands = capture.Commands;
        commands.Where(c => c.Sql.Contains("callback_tasks", StringComparison.Ordinal)
                || c.Sql.Contains("complaint", StringComparison.Ordinal)
                || c.Sql.Contains("corrective_actions", StringComparison.Ordinal))
            .Should().OnlyContain(c => c.Sql.Contains("store_id", StringComparison.Ordinal),
                "every figure is scoped to the store (the database clock is kept out by OneClockTests)");
        var figures = commands.Count(c => c.Sql.Contains("callback_tasks t", StringComparison.Ordinal)
            || c.Sql.Contains("FROM complaints c", StringComparison.Ordinal)
            || c.Sql.Contains("FROM complaint_steps s", StringComparison.Ordinal)
            || c.Sql.Contains("FROM corrective_actions a", StringComparison.Ordinal)
            || c.Sql.Contains("complaint_categories", StringComparison.Ordinal));
        return (commands.Count, figures);
    }
}
