using DealerCrm.Domain.Common;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using static DealerCrm.Domain.Tests.Leads.LeadStates;

namespace DealerCrm.Domain.Tests.Leads;

/// <summary>
/// Every business act on a lead against every state a lead can be in: where it does not belong it is refused with a
/// message a user can read and changes nothing; where it belongs it leaves the lead whole (a followed lead has exactly
/// one open plan and carries its date; the history's last status line names the status the lead is in).
/// </summary>
public sealed class Every_action_on_a_lead
{
    private const string Allowed = "";

    private static readonly Dictionary<string, Action<Lead, DefeatRequest>> Actions = new()
    {
        ["ChangeGrade"] = (lead, _) => lead.ChangeGrade(Grade.B, [], null, 3, Now),
        ["UpdateInterest"] = (lead, _) => lead.UpdateInterest(new LeadInterest { IntendedModel = "坦克300" }, new NeedsAnalysis(), 3, Now),
        ["RecordFollowUp"] = (lead, _) => lead.RecordFollowUp(
            new FollowUpEntry(Now, ContactMethod.Phone, "电话沟通", FollowUpResult.Reached, null), Next(Today.AddDays(3)),
            Policy, Today, 3, Now),
        ["PlaceOrder"] = (lead, _) => lead.PlaceOrder(An_order.Order(5000m), Policy, Today, 3, Now),
        ["CancelOrder"] = (lead, _) => lead.CancelOrder("客户资金出了问题", true, Next(Today.AddDays(1)), Policy, Today, 3, Now),
        ["Deliver"] = (lead, _) => lead.Deliver(new DeliveryRequest(Now, 150_000m, "FP-002", "LSVAU218XN2183294"), 3, Now),
        ["RequestDefeat"] = (lead, _) => lead.RequestDefeat(3, DefeatReason.NoLongerInterested, null, null, "不想买了", Now),
        ["ApproveDefeat"] = (lead, request) => lead.ApproveDefeat(request, 9, null, Now),
        ["RejectDefeat"] = (lead, request) => lead.ReturnFromDefeat(request, 9, "再约试驾", null, Today.AddDays(3), Policy, Today, Now),
        ["ReassignFromDefeat"] = (lead, request) => lead.ReturnFromDefeat(request, 9, null, 5, Today.AddDays(3), Policy, Today, Now),
        ["Rescue"] = (lead, _) => lead.Rescue(9, 5, Today.AddDays(1), null, Policy, Today, Now),
        ["MakeDormant"] = (lead, _) => lead.MakeDormant(9, Now),
        ["Reactivate"] = (lead, _) => lead.Reactivate(9, Today.AddDays(1), null, Policy, Today, Now),
        ["Reassign"] = (lead, _) => lead.Reassign(5, "离职交接", 9, Now),
        ["ApproveClaim"] = (lead, _) => lead.ApproveClaim(
            new DuplicateClaim(1, lead.Id, lead.CustomerId, lead.OwnerId, 5, "车展上先接待", Now), 9, null, Now),
    };

    private static readonly string[] Closed = [Won, Defeated, Dormant, Invalid];
    private static readonly string[] Pending = [DefeatPending, DefeatPendingWithOrder];
    private static readonly string[] WithOrder = [ActiveWithSmallOrder, Ordered];

    /// <summary>The message key each state gets for each action; <see cref="Allowed"/> where the action belongs.</summary>
    private static string Expected(string state, string action) => action switch
    {
        "ChangeGrade" => state is Active or ActiveWithSmallOrder ? Allowed
            : Closed.Contains(state) ? "Lead.Closed" : "Lead.GradeFixed",
        "UpdateInterest" => Closed.Contains(state) ? "Lead.Closed" : Allowed,
        "RecordFollowUp" => Closed.Contains(state) ? "Lead.Closed"
            : Pending.Contains(state) ? "Lead.AwaitingDefeatDecision" : Allowed,
        "PlaceOrder" => state == Active ? Allowed : "Order.NotAllowed",
        "CancelOrder" => Closed.Contains(state) ? "Lead.Closed"
            : Pending.Contains(state) ? "Lead.AwaitingDefeatDecision" : state == Active ? "Order.NotOpen" : Allowed,
        "Deliver" => Closed.Contains(state) ? "Lead.Closed"
            : Pending.Contains(state) ? "Lead.AwaitingDefeatDecision" : state == Active ? "Delivery.NoOrder" : Allowed,
        "RequestDefeat" => state == Active ? Allowed : WithOrder.Contains(state) ? "Defeat.CancelOrderFirst" : "Defeat.NotAllowed",
        "ApproveDefeat" => state == DefeatPending ? Allowed
            : state == DefeatPendingWithOrder ? "Defeat.CancelOrderFirst" : "Defeat.AlreadyDecided",
        "RejectDefeat" or "ReassignFromDefeat" => Pending.Contains(state) ? Allowed : "Defeat.AlreadyDecided",
        "Rescue" => state == Defeated ? Allowed : "Defeat.NotDefeated",
        "MakeDormant" => state == Active ? Allowed : "Dormant.NotAllowed",
        "Reactivate" => state == Dormant ? Allowed : "Dormant.NotDormant",
        "Reassign" => Closed.Contains(state) ? "Lead.ReassignClosed" : Allowed,
        "ApproveClaim" => Closed.Contains(state) ? "Claim.LeadClosed" : Allowed,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var state in All)
        {
            foreach (var action in Actions.Keys)
            {
                pairs.Add(state, action);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Is_refused_where_it_does_not_belong_and_leaves_the_lead_whole_where_it_does(string state, string action)
    {
        var (lead, request) = Build(state);
        var before = Snapshot(lead);
        var events = lead.Events.Count;
        var expected = Expected(state, action);

        var act = () => Actions[action](lead, request);

        if (expected != Allowed)
        {
            act.Should().Throw<DomainException>().Which.MessageKey.Should().Be(expected);
            Snapshot(lead).Should().BeEquivalentTo(before, "a refused action changes nothing");
            request.Decision.Should().Be(DefeatDecision.Pending);
            return;
        }

        act.Should().NotThrow();
        var openPlans = lead.Plans.Where(p => p.Status == PlanStatus.Open).ToList();
        if (lead.Status.IsFollowed())
        {
            openPlans.Should().ContainSingle("a followed lead has exactly one open plan")
                .Which.DueDate.Should().Be(lead.NextFollowUpDate!.Value);
        }
        else if (lead.Status != LeadStatus.DefeatPending)
        {
            (openPlans.Count, lead.NextFollowUpDate).Should().Be((0, (DateOnly?)null), "a closed lead has no plan");
        }

        var statusLine = lead.Events.Skip(events).LastOrDefault(e => e.Kind == LeadEventKind.StatusChanged);
        statusLine?.ToStatus.Should().Be(lead.Status, "the history names the status the lead is in");
    }

    [Fact]
    public void Covers_every_status_a_lead_can_have() =>
        All.Select(s => Build(s).Lead.Status).Distinct().Should().BeEquivalentTo(Enum.GetValues<LeadStatus>());
}

public sealed class A_lead_back_from_defeat
{
    [Fact]
    public void With_its_order_still_open_is_Ordered_again_and_its_history_says_so()
    {
        var (lead, request) = Build(DefeatPendingWithOrder);

        lead.ReturnFromDefeat(request, 9, "客户决定继续提车", null, Today.AddDays(3), Policy, Today, Now);

        (lead.Status, lead.Grade, lead.OpenPlan!.Purpose).Should().Be((LeadStatus.Ordered, Grade.O, PlanPurpose.OrderReassurance));
        lead.Events.Last(e => e.Kind == LeadEventKind.StatusChanged).ToStatus.Should().Be(LeadStatus.Ordered);
    }

    [Fact]
    public void Keeps_the_managers_later_date_without_a_late_reason_in_any_language()
    {
        var (lead, request) = Build(DefeatPending);

        lead.ReturnFromDefeat(request, 9, "三个月后再联系", null, Today.AddDays(90), Policy, Today, Now);

        (lead.OpenPlan!.DueDate, lead.OpenPlan.LateReason).Should().Be((Today.AddDays(90), (string?)null));
        lead.Events.Last(e => e.Kind == LeadEventKind.PlanScheduled).Reason.Should().BeNull();
    }
}
