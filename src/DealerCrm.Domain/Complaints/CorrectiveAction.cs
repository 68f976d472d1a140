using System.Linq.Expressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Complaints;

public enum ActionKind
{
    Corrective = 0,
    Preventive = 1,
}

public enum ActionStatus
{
    /// <summary>Opened by the service manager, waiting for the GM.</summary>
    PendingApproval = 0,

    /// <summary>Returned by the GM with a comment; the service manager revises and submits again.</summary>
    Returned = 1,

    /// <summary>Approved: the responsible person carries it out.</summary>
    Approved = 2,

    /// <summary>The responsible person recorded what was done; the service manager verifies the effect.</summary>
    Done = 3,

    /// <summary>Verified and closed.</summary>
    Closed = 4,
}

/// <summary>
/// 整改措施 / 预防措施 (spec 4.5): opened by the service manager from a complaint or a recurring problem of the monthly
/// report; the GM approves (or returns it with a comment); the responsible person records what was done; the service
/// manager verifies the effect and closes it (or sends it back). Every transition is an <see cref="ActionEvent"/>
/// (who, when, comment) and is decided once: the transition checks the status it starts from, and the row version
/// keeps two clicks at the same instant apart.
/// </summary>
public sealed class CorrectiveAction
{
    public const int DescriptionMaxLength = 2000;
    public const int ProblemMaxLength = 200;
    public const int CommentMaxLength = 1000;

    private readonly List<ActionParticipant> _participants = [];
    private readonly List<ActionEvent> _events = [];

    private CorrectiveAction()
    {
        Description = string.Empty;
    }

    public CorrectiveAction(int storeId, ActionKind kind, long? complaintId, string? problemCategoryCode,
        string? problem, string description, long responsibleUserId, IEnumerable<long> participantIds, DateOnly dueDate,
        DateOnly today, long openedById, DateTimeOffset now)
        : this()
    {
        ArgumentNullException.ThrowIfNull(participantIds);
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Action.KindInvalid", nameof(Kind));
        }

        StoreId = storeId;
        Kind = kind;
        ComplaintId = complaintId;
        ProblemCategoryCode = Text.Optional(problemCategoryCode, ComplaintCategory.CodeMaxLength, nameof(ProblemCategoryCode));
        Problem = Text.Optional(problem, ProblemMaxLength, nameof(Problem));
        OpenedById = openedById;
        OpenedAt = now.ToUniversalTime();
        Status = ActionStatus.PendingApproval;
        Revise(description, responsibleUserId, participantIds, dueDate, today);
        _events.Add(new ActionEvent(Id, null, ActionStatus.PendingApproval, openedById, now, null));
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public ActionKind Kind { get; private set; }

    public ActionStatus Status { get; private set; }

    /// <summary>The complaint it corrects, if any.</summary>
    public long? ComplaintId { get; private set; }

    /// <summary>The recurring problem it prevents (a category code of the monthly report's top problems), if any.</summary>
    public string? ProblemCategoryCode { get; private set; }

    /// <summary>The problem as the report named it (a question's wording, a category), if any.</summary>
    public string? Problem { get; private set; }

    public string Description { get; private set; }

    public long ResponsibleUserId { get; private set; }

    public DateOnly DueDate { get; private set; }

    /// <summary>What the responsible person did (recorded with <see cref="RecordDone"/>).</summary>
    public string? WhatWasDone { get; private set; }

    public long OpenedById { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<ActionParticipant> Participants => _participants;

    public IReadOnlyList<ActionEvent> Events => _events;

    /// <summary>
    /// Late: not yet done and past its due date (store-local today); a done action waits for verification and is not
    /// late. Written once as an expression so the /Actions list filters by the same rule in SQL.
    /// </summary>
    public static Expression<Func<CorrectiveAction, DateOnly, bool>> LateRule { get; } =
        (a, today) => (a.Status == ActionStatus.PendingApproval || a.Status == ActionStatus.Returned
                       || a.Status == ActionStatus.Approved) && a.DueDate < today;

    private static readonly Func<CorrectiveAction, DateOnly, bool> IsLateCompiled = LateRule.Compile();

    public static Expression<Func<CorrectiveAction, bool>> Late(DateOnly today) => Predicate.Bind(LateRule, today);

    /// <summary>Not yet done and past its due date (a done action waits for verification and is not late).</summary>
    public bool IsLate(DateOnly today) => IsLateCompiled(this, today);

    public bool IsParticipant(long userId) => _participants.Any(p => p.UserId == userId);

    /// <summary>Revises a returned action (or one still pending) and submits it to the GM again.</summary>
    public void Resubmit(string description, long responsibleUserId, IEnumerable<long> participantIds, DateOnly dueDate,
        DateOnly today, long byUserId, string? comment, DateTimeOffset now)
    {
        Expect(ActionStatus.Returned, ActionStatus.PendingApproval);
        Revise(description, responsibleUserId, participantIds, dueDate, today);
        Move(ActionStatus.PendingApproval, byUserId, comment, now, commentRequired: false);
    }

    public void Approve(long gmId, string? comment, DateTimeOffset now)
    {
        Expect(ActionStatus.PendingApproval);
        ApprovedAt = now.ToUniversalTime();
        Move(ActionStatus.Approved, gmId, comment, now, commentRequired: false);
    }

    public void Return(long gmId, string? comment, DateTimeOffset now)
    {
        Expect(ActionStatus.PendingApproval);
        Move(ActionStatus.Returned, gmId, comment, now, commentRequired: true);
    }

    public void RecordDone(long byUserId, string whatWasDone, DateTimeOffset now)
    {
        Expect(ActionStatus.Approved);
        WhatWasDone = Text.Required(whatWasDone, DescriptionMaxLength, nameof(WhatWasDone), "Action.WhatWasDoneRequired");
        DoneAt = now.ToUniversalTime();
        Move(ActionStatus.Done, byUserId, null, now, commentRequired: false);
    }

    public void Verify(long serviceManagerId, string? comment, DateTimeOffset now)
    {
        Expect(ActionStatus.Done);
        ClosedAt = now.ToUniversalTime();
        Move(ActionStatus.Closed, serviceManagerId, comment, now, commentRequired: false);
    }

    /// <summary>The effect was not there: back to the responsible person, with the reason.</summary>
    public void SendBack(long serviceManagerId, string? comment, DateTimeOffset now)
    {
        Expect(ActionStatus.Done);
        DoneAt = null;
        Move(ActionStatus.Approved, serviceManagerId, comment, now, commentRequired: true);
    }

    /// <summary>A participant's or the responsible person's progress note (the status does not change).</summary>
    public ActionEvent AddNote(long byUserId, string note, DateTimeOffset now)
    {
        if (Status == ActionStatus.Closed)
        {
            throw new DomainException("Action.Closed");
        }

        var ev = new ActionEvent(Id, Status, Status, byUserId, now,
            Text.Required(note, CommentMaxLength, "Comment", "Action.CommentRequired"));
        _events.Add(ev);
        return ev;
    }

    private void Revise(string description, long responsibleUserId, IEnumerable<long> participantIds, DateOnly dueDate,
        DateOnly today)
    {
        Description = Text.Required(description, DescriptionMaxLength, nameof(Description), "Action.DescriptionRequired");
        if (dueDate < today || dueDate > today.AddYears(1))
        {
            throw new DomainException("Action.DueDateInvalid", nameof(DueDate), 1);
        }

        ResponsibleUserId = responsibleUserId;
        DueDate = dueDate;
        var wanted = participantIds.Where(id => id != responsibleUserId).Distinct().ToHashSet();
        _participants.RemoveAll(p => !wanted.Contains(p.UserId));
        foreach (var id in wanted.Where(id => _participants.All(p => p.UserId != id)))
        {
            _participants.Add(new ActionParticipant(Id, id));
        }
    }

    private void Expect(params ActionStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new DomainException("Action.AlreadyDecided");
        }
    }

    private void Move(ActionStatus to, long byUserId, string? comment, DateTimeOffset now, bool commentRequired)
    {
        var text = commentRequired
            ? Text.Required(comment, CommentMaxLength, "Comment", "Action.CommentRequired")
            : Text.Optional(comment, CommentMaxLength, "Comment");
        _events.Add(new ActionEvent(Id, Status, to, byUserId, now, text));
        Status = to;
    }
}

public sealed class ActionParticipant
{
    private ActionParticipant()
    {
    }

    internal ActionParticipant(long actionId, long userId)
    {
        ActionId = actionId;
        UserId = userId;
    }

    public long Id { get; private set; }

    public long ActionId { get; private set; }

    public long UserId { get; private set; }
}

/// <summary>One transition (or note) of an action: from, to, who, when, the comment.</summary>
public sealed class ActionEvent
{
    private ActionEvent()
    {
    }

    internal ActionEvent(long actionId, ActionStatus? from, ActionStatus to, long byUserId, DateTimeOffset at, string? comment)
    {
        ActionId = actionId;
        From = from;
        To = to;
        ByUserId = byUserId;
        At = at.ToUniversalTime();
        Comment = comment;
    }

    public long Id { get; private set; }

    public long ActionId { get; private set; }

    public ActionStatus? From { get; private set; }

    public ActionStatus To { get; private set; }

    public long ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string? Comment { get; private set; }
}
