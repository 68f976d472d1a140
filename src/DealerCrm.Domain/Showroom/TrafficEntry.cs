using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Showroom;

public enum TrafficKind
{
    WalkIn = 0,
    PhoneCall = 1,
}

public enum VisitPurpose
{
    Browse = 0,
    TestDrive = 1,
    PriceEnquiry = 2,
    PickUpCar = 3,
    AfterSales = 4,
    Other = 5,
}

/// <summary>
/// One showroom walk-in or inbound call (来店/来电登记, spec 1.1). Walk-ins are checked in on arrival and checked out
/// when the visitor leaves; calls are logged in one step. Never deleted: a manager voids one with a reason.
/// </summary>
public sealed class TrafficEntry
{
    public const int NameMaxLength = 50;
    public const int RegionMaxLength = 50;
    public const int NotesMaxLength = 500;
    public const int ReasonMaxLength = 200;
    public const int MaxPartySize = 50;

    private const string SameDayOnly = "Traffic.SameDayOnly";

    private TrafficEntry()
    {
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public TrafficKind Kind { get; private set; }

    public DateTimeOffset ArrivedAt { get; private set; }

    public DateTimeOffset? LeftAt { get; private set; }

    /// <summary>The store-local date of arrival: the day the entry counts for.</summary>
    public DateOnly BusinessDate { get; private set; }

    public string? VisitorName { get; private set; }

    public string? Mobile { get; private set; }

    public string? Region { get; private set; }

    public VisitPurpose? Purpose { get; private set; }

    public int? PartySize { get; private set; }

    public long ReceptionistId { get; private set; }

    public Grade? FirstImpression { get; private set; }

    public long? ConsultantId { get; private set; }

    public string? Notes { get; private set; }

    public long? CustomerId { get; private set; }

    public bool IsReturnVisit { get; private set; }

    public long? LeadId { get; private set; }

    public bool IsVoided { get; private set; }

    public string? VoidReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public bool IsOpen => Kind == TrafficKind.WalkIn && LeftAt is null && !IsVoided;

    public bool HasContact => Mobile is not null;

    /// <summary>Arrival of a walk-in party: time, party size and the consultant who receives them.</summary>
    public static TrafficEntry CheckIn(int storeId, long receptionistId, DateTimeOffset arrivedAt, DateOnly businessDate,
        DateOnly today, int partySize, long? consultantId, DateTimeOffset now)
    {
        EnsureToday(businessDate, today);
        if (partySize is < 1 or > MaxPartySize)
        {
            throw new DomainException("Traffic.PartySizeRange", nameof(PartySize), 1, MaxPartySize);
        }

        if (arrivedAt > now.AddMinutes(5))
        {
            throw new DomainException("Traffic.InFuture", nameof(ArrivedAt));
        }

        return new TrafficEntry
        {
            StoreId = storeId,
            Kind = TrafficKind.WalkIn,
            ArrivedAt = arrivedAt.ToUniversalTime(),
            BusinessDate = businessDate,
            PartySize = partySize,
            ReceptionistId = receptionistId,
            ConsultantId = consultantId,
            CreatedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>The visitor leaves: purpose, first impression and, if they left them, name and mobile.</summary>
    public void CheckOut(DateTimeOffset leftAt, VisitorDetails details, DateTimeOffset now)
    {
        if (Kind != TrafficKind.WalkIn || IsVoided || LeftAt is not null)
        {
            throw new DomainException("Traffic.NotOpen");
        }

        if (LeadId is not null)
        {
            throw new DomainException("Traffic.HasCard");
        }

        if (leftAt < ArrivedAt)
        {
            throw new DomainException("Traffic.LeftBeforeArrived", nameof(LeftAt));
        }

        if (leftAt > now.AddMinutes(5))
        {
            throw new DomainException("Traffic.InFuture", nameof(LeftAt));
        }

        Apply(details, purposeRequired: true);
        LeftAt = leftAt.ToUniversalTime();
    }

    /// <summary>An inbound call, logged in one step.</summary>
    public static TrafficEntry LogCall(int storeId, long receptionistId, DateTimeOffset at, DateOnly businessDate,
        DateOnly today, long? consultantId, VisitorDetails details, DateTimeOffset now)
    {
        EnsureToday(businessDate, today);
        if (at > now.AddMinutes(5))
        {
            throw new DomainException("Traffic.InFuture", nameof(ArrivedAt));
        }

        var entry = new TrafficEntry
        {
            StoreId = storeId,
            Kind = TrafficKind.PhoneCall,
            ArrivedAt = at.ToUniversalTime(),
            LeftAt = at.ToUniversalTime(),
            BusinessDate = businessDate,
            ReceptionistId = receptionistId,
            ConsultantId = consultantId,
            CreatedAt = now.ToUniversalTime(),
        };
        entry.Apply(details, purposeRequired: true);
        return entry;
    }

    /// <summary>
    /// Why the receptionist may no longer edit the entry (a message key: an earlier day, a card made from it, voided),
    /// or null while they may. The edit page shows such an entry read-only from the start.
    /// </summary>
    public string? WhyNotEditableByReceptionist(DateOnly today) =>
        BusinessDate != today ? SameDayOnly
        : LeadId is not null ? "Traffic.HasCard"
        : IsVoided ? "Traffic.Voided"
        : null;

    /// <summary>The receptionist's own edit: the same day only, and only until a card has been made from it.</summary>
    public void EditByReceptionist(DateOnly today, int? partySize, long? consultantId, VisitorDetails details)
    {
        if (WhyNotEditableByReceptionist(today) is { } why)
        {
            throw new DomainException(why, why == SameDayOnly ? nameof(ArrivedAt) : null);
        }

        SetPartySize(partySize);
        ConsultantId = consultantId;
        Apply(details, purposeRequired: !IsOpen);
    }

    /// <summary>A manager's correction of any entry (audited by the caller). A card, once made, stays linked.</summary>
    public void Correct(DateTimeOffset arrivedAt, DateTimeOffset? leftAt, DateOnly businessDate, int? partySize,
        long? consultantId, VisitorDetails details)
    {
        if (IsVoided)
        {
            throw new DomainException("Traffic.Voided");
        }

        if (leftAt is { } left && left < arrivedAt)
        {
            throw new DomainException("Traffic.LeftBeforeArrived", nameof(LeftAt));
        }

        SetPartySize(partySize);
        ArrivedAt = arrivedAt.ToUniversalTime();
        LeftAt = (Kind == TrafficKind.PhoneCall ? arrivedAt : leftAt)?.ToUniversalTime();
        BusinessDate = businessDate;
        ConsultantId = consultantId;
        Apply(details, purposeRequired: !IsOpen);
    }

    public void Void(string? reason)
    {
        if (IsVoided)
        {
            throw new DomainException("Traffic.Voided");
        }

        VoidReason = Text.Required(reason, ReasonMaxLength, nameof(VoidReason), "Traffic.VoidReasonRequired");
        IsVoided = true;
    }

    /// <summary>The mobile belongs to a customer the store already knows: a return visit.</summary>
    public void LinkCustomer(long customerId, bool returning)
    {
        CustomerId = customerId;
        IsReturnVisit = returning;
    }

    /// <summary>A consultant made a card from this entry: it links to the lead and is no longer the receptionist's.</summary>
    public void AttachLead(long leadId, long customerId)
    {
        if (LeadId is not null)
        {
            throw new DomainException("Traffic.HasCard");
        }

        if (IsVoided)
        {
            throw new DomainException("Traffic.Voided");
        }

        LeadId = leadId;
        CustomerId = customerId;
    }

    private static void EnsureToday(DateOnly businessDate, DateOnly today)
    {
        if (businessDate != today)
        {
            throw new DomainException(SameDayOnly, nameof(ArrivedAt));
        }
    }

    private void SetPartySize(int? partySize)
    {
        if (Kind == TrafficKind.WalkIn && partySize is not { } size)
        {
            throw new DomainException("Traffic.PartySizeRange", nameof(PartySize), 1, MaxPartySize);
        }

        if (partySize is < 1 or > MaxPartySize)
        {
            throw new DomainException("Traffic.PartySizeRange", nameof(PartySize), 1, MaxPartySize);
        }

        PartySize = Kind == TrafficKind.WalkIn ? partySize : null;
    }

    /// <summary>A walk-in still in the showroom has no purpose yet: it is asked for at check-out.</summary>
    private void Apply(VisitorDetails details, bool purposeRequired)
    {
        var name = Text.Optional(details.VisitorName, NameMaxLength, nameof(VisitorName));
        var mobile = string.IsNullOrWhiteSpace(details.Mobile) ? null : ChineseMobile.Normalize(details.Mobile);
        var region = Text.Optional(details.Region, RegionMaxLength, nameof(Region));
        var notes = Text.Optional(details.Notes, NotesMaxLength, nameof(Notes));
        if (details.Purpose is null && purposeRequired)
        {
            throw new DomainException("Traffic.PurposeRequired", nameof(Purpose));
        }

        if (details.FirstImpression == Grade.O)
        {
            throw new DomainException("Traffic.NoGradeO", nameof(FirstImpression));
        }

        VisitorName = name;
        if (mobile != Mobile)
        {
            CustomerId = LeadId is null ? null : CustomerId;
            IsReturnVisit = false;
        }

        Mobile = mobile;
        Region = region;
        Notes = notes;
        Purpose = details.Purpose;
        FirstImpression = details.FirstImpression;
    }
}

public sealed record VisitorDetails
{
    public string? VisitorName { get; init; }

    public string? Mobile { get; init; }

    public string? Region { get; init; }

    public VisitPurpose? Purpose { get; init; }

    public Grade? FirstImpression { get; init; }

    public string? Notes { get; init; }
}
