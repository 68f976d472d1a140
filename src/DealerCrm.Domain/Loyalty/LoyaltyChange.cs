namespace DealerCrm.Domain.Loyalty;

/// <summary>
/// One history row (spec 5.3, 5.4): an owner's category or tier changed on a store-local day — old, new, and which
/// condition moved. Written by the recalculation only when something changes; typed columns so reports can count them.
/// </summary>
public sealed class LoyaltyChange
{
    private LoyaltyChange()
    {
    }

    public LoyaltyChange(int storeId, long customerId, long runId, DateOnly onDate, DateTimeOffset at,
        LoyaltyChangeKind kind, LoyaltyCategory? oldCategory, LoyaltyCategory? newCategory, MembershipTier? oldTier,
        MembershipTier? newTier, LoyaltyChangeCause cause, decimal spend)
    {
        StoreId = storeId;
        CustomerId = customerId;
        RunId = runId;
        OnDate = onDate;
        At = at.ToUniversalTime();
        Kind = kind;
        OldCategory = oldCategory;
        NewCategory = newCategory;
        OldTier = oldTier;
        NewTier = newTier;
        Cause = cause;
        Spend = spend;
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public long CustomerId { get; private set; }

    /// <summary>The recalculation run that recorded it.</summary>
    public long RunId { get; private set; }

    /// <summary>The store-local day of the run.</summary>
    public DateOnly OnDate { get; private set; }

    public DateTimeOffset At { get; private set; }

    public LoyaltyChangeKind Kind { get; private set; }

    /// <summary>Category rows: before (null: first calculation or no counting car) and after.</summary>
    public LoyaltyCategory? OldCategory { get; private set; }

    public LoyaltyCategory? NewCategory { get; private set; }

    /// <summary>Tier rows: before and after.</summary>
    public MembershipTier? OldTier { get; private set; }

    public MembershipTier? NewTier { get; private set; }

    public LoyaltyChangeCause Cause { get; private set; }

    /// <summary>The cumulative spend at the run.</summary>
    public decimal Spend { get; private set; }

    /// <summary>A tier row that lowered the tier.</summary>
    public bool IsDowngrade => Kind == LoyaltyChangeKind.Tier && NewTier < OldTier;
}
