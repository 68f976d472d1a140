using System.Globalization;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>
/// Spec 7.1 at scale (issue 10): the pages' statements read through indexes only what they show, whatever the size of
/// the store. Each test fills a store with thousands of leads, ANALYZEs, has the page run its real statements (captured
/// from EF Core while the test GETs or posts it) and asks PostgreSQL how it would run them.
/// </summary>
public sealed class QueryPlanTests(AppFixture app) : WebTest(app)
{
    private static readonly string[] BigTables = ["leads", "customers", "follow_up_plans", "follow_up_records", "lead_events", "orders"];

    private Store _store = null!;
    private StaffUser _li = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1");
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        var zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        var other = await App.CreateStoreAsync("S2");
        var stranger = await App.CreateUserAsync("store2.consultant", other.Id, Roles.SalesConsultant);
        await App.FillStoreAsync(other, [stranger.Id], 8_000);
        await App.FillStoreAsync(_store, [_li.Id, zhang.Id], 12_000);
    }

    [Fact]
    public async Task The_lead_card_reads_its_plans_orders_records_and_history_through_indexes()
    {
        var lead = await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id, "钱晓红", "13812345678"), _li.Id);
        using var li = await App.SignInAsync("consultant.li");
        using var capture = new SqlCapture();

        using var response = await li.GetAsync($"/Leads/{lead.Id}");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var plans = await App.ExplainAllAsync(capture, "FROM");
        plans.Should().Contain(p => p.Sql.Contains("follow_up_plans", StringComparison.Ordinal), "the card loads its plans");
        plans.Should().Contain(p => p.Sql.Contains(" orders AS ", StringComparison.Ordinal), "and its orders");
        foreach (var plan in plans)
        {
            plan.Nodes.Should().NotContain(n => n.NodeType.Contains("Seq Scan") && BigTables.Contains(n.Relation),
                $"the card reads one lead's rows by index, not a whole table:\n{plan}");
        }
    }

    [Theory]
    [InlineData("晓红", "ix_customers_name_bigrams")]
    [InlineData("钱晓红", "ix_customers_name_bigrams|ix_customers_name_trgm")]
    public async Task A_name_search_of_two_or_three_characters_reads_a_name_index(string q, string indexes)
    {
        await App.CreateCustomerAsync(_store.Id, "钱晓红", "13812345678");
        using var manager = await App.SignInAsync("manager");
        using var capture = new SqlCapture();

        using var response = await manager.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = q },
            "form[data-testid=search-form]");

        var page = await TestClient.ParseAsync(response);
        Names(page).Should().Contain("钱晓红");
        var plan = (await App.ExplainAllAsync(capture, "customer_name_has_bigrams_of")).Should().ContainSingle().Subject;
        // Two characters only have the 2-character pieces; from three on PostgreSQL may take the trigram index instead.
        plan.Nodes.Should().Contain(n => indexes.Split('|', StringSplitOptions.None).Contains(n.Index),
            $"the name is looked up through an index of its pieces:\n{plan}");
        plan.ScansOf("customers").Should().NotContain(n => n.NodeType.Contains("Seq Scan"), plan.ToString());
    }

    [Fact]
    public async Task A_name_search_finds_exactly_the_names_containing_the_text_in_any_case_and_one_character_is_too_short()
    {
        foreach (var (name, mobile) in new[]
                 {
                     ("Lily Wang", "13900000001"), ("LI Ming", "13900000002"), ("Ali", "13900000003"), ("王力", "13900000004"),
                     ("100%_李", "13900000005"),
                 })
        {
            await App.CreateCustomerAsync(_store.Id, name, mobile);
        }

        using var manager = await App.SignInAsync("manager");
        async Task<string[]> SearchAsync(string q)
        {
            using var response = await manager.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = q },
                "form[data-testid=search-form]");
            var page = await TestClient.ParseAsync(response);
            return [.. Names(page)];
        }

        async Task<string[]> ExpectedAsync(string q)
        {
            await using var connection = new NpgsqlConnection(App.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT name FROM customers WHERE store_id = @store AND name ILIKE @pattern ESCAPE '\\' ORDER BY id DESC LIMIT " + DealerCrm.Web.Pages.Customers.IndexModel.PageSize,
                connection);
            command.Parameters.AddWithValue("store", _store.Id);
            command.Parameters.AddWithValue("pattern", DealerCrm.Web.Data.LikePattern.Containing(q));
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }

            return [.. names];
        }

        foreach (var q in new[] { "li", "LI", "Li", "ly", "王伟", "伟芳", "0%", "%_", "力" + "x" })
        {
            (await SearchAsync(q)).Should().Equal(await ExpectedAsync(q), $"searching \"{q}\"");
        }

        (await SearchAsync("li")).Should().Contain(["Lily Wang", "LI Ming", "Ali"]);
        using var one = await manager.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = "王" },
            "form[data-testid=search-form]");
        var tooShort = await TestClient.ParseAsync(one);
        Names(tooShort).Should().BeEmpty("one character is refused as too short");
        tooShort.QuerySelector(".alert-warning").Should().NotBeNull();
    }

    [Fact]
    public async Task The_daily_list_reads_the_consultants_overdue_plans_in_order_from_the_owner_index_without_sorting()
    {
        using var li = await App.SignInAsync("consultant.li");
        using var capture = new SqlCapture();

        var page = await li.GetDocumentAsync("/FollowUps");

        page.QuerySelectorAll("[data-testid=overdue] .list-group-item").Should().HaveCount(200, "the section is bounded");
        var overdue = (await App.ExplainAllAsync(capture, "FROM follow_up_plans"))
            .Where(p => System.Text.RegularExpressions.Regex.IsMatch(p.Sql, @"ORDER BY \w+\.due_date, \w+\.id")).ToList();
        var plan = overdue.Should().ContainSingle().Subject;
        plan.Uses("ix_follow_up_plans_open_by_owner_due").Should().BeTrue(plan.ToString());
        plan.HasSort.Should().BeFalse($"the top 200 come off the index in order:\n{plan}");
    }

    [Theory]
    [InlineData("consultant.li", "/FollowUps")]
    [InlineData("manager", "/Manager")]
    public async Task Pages_with_skewed_parameters_plan_their_statements_for_this_requests_values(string user, string url)
    {
        using var browser = await App.SignInAsync(user);
        using var capture = new SqlCapture();

        using var response = await browser.GetAsync(url);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        capture.Commands.Should().Contain(c => c.Sql.Contains("SET LOCAL plan_cache_mode = force_custom_plan", StringComparison.Ordinal),
            "a generic plan cannot see that one consultant holds most of a store's leads");
    }

    [Fact]
    public async Task The_board_reads_open_leads_and_todays_cards_through_their_indexes_and_no_table_whole()
    {
        using var manager = await App.SignInAsync("manager");
        using var capture = new SqlCapture();

        var page = await manager.GetDocumentAsync("/Manager");

        page.QuerySelectorAll("[data-testid=board-row]").Should().HaveCount(3);
        var plan = (await App.ExplainAllAsync(capture, "lead_figures")).Should().ContainSingle().Subject;
        plan.Uses("ix_leads_open_board").Should().BeTrue(plan.ToString());
        plan.Uses("ix_leads_store_created").Should().BeTrue(plan.ToString());
        plan.Nodes.Where(n => n.Index?.StartsWith("ix_leads", StringComparison.Ordinal) == true).Should().OnlyContain(
            n => n.Index == "ix_leads_open_board" || n.Index == "ix_leads_store_created",
            $"no figure reads the store's closed leads:\n{plan}");
        plan.Nodes.Should().NotContain(n => n.NodeType.Contains("Seq Scan") && BigTables.Contains(n.Relation), plan.ToString());
    }

    [Fact]
    public async Task The_boards_figures_on_a_mixed_store_are_those_of_one_pass_over_every_lead()
    {
        // Cards made today in every status, besides the filled store's leads of the last thousand days.
        var today = App.TodayIn(_store);
        for (var i = 0; i < 6; i++)
        {
            var lead = await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id, $"今天{i}", $"1360000000{i}"),
                _li.Id, (Grade)(1 + (i % 4)));
            if (i % 3 == 1)
            {
                await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                    $"UPDATE leads SET status = {(int)LeadStatus.Defeated}, next_follow_up_date = NULL WHERE id = {lead.Id}"));
                await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                    $"UPDATE follow_up_plans SET status = 2 WHERE lead_id = {lead.Id}"));
            }
        }

        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync("/Manager");
        var rows = page.QuerySelectorAll("[data-testid=board-row]")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

        // The figures as the board counted them before issue 10: one pass over the store's open leads and today's cards.
        var dayStart = _store.StartOfLocalDay(today);
        var dayEnd = _store.StartOfLocalDay(today.AddDays(1));
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT u.display_name,
                   count(*) FILTER (WHERE is_open AND grade = 1), count(*) FILTER (WHERE is_open AND grade = 2),
                   count(*) FILTER (WHERE is_open AND grade = 3), count(*) FILTER (WHERE is_open AND grade = 4),
                   count(*) FILTER (WHERE is_open AND grade = 0),
                   count(*) FILTER (WHERE is_followed AND next_follow_up_date = @today),
                   count(*) FILTER (WHERE is_followed AND next_follow_up_date < @today),
                   count(*) FILTER (WHERE l.created_at >= @start AND l.created_at < @end)
            FROM (SELECT owner_id, grade, status IN (0, 1, 3) AS is_open, status IN (0, 1) AS is_followed,
                         next_follow_up_date, created_at
                  FROM leads WHERE store_id = @store AND (status IN (0, 1, 3) OR (created_at >= @start AND created_at < @end))) l
            JOIN users u ON u.id = l.owner_id
            GROUP BY u.display_name ORDER BY u.display_name
            """, connection);
        command.Parameters.AddWithValue("store", _store.Id);
        command.Parameters.AddWithValue("today", today);
        command.Parameters.AddWithValue("start", dayStart);
        command.Parameters.AddWithValue("end", dayEnd);
        var expected = new List<long[]>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                expected.Add([.. Enumerable.Range(1, 8).Select(reader.GetInt64)]);
            }
        }

        expected.Should().HaveCount(2);
        expected[0][7].Should().BeGreaterThan(2, "cards were made today, some of them defeated since");
        for (var i = 0; i < 2; i++)
        {
            // Columns: H A B C O, due today, overdue, out of control, without plan, traffic, cards.
            rows[i][0..7].Select(t => long.Parse(t, CultureInfo.InvariantCulture)).Should().Equal(expected[i][0..7], "open leads by grade, due today, overdue");
            long.Parse(rows[i][10], CultureInfo.InvariantCulture).Should().Be(expected[i][7], "cards made today");
            rows[i][8].Should().Be("0", "every open lead has its plan");
        }
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=customers] tbody tr td:first-child a").Select(a => a.TextContent).ToList();
}
