namespace DealerCrm.Domain.Callbacks;

public enum CallbackType
{
    NewCarThreeDay = 0,
    AfterSalesThreeDay = 1,
    DormantCustomer = 2,
    BirthdayCare = 3,
}

public enum CallbackStatus
{
    Open = 0,
    Reached = 1,
    Refused = 2,
    Unreachable = 3,
}

/// <summary>
/// A callback for the CRM officers (spec 4.3). The delivery creates the new-car 3-day callback; the queue and the
/// call form are the after-sales issue's. One per delivery, enforced by a unique index.
/// </summary>
public sealed class CallbackTask
{
    private CallbackTask()
    {
    }

    public CallbackTask(int storeId, CallbackType type, long customerId, long? vehicleId, long? deliveryId,
        DateOnly dueDate, DateTimeOffset now)
    {
        StoreId = storeId;
        Type = type;
        CustomerId = customerId;
        VehicleId = vehicleId;
        DeliveryId = deliveryId;
        DueDate = dueDate;
        Status = CallbackStatus.Open;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public CallbackType Type { get; private set; }

    public long CustomerId { get; private set; }

    public long? VehicleId { get; private set; }

    public long? DeliveryId { get; private set; }

    public DateOnly DueDate { get; private set; }

    public long? AssignedToId { get; private set; }

    public CallbackStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }
}
