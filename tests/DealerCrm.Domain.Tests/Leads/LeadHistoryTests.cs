using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

/// <summary>History is data: each line keeps what changed in typed columns, from what to what.</summary>
public sealed class A_lead_history_line
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly GradePolicy Policy = new(1);

    [Fact]
    public void Of_a_new_card_keeps_its_grade_owner_status_and_first_plan_date()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);

        var created = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.Created).Subject;
        (created.ToGrade, created.ToOwnerId, created.ToStatus).Should().Be((Grade.B, 3L, LeadStatus.Active));
        lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.PlanScheduled).Which.PlanDate.Should().Be(Today);
    }

    [Fact]
    public void Of_a_follow_up_keeps_its_result()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);

        lead.RecordFollowUp(new FollowUpEntry(Now, ContactMethod.Phone, "约了周六试驾", FollowUpResult.Invited, null),
            Recording_a_follow_up.Next(Today.AddDays(7)), Policy, Today, 3, Now);

        lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.FollowUpRecorded)
            .Which.FollowUpResult.Should().Be(FollowUpResult.Invited);
    }

    [Fact]
    public void Of_an_order_keeps_the_order_and_its_deposit_and_of_a_cancellation_the_order()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.H);

        var order = lead.PlaceOrder(An_order.Order(5000m), Policy, Today, 3, Now);
        lead.CancelOrder("客户资金出了问题", true, Recording_a_follow_up.Next(Today.AddDays(1)), Policy, Today, 3, Now);

        var placed = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.OrderPlaced).Subject;
        (placed.Order, placed.Amount).Should().Be((order, 5000m));
        var cancelled = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.OrderCancelled).Subject;
        (cancelled.Order, cancelled.Reason).Should().Be((order, "客户资金出了问题"));
        lead.Events.Where(e => e.Kind == LeadEventKind.GradeChanged).Select(e => (e.FromGrade, e.ToGrade))
            .Should().Equal((Grade.H, Grade.O), (Grade.O, Grade.H));
    }

    [Fact]
    public void Of_an_interest_or_needs_change_names_each_field_with_its_values_before_and_after()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);

        lead.UpdateInterest(new LeadInterest
        {
            IntendedModel = "星越L",
            Colour = "白色",
            PurchaseType = PurchaseType.Replacement,
            Budget = 150_000.5m,
            ExpectedPurchaseDate = new DateOnly(2026, 12, 20),
        }, new NeedsAnalysis { WhoDecides = "太太" }, 3, Now);
        lead.UpdateInterest(lead.Interest with { Colour = "黑色" }, lead.Needs, 3, Now);

        lead.Events.Where(e => e.Kind == LeadEventKind.InterestUpdated).Select(e => (e.Field, e.FromText, e.ToText))
            .Should().Equal(
                ("IntendedModel", null, "星越L"),
                ("Colour", null, "白色"),
                ("PurchaseType", "Unknown", "Replacement"),
                ("Budget", null, "150000.5"),
                ("ExpectedPurchaseDate", null, "2026-12-20"),
                ("Colour", "白色", "黑色"));
        lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.NeedsUpdated)
            .Which.Should().Match<LeadEvent>(e => e.Field == "WhoDecides" && e.FromText == null && e.ToText == "太太");
    }

    [Fact]
    public void Of_a_rejected_defeat_keeps_the_status_it_returns_to_and_the_managers_instructions()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        lead.PlaceOrder(An_order.Order(5000m), Policy, Today, 3, Now);
        var request = lead.RequestDefeat(3, DefeatReason.Other, null, null, "客户犹豫", Now);

        lead.ReturnFromDefeat(request, 9, "邀请试驾新款", null, Today.AddDays(3), Policy, Today, Now);

        // A lead with an open order goes back to Ordered, and the history says so.
        lead.Status.Should().Be(LeadStatus.Ordered);
        lead.Events.Where(e => e.Kind == LeadEventKind.StatusChanged).Select(e => (e.FromStatus, e.ToStatus, e.Reason))
            .Should().Equal((LeadStatus.Ordered, LeadStatus.DefeatPending, "客户犹豫"),
                (LeadStatus.DefeatPending, LeadStatus.Ordered, "邀请试驾新款"));
    }

    [Fact]
    public void Of_an_approved_defeat_keeps_a_long_comment_shortened_to_the_reason_column()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var request = lead.RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now);

        lead.ApproveDefeat(request, 9, new string('因', 900), Now);

        request.DecisionComment.Should().HaveLength(900);
        lead.Events.Last(e => e.Kind == LeadEventKind.StatusChanged).Reason.Should().HaveLength(Lead.ReasonMaxLength);
    }

    [Fact]
    public void Of_a_rescue_keeps_the_consultant_and_the_plan_date_and_of_a_duplicate_claim_both_consultants()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        lead.ApproveDefeat(lead.RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now), 9, null, Now);

        lead.Rescue(9, 5, Today.AddDays(1), "新车上市", Policy, Today, Now);
        lead.NoteDuplicateClaim(7, Now);

        var rescued = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.Rescued).Subject;
        (rescued.ToOwnerId, rescued.PlanDate, rescued.Reason).Should().Be((5L, Today.AddDays(1), "新车上市"));
        lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.OwnerChanged)
            .Which.Should().Match<LeadEvent>(e => e.FromOwnerId == 3 && e.ToOwnerId == 5);
        var claim = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.DuplicateClaimRequested).Subject;
        (claim.FromOwnerId, claim.ToOwnerId, claim.ActorId).Should().Be((5L, 7L, 7L));
    }
}
