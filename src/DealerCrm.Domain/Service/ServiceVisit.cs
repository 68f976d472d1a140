using DealerCrm.Domain.Common;
using DealerCrm.Domain.Vehicles;

namespace DealerCrm.Domain.Service;

/// <summary>The service types of a repair order (4.2); an order has one or more.</summary>
[Flags]
#pragma warning disable CA1714 // a flags enum of types reads naturally in the plural
public enum ServiceTypes
#pragma warning restore CA1714
{
    None = 0,
    FirstMaintenance = 1,
    Maintenance = 2,
    Warranty = 4,
    MinorRepair = 8,
    MajorRepair = 16,
    InsuranceRepair = 32,
    BodyAndPaint = 64,
    Accessories = 128,
    PartsCounter = 256,
    RoadsideRescue = 512,
    InsuranceRenewal = 1024,
    InspectionAgency = 2048,
}

public static class ServiceTypeRules
{
    /// <summary>The workshop types: a completed order with one of them causes an after-sales callback (4.7).</summary>
    public const ServiceTypes Workshop = ServiceTypes.FirstMaintenance | ServiceTypes.Maintenance | ServiceTypes.Warranty
        | ServiceTypes.MinorRepair | ServiceTypes.MajorRepair | ServiceTypes.InsuranceRepair | ServiceTypes.BodyAndPaint;

    /// <summary>Maintenance for loyalty (5.3): 首保 or 保养 only.</summary>
    public const ServiceTypes MaintenanceTypes = ServiceTypes.FirstMaintenance | ServiceTypes.Maintenance;

    public const ServiceTypes All = Workshop | ServiceTypes.Accessories | ServiceTypes.PartsCounter
        | ServiceTypes.RoadsideRescue | ServiceTypes.InsuranceRenewal | ServiceTypes.InspectionAgency;

    public static IReadOnlyList<ServiceTypes> Each { get; } =
        Enum.GetValues<ServiceTypes>().Where(t => t != ServiceTypes.None).ToArray();

    public static bool IsWorkshop(this ServiceTypes types) => (types & Workshop) != 0;
}

/// <summary>
/// Who pays a repair order (结算方式). Only what the customer paid counts toward their cumulative spend (spec 5.4):
/// warranty work paid by the manufacturer (索赔) and insurer-paid work are left out, and internal work too.
/// </summary>
public enum ServicePayer : short
{
    Customer = 0,
    Manufacturer = 1,
    Insurer = 2,
    Internal = 3,
}

/// <summary>
/// A repair order (维修委托书, spec 4.2). Opened by the service advisor or imported from the dealer management
/// system; completing it is a separate step. The person who brought the car (送修人) is the one the after-sales
/// callback calls (4.7); the owner's own mobile is never overwritten from here. The vehicle must be saved first (its
/// id is taken here), and the caller tells the vehicle's file with <see cref="Vehicle.RecordServiceVisit"/> at the
/// store-local date (the import does the same in SQL).
/// </summary>
public sealed class ServiceVisit
{
    public const int OrderNumberMaxLength = 30;
    public const int NameMaxLength = 50;
    public const int PreferredTimeMaxLength = 50;
    public const decimal MaxAmount = 10_000_000m;

    private ServiceVisit()
    {
        OrderNumber = string.Empty;
    }

    public ServiceVisit(int storeId, string? orderNumber, Vehicle vehicle, long customerId, DateTimeOffset openedAt,
        int mileage, string? mileageReason, ServiceTypes types, decimal? amount, long? advisorId, string? advisorName,
        string? broughtByName, string? broughtByMobile, bool acceptsCallback, string? callbackNumber,
        string? callbackTime, DateTimeOffset now, long? importId = null, ServicePayer? payer = null)
        : this()
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        StoreId = storeId;
        OrderNumber = NormalizeOrderNumber(orderNumber);
        VehicleId = vehicle.Id;
        CustomerId = customerId;
        if (!UserDates.IsSane(openedAt.UtcDateTime))
        {
            throw new DomainException("Service.OpenedInvalid", nameof(OpenedAt));
        }

        if (openedAt > now.AddMinutes(5))
        {
            throw new DomainException("Service.OpenedInFuture", nameof(OpenedAt));
        }

        OpenedAt = openedAt.ToUniversalTime();
        MileageReason = vehicle.CheckMileage(mileage, mileageReason);
        Mileage = mileage;
        Types = CheckTypes(types);
        Amount = CheckAmount(amount);
        Payer = CheckPayer(payer ?? DefaultPayer(Types));
        AdvisorId = advisorId;
        AdvisorName = Text.Optional(advisorName, NameMaxLength, nameof(AdvisorName));
        BroughtByName = Text.Optional(broughtByName, NameMaxLength, nameof(BroughtByName));
        BroughtByMobile = broughtByMobile is null || string.IsNullOrWhiteSpace(broughtByMobile)
            ? null
            : ChineseMobile.Normalize(broughtByMobile, nameof(BroughtByMobile));
        AcceptsCallback = acceptsCallback;
        CallbackNumber = string.IsNullOrWhiteSpace(callbackNumber) ? null : ChineseMobile.Normalize(callbackNumber, nameof(CallbackNumber));
        CallbackTime = Text.Optional(callbackTime, PreferredTimeMaxLength, nameof(CallbackTime));
        ImportId = importId;
        CreatedAt = now.ToUniversalTime();
        UpdatedAt = CreatedAt;
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public string OrderNumber { get; private set; }

    public long VehicleId { get; private set; }

    /// <summary>The owner as this store knows them (the customer file the visit shows on).</summary>
    public long CustomerId { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public int Mileage { get; private set; }

    public string? MileageReason { get; private set; }

    public ServiceTypes Types { get; private set; }

    /// <summary>What the customer paid, in CNY (null while not yet priced).</summary>
    public decimal? Amount { get; private set; }

    /// <summary>Who pays (结算方式); when not stated, <see cref="DefaultPayer"/> of the types.</summary>
    public ServicePayer Payer { get; private set; }

    public long? AdvisorId { get; private set; }

    /// <summary>The advisor's name as the DMS wrote it, when no account matches it.</summary>
    public string? AdvisorName { get; private set; }

    /// <summary>送修人: who brought the car (a driver, a family member); null when the owner brought it.</summary>
    public string? BroughtByName { get; private set; }

    public string? BroughtByMobile { get; private set; }

    public bool AcceptsCallback { get; private set; }

    /// <summary>The number that suits them for the callback, when it is not the one who brought the car's.</summary>
    public string? CallbackNumber { get; private set; }

    /// <summary>The time that suits them ("after 18:00", "weekends").</summary>
    public string? CallbackTime { get; private set; }

    /// <summary>The DMS import that brought it, if any.</summary>
    public long? ImportId { get; private set; }

    /// <summary>Set when a callback found the number wrong: the advisor's data-fix task.</summary>
    public DateTimeOffset? WrongNumberReportedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    public bool IsCompleted => CompletedAt is not null;

    public static string NormalizeOrderNumber(string? orderNumber)
    {
        var value = Text.Required(orderNumber, OrderNumberMaxLength, nameof(OrderNumber), "Service.OrderNumberRequired");
        return value.Any(char.IsWhiteSpace) ? throw new DomainException("Service.OrderNumberInvalid", nameof(OrderNumber)) : value;
    }

    /// <summary>Completing the order (a separate step, 4.2): not before it was opened, not in the future.</summary>
    public void Complete(DateTimeOffset completedAt, DateTimeOffset now)
    {
        if (!UserDates.IsSane(completedAt.UtcDateTime))
        {
            throw new DomainException("Service.CompletedInvalid", nameof(CompletedAt));
        }

        if (completedAt > now.AddMinutes(5))
        {
            throw new DomainException("Service.CompletedInFuture", nameof(CompletedAt));
        }

        if (completedAt < OpenedAt)
        {
            throw new DomainException("Service.CompletedBeforeOpened", nameof(CompletedAt));
        }

        if (CompletedAt is { } done && completedAt <= done)
        {
            throw new DomainException("Service.AlreadyCompleted", nameof(CompletedAt));
        }

        CompletedAt = completedAt.ToUniversalTime();
        UpdatedAt = now.ToUniversalTime();
    }

    public void ChangeCallbackConsent(bool accepts, string? number, string? time, DateTimeOffset now)
    {
        AcceptsCallback = accepts;
        CallbackNumber = string.IsNullOrWhiteSpace(number) ? null : ChineseMobile.Normalize(number, nameof(CallbackNumber));
        CallbackTime = Text.Optional(time, PreferredTimeMaxLength, nameof(CallbackTime));
        UpdatedAt = now.ToUniversalTime();
    }

    public void ReportWrongNumber(DateTimeOffset now) => WrongNumberReportedAt = now.ToUniversalTime();

    /// <summary>
    /// The advisor corrects who brought the car and their mobile (the data-fix after a callback found the number
    /// wrong): the flag is cleared, so the callback can dial the corrected number. The owner's file is not touched.
    /// </summary>
    public void CorrectContact(string? broughtByName, string? broughtByMobile, DateTimeOffset now)
    {
        var name = Text.Optional(broughtByName, NameMaxLength, nameof(BroughtByName));
        var mobile = string.IsNullOrWhiteSpace(broughtByMobile)
            ? null
            : ChineseMobile.Normalize(broughtByMobile, nameof(BroughtByMobile));
        BroughtByName = name;
        BroughtByMobile = mobile;
        WrongNumberReportedAt = null;
        UpdatedAt = now.ToUniversalTime();
    }

    /// <summary>The number a callback dials first (4.7: the one who brought the car for after-sales).</summary>
    public string? NumberToCall(string? ownerMobile) => CallbackNumber ?? BroughtByMobile ?? ownerMobile;

    public static ServiceTypes CheckTypes(ServiceTypes types)
    {
        if (types == ServiceTypes.None)
        {
            throw new DomainException("Service.TypeRequired", nameof(Types));
        }

        return (types & ~ServiceTypeRules.All) != 0 ? throw new DomainException("Service.TypeInvalid", nameof(Types)) : types;
    }

    /// <summary>
    /// The payer when the order does not say (docs/decisions.md, "Issue 13 — spend"): insurance repair is the
    /// insurer's, else warranty is the manufacturer's, else the customer pays. The same rule in SQL (the import and
    /// the migration that added the column): types &amp; 32 → 2, else types &amp; 4 → 1, else 0.
    /// </summary>
    public static ServicePayer DefaultPayer(ServiceTypes types) =>
        (types & ServiceTypes.InsuranceRepair) != 0 ? ServicePayer.Insurer
        : (types & ServiceTypes.Warranty) != 0 ? ServicePayer.Manufacturer
        : ServicePayer.Customer;

    public static ServicePayer CheckPayer(ServicePayer payer) =>
        Enum.IsDefined(payer) ? payer : throw new DomainException("Service.PayerInvalid", nameof(Payer));

    public static decimal? CheckAmount(decimal? amount) =>
        amount is { } value && (value < 0 || value > MaxAmount || decimal.Round(value, 2) != value)
            ? throw new DomainException("Service.AmountRange", nameof(Amount), 0, MaxAmount)
            : amount;
}
