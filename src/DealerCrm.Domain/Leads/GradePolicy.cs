using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Leads;

public enum GradePolicyPreset
{
    /// <summary>Spec 1.4 table: H 7 days / every 2, A 15 / 7, B 1 month / 10, C later / 15, O 10.</summary>
    Standard = 0,

    /// <summary>The other training document: H 7 days / 2, A 1 month / 7, B 1-3 months / 15, C later / 30.</summary>
    Alternative = 1,
}

/// <summary>
/// A store's grade policy (spec 1.4): for each grade the purchase window and the longest gap between follow-ups,
/// and the deposit that makes an order grade O. Edited by an Admin per store.
/// </summary>
public sealed class GradePolicy
{
    public const int MaxDays = 365;

    private GradePolicy()
    {
    }

    public GradePolicy(int storeId, GradePolicyPreset preset = GradePolicyPreset.Standard)
    {
        StoreId = storeId;
        Apply(preset);
    }

    public int Id { get; private set; }

    public int StoreId { get; private set; }

    public int HWindowDays { get; private set; }

    public int HIntervalDays { get; private set; }

    public int AWindowDays { get; private set; }

    public int AIntervalDays { get; private set; }

    public int BWindowDays { get; private set; }

    public int BIntervalDays { get; private set; }

    public int CIntervalDays { get; private set; }

    public int OIntervalDays { get; private set; }

    public decimal DepositThreshold { get; private set; }

    /// <summary>休眠: days without a grade change or a visit after which a C lead may be made Dormant (spec 3.5).</summary>
    public int DormantAfterDays { get; private set; } = DormancyRule.DefaultDays;

    public uint Version { get; private set; }

    public void Apply(GradePolicyPreset preset)
    {
        var (h, a, b) = preset == GradePolicyPreset.Standard ? (7, 15, 30) : (7, 30, 90);
        var (hi, ai, bi, ci) = preset == GradePolicyPreset.Standard ? (2, 7, 10, 15) : (2, 7, 15, 30);
        Change(h, hi, a, ai, b, bi, ci, 10, 1000m);
    }

    public void Change(int hWindow, int hInterval, int aWindow, int aInterval, int bWindow, int bInterval,
        int cInterval, int oInterval, decimal depositThreshold)
    {
        foreach (var (value, field) in new[]
                 {
                     (hWindow, nameof(HWindowDays)), (hInterval, nameof(HIntervalDays)),
                     (aWindow, nameof(AWindowDays)), (aInterval, nameof(AIntervalDays)),
                     (bWindow, nameof(BWindowDays)), (bInterval, nameof(BIntervalDays)),
                     (cInterval, nameof(CIntervalDays)), (oInterval, nameof(OIntervalDays)),
                 })
        {
            if (value is < 1 or > MaxDays)
            {
                throw new DomainException("GradePolicy.DaysRange", field, 1, MaxDays);
            }
        }

        if (!(hWindow < aWindow && aWindow < bWindow))
        {
            throw new DomainException("GradePolicy.WindowsOrder", nameof(AWindowDays));
        }

        if (depositThreshold is < 0 or > 1_000_000m)
        {
            throw new DomainException("GradePolicy.DepositRange", nameof(DepositThreshold));
        }

        (HWindowDays, HIntervalDays, AWindowDays, AIntervalDays) = (hWindow, hInterval, aWindow, aInterval);
        (BWindowDays, BIntervalDays, CIntervalDays, OIntervalDays) = (bWindow, bInterval, cInterval, oInterval);
        DepositThreshold = decimal.Round(depositThreshold, 2);
    }

    /// <summary>The store's dormancy period; a preset leaves it as it is.</summary>
    public void ChangeDormantAfter(int days)
    {
        if (days is < DormancyRule.MinDays or > DormancyRule.MaxDays)
        {
            throw new DomainException("GradePolicy.DormantAfterRange", nameof(DormantAfterDays), DormancyRule.MinDays,
                DormancyRule.MaxDays);
        }

        DormantAfterDays = days;
    }

    public int IntervalDays(Grade grade) => grade switch
    {
        Grade.O => OIntervalDays,
        Grade.H => HIntervalDays,
        Grade.A => AIntervalDays,
        Grade.B => BIntervalDays,
        _ => CIntervalDays,
    };

    /// <summary>The default date of the next plan: today + the grade's interval (spec 2.2).</summary>
    public DateOnly DefaultNextPlanDate(Grade grade, DateOnly today) => today.AddDays(IntervalDays(grade));

    /// <summary>The grade an expected purchase date points to (H within the H window, and so on).</summary>
    public Grade GradeForPurchaseDate(DateOnly expected, DateOnly today)
    {
        var days = expected.DayNumber - today.DayNumber;
        return days <= HWindowDays ? Grade.H : days <= AWindowDays ? Grade.A : days <= BWindowDays ? Grade.B : Grade.C;
    }
}
