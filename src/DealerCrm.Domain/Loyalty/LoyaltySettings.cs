using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Loyalty;

/// <summary>
/// A store's loyalty and tier settings (spec 5.3, 5.4), edited by an Admin: the maintenance intervals by time and by
/// mileage, how many complete intervals count, the first-maintenance window, and each tier's spend and loyalty
/// thresholds and benefits text. A store without a row uses the defaults (<see cref="LoyaltySettings(int)"/>).
/// </summary>
public sealed class LoyaltySettings
{
    public const int BenefitsMaxLength = 500;

    private LoyaltySettings()
    {
    }

    public LoyaltySettings(int storeId)
    {
        StoreId = storeId;
        IntervalMonths = 6;
        IntervalKm = 5_000;
        CountedIntervals = 6;
        FirstMaintenanceMonths = 12;
        SilverSpend = 50_000m;
        SilverLoyalty = LoyaltyCategory.L3;
        GoldSpend = 200_000m;
        GoldLoyalty = LoyaltyCategory.L2;
        DiamondSpend = 500_000m;
        DiamondLoyalty = LoyaltyCategory.L1;
    }

    public int StoreId { get; private set; }

    /// <summary>The time maintenance interval, in months (default 6).</summary>
    public int IntervalMonths { get; private set; }

    /// <summary>The mileage maintenance interval, in km (default 5,000): it shortens the interval for cars driven far.</summary>
    public int IntervalKm { get; private set; }

    /// <summary>Only the last this many complete intervals count (default 6).</summary>
    public int CountedIntervals { get; private set; }

    /// <summary>The first maintenance is expected within this many months of delivery (default 12).</summary>
    public int FirstMaintenanceMonths { get; private set; }

    public decimal SilverSpend { get; private set; }

    /// <summary>The least loyalty for Silver (L1 best … L5); New counts as L1 for the tier.</summary>
    public LoyaltyCategory SilverLoyalty { get; private set; }

    public decimal GoldSpend { get; private set; }

    public LoyaltyCategory GoldLoyalty { get; private set; }

    public decimal DiamondSpend { get; private set; }

    public LoyaltyCategory DiamondLoyalty { get; private set; }

    public string? StandardBenefits { get; private set; }

    public string? SilverBenefits { get; private set; }

    public string? GoldBenefits { get; private set; }

    public string? DiamondBenefits { get; private set; }

    public uint Version { get; private set; }

    public decimal SpendFor(MembershipTier tier) => tier switch
    {
        MembershipTier.Diamond => DiamondSpend,
        MembershipTier.Gold => GoldSpend,
        MembershipTier.Silver => SilverSpend,
        _ => 0m,
    };

    public LoyaltyCategory? LoyaltyFor(MembershipTier tier) => tier switch
    {
        MembershipTier.Diamond => DiamondLoyalty,
        MembershipTier.Gold => GoldLoyalty,
        MembershipTier.Silver => SilverLoyalty,
        _ => null,
    };

    public string? BenefitsFor(MembershipTier tier) => tier switch
    {
        MembershipTier.Diamond => DiamondBenefits,
        MembershipTier.Gold => GoldBenefits,
        MembershipTier.Silver => SilverBenefits,
        _ => StandardBenefits,
    };

    /// <summary>Changes the maintenance rules. Throws <see cref="DomainException"/> naming the field out of range.</summary>
    public void ChangeIntervals(int intervalMonths, int intervalKm, int countedIntervals, int firstMaintenanceMonths)
    {
        if (intervalMonths is < 1 or > 24)
        {
            throw new DomainException("Loyalty.IntervalMonthsRange", nameof(IntervalMonths), 1, 24);
        }

        if (intervalKm is < 1_000 or > 100_000)
        {
            throw new DomainException("Loyalty.IntervalKmRange", nameof(IntervalKm), 1_000, 100_000);
        }

        if (countedIntervals is < 1 or > 24)
        {
            throw new DomainException("Loyalty.CountedRange", nameof(CountedIntervals), 1, 24);
        }

        if (firstMaintenanceMonths is < 1 or > 36)
        {
            throw new DomainException("Loyalty.FirstMaintenanceRange", nameof(FirstMaintenanceMonths), 1, 36);
        }

        IntervalMonths = intervalMonths;
        IntervalKm = intervalKm;
        CountedIntervals = countedIntervals;
        FirstMaintenanceMonths = firstMaintenanceMonths;
    }

    /// <summary>
    /// Changes the tier thresholds: spend rises and loyalty does not fall from Silver to Gold to Diamond (a higher tier
    /// never asks for less). Loyalty thresholds are L1–L5 (New and Never returned are not thresholds).
    /// </summary>
    public void ChangeTiers(decimal silverSpend, LoyaltyCategory silverLoyalty, decimal goldSpend,
        LoyaltyCategory goldLoyalty, decimal diamondSpend, LoyaltyCategory diamondLoyalty)
    {
        CheckSpend(silverSpend, nameof(SilverSpend));
        CheckSpend(goldSpend, nameof(GoldSpend));
        CheckSpend(diamondSpend, nameof(DiamondSpend));
        CheckLoyalty(silverLoyalty, nameof(SilverLoyalty));
        CheckLoyalty(goldLoyalty, nameof(GoldLoyalty));
        CheckLoyalty(diamondLoyalty, nameof(DiamondLoyalty));
        if (goldSpend <= silverSpend)
        {
            throw new DomainException("Loyalty.SpendOrder", nameof(GoldSpend));
        }

        if (diamondSpend <= goldSpend)
        {
            throw new DomainException("Loyalty.SpendOrder", nameof(DiamondSpend));
        }

        if (goldLoyalty > silverLoyalty)
        {
            throw new DomainException("Loyalty.LoyaltyOrder", nameof(GoldLoyalty));
        }

        if (diamondLoyalty > goldLoyalty)
        {
            throw new DomainException("Loyalty.LoyaltyOrder", nameof(DiamondLoyalty));
        }

        SilverSpend = silverSpend;
        SilverLoyalty = silverLoyalty;
        GoldSpend = goldSpend;
        GoldLoyalty = goldLoyalty;
        DiamondSpend = diamondSpend;
        DiamondLoyalty = diamondLoyalty;
    }

    /// <summary>Changes each tier's benefits text (trimmed; empty is none). All four are checked before any changes.</summary>
    public void ChangeBenefits(string? standard, string? silver, string? gold, string? diamond)
    {
        var standardText = Text.Optional(standard, BenefitsMaxLength, nameof(StandardBenefits));
        var silverText = Text.Optional(silver, BenefitsMaxLength, nameof(SilverBenefits));
        var goldText = Text.Optional(gold, BenefitsMaxLength, nameof(GoldBenefits));
        var diamondText = Text.Optional(diamond, BenefitsMaxLength, nameof(DiamondBenefits));
        StandardBenefits = standardText;
        SilverBenefits = silverText;
        GoldBenefits = goldText;
        DiamondBenefits = diamondText;
    }

    private static void CheckSpend(decimal spend, string field)
    {
        // The message says "from 1 to 100,000,000": the check says the same (it allowed 0.01 before).
        if (spend is < 1m or > 100_000_000m || decimal.Round(spend, 2) != spend)
        {
            throw new DomainException("Loyalty.SpendRange", field, 1, 100_000_000);
        }
    }

    private static void CheckLoyalty(LoyaltyCategory category, string field)
    {
        if (category is < LoyaltyCategory.L1 or > LoyaltyCategory.L5)
        {
            throw new DomainException("Loyalty.LoyaltyThreshold", field);
        }
    }
}
