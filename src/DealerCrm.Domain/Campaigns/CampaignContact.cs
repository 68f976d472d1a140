using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Campaigns;

/// <summary>How far a contact got in a campaign; cumulative (attended implies invited implies notified, spec 6.5).</summary>
public enum CampaignStage
{
    Notified = 1,
    Invited = 2,
    Attended = 3,
}

/// <summary>
/// A customer (and, when known, their lead) linked to a campaign (spec 6.5). Stages are cumulative and only move up:
/// reaching a stage stamps every earlier stage not yet stamped with the same time, so "invited" counts everyone who
/// attended too. Only a customer with marketing consent may be notified or invited (the store contacts them); a
/// walk-in at the event is recorded as attended without it (they came; nobody contacted them). One row per campaign
/// and customer.
/// </summary>
public sealed class CampaignContact
{
    private CampaignContact()
    {
    }

    public long Id { get; private set; }

    public long CampaignId { get; private set; }

    public int StoreId { get; private set; }

    public long CustomerId { get; private set; }

    /// <summary>The lead this contact concerns, when linked from a lead card or the lead list.</summary>
    public long? LeadId { get; private set; }

    public CampaignStage Stage { get; private set; }

    public DateTimeOffset NotifiedAt { get; private set; }

    public DateTimeOffset? InvitedAt { get; private set; }

    public DateTimeOffset? AttendedAt { get; private set; }

    public long AddedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>Links a customer at a stage; <paramref name="marketingConsent"/> is the customer's consent now.</summary>
    public static CampaignContact Link(Campaign campaign, long customerId, long? leadId, bool marketingConsent,
        CampaignStage stage, DateTimeOffset at, long actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        RequireConsent(stage, marketingConsent);
        var contact = new CampaignContact
        {
            CampaignId = campaign.Id,
            StoreId = campaign.StoreId,
            CustomerId = customerId,
            LeadId = leadId,
            AddedById = actorId,
            CreatedAt = now.ToUniversalTime(),
            Stage = CampaignStage.Notified,
            NotifiedAt = at.ToUniversalTime(),
        };
        contact.Advance(stage, at, marketingConsent);
        return contact;
    }

    /// <summary>Moves the contact up to <paramref name="stage"/> (a lower or equal stage changes nothing).</summary>
    public void Advance(CampaignStage stage, DateTimeOffset at, bool marketingConsent)
    {
        if (!Enum.IsDefined(stage))
        {
            throw new DomainException("Campaign.StageInvalid", nameof(Stage));
        }

        if (stage <= Stage)
        {
            return;
        }

        RequireConsent(stage, marketingConsent);
        var utc = at.ToUniversalTime();
        if (stage >= CampaignStage.Invited)
        {
            InvitedAt ??= utc;
        }

        if (stage == CampaignStage.Attended)
        {
            AttendedAt ??= utc;
        }

        Stage = stage > Stage ? stage : Stage;
    }

    /// <summary>Links the contact to a lead of the customer's (the first link stays).</summary>
    public void AttachLead(long leadId) => LeadId ??= leadId;

    private static void RequireConsent(CampaignStage stage, bool marketingConsent)
    {
        if (stage != CampaignStage.Attended && !marketingConsent)
        {
            throw new DomainException("Campaign.NoMarketingConsent", nameof(Stage));
        }
    }
}
