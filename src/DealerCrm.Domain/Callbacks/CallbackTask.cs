using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Callbacks;

public enum CallbackType
{
    NewCarThreeDay = 0,
    AfterSalesThreeDay = 1,
    DormantCustomer = 2,
    BirthdayCare = 3,

    /// <summary>The CRM officer's call after a grievance or complaint was resolved (4.4): satisfied or unreachable
    /// closes the item, dissatisfied reopens it.</summary>
    ComplaintFollowUp = 4,

    /// <summary>A service reminder (5.1, issue 14): first maintenance or maintenance due, annual inspection due,
    /// insurance expiring — one call listing every reason the customer has that week (<c>service_reminders</c> rows
    /// point at it). Reached, the customer may book a visit (<see cref="CallbackTask.BookedFor"/>).</summary>
    ServiceReminder = 5,
}

public enum CallbackStatus
{
    Open = 0,

    /// <summary>Reached and answered (the questionnaire, or the dormant reason).</summary>
    Reached = 1,

    /// <summary>The customer refused the call.</summary>
    Refused = 2,

    /// <summary>3 unanswered attempts over at least 2 days, every known number tried (4.7).</summary>
    Unreachable = 3,

    /// <summary>Not done 7 days after its due date: counted as due and not attempted (4.7).</summary>
    Missed = 4,

    /// <summary>Closed without a call: consent withdrawn, blacklisted, the car sold or scrapped.</summary>
    Cancelled = 5,

    /// <summary>A birthday greeting given on another call already due for the customer (one call in 7 days, 4.7).</summary>
    Combined = 6,
}

/// <summary>The outcomes of one call attempt (4.7).</summary>
public enum CallOutcome
{
    Reached = 0,
    NoAnswer = 1,
    Busy = 2,
    SwitchedOff = 3,
    WrongNumber = 4,
    SomeoneElseAnswered = 5,
    CallLater = 6,
    Refused = 7,
}

/// <summary>Overall satisfaction, the five-level scale of 4.3 (the value is the level: 5 very satisfied).</summary>
public enum Satisfaction
{
    VeryDissatisfied = 1,
    Dissatisfied = 2,
    Neutral = 3,
    Satisfied = 4,
    VerySatisfied = 5,
}

/// <summary>Why a dormant customer stopped coming (4.7).</summary>
public enum LapseReason
{
    Moved = 0,
    SoldTheCar = 1,
    Scrapped = 2,
    AnotherDealer = 3,
    IndependentGarage = 4,
    Price = 5,
    BadExperience = 6,
    LittleUse = 7,
    Other = 8,
}

/// <summary>
/// A callback for the CRM officers (spec 4.3, rules 4.7). Created by the delivery and by the callback jobs, one per
/// occasion (unique keys in the database); worked from the queue by attempts until reached, refused, unreachable or
/// missed. Its <see cref="DueDate"/> is the original due date and never moves: it is the task's month in the reports.
/// </summary>
public sealed class CallbackTask
{
    public const int CallbackAfterDays = 3;
    public const int MissedAfterDays = 7;
    public const int UnreachableAttempts = 3;
    public const int UnreachableDays = 2;
    public const int CommentsMaxLength = 1000;
    public const int OccasionKeyMaxLength = 40;

    /// <summary>A service reminder's booking is at most this many days ahead.</summary>
    public const int BookingWithinDays = 90;

    private readonly List<CallbackAttempt> _attempts = [];
    private readonly List<CallbackAnswer> _answers = [];

    private CallbackTask()
    {
    }

    public CallbackTask(int storeId, CallbackType type, long customerId, long? vehicleId, long? deliveryId,
        DateOnly dueDate, DateTimeOffset now, long? serviceVisitId = null, string? occasionKey = null,
        string? contactName = null, string? contactNumber = null, string? preferredTime = null, long? assignedToId = null,
        long? complaintId = null)
    {
        ComplaintId = type == CallbackType.ComplaintFollowUp
            ? complaintId ?? throw new ArgumentException("A follow-up call needs its complaint.", nameof(complaintId))
            : null;
        StoreId = storeId;
        Type = type;
        CustomerId = customerId;
        VehicleId = vehicleId;
        DeliveryId = deliveryId;
        ServiceVisitId = serviceVisitId;
        OccasionKey = occasionKey;
        DueDate = dueDate;
        ContactName = contactName;
        ContactNumber = contactNumber;
        PreferredTime = preferredTime;
        AssignedToId = assignedToId;
        Status = CallbackStatus.Open;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public CallbackType Type { get; private set; }

    public long CustomerId { get; private set; }

    public long? VehicleId { get; private set; }

    public long? DeliveryId { get; private set; }

    /// <summary>The repair order it is about (after-sales: the latest of the window).</summary>
    public long? ServiceVisitId { get; private set; }

    /// <summary>The grievance or complaint a <see cref="CallbackType.ComplaintFollowUp"/> call closes or reopens.</summary>
    public long? ComplaintId { get; private set; }

    /// <summary>What makes the task unique besides its delivery: the after-sales window, the birthday's year, the
    /// dormant period (the jobs' idempotency keys).</summary>
    public string? OccasionKey { get; private set; }

    /// <summary>The original due date (store-local): never moves, not even by "call later" (4.7).</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>Who is called: the buyer (new car), the one who brought the car (after-sales), the owner.</summary>
    public string? ContactName { get; private set; }

    public string? ContactNumber { get; private set; }

    public string? PreferredTime { get; private set; }

    public long? AssignedToId { get; private set; }

    public CallbackStatus Status { get; private set; }

    /// <summary>"Asked to call later": the agreed time of the next attempt.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public Satisfaction? OverallSatisfaction { get; private set; }

    public string? Comments { get; private set; }

    public LapseReason? LapseReason { get; private set; }

    /// <summary>For a "no" answer or a complaint on the call: when the customer agreed the manager may call (4.4).</summary>
    public DateTimeOffset? ManagerCallAgreedAt { get; private set; }

    public long? CombinedIntoTaskId { get; private set; }

    /// <summary>A service reminder reached and booked: when the customer will bring the car (store-local time as an
    /// instant). The service advisors see upcoming bookings on /Service.</summary>
    public DateTimeOffset? BookedFor { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public long? ClosedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the callback jobs told the officer(s) the task is due (set only by the job, once).</summary>
    public DateTimeOffset? DueNotifiedAt { get; private set; }

    /// <summary>When the callback jobs told the officer(s) the task is overdue (set only by the job, once).</summary>
    public DateTimeOffset? OverdueNotifiedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<CallbackAttempt> Attempts => _attempts;

    public IReadOnlyList<CallbackAnswer> Answers => _answers;

    public bool IsOpen => Status == CallbackStatus.Open;

    /// <summary>The first day the customer may be called: the day after the delivery or completion (4.7).</summary>
    public static DateOnly CallableFrom(DateOnly completed) => completed.AddDays(1);

    /// <summary>The day a task still open ends missed (4.7: 7 days after its due date).</summary>
    public static DateOnly MissedOn(DateOnly dueDate) => dueDate.AddDays(MissedAfterDays + 1);

    public bool IsMissedBy(DateOnly today) => IsOpen && today >= MissedOn(DueDate);

    public void AssignTo(long officerId) => AssignedToId = officerId;

    /// <summary>An officer takes an unassigned task from the store's queue.</summary>
    public void Take(long officerId)
    {
        EnsureOpen();
        if (AssignedToId is { } other && other != officerId)
        {
            throw new DomainException("Callback.TakenByOther");
        }

        AssignedToId = officerId;
    }

    /// <summary>Back to the store's queue (the officer left, or was deactivated).</summary>
    public void Release() => AssignedToId = null;

    /// <summary>
    /// One call attempt. <paramref name="knownNumbers"/> are all the numbers the task may dial (the contact's, the
    /// owner's mobile and other phones): the task is unreachable only once every one of them was tried (4.7).
    /// <paramref name="localDateOf"/> turns an instant into the store's date (attempts count by store day).
    /// A reached call is saved by <see cref="RecordReached"/>, which takes the answers.
    /// </summary>
    public CallbackAttempt RecordAttempt(CallOutcome outcome, string? numberDialled, long byUserId, DateTimeOffset now,
        Func<DateTimeOffset, DateOnly> localDateOf, IReadOnlyCollection<string> knownNumbers,
        DateTimeOffset? callBackAt = null, string? recordingId = null, int? recordingSeconds = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(localDateOf);
        ArgumentNullException.ThrowIfNull(knownNumbers);
        EnsureOpen();
        if (!Enum.IsDefined(outcome))
        {
            throw new DomainException("Callback.OutcomeInvalid", "Outcome");
        }

        if (outcome == CallOutcome.Reached)
        {
            throw new InvalidOperationException("A reached call is recorded with its answers.");
        }

        if (outcome == CallOutcome.CallLater)
        {
            if (callBackAt is not { } later)
            {
                throw new DomainException("Callback.CallBackAtRequired", "CallBackAt");
            }

            if (later <= now || !UserDates.IsSane(later.UtcDateTime) || later > now.AddDays(60))
            {
                throw new DomainException("Callback.CallBackAtInvalid", "CallBackAt", 60);
            }
        }

        var attempt = new CallbackAttempt(Id, outcome, Dialled(numberDialled), byUserId, now, recordingId,
            recordingSeconds, outcome == CallOutcome.CallLater ? callBackAt : null, note);
        _attempts.Add(attempt);
        switch (outcome)
        {
            case CallOutcome.CallLater:
                NextAttemptAt = callBackAt!.Value.ToUniversalTime();
                break;
            case CallOutcome.Refused:
                Close(CallbackStatus.Refused, byUserId, now);
                break;
            default:
                NextAttemptAt = null;
                if (IsUnreachable(localDateOf, knownNumbers))
                {
                    Close(CallbackStatus.Unreachable, byUserId, now);
                }

                break;
        }

        return attempt;
    }

    /// <summary>
    /// The customer answered: the questionnaire (every current question once; a "no" with its reason), the overall
    /// level for the 3-day callbacks, the lapse reason for a dormant call, comments.
    /// </summary>
    public CallbackAttempt RecordReached(string? numberDialled, long byUserId, DateTimeOffset now,
        IReadOnlyCollection<QuestionAsked> questionnaire, IReadOnlyCollection<AnswerGiven> answers,
        Satisfaction? overall, LapseReason? lapseReason, string? comments, DateTimeOffset? managerCallAgreedAt = null,
        string? recordingId = null, int? recordingSeconds = null, DateTimeOffset? bookedFor = null)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        EnsureOpen();
        var given = answers.GroupBy(a => a.QuestionVersionId).ToDictionary(g => g.Key, g => g.Last());
        var checkedAnswers = new List<CallbackAnswer>();
        foreach (var question in questionnaire)
        {
            var field = $"Answers[{question.QuestionVersionId}]";
            if (!given.TryGetValue(question.QuestionVersionId, out var answer) || !Enum.IsDefined(answer.Value))
            {
                throw new DomainException("Callback.AnswerRequired", field);
            }

            checkedAnswers.Add(CallbackAnswer.Check(Id, question, answer, field));
        }

        if (given.Keys.Except(questionnaire.Select(q => q.QuestionVersionId)).Any())
        {
            throw new DomainException("Callback.AnswerUnknownQuestion");
        }

        if (Type is CallbackType.NewCarThreeDay or CallbackType.AfterSalesThreeDay or CallbackType.ComplaintFollowUp)
        {
            if (overall is not { } level || !Enum.IsDefined(level))
            {
                throw new DomainException("Callback.SatisfactionRequired", "Satisfaction");
            }
        }
        else if (overall is { } level && !Enum.IsDefined(level))
        {
            throw new DomainException("Callback.SatisfactionRequired", "Satisfaction");
        }

        if (Type == CallbackType.DormantCustomer && (lapseReason is not { } reason || !Enum.IsDefined(reason)))
        {
            throw new DomainException("Callback.LapseReasonRequired", "LapseReason");
        }

        if (managerCallAgreedAt is { } agreed && (agreed < now.AddMinutes(-5) || agreed > now.AddDays(30)))
        {
            throw new DomainException("Callback.ManagerCallInvalid", "ManagerCallAgreedAt", 30);
        }

        if (bookedFor is { } booked)
        {
            if (Type != CallbackType.ServiceReminder)
            {
                throw new DomainException("Callback.BookingOnlyForReminders", "BookedFor");
            }

            if (booked <= now || !UserDates.IsSane(booked.UtcDateTime) || booked > now.AddDays(BookingWithinDays))
            {
                throw new DomainException("Callback.BookedForInvalid", "BookedFor", BookingWithinDays);
            }
        }

        Comments = Text.Optional(comments, CommentsMaxLength, "Comments");
        BookedFor = bookedFor?.ToUniversalTime();
        OverallSatisfaction = overall;
        LapseReason = Type == CallbackType.DormantCustomer ? lapseReason : null;
        ManagerCallAgreedAt = managerCallAgreedAt?.ToUniversalTime();
        _answers.AddRange(checkedAnswers);
        var attempt = new CallbackAttempt(Id, CallOutcome.Reached, Dialled(numberDialled), byUserId, now, recordingId,
            recordingSeconds, null, null);
        _attempts.Add(attempt);
        NextAttemptAt = null;
        Close(CallbackStatus.Reached, byUserId, now);
        return attempt;
    }

    /// <summary>Closes an open task without a call (consent withdrawn, blacklisted, car sold or scrapped).</summary>
    public void Cancel(long? byUserId, DateTimeOffset now)
    {
        EnsureOpen();
        Close(CallbackStatus.Cancelled, byUserId, now);
    }

    /// <summary>The 7 days after the due date have passed: missed (the job's set-based statement does the same).</summary>
    public void MarkMissed(DateOnly today, DateTimeOffset now)
    {
        if (!IsMissedBy(today))
        {
            throw new DomainException("Callback.NotYetMissed");
        }

        Close(CallbackStatus.Missed, null, now);
    }

    public void CombineInto(long otherTaskId, DateTimeOffset now)
    {
        EnsureOpen();
        CombinedIntoTaskId = otherTaskId;
        Close(CallbackStatus.Combined, null, now);
    }

    /// <summary>
    /// 4.7: at least 3 unanswered attempts, on at least 2 different store days, and every known number dialled
    /// at least once without an answer. "Call later" is not a failed attempt; a wrong number is one (that number
    /// cannot reach them).
    /// </summary>
    public bool IsUnreachable(Func<DateTimeOffset, DateOnly> localDateOf, IReadOnlyCollection<string> knownNumbers)
    {
        ArgumentNullException.ThrowIfNull(localDateOf);
        ArgumentNullException.ThrowIfNull(knownNumbers);
        var failed = _attempts.Where(a => a.Outcome.IsUnanswered()).ToList();
        if (failed.Count < UnreachableAttempts || failed.Select(a => localDateOf(a.At)).Distinct().Count() < UnreachableDays)
        {
            return false;
        }

        var dialled = failed.Select(a => a.NumberDialled).ToHashSet(StringComparer.Ordinal);
        return knownNumbers.All(dialled.Contains);
    }

    private static string Dialled(string? number) =>
        string.IsNullOrWhiteSpace(number)
            ? throw new DomainException("Callback.NumberRequired", "NumberDialled")
            : Text.Required(number, 30, "NumberDialled");

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException("Callback.NotOpen");
        }
    }

    private void Close(CallbackStatus status, long? byUserId, DateTimeOffset now)
    {
        Status = status;
        ClosedAt = now.ToUniversalTime();
        ClosedById = byUserId;
    }
}

public static class CallOutcomeRules
{
    /// <summary>The attempts that count toward "unreachable" (4.7).</summary>
    public static bool IsUnanswered(this CallOutcome outcome) => outcome is CallOutcome.NoAnswer or CallOutcome.Busy
        or CallOutcome.SwitchedOff or CallOutcome.WrongNumber or CallOutcome.SomeoneElseAnswered;

    /// <summary>The customer was on the line (counts for the one-call-per-7-days limit).</summary>
    public static bool IsConversation(this CallOutcome outcome) =>
        outcome is CallOutcome.Reached or CallOutcome.CallLater or CallOutcome.Refused;
}

/// <summary>One call attempt: who, when, the number dialled, the outcome, an optional recording reference.</summary>
public sealed class CallbackAttempt
{
    public const int RecordingIdMaxLength = 100;
    public const int NoteMaxLength = 500;

    private CallbackAttempt()
    {
        NumberDialled = string.Empty;
    }

    internal CallbackAttempt(long taskId, CallOutcome outcome, string numberDialled, long byUserId, DateTimeOffset at,
        string? recordingId, int? recordingSeconds, DateTimeOffset? callBackAt, string? note)
    {
        if (recordingSeconds is < 0 or > 86_400)
        {
            throw new DomainException("Callback.RecordingSecondsRange", "RecordingSeconds", 0, 86_400);
        }

        TaskId = taskId;
        Outcome = outcome;
        NumberDialled = numberDialled;
        ByUserId = byUserId;
        At = at.ToUniversalTime();
        RecordingId = Text.Optional(recordingId, RecordingIdMaxLength, "RecordingId");
        RecordingSeconds = recordingSeconds;
        CallBackAt = callBackAt?.ToUniversalTime();
        Note = Text.Optional(note, NoteMaxLength, "Note");
    }

    public long Id { get; private set; }

    public long TaskId { get; private set; }

    public CallOutcome Outcome { get; private set; }

    public string NumberDialled { get; private set; }

    public long ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? RecordingId { get; private set; }

    public int? RecordingSeconds { get; private set; }

    public DateTimeOffset? CallBackAt { get; private set; }

    public string? Note { get; private set; }
}
