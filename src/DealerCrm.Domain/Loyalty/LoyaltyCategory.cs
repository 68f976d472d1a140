namespace DealerCrm.Domain.Loyalty;

/// <summary>
/// The loyalty category of a vehicle and of its owner (spec 5.3, 忠诚度类别). The numbers are stored; the order of
/// "best" is <see cref="LoyaltyRules.Rank"/>, not the number.
/// </summary>
public enum LoyaltyCategory : short
{
    /// <summary>Every time (每次保养都来): no counted interval missed.</summary>
    L1 = 1,

    /// <summary>Missed once (间隔一次未来).</summary>
    L2 = 2,

    /// <summary>Missed twice (间隔二次未来).</summary>
    L3 = 3,

    /// <summary>Missed 3 or 4 times.</summary>
    L4 = 4,

    /// <summary>Missed 5 or more (流失).</summary>
    L5 = 5,

    /// <summary>No first maintenance yet, still inside the first-maintenance window after delivery.</summary>
    New = 6,

    /// <summary>No first maintenance and the window has passed.</summary>
    NeverReturned = 7,
}

/// <summary>The membership tier (spec 5.4, 会员级别); a higher number is a higher tier.</summary>
public enum MembershipTier : short
{
    Standard = 0,
    Silver = 1,
    Gold = 2,
    Diamond = 3,
}

/// <summary>Why an owner is on the at-risk list (spec 5.4): the CRM officer calls them first.</summary>
public enum LoyaltyRisk : short
{
    None = 0,

    /// <summary>The computed tier is lower, but they were downgraded less than 12 months ago: held until
    /// <c>RiskUntil</c>, when the next recalculation downgrades them.</summary>
    DowngradeHeld = 1,

    /// <summary>A car's running maintenance interval ends by <c>RiskUntil</c> (within
    /// <see cref="LoyaltyRules.DueSoonDays"/> days) without a maintenance visit yet, and missing it would lower the tier.</summary>
    MaintenanceDue = 2,
}

/// <summary>What a history row records (spec 5.3, 5.4).</summary>
public enum LoyaltyChangeKind : short
{
    Category = 1,
    Tier = 2,
}

/// <summary>Which condition moved, for a history row (flags).</summary>
[Flags]
public enum LoyaltyChangeCause : short
{
    None = 0,

    /// <summary>The loyalty category changed (a visit, a missed interval, a car sold or scrapped).</summary>
    Loyalty = 1,

    /// <summary>The cumulative spend changed (a delivery or a paid service visit).</summary>
    Spend = 2,

    /// <summary>A downgrade held back earlier by the 12-month rule took effect.</summary>
    HoldEnded = 4,
}
