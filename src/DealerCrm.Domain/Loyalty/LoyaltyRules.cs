using DealerCrm.Domain.Vehicles;

namespace DealerCrm.Domain.Loyalty;

/// <summary>One service visit as loyalty sees it: the store-local date it was opened, its mileage, and whether it
/// is a maintenance (首保 or 保养, <see cref="Service.ServiceTypeRules.MaintenanceTypes"/>).</summary>
public sealed record LoyaltyVisit(DateOnly Date, int Mileage, bool IsMaintenance);

/// <summary>
/// One vehicle as loyalty sees it. <paramref name="HandedOver"/> is the date the first-maintenance window runs from:
/// the delivery date, else the purchase date, else the store-local date the file was made.
/// </summary>
public sealed record LoyaltyVehicle(long VehicleId, bool SoldByUs, VehicleStatus Status, DateOnly HandedOver,
    IReadOnlyList<LoyaltyVisit> Visits);

/// <summary>What <see cref="LoyaltyRules.Evaluate"/> found for one vehicle.</summary>
/// <param name="Category">Null when the vehicle does not count (sold, transferred, scrapped).</param>
/// <param name="Anchor">The first maintenance here (a car sold elsewhere: its first visit here); null if none.</param>
/// <param name="IntervalDays">The interval in days when mileage shortened it; null when it is the time interval.</param>
/// <param name="CompleteIntervals">Expected intervals that have ended (their last day is before today).</param>
/// <param name="Missed">Counted intervals (the last N complete ones) without a maintenance visit.</param>
/// <param name="RunningEnd">The last day of the running interval; null without an anchor.</param>
/// <param name="RunningHit">Whether the running interval already has a maintenance visit.</param>
/// <param name="OldestCountedMissed">Whether the oldest counted interval was missed (it leaves the window when the
/// running one completes, if the window is full).</param>
public sealed record VehicleLoyalty(LoyaltyCategory? Category, DateOnly? Anchor, int? IntervalDays,
    int CompleteIntervals, int Missed, DateOnly? RunningEnd, bool RunningHit, bool OldestCountedMissed = false);

/// <summary>An owner's result: category, tier and risk after the 12-month downgrade rule.</summary>
public sealed record OwnerLoyalty(LoyaltyCategory? Category, MembershipTier ComputedTier, MembershipTier Tier,
    bool Downgraded, LoyaltyRisk Risk, DateOnly? RiskUntil);

/// <summary>
/// The loyalty and tier rules of spec 5.3 and 5.4 as plain code (docs/decisions.md, "Issue 13 — loyalty rules").
/// This is the reference: the recalculation job says the same in SQL for the whole group, and a test runs both over
/// the same generated customers and compares every result.
/// <list type="bullet">
/// <item>A maintenance is a visit of type 首保 or 保养; its day is the store-local day the order was opened.</item>
/// <item>The anchor is the first maintenance here; for a car sold elsewhere, its first visit here of any type.</item>
/// <item>Intervals: the anchor plus k × the time interval in calendar months (interval k ends on
/// anchor.AddMonths(k × months)); when the car's km per day (highest minus lowest visit mileage over the days between
/// its first and last visit) reaches the mileage interval sooner, every interval is that many days instead (never
/// fewer than <see cref="MinimumIntervalDays"/>), and interval k ends on anchor + k × days.</item>
/// <item>Interval k runs from the day after the end of k − 1 through its own end day, both inclusive of the end: a
/// visit on a boundary day counts for the interval that ends that day. It is complete once its end day is before
/// today; the running interval is never missed.</item>
/// <item>Only the last N complete intervals count (a store setting, default 6).</item>
/// </list>
/// </summary>
public static class LoyaltyRules
{
    /// <summary>Mileage can shorten an interval to no fewer days than this: one wrong mileage must not make a year of misses.</summary>
    public const int MinimumIntervalDays = 30;

    /// <summary>A downgrade is held back when the last one was less than this many months ago.</summary>
    public const int DowngradeHoldMonths = 12;

    /// <summary>An owner is at risk when a running interval whose miss would lower the tier ends within this many days.</summary>
    public const int DueSoonDays = 30;

    /// <summary>The order of "best" for an owner with several cars: L1, New, L2, L3, L4, L5, Never returned (lower is better).</summary>
    public static int Rank(LoyaltyCategory category) => category switch
    {
        LoyaltyCategory.L1 => 1,
        LoyaltyCategory.New => 2,
        LoyaltyCategory.L2 => 3,
        LoyaltyCategory.L3 => 4,
        LoyaltyCategory.L4 => 5,
        LoyaltyCategory.L5 => 6,
        _ => 7,
    };

    /// <summary>The loyalty level a tier threshold compares (1 = L1 … 5 = L5): New counts as L1, Never returned ranks
    /// below L5 (6), and an owner with no counting car lowest of all (7).</summary>
    public static int TierLevel(LoyaltyCategory? category) => category switch
    {
        null => 7,
        LoyaltyCategory.New => 1,
        LoyaltyCategory.NeverReturned => 6,
        _ => (int)category.Value,
    };

    public static LoyaltyCategory FromMissed(int missed) => missed switch
    {
        <= 0 => LoyaltyCategory.L1,
        1 => LoyaltyCategory.L2,
        2 => LoyaltyCategory.L3,
        3 or 4 => LoyaltyCategory.L4,
        _ => LoyaltyCategory.L5,
    };

    /// <summary>The category of one vehicle on <paramref name="today"/> (store-local).</summary>
    public static VehicleLoyalty Evaluate(LoyaltyVehicle vehicle, LoyaltySettings settings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(settings);
        var visits = vehicle.Visits.Where(v => v.Date <= today).ToList();
        var maintenances = visits.Where(v => v.IsMaintenance).Select(v => v.Date).ToList();
        DateOnly? anchor = vehicle.SoldByUs
            ? (maintenances.Count == 0 ? null : maintenances.Min())
            : (visits.Count == 0 ? null : visits.Min(v => v.Date));
        if (vehicle.Status != VehicleStatus.InUse)
        {
            return new VehicleLoyalty(null, anchor, null, 0, 0, null, false);
        }

        if (anchor is null)
        {
            var category = today <= vehicle.HandedOver.AddMonths(settings.FirstMaintenanceMonths)
                ? LoyaltyCategory.New
                : LoyaltyCategory.NeverReturned;
            return new VehicleLoyalty(category, null, null, 0, 0, null, false);
        }

        var a = anchor.Value;
        var days = IntervalDays(visits, a, settings);
        DateOnly End(int k) => days is { } d ? a.AddDays(k * d) : a.AddMonths(k * settings.IntervalMonths);
        var complete = 0;
        while (End(complete + 1) < today)
        {
            complete++;
        }

        bool Hit(int k) => maintenances.Any(m => m > End(k - 1) && m <= End(k));
        var first = Math.Max(1, complete - settings.CountedIntervals + 1);
        var missed = 0;
        for (var k = first; k <= complete; k++)
        {
            if (!Hit(k))
            {
                missed++;
            }
        }

        return new VehicleLoyalty(FromMissed(missed), a, days, complete, missed, End(complete + 1), Hit(complete + 1),
            complete >= 1 && !Hit(first));
    }

    /// <summary>
    /// The interval in days when the car's mileage reaches the mileage interval before the time interval ends, else
    /// null. Km per day: (highest − lowest mileage of its visits) / (days from its first to its last visit); none with
    /// fewer than two visit days or no distance. Days = floor(interval km / km per day), at least
    /// <see cref="MinimumIntervalDays"/>; it shortens only when fewer than the days of the anchor's first time interval.
    /// </summary>
    public static int? IntervalDays(IReadOnlyList<LoyaltyVisit> visits, DateOnly anchor, LoyaltySettings settings)
    {
        ArgumentNullException.ThrowIfNull(visits);
        ArgumentNullException.ThrowIfNull(settings);
        if (MileageDays(visits, settings.IntervalKm) is not { } days)
        {
            return null;
        }

        var timeDays = anchor.AddMonths(settings.IntervalMonths).DayNumber - anchor.DayNumber;
        if (days >= timeDays)
        {
            return null;
        }

        return (int)Math.Max(MinimumIntervalDays, days);
    }

    /// <summary>
    /// The days the car takes to drive <paramref name="km"/> at its km per day ((highest − lowest mileage of its visits)
    /// / (days from its first to its last visit)): floor(km × span / distance) in integers — the same in SQL, no
    /// rounding of a km-per-day fraction. Null with fewer than two visit days or no distance.
    /// </summary>
    public static long? MileageDays(IReadOnlyList<LoyaltyVisit> visits, int km)
    {
        ArgumentNullException.ThrowIfNull(visits);
        if (visits.Count < 2)
        {
            return null;
        }

        var span = visits.Max(v => v.Date).DayNumber - visits.Min(v => v.Date).DayNumber;
        var distance = (long)visits.Max(v => v.Mileage) - visits.Min(v => v.Mileage);
        return span <= 0 || distance <= 0 ? null : (long)km * span / distance;
    }

    /// <summary>An owner takes the best category of their counting vehicles (<see cref="Rank"/>); null with none.</summary>
    public static LoyaltyCategory? OwnerCategory(IEnumerable<LoyaltyCategory?> vehicles)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        LoyaltyCategory? best = null;
        foreach (var c in vehicles)
        {
            if (c is { } category && (best is null || Rank(category) < Rank(best.Value)))
            {
                best = category;
            }
        }

        return best;
    }

    /// <summary>The highest tier whose spend and loyalty conditions both hold (5.4).</summary>
    public static MembershipTier Tier(decimal spend, LoyaltyCategory? category, LoyaltySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var level = TierLevel(category);
        foreach (var tier in new[] { MembershipTier.Diamond, MembershipTier.Gold, MembershipTier.Silver })
        {
            if (spend >= settings.SpendFor(tier) && level <= (int)settings.LoyaltyFor(tier)!.Value)
            {
                return tier;
            }
        }

        return MembershipTier.Standard;
    }

    /// <summary>
    /// The owner's whole result on <paramref name="today"/>: category from their vehicles, the computed tier, the tier
    /// kept after the 12-month rule (an upgrade always applies; a downgrade applies unless today is on or before
    /// lastDowngrade.AddMonths(12), then it is held and listed at risk until that day), and —
    /// when not held — at risk if one car's running interval, with no maintenance yet, ends within
    /// <see cref="DueSoonDays"/> days and that car missing it would lower the tier (the other cars as they are).
    /// </summary>
    public static OwnerLoyalty EvaluateOwner(IReadOnlyList<LoyaltyVehicle> vehicles, decimal spend,
        MembershipTier currentTier, DateOnly? lastDowngrade, LoyaltySettings settings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        ArgumentNullException.ThrowIfNull(settings);
        var results = vehicles.Select(v => Evaluate(v, settings, today)).ToList();
        var category = OwnerCategory(results.Select(r => r.Category));
        var computed = Tier(spend, category, settings);
        if (computed >= currentTier)
        {
            var (risk, until) = Due(results, spend, computed, settings, today);
            return new OwnerLoyalty(category, computed, computed, false, risk, until);
        }

        // Held through lastDowngrade + 12 months, the RiskUntil day shown, and applied the day after. Not "last ≥
        // today − 12 months": on 29 February that still holds a downgrade of 28 February a year before, one day past
        // its RiskUntil.
        if (lastDowngrade is { } last && today <= last.AddMonths(DowngradeHoldMonths))
        {
            return new OwnerLoyalty(category, computed, currentTier, false, LoyaltyRisk.DowngradeHeld,
                last.AddMonths(DowngradeHoldMonths));
        }

        var due = Due(results, spend, computed, settings, today);
        return new OwnerLoyalty(category, computed, computed, true, due.Risk, due.Until);
    }

    private static (LoyaltyRisk Risk, DateOnly? Until) Due(List<VehicleLoyalty> results, decimal spend,
        MembershipTier tier, LoyaltySettings settings, DateOnly today)
    {
        DateOnly? soonest = null;
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (r.Category is null || r.Anchor is null || r.RunningHit || r.RunningEnd is not { } end
                || end > today.AddDays(DueSoonDays))
            {
                continue;
            }

            // If this car misses its running interval, its window moves by one: the oldest counted interval leaves
            // (when the window is full) and a missed one comes in.
            var projectedMissed = r.Missed + 1
                - (r.CompleteIntervals >= settings.CountedIntervals && r.OldestCountedMissed ? 1 : 0);
            var projected = results.Select((x, j) => j == i ? FromMissed(projectedMissed) : x.Category);
            if (Tier(spend, OwnerCategory(projected), settings) < tier && (soonest is null || end < soonest))
            {
                soonest = end;
            }
        }

        return soonest is null ? (LoyaltyRisk.None, null) : (LoyaltyRisk.MaintenanceDue, soonest);
    }
}
