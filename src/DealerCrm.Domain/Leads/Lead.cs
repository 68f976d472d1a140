using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.FollowUps;

namespace DealerCrm.Domain.Leads;

/// <summary>
/// A lead card (潜在客户卡, spec 1.3): a prospect under one consultant's care, with interest, needs, grade and
/// status, and always — while Active or Ordered — exactly one open follow-up plan.
/// </summary>
public sealed class Lead
{
    public const int ReasonMaxLength = 200;

    private readonly List<FollowUpPlan> _plans = [];
    private readonly List<LeadEvent> _events = [];

    private Lead()
    {
        Interest = new LeadInterest();
        Needs = new NeedsAnalysis();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public long CustomerId { get; private set; }

    public long OwnerId { get; private set; }

    public SourceChannel Source { get; private set; }

    public long? TrafficEntryId { get; private set; }

    public LeadInterest Interest { get; private set; }

    public NeedsAnalysis Needs { get; private set; }

    public Grade Grade { get; private set; }

    /// <summary>The typical signs ticked on the card, kept so the checklist shows what supported the grade.</summary>
    public IReadOnlyList<GradeSign> GradeSigns { get; private set; } = [];

    public LeadStatus Status { get; private set; }

    public DateTimeOffset ArrivedAt { get; private set; }

    public DateTimeOffset? FirstContactAt { get; private set; }

    public DateOnly? NextFollowUpDate { get; private set; }

    public DateOnly? LastFollowUpDate { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<FollowUpPlan> Plans => _plans;

    public IReadOnlyList<LeadEvent> Events => _events;

    public FollowUpPlan? OpenPlan => _plans.SingleOrDefault(p => p.Status == PlanStatus.Open);

    /// <summary>
    /// 建卡: a new card with its first plan. A grade that differs from what the ticked signs suggest needs a reason.
    /// A card from a showroom visit counts the visit as first contact.
    /// </summary>
    public static Lead Create(NewLead card, GradePolicy policy, DateOnly today, DateTimeOffset now)
    {
        var interest = card.Interest.Validated();
        var needs = card.Needs.Validated();
        var reason = RequireOverrideReason(card.Grade, card.Signs, card.GradeReason);
        if (card.Grade == Grade.O)
        {
            throw new DomainException("Lead.GradeOFromOrderOnly", nameof(Grade));
        }

        var fromShowroom = card.Source is SourceChannel.ShowroomWalkIn or SourceChannel.ShowroomCall;
        if (fromShowroom && card.TrafficEntryId is null)
        {
            throw new DomainException("Lead.ShowroomNeedsTrafficEntry", "TrafficEntryId");
        }

        var lead = new Lead
        {
            StoreId = card.StoreId,
            CustomerId = card.CustomerId,
            OwnerId = card.OwnerId,
            Source = card.Source,
            TrafficEntryId = card.TrafficEntryId,
            Interest = interest,
            Needs = needs,
            Grade = card.Grade,
            GradeSigns = card.Signs.Distinct().Order().ToList(),
            Status = LeadStatus.Active,
            ArrivedAt = (card.ArrivedAt ?? now).ToUniversalTime(),
            FirstContactAt = card.TrafficEntryId is null ? null : (card.ArrivedAt ?? now).ToUniversalTime(),
            CreatedAt = now.ToUniversalTime(),
        };
        lead._events.Add(new LeadEvent(LeadEventKind.Created, card.OwnerId, now, null, card.Grade.ToString(), reason));
        lead.Schedule(card.FirstPlan, policy, today, card.OwnerId, now);
        return lead;
    }

    public void ChangeGrade(Grade grade, IReadOnlyCollection<GradeSign> signs, string? reason, long actorId,
        DateTimeOffset now)
    {
        EnsureOpen();
        if (grade == Grade.O)
        {
            throw new DomainException("Lead.GradeOFromOrderOnly", nameof(Grade));
        }

        var why = RequireOverrideReason(grade, signs, reason);
        GradeSigns = signs.Distinct().Order().ToList();
        if (grade == Grade)
        {
            return;
        }

        _events.Add(new LeadEvent(LeadEventKind.GradeChanged, actorId, now, Grade.ToString(), grade.ToString(),
            why ?? Text.Optional(reason, ReasonMaxLength, "GradeReason")));
        Grade = grade;
    }

    public void UpdateInterest(LeadInterest interest, NeedsAnalysis needs, long actorId, DateTimeOffset now)
    {
        EnsureOpen();
        var validInterest = interest.Validated();
        var validNeeds = needs.Validated();
        if (validInterest != Interest)
        {
            _events.Add(new LeadEvent(LeadEventKind.InterestUpdated, actorId, now, Interest.IntendedModel,
                validInterest.IntendedModel, null));
            Interest = validInterest;
        }

        if (validNeeds != Needs)
        {
            _events.Add(new LeadEvent(LeadEventKind.NeedsUpdated, actorId, now, null, null, null));
            Needs = validNeeds;
        }
    }

    /// <summary>Records that a consultant asked the manager to resolve a duplicate claim on this lead.</summary>
    public void NoteDuplicateClaim(long requesterId, DateTimeOffset now) =>
        _events.Add(new LeadEvent(LeadEventKind.DuplicateClaimRequested, requesterId, now, null,
            requesterId.ToString(CultureInfo.InvariantCulture), null));

    private void Schedule(PlanRequest request, GradePolicy policy, DateOnly today, long actorId, DateTimeOffset now)
    {
        if (OpenPlan is not null)
        {
            throw new DomainException("Plan.AlreadyOpen");
        }

        var plan = new FollowUpPlan(Id, StoreId, OwnerId, request, today, policy.DefaultNextPlanDate(Grade, today), now);
        _plans.Add(plan);
        NextFollowUpDate = plan.DueDate;
        _events.Add(new LeadEvent(LeadEventKind.PlanScheduled, actorId, now, null,
            plan.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), plan.LateReason));
    }

    private void EnsureOpen()
    {
        if (!Status.IsOpen())
        {
            throw new DomainException("Lead.Closed");
        }
    }

    private static string? RequireOverrideReason(Grade grade, IEnumerable<GradeSign> signs, string? reason)
    {
        var suggested = LeadRules.SuggestGrade(signs);
        var why = Text.Optional(reason, ReasonMaxLength, "GradeReason");
        if (suggested is { } s && s != grade && why is null)
        {
            throw new DomainException("Lead.GradeOverrideNeedsReason", "GradeReason", s.ToString());
        }

        return why;
    }
}

/// <summary>What a consultant fills in to create a card.</summary>
public sealed record NewLead
{
    public required int StoreId { get; init; }

    public required long CustomerId { get; init; }

    public required long OwnerId { get; init; }

    public required SourceChannel Source { get; init; }

    public long? TrafficEntryId { get; init; }

    /// <summary>When the lead arrived (the visit or call time for showroom cards); now when not given.</summary>
    public DateTimeOffset? ArrivedAt { get; init; }

    public LeadInterest Interest { get; init; } = new();

    public NeedsAnalysis Needs { get; init; } = new();

    public required Grade Grade { get; init; }

    public IReadOnlyCollection<GradeSign> Signs { get; init; } = [];

    public string? GradeReason { get; init; }

    public required PlanRequest FirstPlan { get; init; }
}
