using System.Linq.Expressions;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Complaints;

/// <summary>A grievance (抱怨) arises from a callback; a complaint (投诉) is a major grievance or comes in directly (4.4).</summary>
public enum ComplaintKind
{
    Grievance = 0,
    Complaint = 1,
}

/// <summary>Where an item came from. <see cref="Callback"/> items began as grievances.</summary>
public enum ComplaintSource
{
    Callback = 0,
    Phone = 1,
    WalkIn = 2,
    ManufacturerHotline = 3,
}

/// <summary>The responsible department (4.4): sales for new-car callbacks and sales matters, after-sales otherwise.</summary>
public enum ComplaintDepartment
{
    AfterSales = 0,
    Sales = 1,
}

public enum ComplaintStatus
{
    /// <summary>Being handled (also after a reopening).</summary>
    Open = 0,

    /// <summary>Resolved by the responsible side; waiting for the CRM officer's follow-up call.</summary>
    Resolved = 1,

    /// <summary>The customer confirmed satisfaction on the follow-up call, or that call ended unreachable.</summary>
    Closed = 2,
}

/// <summary>
/// The steps of an item's timeline. Steps with a limit (<see cref="ComplaintClock.DeadlineOf"/>) count in the
/// timely-handling rate; the rest (<see cref="Reopened"/>, <see cref="Closed"/>, <see cref="RaisedToComplaint"/>,
/// <see cref="Note"/>) only record who did what and when.
/// </summary>
public enum ComplaintStepType
{
    /// <summary>Grievance: submitted to the GM, copied to the responsible manager — half a working day from the call.</summary>
    SubmittedToManagement = 0,

    /// <summary>Grievance: the responsible manager called the customer — 1 working day from submission.</summary>
    ManagerCalled = 1,

    /// <summary>Complaint: escalated to the GM and the responsible manager — half a working day from receipt.</summary>
    Escalated = 2,

    /// <summary>Complaint: first contact with the customer — 24 h from receipt.</summary>
    FirstContact = 3,

    /// <summary>Resolved — complaints 7 days from receipt; grievances have no resolution limit.</summary>
    Resolved = 4,

    /// <summary>Complaint re-handled after a reopening — 21 days from receipt (reopening never restarts the clock).</summary>
    ReHandled = 5,

    /// <summary>Manufacturer case: the manufacturer's portal updated — 24 h from receipt.</summary>
    PortalUpdated = 6,

    /// <summary>Manufacturer case: the result reported back to the manufacturer — at resolution (7 days from receipt).</summary>
    ResultReported = 7,

    RaisedToComplaint = 8,
    Reopened = 9,
    Closed = 10,
    Note = 11,
}

/// <summary>
/// A grievance or complaint with its clock (spec 4.4): customer, vehicle, source, category, description, responsible
/// department and person, and a timeline of <see cref="ComplaintStep"/>s, each with its deadline and who did it when.
/// Raising a grievance to a complaint keeps the one item and its timeline: the grievance's open steps are superseded
/// and the complaint's steps start from the raise. Resolving it hands it to the CRM officer's follow-up call, which
/// closes it (satisfied, or unreachable) or reopens it (dissatisfied); reopening never restarts the clock.
/// </summary>
public sealed class Complaint
{
    public const int DescriptionMaxLength = 2000;
    public const int NoteMaxLength = 1000;
    public const int CaseNumberMaxLength = 50;
    public const int CategoryMaxLength = ComplaintCategory.CodeMaxLength;

    private readonly List<ComplaintStep> _steps = [];

    private Complaint()
    {
        CategoryCode = string.Empty;
        Description = string.Empty;
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public ComplaintKind Kind { get; private set; }

    public ComplaintSource Source { get; private set; }

    public ComplaintStatus Status { get; private set; }

    public long CustomerId { get; private set; }

    public long? VehicleId { get; private set; }

    /// <summary>The callback a grievance came from.</summary>
    public long? CallbackTaskId { get; private set; }

    /// <summary>The repair order (after-sales) the item is about, when known.</summary>
    public long? ServiceVisitId { get; private set; }

    /// <summary>The delivery (sales) the item is about, when known.</summary>
    public long? DeliveryId { get; private set; }

    public ComplaintDepartment Department { get; private set; }

    /// <summary>The person handling it; the department's managers answer for it until one is named.</summary>
    public long? ResponsibleUserId { get; private set; }

    /// <summary>A code of the store's category list (<see cref="ComplaintCategory"/>).</summary>
    public string CategoryCode { get; private set; }

    public string Description { get; private set; }

    public string? ManufacturerCaseNumber { get; private set; }

    /// <summary>When the item came in: the call of a grievance, or the complaint's receipt.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The complaint clock's start: receipt of a direct complaint (the manufacturer's sent time for hotline
    /// cases) or the moment a grievance was raised to a complaint. Null for a grievance.</summary>
    public DateTimeOffset? ComplaintReceivedAt { get; private set; }

    /// <summary>The time the customer agreed on the call for the manager's call (4.4).</summary>
    public DateTimeOffset? ManagerCallAgreedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? Resolution { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public int ReopenCount { get; private set; }

    public long CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<ComplaintStep> Steps => _steps;

    public bool IsManufacturerCase => Source == ComplaintSource.ManufacturerHotline;

    /// <summary>The department a callback's grievance goes to: sales for the new-car callback, after-sales otherwise.</summary>
    public static ComplaintDepartment DepartmentOf(CallbackType type) =>
        type == CallbackType.NewCarThreeDay ? ComplaintDepartment.Sales : ComplaintDepartment.AfterSales;

    /// <summary>Whether a saved callback raises a grievance (4.4): any problem answer ("no", or an "other problems"
    /// yes), or an overall rating of dissatisfied or very dissatisfied. A complaint's own follow-up call never does:
    /// its dissatisfied answer reopens the complaint instead.</summary>
    public static bool CallbackRaisesGrievance(CallbackType type, bool anyProblemAnswer, Satisfaction? overall) =>
        type != CallbackType.ComplaintFollowUp
        && (anyProblemAnswer || overall is Satisfaction.Dissatisfied or Satisfaction.VeryDissatisfied);

    /// <summary>
    /// The grievance of a callback just saved (4.4): submitted at once to the GM and the responsible manager (the
    /// caller sends the notifications in the same transaction), so its first step is done by the officer; the
    /// manager's call is due 1 working day later, or at the time the customer agreed if that is later.
    /// </summary>
    public static Complaint RaiseGrievance(CallbackTask callback, string categoryCode, string description,
        long officerId, DateTimeOffset now, ComplaintClock clock)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(clock);
        var item = new Complaint
        {
            StoreId = callback.StoreId,
            Kind = ComplaintKind.Grievance,
            Source = ComplaintSource.Callback,
            Status = ComplaintStatus.Open,
            CustomerId = callback.CustomerId,
            VehicleId = callback.VehicleId,
            CallbackTaskId = callback.Id,
            ServiceVisitId = callback.ServiceVisitId,
            DeliveryId = callback.DeliveryId,
            Department = DepartmentOf(callback.Type),
            CategoryCode = Category(categoryCode),
            Description = Text.Required(description, DescriptionMaxLength, nameof(Description), "Complaint.DescriptionRequired"),
            ReceivedAt = now.ToUniversalTime(),
            ManagerCallAgreedAt = callback.ManagerCallAgreedAt,
            CreatedById = officerId,
            CreatedAt = now.ToUniversalTime(),
        };
        var received = item.ReceivedAt;
        item.AddStep(ComplaintStepType.SubmittedToManagement, clock.DeadlineOf(ComplaintStepType.SubmittedToManagement, received, received))
            .Done(officerId, now, null);
        var callDeadline = clock.DeadlineOf(ComplaintStepType.ManagerCalled, received, received)!.Value;
        if (item.ManagerCallAgreedAt is { } agreed && agreed > callDeadline)
        {
            callDeadline = agreed;
        }

        item.AddStep(ComplaintStepType.ManagerCalled, callDeadline);
        return item;
    }

    /// <summary>
    /// A complaint entered directly (phone, walk-in, manufacturer hotline). It is escalated when it is entered (the
    /// caller notifies the GM and the responsible manager), so that step is late only when the entry itself was
    /// later than half a working day after receipt — a manufacturer case entered late, say.
    /// </summary>
    public static Complaint OpenComplaint(int storeId, long customerId, long? vehicleId, long? serviceVisitId,
        long? deliveryId, ComplaintSource source, ComplaintDepartment department, string categoryCode,
        string description, DateTimeOffset? receivedAt, string? manufacturerCaseNumber, long byUserId,
        DateTimeOffset now, ComplaintClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (source == ComplaintSource.Callback || !Enum.IsDefined(source))
        {
            throw new DomainException("Complaint.SourceInvalid", nameof(Source));
        }

        if (!Enum.IsDefined(department))
        {
            throw new DomainException("Complaint.DepartmentInvalid", nameof(Department));
        }

        var caseNumber = Text.Optional(manufacturerCaseNumber, CaseNumberMaxLength, nameof(ManufacturerCaseNumber));
        if (source == ComplaintSource.ManufacturerHotline && caseNumber is null)
        {
            throw new DomainException("Complaint.CaseNumberRequired", nameof(ManufacturerCaseNumber));
        }

        if (source == ComplaintSource.ManufacturerHotline && receivedAt is null)
        {
            throw new DomainException("Complaint.SentTimeRequired", nameof(ReceivedAt));
        }

        var received = (receivedAt ?? now).ToUniversalTime();
        if (received > now.ToUniversalTime().AddMinutes(5))
        {
            throw new DomainException("Complaint.ReceivedInFuture", nameof(ReceivedAt));
        }

        if (received < now.ToUniversalTime().AddDays(-90))
        {
            throw new DomainException("Complaint.ReceivedTooOld", nameof(ReceivedAt), 90);
        }

        var item = new Complaint
        {
            StoreId = storeId,
            Kind = ComplaintKind.Complaint,
            Source = source,
            Status = ComplaintStatus.Open,
            CustomerId = customerId,
            VehicleId = vehicleId,
            ServiceVisitId = serviceVisitId,
            DeliveryId = deliveryId,
            Department = department,
            CategoryCode = Category(categoryCode),
            Description = Text.Required(description, DescriptionMaxLength, nameof(Description), "Complaint.DescriptionRequired"),
            ManufacturerCaseNumber = source == ComplaintSource.ManufacturerHotline ? caseNumber : null,
            ReceivedAt = received,
            ComplaintReceivedAt = received,
            CreatedById = byUserId,
            CreatedAt = now.ToUniversalTime(),
        };
        item.StartComplaintClock(byUserId, now, clock);
        return item;
    }

    /// <summary>Raises a grievance to a complaint (a major grievance, 4.4): the complaint clock starts now; the
    /// grievance's open steps are superseded (they no longer count).</summary>
    public void RaiseToComplaint(long byUserId, string? note, DateTimeOffset now, ComplaintClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Kind != ComplaintKind.Grievance)
        {
            throw new DomainException("Complaint.AlreadyComplaint");
        }

        EnsureNotClosed();
        foreach (var step in _steps.Where(s => s.IsPending))
        {
            step.Supersede();
        }

        Kind = ComplaintKind.Complaint;
        ComplaintReceivedAt = now.ToUniversalTime();
        Status = ComplaintStatus.Open;
        AddStep(ComplaintStepType.RaisedToComplaint, null).Done(byUserId, now, Text.Optional(note, NoteMaxLength, "Note"));
        StartComplaintClock(byUserId, now, clock);
    }

    /// <summary>Records a step with a limit as done (the manager's call, first contact, portal updated, result
    /// reported). Resolution goes through <see cref="Resolve"/>.</summary>
    public ComplaintStep CompleteStep(ComplaintStepType type, long byUserId, string? note, DateTimeOffset now)
    {
        EnsureNotClosed();
        if (type is ComplaintStepType.Resolved or ComplaintStepType.ReHandled)
        {
            throw new DomainException("Complaint.UseResolve");
        }

        var step = _steps.FirstOrDefault(s => s.Type == type && s.IsPending)
                   ?? throw new DomainException("Complaint.StepNotPending", "Step");
        if (type == ComplaintStepType.ResultReported && Status != ComplaintStatus.Resolved && ResolvedAt is null)
        {
            throw new DomainException("Complaint.ReportAfterResolution", "Step");
        }

        step.Done(byUserId, now, Text.Optional(note, NoteMaxLength, "Note"));
        return step;
    }

    /// <summary>Resolves the item (the resolution step, or the re-handling step after a reopening). The caller creates
    /// the CRM officer's follow-up callback in the same transaction.</summary>
    public ComplaintStep Resolve(long byUserId, string resolution, DateTimeOffset now)
    {
        if (Status != ComplaintStatus.Open)
        {
            throw new DomainException("Complaint.NotOpen");
        }

        var text = Text.Required(resolution, NoteMaxLength, nameof(Resolution), "Complaint.ResolutionRequired");
        var step = _steps.LastOrDefault(s => s.Type is ComplaintStepType.Resolved or ComplaintStepType.ReHandled && s.IsPending)
                   ?? AddStep(ComplaintStepType.Resolved, null);
        step.Done(byUserId, now, text);
        Resolution = text;
        ResolvedAt = now.ToUniversalTime();
        Status = ComplaintStatus.Resolved;
        return step;
    }

    /// <summary>The follow-up call: the customer confirmed satisfaction, or the call ended unreachable — closed.</summary>
    public void Close(long? byUserId, string? note, DateTimeOffset now)
    {
        if (Status != ComplaintStatus.Resolved)
        {
            throw new DomainException("Complaint.NotResolved");
        }

        Status = ComplaintStatus.Closed;
        ClosedAt = now.ToUniversalTime();
        AddStep(ComplaintStepType.Closed, null).Done(byUserId, now, Text.Optional(note, NoteMaxLength, "Note"));
    }

    /// <summary>The follow-up call found the customer dissatisfied: handled again. A complaint's re-handling is due
    /// 21 days from its receipt (never restarted); a grievance's new resolution has no limit.</summary>
    public void Reopen(long? byUserId, string? note, DateTimeOffset now, ComplaintClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Status != ComplaintStatus.Resolved)
        {
            throw new DomainException("Complaint.NotResolved");
        }

        Status = ComplaintStatus.Open;
        ReopenCount++;
        ResolvedAt = null;
        AddStep(ComplaintStepType.Reopened, null).Done(byUserId, now, Text.Optional(note, NoteMaxLength, "Note"));
        if (Kind == ComplaintKind.Complaint)
        {
            var received = ComplaintReceivedAt!.Value;
            AddStep(ComplaintStepType.ReHandled, clock.DeadlineOf(ComplaintStepType.ReHandled, received, received));
        }
        else
        {
            AddStep(ComplaintStepType.Resolved, null);
        }
    }

    /// <summary>Names the person handling it (and may move it to the other department).</summary>
    public void AssignResponsible(long? userId, ComplaintDepartment department, long byUserId, DateTimeOffset now)
    {
        EnsureNotClosed();
        if (!Enum.IsDefined(department))
        {
            throw new DomainException("Complaint.DepartmentInvalid", nameof(Department));
        }

        ResponsibleUserId = userId;
        Department = department;
        AddStep(ComplaintStepType.Note, null).Done(byUserId, now, null);
    }

    public void Recategorize(string categoryCode) => CategoryCode = Category(categoryCode);

    /// <summary>A free note on the timeline (what was said, what was agreed).</summary>
    public ComplaintStep AddNote(long byUserId, string note, DateTimeOffset now)
    {
        var text = Text.Required(note, NoteMaxLength, "Note");
        var step = AddStep(ComplaintStepType.Note, null);
        step.Done(byUserId, now, text);
        return step;
    }

    /// <summary>The steps with a limit still running or missed (for the list's "nearest deadline").</summary>
    public DateTimeOffset? NextDeadline =>
        _steps.Where(s => s.IsPending && s.Deadline is not null).Min(s => s.Deadline);

    private void StartComplaintClock(long byUserId, DateTimeOffset now, ComplaintClock clock)
    {
        var received = ComplaintReceivedAt!.Value;
        DateTimeOffset? Limit(ComplaintStepType type) => clock.DeadlineOf(type, received, received);
        AddStep(ComplaintStepType.Escalated, Limit(ComplaintStepType.Escalated)).Done(byUserId, now, null);
        AddStep(ComplaintStepType.FirstContact, Limit(ComplaintStepType.FirstContact));
        if (IsManufacturerCase)
        {
            AddStep(ComplaintStepType.PortalUpdated, Limit(ComplaintStepType.PortalUpdated));
        }

        AddStep(ComplaintStepType.Resolved, Limit(ComplaintStepType.Resolved));
        if (IsManufacturerCase)
        {
            AddStep(ComplaintStepType.ResultReported, Limit(ComplaintStepType.ResultReported));
        }
    }

    private ComplaintStep AddStep(ComplaintStepType type, DateTimeOffset? deadline)
    {
        var step = new ComplaintStep(Id, type, deadline, _steps.Count + 1);
        _steps.Add(step);
        return step;
    }

    private void EnsureNotClosed()
    {
        if (Status == ComplaintStatus.Closed)
        {
            throw new DomainException("Complaint.Closed");
        }
    }

    private static string Category(string? code)
    {
        var value = code?.Trim();
        return string.IsNullOrEmpty(value) || value.Length > CategoryMaxLength || value.Any(char.IsControl)
            ? throw new DomainException("Complaint.CategoryRequired", nameof(CategoryCode))
            : value;
    }
}

/// <summary>One step of an item's timeline: its deadline (if it has a limit), who did it and when, and whether the
/// complaint clock job has flagged its breach (once per step).</summary>
public sealed class ComplaintStep
{
    private ComplaintStep()
    {
    }

    internal ComplaintStep(long complaintId, ComplaintStepType type, DateTimeOffset? deadline, int position)
    {
        ComplaintId = complaintId;
        Type = type;
        Deadline = deadline?.ToUniversalTime();
        Position = position;
    }

    public long Id { get; private set; }

    public long ComplaintId { get; private set; }

    public ComplaintStepType Type { get; private set; }

    public int Position { get; private set; }

    public DateTimeOffset? Deadline { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public long? DoneById { get; private set; }

    public string? Note { get; private set; }

    /// <summary>A grievance step left open when the item became a complaint: no longer counted.</summary>
    public bool Superseded { get; private set; }

    /// <summary>Set once by the complaint clock job when it flagged this step's breach and told the people.</summary>
    public DateTimeOffset? BreachNotifiedAt { get; private set; }

    public bool IsPending => DoneAt is null && !Superseded;

    /// <summary><see cref="IsPending"/> with a limit, as a query can say it (the list's "next deadline" in SQL).</summary>
    public static Expression<Func<ComplaintStep, bool>> PendingWithLimit { get; } =
        s => s.Deadline != null && s.DoneAt == null && !s.Superseded;

    /// <summary>How late the step is (done late, or still open past its deadline at <paramref name="now"/>).</summary>
    public TimeSpan? LateBy(DateTimeOffset now)
    {
        if (Deadline is not { } deadline || Superseded)
        {
            return null;
        }

        var end = DoneAt ?? now;
        return end > deadline ? end - deadline : null;
    }

    internal ComplaintStep Done(long? byUserId, DateTimeOffset now, string? note)
    {
        DoneAt = now.ToUniversalTime();
        DoneById = byUserId;
        Note = note;
        return this;
    }

    internal void Supersede() => Superseded = true;
}
