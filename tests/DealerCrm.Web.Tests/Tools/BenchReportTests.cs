using System.Text.Json;
using DealerCrm.Bench;

namespace DealerCrm.Web.Tests.Tools;

/// <summary>
/// The benchmark's arithmetic and its report (tools/DealerCrm.Bench): percentiles, spreads over rounds, the verdicts
/// against spec 7.1's bars, and docs/performance.md rendered from the JSON the load command writes.
/// </summary>
public sealed class BenchReportTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_values_that_were_measured()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToArray(); // unsorted on purpose

        Stats.Percentile(values, 50).Should().Be(50);
        Stats.Percentile(values, 95).Should().Be(95);
        Stats.Percentile(values, 99).Should().Be(99);
        Stats.Percentile(values, 100).Should().Be(100);
        Stats.Percentile([7.5], 95).Should().Be(7.5);
        Stats.Percentile([1, 2, 3], 50).Should().Be(2);
        Stats.Percentile([10, 20, 30, 40], 95).Should().Be(40, "the 95th of four values is the largest, never an interpolation");
        Stats.Percentile([], 50).Should().BeNull();
    }

    [Fact]
    public void A_spread_over_rounds_is_min_median_max_of_the_known_values()
    {
        Stats.Spread([3.0, 1.0, 2.0]).Should().Be(new Spread(1, 2, 3));
        Stats.Spread([4.0, null, 1.0, 3.0, 2.0]).Should().Be(new Spread(1, 2, 4), "unknown rounds are left out, the lower middle of an even count");
        Stats.Spread([null, null]).Should().BeNull();
    }

    [Fact]
    public void Ratios_and_verdicts_hold_at_the_bar_and_say_unknown_when_nothing_was_measured()
    {
        Stats.Ratio(15, 10).Should().Be(1.5);
        Stats.Ratio(15, 0).Should().BeNull();
        Stats.Ratio(null, 10).Should().BeNull();
        Stats.AtMost(1.5, 1.5).Should().Be("✓");
        Stats.AtMost(1.51, 1.5).Should().Be("✗");
        Stats.AtMost(null, 1.5).Should().Be("?");
        Stats.AtLeast(0.6, 0.6).Should().Be("✓");
        Stats.AtLeast(0.59, 0.6).Should().Be("✗");
    }

    [Theory]
    [InlineData(200, null, null)]
    [InlineData(302, "/Leads", null)]
    [InlineData(302, "/Account/Login?ReturnUrl=%2FLeads", "signed out")]
    [InlineData(404, null, "HTTP 404")]
    [InlineData(500, null, "HTTP 500")]
    public void Only_2xx_and_3xx_answers_count_as_success_and_a_redirect_to_sign_in_does_not(int status, string? location,
        string? error) =>
        new Response(status, location, "", 0).Error.Should().Be(error);

    [Fact]
    public void The_report_shows_each_page_as_min_median_max_with_growth_and_the_bars_from_the_measured_json()
    {
        var small = Load(Fixture("10k", leadsP95: [9, 10, 11], baselineRps: [200, 210, 220], boardP95: 100, rss: 300));
        var large = Load(Fixture("1m", leadsP95: [11, 12, 13], baselineRps: [380, 400, 420], boardP95: 200, rss: 530,
            errors: 3));
        var jobs = new JobResults
        {
            Jobs = [new JobRun { Id = "overdue-follow-ups", DurationMs = 4200, Statements = 3, Executions = 1, FinalState = "Succeeded", Servers = ["a:1"] }],
            Idle = new IdleLoad { Seconds = 60, Transactions = 30, Statements = 90, TransactionsPerSecond = 0.5, StatementsPerSecond = 3.5, Queries = 90, QueriesPerSecond = 1.5, HangfireServers = 2 },
        };

        var markdown = ReportCommand.Render(small, large, multi: null, jobs);

        markdown.Should().Contain("| 2 × Test CPU |").And.Contain("PostgreSQL | 15.8").And.Contain("| customers | 10,000 | 1,000,000 |");
        // p95 of leads-first at 1 user: 9/10/11 ms at 10k, 11/12/13 at 1M: growth 12 / 10 = 1.2, within 1.5.
        markdown.Should().Contain("| leads-first (`GET /Leads`) | consultant.li | 1 | 4.0 / **5.0** / 6.0 | 9.0 / **10.0** / 11.0 | 100 / **100** / 100 | 4.0 / **5.0** / 6.0 | 11.0 / **12.0** / 13.0 | 100 / **100** / 100 | 1.20× ✓ |");
        // 100 req/s against the baseline's median 400 at 1M: 0.25, under 0.6; at 10k 100 / 210 = 0.48.
        markdown.Should().Contain("| /Leads throughput ≥ 0.6× the raw baseline, 1 user(s), 1M | 0.25× (100 vs 400 req/s) | ✗ |");
        markdown.Should().Contain("| /Leads throughput ≥ 0.6× the raw baseline, 1 user(s), 10k | 0.48× (100 vs 210 req/s) | ✗ |");
        markdown.Should().Contain("| leads-first: p50 ≤ 15 ms at 1 user, 1M | 5.0 ms | ✓ |");
        markdown.Should().Contain("| manager board p95 ≤ 150 ms at 8 users, 1M | 200.0 ms | ✗ |");
        markdown.Should().Contain("| web process RSS peak ≤ 512 MB under the load, 1M | 530 MB | ✗ |")
            .And.Contain("| web process RSS peak ≤ 512 MB under the load, 10k | 300 MB | ✓ |");
        markdown.Should().Contain("| 1M | 21 | 3 | leads-first: 3 × HTTP 500 |").And.Contain("| 10k | 21 | 0 |  |");
        markdown.Should().Contain("| overdue-follow-ups | 4,200 ms | 3 | 1 ✓ | a:1 | Succeeded |");
        markdown.Should().Contain("1.50 queries/s (3.50 statements/s with BEGIN, COMMIT and the pool's DISCARD ALL; 0.50 transactions/s) (bar ≤ 2 queries/s: ✓)");
    }

    [Fact]
    public void A_report_of_the_small_set_alone_has_no_growth_and_no_made_up_figures()
    {
        var small = Load(Fixture("10k", leadsP95: [9, 10, 11], baselineRps: [200, 210, 220], boardP95: 100, rss: 300));

        var markdown = ReportCommand.Render(small, large: null, multi: null, jobs: null);

        markdown.Should().Contain("| leads-first (`GET /Leads`) | consultant.li | 1 | 4.0 / **5.0** / 6.0 | 9.0 / **10.0** / 11.0 | 100 / **100** / 100 | – | – | – | – |");
        markdown.Should().Contain("| leads-first: p50 ≤ 15 ms at 1 user, 10k | 5.0 ms | ✓ |");
        markdown.Should().NotContain("## Recurring jobs").And.NotContain("## Two instances");
    }

    /// <summary>Through the JSON, as the report command reads what the load command wrote.</summary>
    private static LoadResults Load(string json) => JsonSerializer.Deserialize<LoadResults>(json)!;

    private static string Fixture(string label, double[] leadsP95, double[] baselineRps, double boardP95, double rss,
        int errors = 0)
    {
        object Round(double p50, double p95, double rps, int errs = 0) => new
        {
            Requests = 3L, Errors = (long)errs, ErrorKinds = errs > 0 ? new Dictionary<string, long> { ["HTTP 500"] = errs } : [],
            Seconds = 20.0, P50Ms = p50, P95Ms = p95, P99Ms = p95 + 1, Throughput = rps, Bytes = 1000L,
        };
        var results = new
        {
            Label = label, StartedAt = "2026-12-01T12:00:00+00:00", Seconds = 20, Rounds = 3, WarmupSeconds = 5,
            Bases = new[] { "http://127.0.0.1:45100" },
            Machine = new { Processors = 2, Cpu = "Test CPU", MemoryMb = 24000, DotNet = ".NET 10.0.0", PostgreSql = "15.8", Os = "Linux" },
            RowCounts = new Dictionary<string, long> { ["customers"] = label == "1m" ? 1_000_000 : 10_000 },
            Scenarios = new object[]
            {
                new
                {
                    Name = "baseline-leads", Method = "GET", Path = "/Leads", User = "consultant.li", Users = 1, Target = "baseline",
                    Rounds = baselineRps.Select(rps => Round(2, 3, rps)).ToArray(),
                },
                new
                {
                    Name = "leads-first", Method = "GET", Path = "/Leads", User = "consultant.li", Users = 1, Target = "app",
                    Rounds = leadsP95.Select((p95, i) => Round(4 + i, p95, 100, i == 0 ? errors : 0)).ToArray(),
                },
                new
                {
                    Name = "board", Method = "GET", Path = "/Manager", User = "manager", Users = 8, Target = "app",
                    Rounds = new[] { Round(50, boardP95, 40) },
                },
            },
            RssPeakMb = new Dictionary<string, double> { ["123"] = rss },
        };
        return JsonSerializer.Serialize(results);
    }
}
