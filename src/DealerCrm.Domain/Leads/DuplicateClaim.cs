using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Leads;

public enum ClaimStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// 撞单: a consultant was refused a card because another consultant already follows the customer, and asks the
/// manager to decide (spec 1.5): approve (the lead goes to the requester, through <see cref="Lead.ApproveClaim"/>) or
/// reject with a comment (the lead stays). Decided once.
/// </summary>
public sealed class DuplicateClaim
{
    public const int NoteMaxLength = 500;
    public const int CommentMaxLength = 500;

    private DuplicateClaim()
    {
    }

    public DuplicateClaim(int storeId, long leadId, long customerId, long ownerId, long requestedById, string? note,
        DateTimeOffset now)
    {
        if (ownerId == requestedById)
        {
            throw new DomainException("Claim.OwnLead");
        }

        StoreId = storeId;
        LeadId = leadId;
        CustomerId = customerId;
        OwnerId = ownerId;
        RequestedById = requestedById;
        Note = Text.Required(note, NoteMaxLength, nameof(Note), "Claim.NoteRequired");
        Status = ClaimStatus.Pending;
        CreatedAt = now;
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public long LeadId { get; private set; }

    public long CustomerId { get; private set; }

    /// <summary>The consultant who owned the lead when the claim was made.</summary>
    public long OwnerId { get; private set; }

    public long RequestedById { get; private set; }

    public string Note { get; private set; } = string.Empty;

    public ClaimStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public long? DecidedById { get; private set; }

    /// <summary>The manager's comment: required when rejecting, optional when approving.</summary>
    public string? DecisionComment { get; private set; }

    public uint Version { get; private set; }

    /// <summary>Rejected: the lead stays with its owner; the requester is told why.</summary>
    public void Reject(long managerId, string? comment, DateTimeOffset now)
    {
        EnsurePending();
        var why = Text.Required(comment, CommentMaxLength, nameof(DecisionComment), "Claim.CommentRequired");
        Decide(ClaimStatus.Rejected, managerId, why, now);
    }

    /// <summary>Approved; only through <see cref="Lead.ApproveClaim"/>, which moves the lead in the same step.</summary>
    internal void Approve(long managerId, string? comment, DateTimeOffset now)
    {
        EnsurePending();
        Decide(ClaimStatus.Approved, managerId, Text.Optional(comment, CommentMaxLength, nameof(DecisionComment)), now);
    }

    internal void EnsurePending()
    {
        if (Status != ClaimStatus.Pending)
        {
            throw new DomainException("Claim.AlreadyDecided");
        }
    }

    private void Decide(ClaimStatus status, long managerId, string? comment, DateTimeOffset now)
    {
        Status = status;
        DecidedById = managerId;
        DecidedAt = now;
        DecisionComment = comment;
    }
}
