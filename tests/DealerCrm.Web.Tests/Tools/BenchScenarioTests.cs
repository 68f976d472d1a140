using DealerCrm.Bench;

namespace DealerCrm.Web.Tests.Tools;

/// <summary>The pages the load benchmark drives (tools/DealerCrm.Bench): issue 12's lists and the callback report.</summary>
public sealed class BenchScenarioTests
{
    [Fact]
    public void The_complaint_and_action_lists_and_the_callback_report_of_a_store_month_are_driven()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal) { ["reportMonth"] = "2026-11" };

        var scenarios = Scenarios.All(found, null).ToDictionary(s => s.Name);

        scenarios["complaints"].Should().Be(new Scenario("complaints", "servicemanager", "/Complaints", SkipIfMissing: true));
        scenarios["actions"].Should().Be(new Scenario("actions", "servicemanager", "/Actions", SkipIfMissing: true));
        scenarios["report-callbacks-store"].Path.Should().Be("/Reports/Callbacks?Store=1&Month=2026-11");
        scenarios["report-callbacks-store"].Account.Should().Be("servicemanager");
        scenarios["report-callbacks-gm"].Path.Should().Be("/Reports/Callbacks?Month=2026-11");
        scenarios["report-callbacks-gm"].Account.Should().Be("gm");
        scenarios.Values.Where(s => s.Path.StartsWith("/Reports/Callbacks", StringComparison.Ordinal))
            .Should().OnlyContain(s => s.SkipIfMissing && s.Method == "GET");
    }

    [Fact]
    public void Without_a_month_the_report_is_not_driven()
    {
        Scenarios.All(new Dictionary<string, string>(StringComparer.Ordinal), null)
            .Should().NotContain(s => s.Path.StartsWith("/Reports/Callbacks", StringComparison.Ordinal));
    }
}
