namespace DealerCrm.Domain.Leads;

/// <summary>
/// One replacement lead offered to an owner (保有客户 / 基盘, 5.1, issue 14): written only by the weekly replacement
/// leads job. It records the car that made the owner eligible and where the lead went — a lead card for the selling
/// consultant (<see cref="LeadId"/>) or, when that consultant has left, the store's unassigned queue
/// (<see cref="IncomingLeadId"/>). At most one per owner per 12 months (<see cref="OncePerMonths"/>); unique on
/// customer and offer date, so two servers running the job on the same day offer one.
/// </summary>
public sealed class ReplacementOffer
{
    /// <summary>An owner is offered a replacement lead at most once in this many months.</summary>
    public const int OncePerMonths = 12;

    private ReplacementOffer()
    {
    }

    public ReplacementOffer(int storeId, long customerId, long vehicleId, DateOnly offeredOn, long? leadId,
        long? incomingLeadId, DateTimeOffset now)
    {
        if ((leadId is null) == (incomingLeadId is null))
        {
            throw new ArgumentException("A replacement offer goes to a lead card or to the unassigned queue.");
        }

        StoreId = storeId;
        CustomerId = customerId;
        VehicleId = vehicleId;
        OfferedOn = offeredOn;
        LeadId = leadId;
        IncomingLeadId = incomingLeadId;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public long CustomerId { get; private set; }

    /// <summary>The car that made the owner eligible (the oldest, or the one past the mileage).</summary>
    public long VehicleId { get; private set; }

    /// <summary>The store-local date of the run that offered it.</summary>
    public DateOnly OfferedOn { get; private set; }

    public long? LeadId { get; private set; }

    public long? IncomingLeadId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
