using DealerCrm.Domain.Common;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

/// <summary>单个转派 (spec 3.1): one lead to another consultant, with a reason.</summary>
public sealed class Reassigning_one_lead
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Moves_the_lead_and_its_open_plan_and_writes_the_owner_change_with_the_reason()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);

        lead.Reassign(5, "  李顾问离职交接  ", 9, Now);

        lead.OwnerId.Should().Be(5);
        lead.OpenPlan!.OwnerId.Should().Be(5);
        var change = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.OwnerChanged).Subject;
        (change.FromOwnerId, change.ToOwnerId, change.Reason, change.ActorId).Should().Be((3L, 5L, "李顾问离职交接", 9L));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Needs_a_reason_and_changes_nothing_without_one(string? reason)
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var events = lead.Events.Count;

        var refusal = FluentActions.Invoking(() => lead.Reassign(5, reason, 9, Now)).Should().Throw<DomainException>().Which;

        (refusal.MessageKey, refusal.Field).Should().Be(("Lead.ReassignReasonRequired", "Reason"));
        (lead.OwnerId, lead.OpenPlan!.OwnerId, lead.Events.Count).Should().Be((3L, 3L, events));
    }

    [Fact]
    public void Refuses_a_reason_longer_than_the_history_keeps()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);

        FluentActions.Invoking(() => lead.Reassign(5, new string('长', Lead.ReasonMaxLength + 1), 9, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Validation.MaxLength");
        lead.OwnerId.Should().Be(3);
    }

    [Fact]
    public void Refuses_the_current_owner()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);

        FluentActions.Invoking(() => lead.Reassign(3, "原因", 9, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Lead.ReassignSameOwner");
        lead.Events.Should().NotContain(e => e.Kind == LeadEventKind.OwnerChanged);
    }

    [Fact]
    public void Refuses_a_closed_lead()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        lead.ApproveDefeat(lead.RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now), 9, null, Now);

        FluentActions.Invoking(() => lead.Reassign(5, "原因", 9, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Lead.ReassignClosed");
        (lead.OwnerId, lead.Status).Should().Be((3L, LeadStatus.Defeated));
    }

    [Fact]
    public void Leaves_a_pending_defeat_request_pending_with_its_requester_and_the_plan_moves()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);
        var request = lead.RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now);

        lead.Reassign(5, "换人再试", 9, Now);

        (lead.Status, lead.OwnerId, request.Decision, request.RequestedById)
            .Should().Be((LeadStatus.DefeatPending, 5L, DefeatDecision.Pending, 3L));
        lead.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open).Which.OwnerId.Should().Be(5);
    }
}
