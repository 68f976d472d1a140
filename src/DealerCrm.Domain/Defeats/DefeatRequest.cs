using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Defeats;

public enum DefeatReason
{
    BoughtCompetitor = 0,
    SameBrandOtherDealer = 1,
    BudgetChanged = 2,
    PostponedIndefinitely = 3,
    CannotBeReached = 4,
    NoLongerInterested = 5,
    Other = 6,
}

public enum DefeatDecision
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Reassigned = 3,
}

/// <summary>
/// 战败申请 (spec 3.2): a consultant asks to close a lead as lost, with the reason and what went wrong; a manager
/// approves, rejects (with instructions and a new plan) or reassigns. Decided once: a second decision on the same
/// request is refused (and two managers at once are kept apart by the row version).
/// </summary>
public sealed class DefeatRequest
{
    public const int TextMaxLength = 100;
    public const int ExplanationMaxLength = 1000;

    private DefeatRequest()
    {
        Explanation = string.Empty;
    }

    internal DefeatRequest(Lead lead, long requestedById, DefeatReason reason, string? competitorBrand,
        string? competitorModel, string? explanation, DateTimeOffset now)
        : this()
    {
        var brand = Text.Optional(competitorBrand, TextMaxLength, nameof(CompetitorBrand));
        var model = Text.Optional(competitorModel, TextMaxLength, nameof(CompetitorModel));
        if (reason == DefeatReason.BoughtCompetitor && brand is null)
        {
            throw new DomainException("Defeat.CompetitorBrandRequired", nameof(CompetitorBrand));
        }

        if (reason == DefeatReason.BoughtCompetitor && model is null)
        {
            throw new DomainException("Defeat.CompetitorModelRequired", nameof(CompetitorModel));
        }

        Explanation = Text.Required(explanation, ExplanationMaxLength, nameof(Explanation), "Defeat.ExplanationRequired");
        LeadId = lead.Id;
        StoreId = lead.StoreId;
        RequestedById = requestedById;
        Reason = reason;
        CompetitorBrand = reason == DefeatReason.BoughtCompetitor ? brand : null;
        CompetitorModel = reason == DefeatReason.BoughtCompetitor ? model : null;
        GradeAtRequest = lead.Grade;
        Decision = DefeatDecision.Pending;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public long LeadId { get; private set; }

    public int StoreId { get; private set; }

    public long RequestedById { get; private set; }

    public DefeatReason Reason { get; private set; }

    public string? CompetitorBrand { get; private set; }

    public string? CompetitorModel { get; private set; }

    public string Explanation { get; private set; }

    public Grade GradeAtRequest { get; private set; }

    public DefeatDecision Decision { get; private set; }

    public long? DecidedById { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionComment { get; private set; }

    public long? ReassignedToId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    internal void Decide(DefeatDecision decision, long managerId, string? comment, long? reassignedTo, DateTimeOffset now)
    {
        if (Decision != DefeatDecision.Pending)
        {
            throw new DomainException("Defeat.AlreadyDecided");
        }

        DecisionComment = Text.Optional(comment, ExplanationMaxLength, nameof(DecisionComment));
        if (decision == DefeatDecision.Rejected && DecisionComment is null)
        {
            throw new DomainException("Defeat.InstructionsRequired", nameof(DecisionComment));
        }

        Decision = decision;
        DecidedById = managerId;
        DecidedAt = now.ToUniversalTime();
        ReassignedToId = reassignedTo;
    }
}
