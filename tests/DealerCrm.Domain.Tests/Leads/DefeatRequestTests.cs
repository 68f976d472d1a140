using DealerCrm.Domain.Common;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

public sealed class A_defeat_request
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly GradePolicy Policy = new(1);

    [Fact]
    public void Leaves_the_lead_pending_with_its_plan_and_keeps_the_grade_at_the_time()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);

        var request = lead.RequestDefeat(3, DefeatReason.BudgetChanged, null, null, "预算砍半", Now);

        (lead.Status, lead.OpenPlan is null, request.GradeAtRequest).Should().Be((LeadStatus.DefeatPending, false, Grade.B));
    }

    [Fact]
    public void Needs_brand_and_model_when_a_competitor_was_bought()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);

        FluentActions.Invoking(() => lead.RequestDefeat(3, DefeatReason.BoughtCompetitor, "吉利", null, "说明", Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Defeat.CompetitorModelRequired");
        lead.Status.Should().Be(LeadStatus.Active);
    }

    [Fact]
    public void Is_decided_once()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);
        var request = lead.RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now);

        lead.ApproveDefeat(request, 9, null, Now);

        (lead.Status, lead.OpenPlan).Should().Be((LeadStatus.Defeated, null));
        FluentActions.Invoking(() => lead.ReturnFromDefeat(request, 9, "再试试", null, Today.AddDays(3), Policy, Today, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Defeat.AlreadyDecided");
    }

    [Fact]
    public void Rejected_needs_instructions_and_reassigned_moves_the_lead_and_its_new_plan()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);
        var request = lead.RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now);

        FluentActions.Invoking(() => lead.ReturnFromDefeat(request, 9, " ", null, Today.AddDays(3), Policy, Today, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Defeat.InstructionsRequired");
        lead.ReturnFromDefeat(request, 9, null, 5, Today.AddDays(20), Policy, Today, Now);

        (lead.Status, lead.OwnerId, request.Decision).Should().Be((LeadStatus.Active, 5L, DefeatDecision.Reassigned));
        lead.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open).Which.OwnerId.Should().Be(5);
    }

    [Fact]
    public void Rescue_reopens_only_a_defeated_lead()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);

        FluentActions.Invoking(() => lead.Rescue(9, 5, Today, null, Policy, Today, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Defeat.NotDefeated");
        lead.ApproveDefeat(lead.RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now), 9, null, Now);
        lead.Rescue(9, 5, Today.AddDays(1), "新车上市", Policy, Today, Now);

        (lead.Status, lead.OwnerId, lead.OpenPlan!.Note).Should().Be((LeadStatus.Active, 5L, "新车上市"));
    }
}
