using DealerCrm.Domain.Common;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

/// <summary>休眠 (spec 3.5): which leads may sleep — C grade, Active, nothing moving for the store's days.</summary>
public sealed class The_dormancy_rule
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static DormancyFacts Quiet(int daysAgo) =>
        new(LeadStatus.Active, Grade.C, false, Now.AddDays(-daysAgo), null, null);

    [Fact]
    public void Takes_an_active_c_lead_created_exactly_the_store_days_ago_and_nothing_since()
    {
        DormancyRule.IsEligible(Quiet(90), Now, 90).Should().BeTrue();
        DormancyRule.IsEligible(Quiet(200), Now, 90).Should().BeTrue();
    }

    [Fact]
    public void Does_not_take_a_lead_younger_than_the_store_days()
    {
        DormancyRule.IsEligible(Quiet(89), Now, 90).Should().BeFalse();
        DormancyRule.IsEligible(Quiet(89), Now, 60).Should().BeTrue("the store's own setting decides");
    }

    [Fact]
    public void A_grade_change_within_the_period_keeps_the_lead_awake()
    {
        var facts = Quiet(200) with { LastGradeChangeAt = Now.AddDays(-30) };

        DormancyRule.IsEligible(facts, Now, 90).Should().BeFalse();
        DormancyRule.IsEligible(facts with { LastGradeChangeAt = Now.AddDays(-91) }, Now, 90).Should().BeTrue();
    }

    [Fact]
    public void A_visit_or_call_within_the_period_keeps_the_lead_awake()
    {
        var facts = Quiet(200) with { LastVisitAt = Now.AddDays(-10) };

        DormancyRule.IsEligible(facts, Now, 90).Should().BeFalse();
        DormancyRule.IsEligible(facts with { LastVisitAt = Now.AddDays(-120) }, Now, 90).Should().BeTrue();
    }

    [Theory]
    [InlineData(Grade.H)]
    [InlineData(Grade.A)]
    [InlineData(Grade.B)]
    [InlineData(Grade.O)]
    public void Only_c_grade_leads_sleep(Grade grade) =>
        DormancyRule.IsEligible(Quiet(200) with { Grade = grade }, Now, 90).Should().BeFalse();

    [Theory]
    [InlineData(LeadStatus.Ordered)]
    [InlineData(LeadStatus.DefeatPending)]
    [InlineData(LeadStatus.Defeated)]
    [InlineData(LeadStatus.Dormant)]
    [InlineData(LeadStatus.Won)]
    public void Only_active_leads_sleep(LeadStatus status) =>
        DormancyRule.IsEligible(Quiet(200) with { Status = status }, Now, 90).Should().BeFalse();

    [Fact]
    public void A_lead_with_an_open_order_does_not_sleep() =>
        DormancyRule.IsEligible(Quiet(200) with { HasOpenOrder = true }, Now, 90).Should().BeFalse();
}

public sealed class Making_a_lead_dormant
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cancels_its_open_plan_clears_the_next_date_and_keeps_the_owner()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.C);
        var plan = lead.OpenPlan!;

        lead.MakeDormant(9, Now);

        lead.Status.Should().Be(LeadStatus.Dormant);
        (plan.Status, plan.ClosedAt).Should().Be((PlanStatus.Cancelled, Now));
        lead.OpenPlan.Should().BeNull();
        lead.NextFollowUpDate.Should().BeNull();
        lead.OwnerId.Should().Be(3);
        var change = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.StatusChanged).Subject;
        (change.FromStatus, change.ToStatus, change.ActorId).Should().Be((LeadStatus.Active, LeadStatus.Dormant, 9L));
    }

    [Theory]
    [InlineData(Grade.H)]
    [InlineData(Grade.A)]
    [InlineData(Grade.B)]
    public void Refuses_a_hotter_grade_and_changes_nothing(Grade grade)
    {
        var lead = Recording_a_follow_up.NewLead(grade);

        FluentActions.Invoking(() => lead.MakeDormant(9, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Dormant.NotAllowed");
        (lead.Status, lead.OpenPlan).Should().Be((LeadStatus.Active, lead.Plans[0]));
    }

    [Fact]
    public void Refuses_a_lead_that_is_already_dormant()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.C);
        lead.MakeDormant(9, Now);

        FluentActions.Invoking(() => lead.MakeDormant(9, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Dormant.NotAllowed");
    }

    [Fact]
    public void Refuses_a_c_lead_with_an_open_order_below_the_deposit_threshold()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.C);
        lead.PlaceOrder(new OrderRequest(Today, "哈弗H6", null, null, 100_000m, 500m, PaymentMethod.Full, null, null, null),
            new GradePolicy(1), Today, 3, Now);

        FluentActions.Invoking(() => lead.MakeDormant(9, Now)).Should().Throw<DomainException>();
        lead.Status.Should().Be(LeadStatus.Active);
    }
}

public sealed class Reactivating_a_dormant_lead
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly GradePolicy Policy = new(1);

    private static Lead Dormant()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.C);
        lead.MakeDormant(9, Now.AddDays(-5));
        return lead;
    }

    [Fact]
    public void Makes_it_active_with_the_same_consultant_and_a_new_plan_on_the_chosen_date()
    {
        var lead = Dormant();

        lead.Reactivate(9, Today.AddDays(60), "车展邀约", Policy, Today, Now);

        (lead.Status, lead.OwnerId, lead.Grade).Should().Be((LeadStatus.Active, 3L, Grade.C));
        var plan = lead.OpenPlan!;
        (plan.DueDate, plan.Note, plan.OwnerId).Should().Be((Today.AddDays(60), "车展邀约", 3L));
        lead.NextFollowUpDate.Should().Be(Today.AddDays(60));
        lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.StatusChanged && e.FromStatus == LeadStatus.Dormant
            && e.ToStatus == LeadStatus.Active && e.ActorId == 9);
    }

    [Fact]
    public void A_plan_due_today_is_what_a_walk_in_gives()
    {
        var lead = Dormant();

        lead.Reactivate(7, Today, null, Policy, Today, Now);

        lead.OpenPlan!.DueDate.Should().Be(Today);
    }

    [Fact]
    public void Refuses_a_plan_in_the_past_and_leaves_the_lead_dormant()
    {
        var lead = Dormant();
        var events = lead.Events.Count;

        var refusal = FluentActions.Invoking(() => lead.Reactivate(9, Today.AddDays(-1), null, Policy, Today, Now))
            .Should().Throw<DomainException>().Which;

        (refusal.MessageKey, refusal.Field).Should().Be(("Plan.DueInPast", "DueDate"));
        (lead.Status, lead.OpenPlan, lead.Events.Count).Should().Be((LeadStatus.Dormant, null, events));
    }

    [Fact]
    public void Refuses_a_note_longer_than_a_plan_keeps_and_leaves_the_lead_dormant()
    {
        var lead = Dormant();

        FluentActions.Invoking(() => lead.Reactivate(9, Today, new string('长', FollowUpPlan.NoteMaxLength + 1), Policy,
            Today, Now)).Should().Throw<DomainException>();
        lead.Status.Should().Be(LeadStatus.Dormant);
    }

    [Fact]
    public void Refuses_a_lead_that_is_not_dormant()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.C);

        FluentActions.Invoking(() => lead.Reactivate(9, Today, null, Policy, Today, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Dormant.NotDormant");
    }
}

public sealed class The_dormancy_setting
{
    [Fact]
    public void Is_ninety_days_by_default_and_survives_a_preset()
    {
        var policy = new GradePolicy(1);
        policy.DormantAfterDays.Should().Be(90);

        policy.ChangeDormantAfter(120);
        policy.Apply(GradePolicyPreset.Alternative);

        policy.DormantAfterDays.Should().Be(120);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(366)]
    public void Stays_between_30_and_365_days(int days)
    {
        var policy = new GradePolicy(1);

        var refusal = FluentActions.Invoking(() => policy.ChangeDormantAfter(days)).Should().Throw<DomainException>().Which;

        (refusal.MessageKey, refusal.Field).Should().Be(("GradePolicy.DormantAfterRange", "DormantAfterDays"));
        policy.DormantAfterDays.Should().Be(90);
    }
}
