using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Stores;

/// <summary>
/// A store's targets for one month (spec 6.6a): the sales manager sets cards, orders and deliveries; the service
/// manager sets the after-sales rates (callbacks attempted and reached, satisfaction, complaints handled in time), each
/// a fraction 0–1. A target not set is null (reports show no target, not zero). One row per store and month.
/// </summary>
public sealed class StoreTarget
{
    public const int MaxCount = 1_000_000;

    private StoreTarget()
    {
    }

    public StoreTarget(int storeId, int year, int month)
    {
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            throw new DomainException("Target.MonthInvalid", nameof(Month));
        }

        StoreId = storeId;
        Month = new DateOnly(year, month, 1);
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; private set; }

    public int? Cards { get; private set; }

    public int? Orders { get; private set; }

    public int? Deliveries { get; private set; }

    public decimal? CallbackAttemptedRate { get; private set; }

    public decimal? CallbackReachedRate { get; private set; }

    public decimal? SatisfactionRate { get; private set; }

    public decimal? TimelyHandlingRate { get; private set; }

    public long? SalesSetById { get; private set; }

    public DateTimeOffset? SalesSetAt { get; private set; }

    public long? ServiceSetById { get; private set; }

    public DateTimeOffset? ServiceSetAt { get; private set; }

    public uint Version { get; private set; }

    public void SetSales(int? cards, int? orders, int? deliveries, long actorId, DateTimeOffset now)
    {
        Cards = Count(cards, nameof(Cards));
        Orders = Count(orders, nameof(Orders));
        Deliveries = Count(deliveries, nameof(Deliveries));
        SalesSetById = actorId;
        SalesSetAt = now.ToUniversalTime();
    }

    public void SetService(decimal? attempted, decimal? reached, decimal? satisfaction, decimal? timely, long actorId,
        DateTimeOffset now)
    {
        CallbackAttemptedRate = Rate(attempted, nameof(CallbackAttemptedRate));
        CallbackReachedRate = Rate(reached, nameof(CallbackReachedRate));
        SatisfactionRate = Rate(satisfaction, nameof(SatisfactionRate));
        TimelyHandlingRate = Rate(timely, nameof(TimelyHandlingRate));
        ServiceSetById = actorId;
        ServiceSetAt = now.ToUniversalTime();
    }

    private static int? Count(int? value, string field) =>
        value is < 0 or > MaxCount ? throw new DomainException("Target.CountInvalid", field) : value;

    private static decimal? Rate(decimal? value, string field) =>
        value is < 0 or > 1 ? throw new DomainException("Target.RateInvalid", field) : value is { } v ? decimal.Round(v, 4) : null;
}
