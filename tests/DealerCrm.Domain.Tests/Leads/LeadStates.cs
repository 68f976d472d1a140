using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

/// <summary>
/// A C-grade lead brought into each state a lead can be in, through the domain's own methods, with the defeat
/// request it has (or one of another lead: unsaved leads all have id 0, so the request matches and only the state
/// decides). Two states have no way in through the domain, and are set directly: Invalid (nothing marks a lead
/// Invalid yet) and a pending defeat with its order still open (older versions allowed that request; the database
/// may hold such leads).
/// </summary>
public static class LeadStates
{
    public static readonly DateOnly Today = new(2026, 11, 24);
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    public static readonly GradePolicy Policy = new(1);

    public const string Active = "Active";
    public const string ActiveWithSmallOrder = "Active with an order below the deposit threshold";
    public const string Ordered = "Ordered";
    public const string Won = "Won";
    public const string DefeatPending = "DefeatPending";
    public const string DefeatPendingWithOrder = "DefeatPending with its order open";
    public const string Defeated = "Defeated";
    public const string Dormant = "Dormant";
    public const string Invalid = "Invalid";

    public static IReadOnlyList<string> All { get; } =
        [Active, ActiveWithSmallOrder, Ordered, Won, DefeatPending, DefeatPendingWithOrder, Defeated, Dormant, Invalid];

    public static (Lead Lead, DefeatRequest Request) Build(string state)
    {
        var lead = Recording_a_follow_up.NewLead(Grade.C);
        DefeatRequest? request = null;
        switch (state)
        {
            case Active:
                break;
            case ActiveWithSmallOrder:
                lead.PlaceOrder(An_order.Order(500m), Policy, Today, 3, Now);
                break;
            case Ordered:
                lead.PlaceOrder(An_order.Order(5000m), Policy, Today, 3, Now);
                break;
            case Won:
                lead.PlaceOrder(An_order.Order(5000m), Policy, Today, 3, Now);
                lead.Deliver(new DeliveryRequest(Now, 150_000m, "FP-001", "LSVAU218XN2183294"), 3, Now);
                break;
            case DefeatPending:
                request = lead.RequestDefeat(3, DefeatReason.BudgetChanged, null, null, "预算砍半", Now);
                break;
            case DefeatPendingWithOrder:
                lead.PlaceOrder(An_order.Order(5000m), Policy, Today, 3, Now);
                request = Recording_a_follow_up.NewLead(Grade.C).RequestDefeat(3, DefeatReason.BudgetChanged, null, null,
                    "预算砍半", Now);
                SetStatus(lead, LeadStatus.DefeatPending);
                break;
            case Defeated:
                lead.ApproveDefeat(lead.RequestDefeat(3, DefeatReason.BudgetChanged, null, null, "预算砍半", Now), 9, null, Now);
                break;
            case Dormant:
                lead.MakeDormant(9, Now);
                break;
            case Invalid:
                SetStatus(lead, LeadStatus.Invalid);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }

        request ??= Recording_a_follow_up.NewLead(Grade.C).RequestDefeat(3, DefeatReason.Other, null, null, "说明", Now);
        return (lead, request);
    }

    /// <summary>Everything an action could change, to show a refused action changed nothing.</summary>
    public static object Snapshot(Lead lead) => new
    {
        lead.Status,
        lead.Grade,
        lead.OwnerId,
        lead.NextFollowUpDate,
        lead.LastFollowUpDate,
        lead.IsOutOfControl,
        Interest = lead.Interest.IntendedModel,
        Events = lead.Events.Select(e => (e.Kind, e.FromStatus, e.ToStatus, e.FromGrade, e.ToGrade, e.FromOwnerId, e.ToOwnerId, e.PlanDate, e.Vin, e.Field, e.FromText, e.ToText)).ToList(),
        Plans = lead.Plans.Select(p => (p.Status, p.DueDate, p.OwnerId)).ToList(),
        Orders = lead.Orders.Select(o => o.Status).ToList(),
        Records = lead.Records.Count,
    };

    public static PlanRequest Next(DateOnly due) => Recording_a_follow_up.Next(due);

    private static void SetStatus(Lead lead, LeadStatus status) =>
        typeof(Lead).GetProperty(nameof(Lead.Status))!.SetValue(lead, status);
}
