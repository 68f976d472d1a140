namespace DealerCrm.Domain.Loyalty;

/// <summary>
/// An owner's loyalty state (spec 5.3, 5.4), one row per customer the recalculation has seen, written only by it
/// (Jobs/LoyaltyRecalculationJob) and only when something changed. Kept beside the customer, not on it: the daily
/// run rewrites these narrow rows without touching the customers table and its search indexes. No row: not yet
/// calculated (shown as Standard, "not calculated yet").
/// </summary>
public sealed class CustomerLoyalty
{
    private CustomerLoyalty()
    {
    }

    public long CustomerId { get; private set; }

    public int StoreId { get; private set; }

    /// <summary>The best category of the owner's counting cars; null with no counting car.</summary>
    public LoyaltyCategory? Category { get; private set; }

    /// <summary>The tier after the 12-month downgrade rule.</summary>
    public MembershipTier Tier { get; private set; }

    /// <summary>Cumulative spend (5.4): final prices of their deliveries plus customer-paid service amounts.</summary>
    public decimal Spend { get; private set; }

    /// <summary>The store-local day the current tier began.</summary>
    public DateOnly TierSince { get; private set; }

    /// <summary>The store-local day of the last downgrade (at most one in 12 months).</summary>
    public DateOnly? LastDowngradeOn { get; private set; }

    /// <summary>On the at-risk list, and why (call them first).</summary>
    public LoyaltyRisk Risk { get; private set; }

    /// <summary>Held: the day the held downgrade may apply; maintenance due: the day the running interval ends.</summary>
    public DateOnly? RiskUntil { get; private set; }

    /// <summary>The store-local day of the last recalculation that changed this row.</summary>
    public DateOnly CalculatedOn { get; private set; }

    /// <summary>The run that last changed this row.</summary>
    public long RunId { get; private set; }
}

/// <summary>
/// One car's loyalty at the last recalculation (spec 5.3): its category (null: sold, transferred or scrapped), the
/// missed intervals among the counted ones, its first maintenance here, and the last day of the running interval.
/// Written only by the recalculation, only when changed.
/// </summary>
public sealed class VehicleLoyaltyState
{
    private VehicleLoyaltyState()
    {
    }

    public long VehicleId { get; private set; }

    public int StoreId { get; private set; }

    public long CustomerId { get; private set; }

    public LoyaltyCategory? Category { get; private set; }

    public short Missed { get; private set; }

    public DateOnly? Anchor { get; private set; }

    /// <summary>The running interval's last day (maintenance due by); null without a first maintenance.</summary>
    public DateOnly? DueBy { get; private set; }

    public DateOnly CalculatedOn { get; private set; }
}
