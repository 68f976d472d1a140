namespace DealerCrm.Domain.Service;

/// <summary>Why a service reminder call is made (5.1, issue 14). Stored as smallint; the order is the order reasons
/// are read out on the call.</summary>
public enum ServiceReminderReason : short
{
    /// <summary>首保: the first maintenance, due at the end of the first-maintenance window from delivery or when the
    /// projected mileage reaches the store's mileage interval, whichever comes first.</summary>
    FirstMaintenance = 0,

    /// <summary>保养: the store's time interval after the last maintenance, or its mileage interval (projected from the
    /// km per day seen across the car's visits), whichever comes first.</summary>
    Maintenance = 1,

    /// <summary>年检: the vehicle's next annual inspection date.</summary>
    AnnualInspection = 2,

    /// <summary>保险到期: the vehicle's insurance expiry date, called the store's setting (default 30) days before.</summary>
    InsuranceExpiring = 3,
}

/// <summary>
/// One reason a customer is reminded, for one vehicle and one due date: written only by the service reminders job
/// (<c>service_reminders</c>, unique on vehicle, reason and due date — no second reminder for the same reason and due
/// date, however often or on however many servers the job runs). Several reasons of one customer in one week point
/// at the same <see cref="Callbacks.CallbackTask"/> of type <see cref="Callbacks.CallbackType.ServiceReminder"/>.
/// </summary>
public sealed class ServiceReminder
{
    private ServiceReminder()
    {
    }

    public ServiceReminder(int storeId, long customerId, long vehicleId, ServiceReminderReason reason, DateOnly dueDate,
        long callbackTaskId, DateTimeOffset now)
    {
        StoreId = storeId;
        CustomerId = customerId;
        VehicleId = vehicleId;
        Reason = reason;
        DueDate = dueDate;
        CallbackTaskId = callbackTaskId;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public long CustomerId { get; private set; }

    public long VehicleId { get; private set; }

    public ServiceReminderReason Reason { get; private set; }

    /// <summary>The day the maintenance, inspection or insurance falls due (store-local), not the day of the call.</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>The call that carries this reason.</summary>
    public long CallbackTaskId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
