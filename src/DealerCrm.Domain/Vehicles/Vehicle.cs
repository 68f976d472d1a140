using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Vehicles;

/// <summary>One car, one file (一车一档, spec 4.1). A car we sold gets its file at delivery.</summary>
public sealed class Vehicle
{
    private Vehicle()
    {
        Vin = string.Empty;
        Model = string.Empty;
    }

    public Vehicle(int storeId, string vin, string? plate, string? brand, string model, string? colour,
        long ownerCustomerId, DateOnly purchaseDate, DateOnly? deliveryDate, bool soldByUs, DateTimeOffset now)
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

    public DateOnly PurchaseDate { get; private set; }

    public DateOnly? DeliveryDate { get; private set; }

    /// <summary>自销 (true) or 他销 (sold by another dealer, file opened at the first service visit).</summary>
    public bool SoldByUs { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>The plate often comes after delivery.</summary>
    public void RegisterPlate(string? plate) => Plate = PlateNumber.NormalizeOptional(plate);
}
