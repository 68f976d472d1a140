using DealerCrm.Domain.FollowUps;

namespace DealerCrm.Domain.Leads;

public enum LeadEventKind
{
    Created = 0,
    GradeChanged = 1,
    InterestUpdated = 2,
    NeedsUpdated = 3,
    PlanScheduled = 4,
    OwnerChanged = 5,
    StatusChanged = 6,
    DuplicateClaimRequested = 7,
    FollowUpRecorded = 8,
    OrderPlaced = 9,
    OrderCancelled = 10,
    Rescued = 11,
    Delivered = 12,
}

/// <summary>
/// One line of a lead's history: who did what, when and why (spec 1.4: every grade change is kept). What changed is
/// kept in typed columns — consultants, grades, statuses, dates, amounts, the order — so reports count and filter on
/// them and pages show them without parsing text. Each kind fills the columns it names; the rest stay empty.
/// </summary>
public sealed class LeadEvent
{
    public const int FieldMaxLength = 40;
    public const int ValueMaxLength = 400;

    private LeadEvent()
    {
    }

    private LeadEvent(LeadEventKind kind, long actorId, DateTimeOffset at, string? reason)
    {
        Kind = kind;
        ActorId = actorId;
        At = at;
        Reason = reason;
    }

    public long Id { get; private set; }

    public long LeadId { get; private set; }

    public LeadEventKind Kind { get; private set; }

    public long ActorId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>The consultant before (owner changes; the owner a duplicate claim was made against).</summary>
    public long? FromOwnerId { get; private set; }

    /// <summary>The consultant after (owner changes, creation, rescue; the consultant asking in a duplicate claim).</summary>
    public long? ToOwnerId { get; private set; }

    public Grade? FromGrade { get; private set; }

    public Grade? ToGrade { get; private set; }

    public LeadStatus? FromStatus { get; private set; }

    public LeadStatus? ToStatus { get; private set; }

    /// <summary>The due date of the plan scheduled (plans, rescues).</summary>
    public DateOnly? PlanDate { get; private set; }

    public FollowUpResult? FollowUpResult { get; private set; }

    /// <summary>CNY: the deposit of an order placed, the final price of a delivery.</summary>
    public decimal? Amount { get; private set; }

    /// <summary>The vehicle handed over (deliveries).</summary>
    public string? Vin { get; private set; }

    /// <summary>The order placed, cancelled or delivered.</summary>
    public long? OrderId { get; private set; }

    public Order? Order { get; private set; }

    /// <summary>Interest and needs changes: the field (its property name), one event per field changed.</summary>
    public string? Field { get; private set; }

    /// <summary>The field's value before, as typed (numbers and dates invariant, enums by name, booleans true/false).</summary>
    public string? FromText { get; private set; }

    public string? ToText { get; private set; }

    internal static LeadEvent Created(long actorId, DateTimeOffset at, Grade grade, long ownerId, string? reason) =>
        new(LeadEventKind.Created, actorId, at, reason)
        {
            ToGrade = grade,
            ToOwnerId = ownerId,
            ToStatus = LeadStatus.Active,
        };

    internal static LeadEvent GradeChanged(long actorId, DateTimeOffset at, Grade from, Grade to, string? reason) =>
        new(LeadEventKind.GradeChanged, actorId, at, reason) { FromGrade = from, ToGrade = to };

    internal static LeadEvent StatusChanged(long actorId, DateTimeOffset at, LeadStatus from, LeadStatus to,
        string? reason) =>
        new(LeadEventKind.StatusChanged, actorId, at, reason) { FromStatus = from, ToStatus = to };

    internal static LeadEvent OwnerChanged(long actorId, DateTimeOffset at, long from, long to, string? reason) =>
        new(LeadEventKind.OwnerChanged, actorId, at, reason) { FromOwnerId = from, ToOwnerId = to };

    internal static LeadEvent PlanScheduled(long actorId, DateTimeOffset at, DateOnly due, string? lateReason) =>
        new(LeadEventKind.PlanScheduled, actorId, at, lateReason) { PlanDate = due };

    internal static LeadEvent FollowUpRecorded(long actorId, DateTimeOffset at, FollowUpResult result) =>
        new(LeadEventKind.FollowUpRecorded, actorId, at, null) { FollowUpResult = result };

    internal static LeadEvent OrderPlaced(long actorId, DateTimeOffset at, Order order) =>
        new(LeadEventKind.OrderPlaced, actorId, at, null) { Order = order, Amount = order.Deposit };

    internal static LeadEvent OrderCancelled(long actorId, DateTimeOffset at, Order order) =>
        new(LeadEventKind.OrderCancelled, actorId, at, order.CancelReason) { Order = order };

    internal static LeadEvent Delivered(long actorId, DateTimeOffset at, Order order, string vin, decimal finalPrice) =>
        new(LeadEventKind.Delivered, actorId, at, null)
        {
            Order = order,
            Vin = vin,
            Amount = finalPrice,
        };

    internal static LeadEvent Rescued(long actorId, DateTimeOffset at, long ownerId, DateOnly planDate, string? note) =>
        new(LeadEventKind.Rescued, actorId, at, note) { ToOwnerId = ownerId, PlanDate = planDate };

    internal static LeadEvent DuplicateClaimRequested(long requesterId, DateTimeOffset at, long ownerId) =>
        new(LeadEventKind.DuplicateClaimRequested, requesterId, at, null) { FromOwnerId = ownerId, ToOwnerId = requesterId };

    internal static LeadEvent FieldChanged(LeadEventKind kind, long actorId, DateTimeOffset at, FieldChange change) =>
        new(kind, actorId, at, null)
        {
            Field = change.Field,
            FromText = Clip(change.From),
            ToText = Clip(change.To),
        };

    private static string? Clip(string? value) => value is { Length: > ValueMaxLength } ? value[..ValueMaxLength] : value;
}

/// <summary>One field of the interest or the needs analysis that changed, with its values before and after.</summary>
public sealed record FieldChange(string Field, string? From, string? To);
