using DealerCrm.Domain.Leads;
using static DealerCrm.Domain.Tests.Leads.LeadStates;

namespace DealerCrm.Domain.Tests.Leads;

/// <summary>The shared lead rules of docs/decisions.md ("One definition per rule"), one test each.</summary>
public sealed class The_lead_rules
{
    [Fact]
    public void Open_is_Active_Ordered_or_DefeatPending_and_SQL_gets_the_same_statuses()
    {
        var open = All.Select(Build).Select(b => b.Lead).Where(LeadRules.Open.Compile()).Select(l => l.Status).Distinct();

        open.Should().BeEquivalentTo([LeadStatus.Active, LeadStatus.Ordered, LeadStatus.DefeatPending]);
        Enum.GetValues<LeadStatus>().Where(s => s.IsOpen()).Should().BeEquivalentTo(open);
        LeadRules.OpenStatusValues.Should().BeEquivalentTo(open.Select(s => (int)s));
    }

    [Fact]
    public void Followed_is_Active_or_Ordered_the_leads_whose_follow_up_is_the_consultants_now()
    {
        var followed = All.Select(Build).Select(b => b.Lead).Where(LeadRules.Followed.Compile()).Select(l => l.Status).Distinct();

        followed.Should().BeEquivalentTo([LeadStatus.Active, LeadStatus.Ordered]);
        LeadRules.FollowedStatusValues.Should().BeEquivalentTo(followed.Select(s => (int)s));
    }

    [Theory]
    [InlineData(Active, 0, false)]
    [InlineData(Active, 1, true)]
    [InlineData(ActiveWithSmallOrder, 1, true)]
    [InlineData(Ordered, 11, true)]
    [InlineData(Ordered, 10, false)]
    [InlineData(DefeatPending, 40, false)]
    [InlineData(Won, 40, false)]
    [InlineData(Defeated, 40, false)]
    [InlineData(Dormant, 40, false)]
    public void Overdue_is_a_followed_lead_from_the_day_after_its_plan_date_not_one_waiting_for_a_defeat_decision(
        string state, int daysLater, bool overdue)
    {
        var lead = Build(state).Lead;
        var day = Today.AddDays(daysLater);

        lead.IsOverdue(day).Should().Be(overdue);
        LeadRules.Overdue(day).Compile()(lead).Should().Be(overdue, "the query form is the same rule");
        if (lead.Status.IsFollowed())
        {
            lead.OpenPlan!.IsOverdue(day).Should().Be(overdue, "a followed lead is overdue exactly when its open plan is");
        }
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void Out_of_control_is_more_than_thirty_days_overdue(int daysOverdue, bool outOfControl)
    {
        var lead = Build(Active).Lead;
        var day = lead.NextFollowUpDate!.Value.AddDays(daysOverdue);

        lead.IsOutOfControlOn(day).Should().Be(outOfControl);
        LeadRules.OutOfControl(day).Compile()(lead).Should().Be(outOfControl);
        lead.IsOverdue(day).Should().BeTrue();
        Build(DefeatPending).Lead.IsOutOfControlOn(Today.AddDays(90)).Should().BeFalse("a pending defeat is not followed");
    }

    [Fact]
    public void Due_is_a_followed_lead_whose_plan_falls_on_the_days_asked()
    {
        var lead = Build(Active).Lead;
        var due = lead.NextFollowUpDate!.Value;

        lead.IsDueBetween(due, due).Should().BeTrue("due today");
        lead.IsDueBetween(due.AddDays(-6), due.AddDays(-1)).Should().BeFalse();
        lead.IsDueBetween(due.AddDays(-6), due).Should().BeTrue("this week");
        LeadRules.DueBetween(due, due).Compile()(lead).Should().BeTrue();
        Build(DefeatPending).Lead.IsDueBetween(due, due).Should().BeFalse("its follow-up waits for the manager");
    }
}
