using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Campaigns;

/// <summary>The kinds of campaign of spec 6.5 (市场活动).</summary>
public enum CampaignType
{
    ShowroomEvent = 0,
    Exhibition = 1,
    TestDriveDay = 2,
    OwnerEvent = 3,
    OutboundCalls = 4,
}

/// <summary>
/// A store's campaign (spec 6.5, M01): name, type, dates, cost, target model and its targets (leads, attendees,
/// contracts). Managed by the sales manager; leads and customers are linked to it as <see cref="CampaignContact"/>s.
/// </summary>
public sealed class Campaign
{
    public const int NameMaxLength = 100;
    public const int ModelMaxLength = 60;
    public const decimal MaxCost = 99_999_999.99m;
    public const int MaxTarget = 1_000_000;

    /// <summary>The longest a campaign may run (a year): a typo in the end date is refused, not kept.</summary>
    public const int MaxDays = 366;

    /// <summary>The years a campaign's dates may fall in (a typed 0001 or 9999 is refused).</summary>
    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    private Campaign()
    {
        Name = string.Empty;
    }

    public Campaign(int storeId, CampaignDetails details, long createdById, DateTimeOffset now)
        : this()
    {
        StoreId = storeId;
        CreatedById = createdById;
        CreatedAt = now.ToUniversalTime();
        Apply(details);
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public string Name { get; private set; }

    public CampaignType Type { get; private set; }

    /// <summary>The first and last store-local days of the campaign (inclusive).</summary>
    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>What the campaign cost, in yuan.</summary>
    public decimal Cost { get; private set; }

    public string? TargetModel { get; private set; }

    public int? TargetLeads { get; private set; }

    public int? TargetAttendees { get; private set; }

    public int? TargetContracts { get; private set; }

    public long CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public void Update(CampaignDetails details) => Apply(details);

    private void Apply(CampaignDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var name = details.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new DomainException("Campaign.NameRequired", nameof(Name));
        }

        if (name.Length > NameMaxLength)
        {
            throw new DomainException("Validation.TooLong", nameof(Name), NameMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!Enum.IsDefined(details.Type))
        {
            throw new DomainException("Campaign.TypeInvalid", nameof(Type));
        }

        if (details.StartsOn.Year is < MinYear or > MaxYear)
        {
            throw new DomainException("Campaign.DateOutOfRange", nameof(StartsOn));
        }

        if (details.EndsOn.Year is < MinYear or > MaxYear)
        {
            throw new DomainException("Campaign.DateOutOfRange", nameof(EndsOn));
        }

        if (details.EndsOn < details.StartsOn)
        {
            throw new DomainException("Campaign.EndsBeforeStart", nameof(EndsOn));
        }

        if (details.EndsOn.DayNumber - details.StartsOn.DayNumber + 1 > MaxDays)
        {
            throw new DomainException("Campaign.TooLong", nameof(EndsOn));
        }

        if (details.Cost is < 0 or > MaxCost)
        {
            throw new DomainException("Campaign.CostInvalid", nameof(Cost));
        }

        foreach (var (target, field) in new[]
                 {
                     (details.TargetLeads, nameof(TargetLeads)), (details.TargetAttendees, nameof(TargetAttendees)),
                     (details.TargetContracts, nameof(TargetContracts)),
                 })
        {
            if (target is < 0 or > MaxTarget)
            {
                throw new DomainException("Campaign.TargetInvalid", field);
            }
        }

        var model = string.IsNullOrWhiteSpace(details.TargetModel) ? null : details.TargetModel.Trim();
        if (model is { Length: > ModelMaxLength })
        {
            throw new DomainException("Validation.TooLong", nameof(TargetModel), ModelMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Name = name;
        Type = details.Type;
        StartsOn = details.StartsOn;
        EndsOn = details.EndsOn;
        Cost = decimal.Round(details.Cost, 2);
        TargetModel = model;
        TargetLeads = details.TargetLeads;
        TargetAttendees = details.TargetAttendees;
        TargetContracts = details.TargetContracts;
    }
}

/// <summary>What the sales manager fills in for a campaign.</summary>
public sealed record CampaignDetails(string? Name, CampaignType Type, DateOnly StartsOn, DateOnly EndsOn, decimal Cost,
    string? TargetModel, int? TargetLeads, int? TargetAttendees, int? TargetContracts);
