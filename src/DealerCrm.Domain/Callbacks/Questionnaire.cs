using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Callbacks;

public enum QuestionKind
{
    /// <summary>Yes / no / not applicable; a "no" needs its reason.</summary>
    YesNo = 0,

    /// <summary>"Any other problems?": a "yes" needs its category and description, so it reaches the top-10 list.</summary>
    OtherProblems = 1,
}

public enum AnswerValue
{
    Yes = 0,
    No = 1,
    NotApplicable = 2,
}

/// <summary>
/// A question of a store's questionnaire for one callback type. Its identity is stable: rewording it adds a
/// <see cref="CallbackQuestionVersion"/> (past answers keep pointing at the version they were asked in, and the
/// monthly report compares the question month to month by <see cref="Id"/>); retiring it hides it from new calls.
/// </summary>
public sealed class CallbackQuestion
{
    private readonly List<CallbackQuestionVersion> _versions = [];

    private CallbackQuestion()
    {
    }

    public CallbackQuestion(int storeId, CallbackType type, QuestionKind kind, int position, string? textEn,
        string? textZh, DateTimeOffset now)
    {
        if (!Enum.IsDefined(type))
        {
            throw new DomainException("Callback.TypeInvalid", nameof(Type));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Question.KindInvalid", nameof(Kind));
        }

        StoreId = storeId;
        Type = type;
        Kind = kind;
        Position = position;
        CreatedAt = now.ToUniversalTime();
        _versions.Add(new CallbackQuestionVersion(0, 1, textEn, textZh, now));
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public CallbackType Type { get; private set; }

    public QuestionKind Kind { get; private set; }

    public int Position { get; private set; }

    public DateTimeOffset? RetiredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<CallbackQuestionVersion> Versions => _versions;

    public CallbackQuestionVersion Current => _versions.MaxBy(v => v.Number)!;

    public bool IsRetired => RetiredAt is not null;

    /// <summary>A new wording: a new version when the text changed, nothing otherwise.</summary>
    public void Reword(string? textEn, string? textZh, DateTimeOffset now)
    {
        var current = Current;
        var candidate = new CallbackQuestionVersion(Id, current.Number + 1, textEn, textZh, now);
        if (candidate.TextEn == current.TextEn && candidate.TextZh == current.TextZh)
        {
            return;
        }

        _versions.Add(candidate);
    }

    public void MoveTo(int position) => Position = position;

    public void Retire(DateTimeOffset now) => RetiredAt ??= now.ToUniversalTime();

    public void Restore() => RetiredAt = null;
}

/// <summary>One wording of a question, in both languages.</summary>
public sealed class CallbackQuestionVersion
{
    public const int TextMaxLength = 300;

    private CallbackQuestionVersion()
    {
        TextEn = string.Empty;
        TextZh = string.Empty;
    }

    internal CallbackQuestionVersion(long questionId, int number, string? textEn, string? textZh, DateTimeOffset now)
    {
        QuestionId = questionId;
        Number = number;
        TextEn = Text.Required(textEn, TextMaxLength, nameof(TextEn), "Question.TextRequired");
        TextZh = Text.Required(textZh, TextMaxLength, nameof(TextZh), "Question.TextRequired");
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public long QuestionId { get; private set; }

    public int Number { get; private set; }

    public string TextEn { get; private set; }

    public string TextZh { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string TextFor(string cultureName) =>
        cultureName.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? TextZh : TextEn;
}

/// <summary>A question as the call form asked it: the version shown and its kind.</summary>
public sealed record QuestionAsked(long QuestionVersionId, QuestionKind Kind);

/// <summary>An answer as the officer entered it.</summary>
public sealed record AnswerGiven(long QuestionVersionId, AnswerValue Value, string? Reason, string? ProblemCategory);

/// <summary>
/// One answer of a reached callback. A "no" keeps its reason, an "other problems: yes" its category and description:
/// the next issue raises grievances from them and the monthly report counts them.
/// </summary>
public sealed class CallbackAnswer
{
    public const int ReasonMaxLength = 500;

    private CallbackAnswer()
    {
    }

    private CallbackAnswer(long taskId, long questionVersionId, AnswerValue value, string? reason, string? category)
    {
        TaskId = taskId;
        QuestionVersionId = questionVersionId;
        Value = value;
        Reason = reason;
        ProblemCategory = category;
    }

    public long Id { get; private set; }

    public long TaskId { get; private set; }

    public long QuestionVersionId { get; private set; }

    public AnswerValue Value { get; private set; }

    /// <summary>Why "no" (or, for "other problems", what the problem is).</summary>
    public string? Reason { get; private set; }

    /// <summary>The problem category code (<see cref="ProblemCategories"/>) of an "other problems" answer.</summary>
    public string? ProblemCategory { get; private set; }

    /// <summary>Whether this answer is a problem the customer raised (a grievance source, 4.4).</summary>
    public bool IsProblem(QuestionKind kind) =>
        kind == QuestionKind.YesNo ? Value == AnswerValue.No : Value == AnswerValue.Yes;

    internal static CallbackAnswer Check(long taskId, QuestionAsked question, AnswerGiven answer, string field)
    {
        var reason = Text.Optional(answer.Reason, ReasonMaxLength, field + ".Reason");
        string? category = null;
        if (question.Kind == QuestionKind.YesNo && answer.Value == AnswerValue.No && reason is null)
        {
            throw new DomainException("Callback.NoNeedsReason", field + ".Reason");
        }

        if (question.Kind == QuestionKind.OtherProblems && answer.Value == AnswerValue.Yes)
        {
            if (reason is null)
            {
                throw new DomainException("Callback.ProblemNeedsDescription", field + ".Reason");
            }

            category = ProblemCategories.Normalize(answer.ProblemCategory, field + ".ProblemCategory");
        }

        return new CallbackAnswer(taskId, question.QuestionVersionId, answer.Value, reason, category);
    }
}

/// <summary>
/// The default problem categories of 4.4, as stable codes (localized as "ProblemCategory.{code}"). The complaints
/// issue makes the list per store; the codes stay the answers' values.
/// </summary>
public static class ProblemCategories
{
    public static IReadOnlyList<string> Defaults { get; } =
        ["RepairQuality", "WaitingTime", "Price", "Attitude", "Parts", "DeliveryHandover", "Other"];

    public static string Normalize(string? code, string field)
    {
        var value = code?.Trim();
        return value is not null && Defaults.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new DomainException("Callback.ProblemCategoryRequired", field);
    }
}
