using System.Linq.Expressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.FollowUps;

public enum ContactMethod
{
    Phone = 0,
    Sms = 1,
    WeChat = 2,
    InviteToStore = 3,
    TestDrive = 4,
    HomeVisit = 5,
    EventInvitation = 6,
}

public enum PlanPurpose
{
    InviteToStore = 0,
    TestDrive = 1,
    RelationshipCare = 2,
    Reminder = 3,
    EventNotice = 4,
    Quotation = 5,
    OrderReassurance = 6,
}

public enum PlanStatus
{
    Open = 0,
    Done = 1,
    Cancelled = 2,
}

/// <summary>
/// The next intended contact with a lead (跟进计划, spec 2.2). A lead that is Active or Ordered has exactly one
/// open plan; the database holds that with a partial unique index.
/// </summary>
public sealed class FollowUpPlan
{
    public const int NoteMaxLength = 500;
    public const int ReasonMaxLength = 200;

    private FollowUpPlan()
    {
    }

    internal FollowUpPlan(long leadId, int storeId, long ownerId, PlanRequest request, DateOnly today,
        DateOnly defaultDate, DateTimeOffset now)
    {
        if (request.DueDate < today)
        {
            throw new DomainException("Plan.DueInPast", nameof(DueDate));
        }

        var reason = Text.Optional(request.LateReason, ReasonMaxLength, "LateReason");
        if (request.DueDate > defaultDate && reason is null)
        {
            throw new DomainException("Plan.LaterDateNeedsReason", "LateReason",
                defaultDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        LeadId = leadId;
        StoreId = storeId;
        OwnerId = ownerId;
        DueDate = request.DueDate;
        DueTime = request.DueTime;
        Method = request.Method;
        Purpose = request.Purpose;
        Note = Text.Optional(request.Note, NoteMaxLength, nameof(Note));
        LateReason = request.DueDate > defaultDate ? reason : null;
        Status = PlanStatus.Open;
        CreatedAt = now;
    }

    public long Id { get; private set; }

    public long LeadId { get; private set; }

    public int StoreId { get; private set; }

    public long OwnerId { get; private set; }

    /// <summary>Store-local calendar date.</summary>
    public DateOnly DueDate { get; private set; }

    public TimeOnly? DueTime { get; private set; }

    public ContactMethod Method { get; private set; }

    public PlanPurpose Purpose { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Why the plan is later than the grade's interval allows.</summary>
    public string? LateReason { get; private set; }

    public PlanStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Set by the overdue job when it notified the owner, so each run only looks at plans not yet notified.</summary>
    public bool OverdueNotified { get; private set; }

    /// <summary>
    /// 逾期 (spec 2.2): an open plan is overdue from the day after its due date (store-local) until it is done. Which
    /// leads count as overdue is <see cref="Leads.LeadRules.OverdueRule"/>'s: those followed up, not a pending defeat.
    /// </summary>
    public static Expression<Func<FollowUpPlan, DateOnly, bool>> OverdueRule { get; } =
        (p, today) => p.Status == PlanStatus.Open && p.DueDate < today;

    private static readonly Func<FollowUpPlan, DateOnly, bool> IsOverdueCompiled = OverdueRule.Compile();

    public static Expression<Func<FollowUpPlan, bool>> Overdue(DateOnly today) => Predicate.Bind(OverdueRule, today);

    public bool IsOverdue(DateOnly today) => IsOverdueCompiled(this, today);

    internal void Cancel(DateTimeOffset now)
    {
        Status = PlanStatus.Cancelled;
        ClosedAt = now;
    }

    internal void Complete(DateTimeOffset now)
    {
        Status = PlanStatus.Done;
        ClosedAt = now;
    }

    internal void MoveTo(long ownerId) => OwnerId = ownerId;
}

public sealed record PlanRequest(
    DateOnly DueDate,
    TimeOnly? DueTime,
    ContactMethod Method,
    PlanPurpose Purpose,
    string? Note,
    string? LateReason);
