using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Leads;

/// <summary>The car handed over (成交/交车, spec 2.4): the lead is Won and the buyer becomes an owner.</summary>
public sealed class Delivery
{
    private Delivery()
    {
        InvoiceNumber = string.Empty;
    }

    internal Delivery(long leadId, long orderId, int storeId, long customerId, long consultantId, DeliveryRequest request,
        DateTimeOffset now)
        : this()
    {
        if (request.FinalPrice is <= 0 or > 100_000_000m)
        {
            throw new DomainException("Order.PriceRange", nameof(FinalPrice));
        }

        if (request.DeliveredAt > now.AddMinutes(5))
        {
            throw new DomainException("Delivery.InFuture", nameof(DeliveredAt));
        }

        // The VIN is the vehicle's (the caller creates it) and the history's: checked before anything changes.
        Vin.Normalize(request.Vin);
        LeadId = leadId;
        OrderId = orderId;
        StoreId = storeId;
        CustomerId = customerId;
        ConsultantId = consultantId;
        DeliveredAt = request.DeliveredAt.ToUniversalTime();
        FinalPrice = decimal.Round(request.FinalPrice, 2);
        InvoiceNumber = Text.Required(request.InvoiceNumber, 50, nameof(InvoiceNumber), "Delivery.InvoiceRequired");
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public long LeadId { get; private set; }

    public long OrderId { get; private set; }

    public int StoreId { get; private set; }

    public long CustomerId { get; private set; }

    public long? VehicleId { get; private set; }

    /// <summary>The consultant who sold the car: the lead's owner when it was delivered (a Won lead is never reassigned),
    /// kept on the delivery so the car's selling consultant is read without the lead (replacement leads, issue 14).</summary>
    public long ConsultantId { get; private set; }

    public DateTimeOffset DeliveredAt { get; private set; }

    public decimal FinalPrice { get; private set; }

    public string InvoiceNumber { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void AttachVehicle(long vehicleId) => VehicleId = vehicleId;
}

public sealed record DeliveryRequest(DateTimeOffset DeliveredAt, decimal FinalPrice, string? InvoiceNumber, string? Vin);
