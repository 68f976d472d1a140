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
    private readonly List<FollowUpRecord> _records = [];
    private readonly List<Order> _orders = [];

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

    /// <summary>The project the lead belongs to (6.2); <see cref="LeadProject.None"/> for most.</summary>
    public LeadProject Project { get; private set; }

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

    /// <summary>失控: its plan is more than 30 days overdue. Kept up to date by the overdue follow-up job.</summary>
    public bool IsOutOfControl { get; private set; }

    /// <summary>Lead response watch (5.1, issue 14): the highest threshold (48, 72 or 96 hours) at which this lead,
    /// arrived through the assignment queue, was found still uncontacted and its managers told. Set only by the job;
    /// null while it was contacted in time or never watched.</summary>
    public short? UncontactedAlertHours { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<FollowUpPlan> Plans => _plans;

    public IReadOnlyList<LeadEvent> Events => _events;

    public IReadOnlyList<FollowUpRecord> Records => _records;

    public IReadOnlyList<Order> Orders => _orders;

    public Order? OpenOrder => _orders.SingleOrDefault(o => o.Status == OrderStatus.Open);

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
            Project = Enum.IsDefined(card.Project) ? card.Project : throw new DomainException("Lead.ProjectInvalid", nameof(Project)),
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
        lead._events.Add(LeadEvent.Created(card.OwnerId, now, card.Grade, card.OwnerId, reason));
        lead.Schedule(card.FirstPlan, policy, today, card.OwnerId, now);
        return lead;
    }

    public void ChangeGrade(Grade grade, IReadOnlyCollection<GradeSign> signs, string? reason, long actorId,
        DateTimeOffset now)
    {
        EnsureOpen();
        if (Status != LeadStatus.Active)
        {
            // An ordered lead is O until its order is delivered or cancelled; a pending defeat waits for the manager.
            throw new DomainException("Lead.GradeFixed", nameof(Grade));
        }

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

        _events.Add(LeadEvent.GradeChanged(actorId, now, Grade, grade,
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
            _events.AddRange(validInterest.ChangesFrom(Interest)
                .Select(c => LeadEvent.FieldChanged(LeadEventKind.InterestUpdated, actorId, now, c)));
            Interest = validInterest;
        }

        if (validNeeds != Needs)
        {
            _events.AddRange(validNeeds.ChangesFrom(Needs)
                .Select(c => LeadEvent.FieldChanged(LeadEventKind.NeedsUpdated, actorId, now, c)));
            Needs = validNeeds;
        }
    }

    /// <summary>
    /// The project the lead belongs to (6.2) changes while the lead is open; the history keeps the change as an
    /// interest field (Field "Project", values by enum name) so the card and the reports read it like the others.
    /// </summary>
    public void ChangeProject(LeadProject project, long actorId, DateTimeOffset now)
    {
        EnsureOpen();
        if (!Enum.IsDefined(project))
        {
            throw new DomainException("Lead.ProjectInvalid", nameof(Project));
        }

        if (project == Project)
        {
            return;
        }

        _events.Add(LeadEvent.FieldChanged(LeadEventKind.InterestUpdated, actorId, now,
            new FieldChange(nameof(Project), Project.ToString(), project.ToString())));
        Project = project;
    }

    /// <summary>
    /// 跟进记录 (spec 2.2): what happened, closing the plan it answers, and the next plan, which is required; its
    /// default date is today + the (new) grade's interval, and a later date needs a reason.
    /// </summary>
    public FollowUpRecord RecordFollowUp(FollowUpEntry entry, PlanRequest? next, GradePolicy policy, DateOnly today,
        long actorId, DateTimeOffset now)
    {
        EnsureFollowed();
        if (entry.NewGrade == Grade.O && Grade != Grade.O)
        {
            throw new DomainException("Lead.GradeOFromOrderOnly", "NewGrade");
        }

        if (entry.ContactedAt > now.AddMinutes(5))
        {
            throw new DomainException("FollowUp.InFuture", "ContactedAt");
        }

        if (next is null)
        {
            throw new DomainException("Plan.NextRequired", "DueDate");
        }

        var plan = OpenPlan;
        var record = new FollowUpRecord(Id, StoreId, actorId, entry, plan?.Id, Grade, today, now);
        if (entry.NewGrade is { } grade && grade != Grade)
        {
            _events.Add(LeadEvent.GradeChanged(actorId, now, Grade, grade,
                record.Content.Length > ReasonMaxLength ? record.Content[..ReasonMaxLength] : record.Content));
            Grade = grade;
        }

        plan?.Complete(now);
        _records.Add(record);
        _events.Add(LeadEvent.FollowUpRecorded(actorId, now, record.Result));
        LastFollowUpDate = today;
        if (record.IsContact)
        {
            FirstContactAt ??= record.ContactedAt;
        }

        Schedule(next, policy, today, actorId, now);
        return record;
    }

    /// <summary>
    /// 订单 (spec 2.3). A deposit at or above the store's threshold makes the lead O / Ordered and moves its plan to
    /// the O interval as order reassurance; a smaller deposit records the order and leaves the grade as it was.
    /// </summary>
    public Order PlaceOrder(OrderRequest request, GradePolicy policy, DateOnly today, long actorId, DateTimeOffset now)
    {
        if (Status != LeadStatus.Active || OpenOrder is not null)
        {
            throw new DomainException("Order.NotAllowed");
        }

        var order = new Order(Id, StoreId, request, Grade, now);
        _orders.Add(order);
        _events.Add(LeadEvent.OrderPlaced(actorId, now, order));
        if (order.Deposit >= policy.DepositThreshold)
        {
            _events.Add(LeadEvent.GradeChanged(actorId, now, Grade, Grade.O, null));
            Grade = Grade.O;
            Status = LeadStatus.Ordered;
            OpenPlan?.Cancel(now);
            Schedule(new PlanRequest(policy.DefaultNextPlanDate(Grade.O, today), null,
                FollowUps.ContactMethod.Phone, PlanPurpose.OrderReassurance, null, null), policy, today, actorId, now);
        }

        return order;
    }

    /// <summary>A cancelled order returns the lead to Active with its previous grade and a new plan.</summary>
    public void CancelOrder(string? reason, bool depositRefunded, PlanRequest next, GradePolicy policy, DateOnly today,
        long actorId, DateTimeOffset now)
    {
        EnsureFollowed();
        var order = OpenOrder ?? throw new DomainException("Order.NotOpen");
        order.Cancel(reason, depositRefunded);
        _events.Add(LeadEvent.OrderCancelled(actorId, now, order));
        if (Status == LeadStatus.Ordered)
        {
            _events.Add(LeadEvent.GradeChanged(actorId, now, Grade, order.GradeBefore, order.CancelReason));
            Grade = order.GradeBefore;
            Status = LeadStatus.Active;
        }

        OpenPlan?.Cancel(now);
        Schedule(next, policy, today, actorId, now);
    }

    /// <summary>
    /// 交车 (spec 2.4): the open order is delivered, the lead is Won and its plan closed. The caller creates the
    /// vehicle, the callback and the spend in the same transaction.
    /// </summary>
    public Delivery Deliver(DeliveryRequest request, long actorId, DateTimeOffset now)
    {
        EnsureFollowed();
        var order = OpenOrder ?? throw new DomainException("Delivery.NoOrder");
        var delivery = new Delivery(Id, order.Id, StoreId, CustomerId, OwnerId, request, now);
        order.MarkDelivered();
        OpenPlan?.Complete(now);
        NextFollowUpDate = null;
        _events.Add(LeadEvent.StatusChanged(actorId, now, Status, LeadStatus.Won, null));
        _events.Add(LeadEvent.Delivered(actorId, now, order, Vin.Normalize(request.Vin), delivery.FinalPrice));
        Status = LeadStatus.Won;
        return delivery;
    }

    /// <summary>战败申请 (spec 3.2): the lead waits for the manager with its open plan still visible.</summary>
    public Defeats.DefeatRequest RequestDefeat(long requesterId, Defeats.DefeatReason reason, string? competitorBrand,
        string? competitorModel, string? explanation, DateTimeOffset now)
    {
        if (!Status.IsFollowed())
        {
            throw new DomainException("Defeat.NotAllowed");
        }

        // Spec 2.3: an order is cancelled (deposit refunded or kept) and then the lead is sent for defeat; a lead lost
        // with its order still open would keep an order nobody can deliver or cancel.
        if (OpenOrder is not null)
        {
            throw new DomainException("Defeat.CancelOrderFirst");
        }

        var request = new Defeats.DefeatRequest(this, requesterId, reason, competitorBrand, competitorModel, explanation, now);
        _events.Add(LeadEvent.StatusChanged(requesterId, now, Status, LeadStatus.DefeatPending,
            request.Explanation.Length > ReasonMaxLength ? request.Explanation[..ReasonMaxLength] : request.Explanation));
        Status = LeadStatus.DefeatPending;
        return request;
    }

    /// <summary>The manager approves: the lead is Defeated and its open plan cancelled.</summary>
    public void ApproveDefeat(Defeats.DefeatRequest request, long managerId, string? comment, DateTimeOffset now)
    {
        EnsurePendingDefeat(request);
        if (OpenOrder is not null)
        {
            // Only a lead sent for defeat before orders had to be cancelled first: reject it, and the consultant
            // cancels the order.
            throw new DomainException("Defeat.CancelOrderFirst");
        }

        request.Decide(Defeats.DefeatDecision.Approved, managerId, comment, null, now);
        OpenPlan?.Cancel(now);
        NextFollowUpDate = null;
        _events.Add(LeadEvent.StatusChanged(managerId, now, Status, LeadStatus.Defeated, Clip(request.DecisionComment)));
        Status = LeadStatus.Defeated;
    }

    /// <summary>
    /// The manager rejects (same consultant) or reassigns (another consultant): the lead is Active again with a new
    /// plan carrying the manager's instructions.
    /// </summary>
    public void ReturnFromDefeat(Defeats.DefeatRequest request, long managerId, string? instructions, long? newOwnerId,
        DateOnly planDate, GradePolicy policy, DateOnly today, DateTimeOffset now)
    {
        EnsurePendingDefeat(request);
        request.Decide(newOwnerId is null ? Defeats.DefeatDecision.Rejected : Defeats.DefeatDecision.Reassigned,
            managerId, instructions, newOwnerId, now);
        Reopen(managerId, newOwnerId, planDate, request.DecisionComment, policy, today, now);
    }

    /// <summary>战败挽救 (spec 3.2): the manager reopens a Defeated lead, assigns it and sets a plan.</summary>
    public void Rescue(long managerId, long ownerId, DateOnly planDate, string? note, GradePolicy policy, DateOnly today,
        DateTimeOffset now)
    {
        if (Status != LeadStatus.Defeated)
        {
            throw new DomainException("Defeat.NotDefeated");
        }

        _events.Add(LeadEvent.Rescued(managerId, now, ownerId, planDate, Text.Optional(note, ReasonMaxLength, "Note")));
        Reopen(managerId, ownerId, planDate, note, policy, today, now);
    }

    /// <summary>
    /// 休眠 (spec 3.5): the manager puts an Active C-grade lead to sleep. Its open plan is cancelled, so it leaves the
    /// consultant's daily list; the owner stays. Whether the store's quiet period has passed is
    /// <see cref="DormancyRule"/>'s, checked by the caller with the visits it can see.
    /// </summary>
    public void MakeDormant(long managerId, DateTimeOffset now)
    {
        if (Status != LeadStatus.Active || Grade != Grade.C || OpenOrder is not null)
        {
            throw new DomainException("Dormant.NotAllowed");
        }

        OpenPlan?.Cancel(now);
        NextFollowUpDate = null;
        IsOutOfControl = false;
        _events.Add(LeadEvent.StatusChanged(managerId, now, Status, LeadStatus.Dormant, null));
        Status = LeadStatus.Dormant;
    }

    /// <summary>
    /// A Dormant lead is Active again with the same consultant and a new plan: by the manager (date and note of their
    /// choosing), or because the customer walked in, called or was met by a consultant again (a plan due today).
    /// </summary>
    public void Reactivate(long actorId, DateOnly planDate, string? note, GradePolicy policy, DateOnly today,
        DateTimeOffset now)
    {
        if (Status != LeadStatus.Dormant)
        {
            throw new DomainException("Dormant.NotDormant");
        }

        // Checked before anything changes, so a refused plan leaves the lead as it was.
        if (planDate < today)
        {
            throw new DomainException("Plan.DueInPast", "DueDate");
        }

        Text.Optional(note, FollowUpPlan.NoteMaxLength, "Note");
        Reopen(actorId, null, planDate, note, policy, today, now);
    }

    private void Reopen(long managerId, long? newOwnerId, DateOnly planDate, string? note, GradePolicy policy,
        DateOnly today, DateTimeOffset now)
    {
        OpenPlan?.Cancel(now);
        if (newOwnerId is { } owner && owner != OwnerId)
        {
            _events.Add(LeadEvent.OwnerChanged(managerId, now, OwnerId, owner, null));
            OwnerId = owner;
        }

        // A lead that went for defeat with its order open (allowed before orders had to be cancelled first) comes
        // back Ordered: the history says so.
        var status = OpenOrder is null ? LeadStatus.Active : LeadStatus.Ordered;
        _events.Add(LeadEvent.StatusChanged(managerId, now, Status, status, Clip(note)));
        Status = status;

        // The manager decides the date: the interval's limit does not bind a manager's instruction, so the plan needs
        // no late reason (the history names the manager).
        Schedule(new PlanRequest(planDate, null, FollowUps.ContactMethod.Phone,
                status == LeadStatus.Ordered ? PlanPurpose.OrderReassurance : PlanPurpose.InviteToStore,
                Text.Optional(note, FollowUpPlan.NoteMaxLength, "Note"), null), policy, today, managerId, now,
            managerDecides: true);
    }

    private void EnsurePendingDefeat(Defeats.DefeatRequest request)
    {
        if (Status != LeadStatus.DefeatPending || request.LeadId != Id)
        {
            throw new DomainException("Defeat.AlreadyDecided");
        }
    }

    /// <summary>
    /// 单个转派 (spec 3.1): the manager gives the lead to another consultant, with a reason. The open plan moves with
    /// it; a pending defeat request stays pending (its requester is who asked, and does not change).
    /// </summary>
    public void Reassign(long newOwnerId, string? reason, long actorId, DateTimeOffset now)
    {
        if (!Status.IsOpen())
        {
            throw new DomainException("Lead.ReassignClosed");
        }

        if (newOwnerId == OwnerId)
        {
            throw new DomainException("Lead.ReassignSameOwner", "OwnerId");
        }

        var why = Text.Required(reason, ReasonMaxLength, "Reason", "Lead.ReassignReasonRequired");
        _events.Add(LeadEvent.OwnerChanged(actorId, now, OwnerId, newOwnerId, why));
        OwnerId = newOwnerId;
        OpenPlan?.MoveTo(newOwnerId);
    }

    /// <summary>
    /// The manager approves a duplicate claim (撞单, spec 1.5): the lead goes to the consultant who asked. Refused when
    /// the lead is no longer open or no longer with the owner the claim was made against.
    /// </summary>
    public void ApproveClaim(DuplicateClaim claim, long managerId, string? comment, DateTimeOffset now)
    {
        if (claim.LeadId != Id)
        {
            throw new DomainException("Claim.WrongLead");
        }

        claim.EnsurePending();
        if (!Status.IsOpen())
        {
            throw new DomainException("Claim.LeadClosed");
        }

        if (OwnerId != claim.OwnerId)
        {
            throw new DomainException("Claim.OwnerChanged");
        }

        claim.Approve(managerId, comment, now);
        var why = claim.DecisionComment ?? claim.Note;
        Reassign(claim.RequestedById, why.Length > ReasonMaxLength ? why[..ReasonMaxLength] : why, managerId, now);
    }

    /// <summary>Records that a consultant asked the manager to resolve a duplicate claim on this lead.</summary>
    public void NoteDuplicateClaim(long requesterId, DateTimeOffset now) =>
        _events.Add(LeadEvent.DuplicateClaimRequested(requesterId, now, OwnerId));

    private void Schedule(PlanRequest request, GradePolicy policy, DateOnly today, long actorId, DateTimeOffset now,
        bool managerDecides = false)
    {
        if (OpenPlan is not null)
        {
            throw new DomainException("Plan.AlreadyOpen");
        }

        var latest = managerDecides ? DateOnly.MaxValue : policy.DefaultNextPlanDate(Grade, today);
        var plan = new FollowUpPlan(Id, StoreId, OwnerId, request, today, latest, now);
        _plans.Add(plan);
        NextFollowUpDate = plan.DueDate;
        _events.Add(LeadEvent.PlanScheduled(actorId, now, plan.DueDate, plan.LateReason));
    }

    private void EnsureOpen()
    {
        if (!Status.IsOpen())
        {
            throw new DomainException("Lead.Closed");
        }
    }

    private static string? Clip(string? text) => text is { Length: > ReasonMaxLength } ? text[..ReasonMaxLength] : text;

    /// <summary>Follow-ups, order changes and deliveries belong to a followed lead (Active or Ordered).</summary>
    private void EnsureFollowed()
    {
        if (Status == LeadStatus.DefeatPending)
        {
            throw new DomainException("Lead.AwaitingDefeatDecision");
        }

        EnsureOpen();
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

    public LeadProject Project { get; init; }

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
