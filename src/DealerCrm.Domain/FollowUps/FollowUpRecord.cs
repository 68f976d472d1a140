using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.FollowUps;

public enum FollowUpResult
{
    Reached = 0,
    NoAnswer = 1,
    WrongNumber = 2,
    Invited = 3,
    VisitedStore = 4,
    TestDriveDone = 5,
    Quoted = 6,
    Ordered = 7,
    Declined = 8,
}

/// <summary>
/// What happened when the consultant contacted the lead (跟进记录, spec 2.2). Never edited after the day it was
/// written; a correction is a new record.
/// </summary>
public sealed class FollowUpRecord
{
    public const int ContentMaxLength = 500;

    private FollowUpRecord()
    {
        Content = string.Empty;
    }

    internal FollowUpRecord(long leadId, int storeId, long authorId, FollowUpEntry entry, long? planId, Grade gradeBefore,
        DateOnly businessDate, DateTimeOffset now)
        : this()
    {
        LeadId = leadId;
        StoreId = storeId;
        AuthorId = authorId;
        ContactedAt = entry.ContactedAt.ToUniversalTime();
        Method = entry.Method;
        Content = Text.Required(entry.Content, ContentMaxLength, nameof(Content), "FollowUp.ContentRequired");
        Result = entry.Result;
        GradeBefore = gradeBefore;
        GradeAfter = entry.NewGrade ?? gradeBefore;
        PlanId = planId;
        BusinessDate = businessDate;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public long LeadId { get; private set; }

    public int StoreId { get; private set; }

    public long AuthorId { get; private set; }

    public DateTimeOffset ContactedAt { get; private set; }

    public ContactMethod Method { get; private set; }

    public string Content { get; private set; }

    public FollowUpResult Result { get; private set; }

    public Grade GradeBefore { get; private set; }

    public Grade GradeAfter { get; private set; }

    /// <summary>The plan this record answered.</summary>
    public long? PlanId { get; private set; }

    /// <summary>The store-local day it was written: after that day it is read-only.</summary>
    public DateOnly BusinessDate { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsContact => Result is not (FollowUpResult.NoAnswer or FollowUpResult.WrongNumber);
}

public sealed record FollowUpEntry(
    DateTimeOffset ContactedAt,
    ContactMethod Method,
    string? Content,
    FollowUpResult Result,
    Grade? NewGrade);
