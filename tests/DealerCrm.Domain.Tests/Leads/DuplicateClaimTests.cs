using DealerCrm.Domain.Common;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

/// <summary>撞单 (spec 1.5): the manager approves by reassigning to the requester, or rejects with a comment.</summary>
public sealed class Deciding_a_duplicate_claim
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Approved_gives_the_lead_and_its_plan_to_the_requester()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var claim = ClaimOn(lead, requester: 7);

        lead.ApproveClaim(claim, 9, null, Now);

        (claim.Status, claim.DecidedById, claim.DecidedAt).Should().Be((ClaimStatus.Approved, 9L, Now));
        (lead.OwnerId, lead.OpenPlan!.OwnerId).Should().Be((7L, 7L));
        lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.OwnerChanged)
            .Which.Reason.Should().Be("客户说上周是我接待的", "without a comment the requester's note is the reason");
    }

    [Fact]
    public void Rejected_needs_a_comment_and_keeps_the_lead()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var claim = ClaimOn(lead, requester: 7);

        FluentActions.Invoking(() => claim.Reject(9, " ", Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Claim.CommentRequired");
        claim.Status.Should().Be(ClaimStatus.Pending);
        claim.Reject(9, "客户先找的张顾问", Now);

        (claim.Status, claim.DecisionComment, claim.DecidedById).Should().Be((ClaimStatus.Rejected, "客户先找的张顾问", 9L));
        lead.OwnerId.Should().Be(3);
    }

    [Fact]
    public void Is_decided_once()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var claim = ClaimOn(lead, requester: 7);
        claim.Reject(9, "不批", Now);

        FluentActions.Invoking(() => lead.ApproveClaim(claim, 9, null, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Claim.AlreadyDecided");
        FluentActions.Invoking(() => claim.Reject(9, "再次", Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Claim.AlreadyDecided");
        (lead.OwnerId, claim.Status, claim.DecisionComment).Should().Be((3L, ClaimStatus.Rejected, "不批"));
    }

    [Fact]
    public void Cannot_be_approved_once_the_lead_changed_hands_but_can_still_be_rejected()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var claim = ClaimOn(lead, requester: 7);
        lead.Reassign(5, "经理调整", 9, Now);

        FluentActions.Invoking(() => lead.ApproveClaim(claim, 9, null, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Claim.OwnerChanged");
        (lead.OwnerId, claim.Status).Should().Be((5L, ClaimStatus.Pending));
        claim.Reject(9, "已转给王顾问", Now);
        claim.Status.Should().Be(ClaimStatus.Rejected);
    }

    [Fact]
    public void Cannot_be_approved_once_the_lead_is_closed()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var claim = ClaimOn(lead, requester: 7);
        lead.ApproveDefeat(lead.RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now), 9, null, Now);

        FluentActions.Invoking(() => lead.ApproveClaim(claim, 9, null, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Claim.LeadClosed");
        (lead.OwnerId, claim.Status).Should().Be((3L, ClaimStatus.Pending));
    }

    [Fact]
    public void Cannot_be_approved_on_another_lead()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var claim = new DuplicateClaim(1, lead.Id + 1, 2, 3, 7, "说明", Now);

        FluentActions.Invoking(() => lead.ApproveClaim(claim, 9, null, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Claim.WrongLead");
        (lead.OwnerId, claim.Status).Should().Be((3L, ClaimStatus.Pending));
    }

    private static DuplicateClaim ClaimOn(Lead lead, long requester) =>
        new(lead.StoreId, lead.Id, lead.CustomerId, lead.OwnerId, requester, "客户说上周是我接待的", Now);
}
