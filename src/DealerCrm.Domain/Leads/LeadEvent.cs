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
}

/// <summary>One line of a lead's history: who did what, when and why (spec 1.4: every grade change is kept).</summary>
public sealed class LeadEvent
{
    private LeadEvent()
    {
    }

    internal LeadEvent(LeadEventKind kind, long actorId, DateTimeOffset at, string? from, string? to, string? reason)
    {
        Kind = kind;
        ActorId = actorId;
        At = at;
        From = from;
        To = to;
        Reason = reason;
    }

    public long Id { get; private set; }

    public long LeadId { get; private set; }

    public LeadEventKind Kind { get; private set; }

    public long ActorId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? Reason { get; private set; }
}
