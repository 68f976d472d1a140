using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Vehicles;

public enum VehicleStatus
{
    InUse = 0,
    Transferred = 1,
    Sold = 2,
    Scrapped = 3,
}

/// <summary>One car, one file (一车一档, spec 4.1). A car we sold gets its file at delivery.</summary>
public sealed class Vehicle
{
    public const int MaxMileage = 2_000_000;
    public const int InsurerMaxLength = 50;

    private readonly List<VehicleStatusChange> _statusChanges = [];

    private Vehicle()
    {
        Vin = string.Empty;
        Model = string.Empty;
    }

    public Vehicle(int storeId, string vin, string? plate, string? brand, string model, string? colour,
        long ownerCustomerId, DateOnly? purchaseDate, DateOnly? deliveryDate, bool soldByUs, DateTimeOffset now)
        : this()
    {
        StoreId = storeId;
        Vin = Common.Vin.Normalize(vin);
        Plate = PlateNumber.NormalizeOptional(plate);
        Brand = Text.Optional(brand, 50, nameof(Brand));
        Model = Text.Required(model, 100, nameof(Model), "Order.ModelRequired");
        Colour = Text.Optional(colour, 50, nameof(Colour));
        OwnerCustomerId = ownerCustomerId;
        PurchaseDate = purchaseDate;
        DeliveryDate = deliveryDate;
        SoldByUs = soldByUs;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public string Vin { get; private set; }

    public string? Plate { get; private set; }

    public string? Brand { get; private set; }

    public string Model { get; private set; }

    public string? Colour { get; private set; }

    public long OwnerCustomerId { get; private set; }

    /// <summary>Unknown for a car sold elsewhere until someone records it.</summary>
    public DateOnly? PurchaseDate { get; private set; }

    public DateOnly? DeliveryDate { get; private set; }

    /// <summary>自销 (true) or 他销 (sold by another dealer, file opened at the first service visit).</summary>
    public bool SoldByUs { get; private set; }

    /// <summary>The first service visit here (for a car sold elsewhere, its first visit is its file's start).</summary>
    public DateOnly? FirstServiceDate { get; private set; }

    public int? FirstServiceMileage { get; private set; }

    /// <summary>The highest mileage recorded on any visit; a visit may not go below it without a reason.</summary>
    public int? LatestMileage { get; private set; }

    public DateOnly? LatestMileageDate { get; private set; }

    public string? Insurer { get; private set; }

    public DateOnly? InsuranceExpiry { get; private set; }

    public DateOnly? NextInspectionDate { get; private set; }

    public VehicleStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<VehicleStatusChange> StatusChanges => _statusChanges;

    /// <summary>The file of a car sold by another dealer, opened at its first service visit here (首次客户信息登记).</summary>
    public static Vehicle RegisterAtFirstVisit(int storeId, string? vin, string? plate, string? brand, string? model,
        string? colour, long ownerCustomerId, DateOnly? purchaseDate, DateTimeOffset now) =>
        new(storeId, Common.Vin.Normalize(vin), plate, brand, model ?? string.Empty, colour, ownerCustomerId,
            purchaseDate, null, soldByUs: false, now);

    /// <summary>The plate often comes after delivery.</summary>
    public void RegisterPlate(string? plate) => Plate = PlateNumber.NormalizeOptional(plate);

    /// <summary>
    /// Checks a visit's mileage against this car's record (4.2: never lower than the last recorded mileage without
    /// a reason; never past <see cref="MaxMileage"/>). Returns the reason, trimmed, when one was needed.
    /// </summary>
    public string? CheckMileage(int mileage, string? lowerReason, string field = "Mileage")
    {
        if (mileage is < 0 or > MaxMileage)
        {
            throw new DomainException("Service.MileageRange", field, 0, MaxMileage);
        }

        var reason = Text.Optional(lowerReason, 200, "MileageReason");
        if (LatestMileage is { } latest && mileage < latest && reason is null)
        {
            throw new DomainException("Service.MileageBelowLast", field, latest);
        }

        return reason;
    }

    /// <summary>What a service visit tells the file: first visit, latest mileage (a lower, explained reading does
    /// not lower the record).</summary>
    public void RecordServiceVisit(DateOnly date, int mileage)
    {
        if (FirstServiceDate is null || date < FirstServiceDate)
        {
            FirstServiceDate = date;
            FirstServiceMileage = mileage;
        }

        if (LatestMileage is null || mileage >= LatestMileage)
        {
            LatestMileage = mileage;
            LatestMileageDate = date;
        }
    }

    public void UpdateInsuranceAndInspection(string? insurer, DateOnly? insuranceExpiry, DateOnly? nextInspection)
    {
        if (insuranceExpiry is { } expiry && !UserDates.IsSane(expiry))
        {
            throw new DomainException("Vehicle.DateInvalid", nameof(InsuranceExpiry));
        }

        if (nextInspection is { } inspection && !UserDates.IsSane(inspection))
        {
            throw new DomainException("Vehicle.DateInvalid", nameof(NextInspectionDate));
        }

        Insurer = Text.Optional(insurer, InsurerMaxLength, nameof(Insurer));
        InsuranceExpiry = insuranceExpiry;
        NextInspectionDate = nextInspection;
    }

    /// <summary>
    /// In use, transferred, sold, scrapped — kept with its history (4.7). A car no longer in use gets no callbacks
    /// and no loyalty; it may come back into use (bought back, transfer undone).
    /// </summary>
    public VehicleStatusChange ChangeStatus(VehicleStatus status, long? byUserId, string? reason, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainException("Vehicle.StatusInvalid", nameof(Status));
        }

        if (status == Status)
        {
            throw new DomainException("Vehicle.StatusUnchanged", nameof(Status));
        }

        var change = new VehicleStatusChange(Id, Status, status, byUserId, Text.Optional(reason, 200, "StatusReason"), now);
        _statusChanges.Add(change);
        Status = status;
        return change;
    }
}

/// <summary>One step of a vehicle's status history.</summary>
public sealed class VehicleStatusChange
{
    private VehicleStatusChange()
    {
    }

    internal VehicleStatusChange(long vehicleId, VehicleStatus from, VehicleStatus to, long? byUserId, string? reason,
        DateTimeOffset now)
    {
        VehicleId = vehicleId;
        From = from;
        To = to;
        ByUserId = byUserId;
        Reason = reason;
        At = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public long VehicleId { get; private set; }

    public VehicleStatus From { get; private set; }

    public VehicleStatus To { get; private set; }

    public long? ByUserId { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset At { get; private set; }
}
