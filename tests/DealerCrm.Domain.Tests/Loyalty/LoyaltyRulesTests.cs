using DealerCrm.Domain.Common;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;

namespace DealerCrm.Domain.Tests.Loyalty;

/// <summary>Small builders: a maintenance (首保/保养) or another visit on a day, a car, and settings.</summary>
internal static class Loyal
{
    public static LoyaltySettings Defaults => new(1);

    public static LoyaltyVisit Maintenance(DateOnly day, int km = 0) => new(day, km, true);

    public static LoyaltyVisit Repair(DateOnly day, int km = 0) => new(day, km, false);

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);

    public static LoyaltyVehicle Car(params LoyaltyVisit[] visits) => Car(Day(2020, 1, 1), visits);

    public static LoyaltyVehicle Car(DateOnly handedOver, params LoyaltyVisit[] visits) =>
        new(1, true, VehicleStatus.InUse, handedOver, visits);

    public static LoyaltyVehicle SoldElsewhere(params LoyaltyVisit[] visits) =>
        new(2, false, VehicleStatus.InUse, Day(2020, 1, 1), visits);

    public static LoyaltySettings Settings(int months = 6, int km = 5_000, int counted = 6, int firstMonths = 12)
    {
        var settings = new LoyaltySettings(1);
        settings.ChangeIntervals(months, km, counted, firstMonths);
        return settings;
    }
}

/// <summary>Spec 5.3 scenario 3 and the cut of the time since the first maintenance into expected intervals.</summary>
public sealed class A_vehicles_loyalty_category
{
    [Fact]
    public void Scenario_5_3_first_maintenance_25_months_ago_with_visits_in_intervals_1_2_and_4_is_L2()
    {
        var today = Loyal.Day(2026, 12, 2);
        var anchor = today.AddMonths(-25); // 2024-11-02: intervals end 2025-05-02, 2025-11-02, 2026-05-02, 2026-11-02
        var car = Loyal.Car(
            Loyal.Maintenance(anchor, 1_000),
            Loyal.Maintenance(Loyal.Day(2025, 4, 20), 3_000),
            Loyal.Maintenance(Loyal.Day(2025, 10, 30), 5_000),
            Loyal.Maintenance(Loyal.Day(2026, 10, 1), 8_000));

        var result = LoyaltyRules.Evaluate(car, Loyal.Defaults, today);

        result.IntervalDays.Should().BeNull("about 10 km a day never reaches 5,000 km within 6 months");
        result.Anchor.Should().Be(anchor);
        result.CompleteIntervals.Should().Be(4);
        result.Missed.Should().Be(1, "only interval 3 had no maintenance");
        result.Category.Should().Be(LoyaltyCategory.L2);
        result.RunningEnd.Should().Be(Loyal.Day(2027, 5, 2));
        result.RunningHit.Should().BeFalse();
    }

    [Fact]
    public void A_maintenance_on_an_interval_boundary_counts_for_the_interval_that_ends_that_day()
    {
        var anchor = Loyal.Day(2026, 1, 10); // interval 1 ends 2026-07-10
        var today = Loyal.Day(2026, 7, 11);

        var onTheDay = LoyaltyRules.Evaluate(
            Loyal.Car(Loyal.Maintenance(anchor), Loyal.Maintenance(Loyal.Day(2026, 7, 10))), Loyal.Defaults, today);
        var dayAfter = LoyaltyRules.Evaluate(
            Loyal.Car(Loyal.Maintenance(anchor), Loyal.Maintenance(Loyal.Day(2026, 7, 11))), Loyal.Defaults, today);

        onTheDay.CompleteIntervals.Should().Be(1);
        onTheDay.Missed.Should().Be(0, "the customer came exactly on time");
        onTheDay.Category.Should().Be(LoyaltyCategory.L1);
        onTheDay.RunningHit.Should().BeFalse("the visit belongs to interval 1, not to the running one");
        dayAfter.Missed.Should().Be(1, "a day late is the next interval");
        dayAfter.Category.Should().Be(LoyaltyCategory.L2);
        dayAfter.RunningHit.Should().BeTrue();
    }

    [Fact]
    public void A_second_maintenance_on_the_anchor_day_belongs_to_no_interval()
    {
        var anchor = Loyal.Day(2026, 1, 10);
        var car = Loyal.Car(Loyal.Maintenance(anchor), Loyal.Maintenance(anchor));

        var result = LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 7, 11));

        result.Missed.Should().Be(1);
        result.Category.Should().Be(LoyaltyCategory.L2);
    }

    [Fact]
    public void The_running_interval_is_never_missed_and_is_complete_only_the_day_after_its_end()
    {
        var car = Loyal.Car(Loyal.Maintenance(Loyal.Day(2026, 1, 10)));

        var onTheEndDay = LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 7, 10));
        var dayAfter = LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 7, 11));

        onTheEndDay.CompleteIntervals.Should().Be(0);
        onTheEndDay.Missed.Should().Be(0);
        onTheEndDay.Category.Should().Be(LoyaltyCategory.L1);
        onTheEndDay.RunningEnd.Should().Be(Loyal.Day(2026, 7, 10));
        dayAfter.CompleteIntervals.Should().Be(1);
        dayAfter.Missed.Should().Be(1);
        dayAfter.Category.Should().Be(LoyaltyCategory.L2);
        dayAfter.RunningEnd.Should().Be(Loyal.Day(2027, 1, 10));
    }

    [Fact]
    public void Visits_after_the_day_of_the_calculation_are_ignored()
    {
        var car = Loyal.Car(Loyal.Day(2026, 1, 5), Loyal.Maintenance(Loyal.Day(2026, 3, 2)));

        var before = LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 3, 1));
        var onTheDay = LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 3, 2));

        before.Category.Should().Be(LoyaltyCategory.New);
        before.Anchor.Should().BeNull();
        onTheDay.Category.Should().Be(LoyaltyCategory.L1);
        onTheDay.Anchor.Should().Be(Loyal.Day(2026, 3, 2));
    }

    [Theory]
    [InlineData(0, LoyaltyCategory.L1)]
    [InlineData(1, LoyaltyCategory.L2)]
    [InlineData(2, LoyaltyCategory.L3)]
    [InlineData(3, LoyaltyCategory.L4)]
    [InlineData(4, LoyaltyCategory.L4)]
    [InlineData(5, LoyaltyCategory.L5)]
    [InlineData(6, LoyaltyCategory.L5)]
    public void Missed_intervals_give_the_category_of_the_spec_table(int missed, LoyaltyCategory category)
    {
        LoyaltyRules.FromMissed(missed).Should().Be(category);

        // The same through Evaluate: 6 complete intervals, the last `missed` of them without a visit.
        var anchor = Loyal.Day(2023, 1, 10);
        var visits = new List<LoyaltyVisit> { Loyal.Maintenance(anchor) };
        for (var k = 1; k <= 6 - missed; k++)
        {
            visits.Add(Loyal.Maintenance(anchor.AddMonths(6 * k).AddDays(-5)));
        }

        var result = LoyaltyRules.Evaluate(Loyal.Car([.. visits]), Loyal.Defaults, anchor.AddMonths(36).AddDays(1));
        result.CompleteIntervals.Should().Be(6);
        result.Missed.Should().Be(missed);
        result.Category.Should().Be(category);
    }

    [Fact]
    public void A_repair_is_not_a_maintenance_and_does_not_fill_an_interval()
    {
        var anchor = Loyal.Day(2026, 1, 10);
        var car = Loyal.Car(Loyal.Maintenance(anchor), Loyal.Repair(Loyal.Day(2026, 5, 1)));

        var result = LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 7, 11));

        result.Missed.Should().Be(1);
    }
}

/// <summary>Mileage can shorten every interval of a car driven far (decisions: km per day from its visits).</summary>
public sealed class Mileage_shortening_the_interval
{
    [Fact]
    public void A_car_driven_5000_km_in_60_days_has_60_day_intervals_and_misses_what_the_months_would_not()
    {
        var anchor = Loyal.Day(2026, 1, 5);
        var car = Loyal.Car(Loyal.Maintenance(anchor, 1_000), Loyal.Maintenance(Loyal.Day(2026, 3, 6), 6_000));
        var today = Loyal.Day(2026, 6, 1);

        var result = LoyaltyRules.Evaluate(car, Loyal.Defaults, today);

        result.IntervalDays.Should().Be(60);
        result.CompleteIntervals.Should().Be(2, "intervals ended 2026-03-06 and 2026-05-05");
        result.Missed.Should().Be(1, "the visit on day 60 fills interval 1; interval 2 had none");
        result.Category.Should().Be(LoyaltyCategory.L2);
        result.RunningEnd.Should().Be(Loyal.Day(2026, 7, 4));

        var slow = Loyal.Car(Loyal.Maintenance(anchor, 1_000), Loyal.Maintenance(Loyal.Day(2026, 3, 6), 1_500));
        var byTime = LoyaltyRules.Evaluate(slow, Loyal.Defaults, today);
        byTime.IntervalDays.Should().BeNull();
        byTime.CompleteIntervals.Should().Be(0);
        byTime.Category.Should().Be(LoyaltyCategory.L1, "by the months alone the first interval is still running");
    }

    [Fact]
    public void Km_per_day_come_from_all_visits_of_the_car_whatever_their_type_and_floor_the_days()
    {
        var visits = new[]
        {
            Loyal.Repair(Loyal.Day(2026, 1, 1), 10_000),
            Loyal.Maintenance(Loyal.Day(2026, 1, 5), 10_100),
            Loyal.Repair(Loyal.Day(2026, 4, 11), 17_000),
        };

        // 7,000 km over 100 days: floor(5,000 × 100 / 7,000) = 71 days.
        LoyaltyRules.IntervalDays(visits, Loyal.Day(2026, 1, 5), Loyal.Defaults).Should().Be(71);
    }

    [Fact]
    public void An_interval_is_never_shorter_than_30_days()
    {
        var anchor = Loyal.Day(2026, 1, 5);
        var visits = new[] { Loyal.Maintenance(anchor, 1_000), Loyal.Repair(Loyal.Day(2026, 1, 25), 11_000) };

        LoyaltyRules.IntervalDays(visits, anchor, Loyal.Defaults).Should().Be(LoyaltyRules.MinimumIntervalDays,
            "10,000 km in 20 days would be 10-day intervals: one mistyped mileage must not make a year of misses");
        LoyaltyRules.Evaluate(Loyal.Car(visits), Loyal.Defaults, Loyal.Day(2026, 3, 1)).RunningEnd
            .Should().Be(Loyal.Day(2026, 3, 6), "intervals end 2026-02-04 and 2026-03-06");
    }

    [Fact]
    public void Shortens_only_when_fewer_days_than_the_anchors_first_time_interval()
    {
        var anchor = Loyal.Day(2026, 1, 5); // 6 months later: 2026-07-05, 181 days
        var settings = Loyal.Defaults;

        LoyaltyRules.IntervalDays([Loyal.Maintenance(anchor, 0), Loyal.Repair(anchor.AddDays(181), 5_000)], anchor, settings)
            .Should().BeNull("5,000 km in exactly the 181 days of the time interval does not make it shorter");
        LoyaltyRules.IntervalDays([Loyal.Maintenance(anchor, 0), Loyal.Repair(anchor.AddDays(180), 5_000)], anchor, settings)
            .Should().Be(180);
    }

    [Fact]
    public void Needs_two_visit_days_and_a_distance()
    {
        var anchor = Loyal.Day(2026, 1, 5);

        LoyaltyRules.IntervalDays([Loyal.Maintenance(anchor, 1_000)], anchor, Loyal.Defaults).Should().BeNull();
        LoyaltyRules.IntervalDays([Loyal.Maintenance(anchor, 1_000), Loyal.Repair(anchor, 9_000)], anchor, Loyal.Defaults)
            .Should().BeNull("two visits on one day give no km per day");
        LoyaltyRules.IntervalDays([Loyal.Maintenance(anchor, 1_000), Loyal.Repair(anchor.AddDays(40), 1_000)], anchor,
            Loyal.Defaults).Should().BeNull("no distance");
    }

    [Fact]
    public void The_stores_mileage_setting_decides()
    {
        var anchor = Loyal.Day(2026, 1, 5);
        var visits = new[] { Loyal.Maintenance(anchor, 0), Loyal.Repair(anchor.AddDays(100), 5_000) };

        LoyaltyRules.IntervalDays(visits, anchor, Loyal.Defaults).Should().Be(100);
        LoyaltyRules.IntervalDays(visits, anchor, Loyal.Settings(km: 10_000)).Should().BeNull("200 days ≥ 181");
        LoyaltyRules.IntervalDays(visits, anchor, Loyal.Settings(km: 3_000)).Should().Be(60);
    }
}

/// <summary>Only the last N complete intervals count, so an owner who came back is not lost for ever.</summary>
public sealed class The_counted_window
{
    // Intervals end on the 10th of July and January from 2023-07-10; interval 1 is missed, 2 to 7 are kept.
    private static LoyaltyVehicle CameBackAfterOneMiss()
    {
        var anchor = Loyal.Day(2023, 1, 10);
        var visits = new List<LoyaltyVisit> { Loyal.Maintenance(anchor) };
        for (var k = 2; k <= 7; k++)
        {
            visits.Add(Loyal.Maintenance(anchor.AddMonths(6 * k).AddDays(-10)));
        }

        return Loyal.Car([.. visits]);
    }

    [Fact]
    public void An_old_miss_stops_counting_when_the_window_slides_past_it()
    {
        var inside = LoyaltyRules.Evaluate(CameBackAfterOneMiss(), Loyal.Defaults, Loyal.Day(2026, 7, 10));
        var slid = LoyaltyRules.Evaluate(CameBackAfterOneMiss(), Loyal.Defaults, Loyal.Day(2026, 7, 11));

        inside.CompleteIntervals.Should().Be(6);
        inside.Missed.Should().Be(1);
        inside.Category.Should().Be(LoyaltyCategory.L2);
        inside.OldestCountedMissed.Should().BeTrue();
        slid.CompleteIntervals.Should().Be(7);
        slid.Missed.Should().Be(0, "intervals 2 to 7 count now");
        slid.Category.Should().Be(LoyaltyCategory.L1);
    }

    [Fact]
    public void The_stores_counted_intervals_setting_decides_the_width()
    {
        var anchor = Loyal.Day(2023, 1, 10);
        var car = Loyal.Car(Loyal.Maintenance(anchor), Loyal.Maintenance(Loyal.Day(2026, 1, 1)));
        var today = Loyal.Day(2026, 1, 11); // 6 complete intervals; only interval 6 had a visit

        LoyaltyRules.Evaluate(car, Loyal.Defaults, today).Missed.Should().Be(5);
        LoyaltyRules.Evaluate(car, Loyal.Settings(counted: 2), today).Missed.Should().Be(1);
        LoyaltyRules.Evaluate(car, Loyal.Settings(counted: 1), today).Category.Should().Be(LoyaltyCategory.L1);
    }
}

/// <summary>Intervals are calendar months from the anchor, never chained (decisions: 31 January + 1 month).</summary>
public sealed class Month_end_anchors
{
    [Fact]
    public void The_31st_of_January_plus_one_month_ends_on_the_last_of_February_and_plus_two_on_the_31st_of_March()
    {
        var anchor = Loyal.Day(2024, 1, 31);
        var settings = Loyal.Settings(months: 1);
        var car = Loyal.Car(
            Loyal.Maintenance(anchor), Loyal.Maintenance(Loyal.Day(2024, 2, 29)), Loyal.Maintenance(Loyal.Day(2024, 3, 31)));

        var result = LoyaltyRules.Evaluate(car, settings, Loyal.Day(2024, 4, 1));

        result.CompleteIntervals.Should().Be(2);
        result.Missed.Should().Be(0, "29 Feb ends interval 1 and 31 March (not 29 March) ends interval 2");
        result.RunningEnd.Should().Be(Loyal.Day(2024, 4, 30));
        LoyaltyRules.Evaluate(car, settings, Loyal.Day(2024, 3, 31)).CompleteIntervals.Should().Be(1);
    }

    [Fact]
    public void A_visit_on_the_first_of_March_belongs_to_the_second_month_in_a_common_year()
    {
        var anchor = Loyal.Day(2025, 1, 31);
        var car = Loyal.Car(Loyal.Maintenance(anchor), Loyal.Maintenance(Loyal.Day(2025, 3, 1)));

        var result = LoyaltyRules.Evaluate(car, Loyal.Settings(months: 1), Loyal.Day(2025, 4, 1));

        result.CompleteIntervals.Should().Be(2, "intervals ended 2025-02-28 and 2025-03-31");
        result.Missed.Should().Be(1, "February had no visit");
    }

    [Fact]
    public void Six_month_intervals_from_the_31st_of_August_end_on_the_last_of_February_and_the_31st_of_August()
    {
        var car = Loyal.Car(Loyal.Maintenance(Loyal.Day(2025, 8, 31)));

        LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2025, 9, 1)).RunningEnd.Should().Be(Loyal.Day(2026, 2, 28));
        LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 3, 1)).RunningEnd.Should().Be(Loyal.Day(2026, 8, 31));
    }
}

/// <summary>Anchors: a car sold here anchors on its first maintenance, a car sold elsewhere on its first visit.</summary>
public sealed class The_anchor
{
    [Fact]
    public void A_car_sold_elsewhere_counts_from_its_first_visit_here_of_any_type()
    {
        var visits = new[] { Loyal.Repair(Loyal.Day(2025, 3, 1)), Loyal.Maintenance(Loyal.Day(2025, 8, 15)) };
        var today = Loyal.Day(2025, 10, 1);

        var elsewhere = LoyaltyRules.Evaluate(Loyal.SoldElsewhere(visits), Loyal.Defaults, today);
        var ours = LoyaltyRules.Evaluate(Loyal.Car(visits), Loyal.Defaults, today);

        elsewhere.Anchor.Should().Be(Loyal.Day(2025, 3, 1));
        elsewhere.CompleteIntervals.Should().Be(1);
        elsewhere.Missed.Should().Be(0, "the maintenance on 15 August falls in the interval ending 1 September");
        ours.Anchor.Should().Be(Loyal.Day(2025, 8, 15), "a car sold here counts from its first maintenance");
        ours.CompleteIntervals.Should().Be(0);
    }

    [Fact]
    public void A_car_sold_elsewhere_with_only_a_repair_here_is_anchored_and_misses_its_intervals()
    {
        var car = Loyal.SoldElsewhere(Loyal.Repair(Loyal.Day(2024, 1, 1)));

        var result = LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2025, 1, 5));

        result.Anchor.Should().Be(Loyal.Day(2024, 1, 1));
        result.Missed.Should().Be(2);
        result.Category.Should().Be(LoyaltyCategory.L3, "it is not New: the first-maintenance window is for our cars");
    }

    [Fact]
    public void A_first_maintenance_recorded_as_maintenance_still_anchors_and_a_repair_before_it_does_not()
    {
        var car = Loyal.Car(Loyal.Repair(Loyal.Day(2025, 2, 1)), Loyal.Maintenance(Loyal.Day(2025, 5, 1)));

        LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2025, 6, 1)).Anchor.Should().Be(Loyal.Day(2025, 5, 1));
    }
}

/// <summary>No first maintenance yet: New inside the window after delivery, Never returned past it.</summary>
public sealed class A_car_without_a_first_maintenance
{
    [Fact]
    public void Is_new_through_the_last_day_of_the_window_and_never_returned_the_day_after()
    {
        var car = Loyal.Car(Loyal.Day(2025, 3, 15), Loyal.Repair(Loyal.Day(2025, 6, 1)));

        LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 3, 15)).Category.Should().Be(LoyaltyCategory.New);
        var past = LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 3, 16));
        past.Category.Should().Be(LoyaltyCategory.NeverReturned);
        past.Anchor.Should().BeNull();
        past.RunningEnd.Should().BeNull();
    }

    [Fact]
    public void The_stores_window_decides_and_month_ends_clamp()
    {
        var car = Loyal.Car(Loyal.Day(2024, 2, 29));

        LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2025, 2, 28)).Category.Should().Be(LoyaltyCategory.New);
        LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2025, 3, 1)).Category.Should().Be(LoyaltyCategory.NeverReturned);
        LoyaltyRules.Evaluate(car, Loyal.Settings(firstMonths: 6), Loyal.Day(2024, 8, 30)).Category
            .Should().Be(LoyaltyCategory.NeverReturned);
        LoyaltyRules.Evaluate(car, Loyal.Settings(firstMonths: 24), Loyal.Day(2025, 3, 1)).Category
            .Should().Be(LoyaltyCategory.New);
    }
}

/// <summary>Sold, transferred or scrapped cars no longer count (spec 5.3).</summary>
public sealed class A_car_no_longer_in_use
{
    [Theory]
    [InlineData(VehicleStatus.Sold)]
    [InlineData(VehicleStatus.Transferred)]
    [InlineData(VehicleStatus.Scrapped)]
    public void Has_no_category(VehicleStatus status)
    {
        var car = Loyal.Car(Loyal.Maintenance(Loyal.Day(2026, 1, 10))) with { Status = status };

        LoyaltyRules.Evaluate(car, Loyal.Defaults, Loyal.Day(2026, 3, 1)).Category.Should().BeNull();
    }

    [Fact]
    public void Leaves_an_owner_with_only_such_cars_without_a_category_and_at_standard_whatever_the_spend()
    {
        var sold = Loyal.Car(Loyal.Maintenance(Loyal.Day(2026, 1, 10))) with { Status = VehicleStatus.Sold };
        var scrapped = Loyal.Car(Loyal.Maintenance(Loyal.Day(2026, 1, 10))) with { Status = VehicleStatus.Scrapped };

        var owner = LoyaltyRules.EvaluateOwner([sold, scrapped], 2_000_000m, MembershipTier.Standard, null,
            Loyal.Defaults, Loyal.Day(2026, 3, 1));

        owner.Category.Should().BeNull();
        owner.Tier.Should().Be(MembershipTier.Standard);
        owner.Risk.Should().Be(LoyaltyRisk.None);
    }

    [Fact]
    public void Does_not_lend_its_category_to_the_owner()
    {
        var soldL1 = Loyal.Car(Loyal.Maintenance(Loyal.Day(2026, 1, 10))) with { Status = VehicleStatus.Sold };
        var neverReturned = Loyal.Car(Loyal.Day(2024, 1, 1));

        var owner = LoyaltyRules.EvaluateOwner([soldL1, neverReturned], 600_000m, MembershipTier.Standard, null,
            Loyal.Defaults, Loyal.Day(2026, 3, 1));

        owner.Category.Should().Be(LoyaltyCategory.NeverReturned);
        owner.Tier.Should().Be(MembershipTier.Standard);
    }
}

/// <summary>An owner with several cars takes the best of them: L1, New, L2, L3, L4, L5, Never returned.</summary>
public sealed class An_owner_with_several_cars
{
    [Theory]
    [InlineData(LoyaltyCategory.L1, LoyaltyCategory.New, LoyaltyCategory.L1)]
    [InlineData(LoyaltyCategory.L2, LoyaltyCategory.New, LoyaltyCategory.New)]
    [InlineData(LoyaltyCategory.L3, LoyaltyCategory.L4, LoyaltyCategory.L3)]
    [InlineData(LoyaltyCategory.L5, LoyaltyCategory.NeverReturned, LoyaltyCategory.L5)]
    [InlineData(LoyaltyCategory.NeverReturned, LoyaltyCategory.L2, LoyaltyCategory.L2)]
    public void Takes_the_best_category(LoyaltyCategory first, LoyaltyCategory second, LoyaltyCategory best)
    {
        LoyaltyRules.OwnerCategory([first, second]).Should().Be(best);
        LoyaltyRules.OwnerCategory([second, null, first]).Should().Be(best);
    }

    [Fact]
    public void Without_a_counting_car_has_no_category()
    {
        LoyaltyRules.OwnerCategory([]).Should().BeNull();
        LoyaltyRules.OwnerCategory([null, null]).Should().BeNull();
    }

    [Fact]
    public void Is_judged_from_every_car_together()
    {
        var lapsed = Loyal.Car(Loyal.Maintenance(Loyal.Day(2024, 1, 10))); // 4 intervals missed by 2026-03-01
        var fresh = Loyal.Car(Loyal.Day(2025, 12, 1));                       // New

        var owner = LoyaltyRules.EvaluateOwner([lapsed, fresh], 250_000m, MembershipTier.Standard, null,
            Loyal.Defaults, Loyal.Day(2026, 3, 1));

        owner.Category.Should().Be(LoyaltyCategory.New);
        owner.Tier.Should().Be(MembershipTier.Gold, "New counts as L1 for the tier");
    }
}

/// <summary>Spec 5.4: the highest tier whose spend and loyalty thresholds both hold.</summary>
public sealed class The_membership_tier
{
    [Fact]
    public void Scenario_5_4_260000_and_L1_is_gold_and_two_missed_maintenances_make_them_silver_with_a_downgrade()
    {
        var anchor = Loyal.Day(2025, 1, 10); // intervals end 2025-07-10, 2026-01-10, 2026-07-10
        var car = Loyal.Car(Loyal.Maintenance(anchor), Loyal.Maintenance(Loyal.Day(2025, 7, 1)));

        var before = LoyaltyRules.EvaluateOwner([car], 260_000m, MembershipTier.Standard, null, Loyal.Defaults,
            Loyal.Day(2025, 8, 1));
        before.Category.Should().Be(LoyaltyCategory.L1);
        before.Tier.Should().Be(MembershipTier.Gold);
        before.Downgraded.Should().BeFalse();

        var after = LoyaltyRules.EvaluateOwner([car], 260_000m, before.Tier, null, Loyal.Defaults, Loyal.Day(2026, 7, 11));
        after.Category.Should().Be(LoyaltyCategory.L3);
        after.ComputedTier.Should().Be(MembershipTier.Silver);
        after.Tier.Should().Be(MembershipTier.Silver);
        after.Downgraded.Should().BeTrue();
        after.Risk.Should().Be(LoyaltyRisk.None);
    }

    [Theory]
    [InlineData("49999.99", LoyaltyCategory.L1, MembershipTier.Standard)]
    [InlineData("50000", LoyaltyCategory.L3, MembershipTier.Silver)]
    [InlineData("50000", LoyaltyCategory.L4, MembershipTier.Standard)]
    [InlineData("199999.99", LoyaltyCategory.L1, MembershipTier.Silver)]
    [InlineData("200000", LoyaltyCategory.L2, MembershipTier.Gold)]
    [InlineData("200000", LoyaltyCategory.L3, MembershipTier.Silver)]
    [InlineData("500000", LoyaltyCategory.L1, MembershipTier.Diamond)]
    [InlineData("500000", LoyaltyCategory.L2, MembershipTier.Gold)]
    [InlineData("500000", LoyaltyCategory.New, MembershipTier.Diamond)]
    [InlineData("9000000", LoyaltyCategory.L5, MembershipTier.Standard)]
    [InlineData("9000000", LoyaltyCategory.NeverReturned, MembershipTier.Standard)]
    public void Spend_exactly_at_a_threshold_reaches_it(string spend, LoyaltyCategory category, MembershipTier tier)
    {
        LoyaltyRules.Tier(decimal.Parse(spend, System.Globalization.CultureInfo.InvariantCulture), category,
            Loyal.Defaults).Should().Be(tier);
    }

    [Fact]
    public void Never_returned_ranks_below_L5_and_no_counting_car_below_that()
    {
        var settings = Loyal.Defaults;
        settings.ChangeTiers(50_000m, LoyaltyCategory.L5, 200_000m, LoyaltyCategory.L2, 500_000m, LoyaltyCategory.L1);

        LoyaltyRules.Tier(60_000m, LoyaltyCategory.L5, settings).Should().Be(MembershipTier.Silver);
        LoyaltyRules.Tier(60_000m, LoyaltyCategory.NeverReturned, settings).Should().Be(MembershipTier.Standard);
        LoyaltyRules.Tier(60_000m, null, settings).Should().Be(MembershipTier.Standard);
        LoyaltyRules.TierLevel(LoyaltyCategory.New).Should().Be(1);
        LoyaltyRules.TierLevel(LoyaltyCategory.NeverReturned).Should().Be(6);
        LoyaltyRules.TierLevel(null).Should().Be(7);
    }

    [Fact]
    public void The_stores_thresholds_decide()
    {
        var settings = Loyal.Defaults;
        settings.ChangeTiers(10_000m, LoyaltyCategory.L4, 20_000m, LoyaltyCategory.L3, 30_000m, LoyaltyCategory.L2);

        LoyaltyRules.Tier(30_000m, LoyaltyCategory.L2, settings).Should().Be(MembershipTier.Diamond);
        LoyaltyRules.Tier(30_000m, LoyaltyCategory.L3, settings).Should().Be(MembershipTier.Gold);
        LoyaltyRules.Tier(10_000m, LoyaltyCategory.L4, settings).Should().Be(MembershipTier.Silver);
    }
}

/// <summary>Spend counts what the customer paid: the payer a visit gets when none is stated (spend is summed by the job).</summary>
public sealed class Who_pays_a_visit
{
    [Theory]
    [InlineData(ServiceTypes.Maintenance, ServicePayer.Customer)]
    [InlineData(ServiceTypes.FirstMaintenance, ServicePayer.Customer)]
    [InlineData(ServiceTypes.MinorRepair | ServiceTypes.Accessories, ServicePayer.Customer)]
    [InlineData(ServiceTypes.Warranty, ServicePayer.Manufacturer)]
    [InlineData(ServiceTypes.Maintenance | ServiceTypes.Warranty, ServicePayer.Manufacturer)]
    [InlineData(ServiceTypes.InsuranceRepair, ServicePayer.Insurer)]
    [InlineData(ServiceTypes.InsuranceRepair | ServiceTypes.Warranty, ServicePayer.Insurer)]
    [InlineData(ServiceTypes.InsuranceRepair | ServiceTypes.BodyAndPaint, ServicePayer.Insurer)]
    public void Follows_the_types_so_warranty_and_insurer_work_is_left_out_of_spend(ServiceTypes types,
        ServicePayer payer)
    {
        ServiceVisit.DefaultPayer(types).Should().Be(payer);
    }

    [Fact]
    public void An_unknown_payer_is_refused_beside_the_field()
    {
        var refusal = FluentActions.Invoking(() => ServiceVisit.CheckPayer((ServicePayer)99))
            .Should().Throw<DomainException>().Which;

        refusal.Field.Should().Be(nameof(ServiceVisit.Payer));
        ServiceVisit.CheckPayer(ServicePayer.Internal).Should().Be(ServicePayer.Internal);
    }
}

/// <summary>At most one downgrade in 12 months (spec 5.4); a held downgrade is listed at risk.</summary>
public sealed class The_twelve_month_downgrade_rule
{
    // One car with a maintenance in interval 1 only: intervals end on the 10th of July and January from 2025-07-10.
    private static readonly LoyaltyVehicle Car =
        Loyal.Car(Loyal.Maintenance(Loyal.Day(2025, 1, 10)), Loyal.Maintenance(Loyal.Day(2025, 7, 1)));

    [Fact]
    public void A_second_downgrade_inside_12_months_is_held_and_listed_at_risk_until_a_year_after_the_first()
    {
        var firstDowngrade = Loyal.Day(2026, 7, 11); // L3 → Silver (scenario 5-4)

        // 2027-01-11: three missed → L4 → Standard, but they were downgraded 6 months ago.
        var held = LoyaltyRules.EvaluateOwner([Car], 260_000m, MembershipTier.Silver, firstDowngrade, Loyal.Defaults,
            Loyal.Day(2027, 1, 11));

        held.Category.Should().Be(LoyaltyCategory.L4);
        held.ComputedTier.Should().Be(MembershipTier.Standard);
        held.Tier.Should().Be(MembershipTier.Silver);
        held.Downgraded.Should().BeFalse();
        held.Risk.Should().Be(LoyaltyRisk.DowngradeHeld);
        held.RiskUntil.Should().Be(Loyal.Day(2027, 7, 11));
    }

    [Fact]
    public void The_held_downgrade_applies_the_day_after_the_risk_until_day()
    {
        var firstDowngrade = Loyal.Day(2026, 7, 11);

        var lastHeldDay = LoyaltyRules.EvaluateOwner([Car], 260_000m, MembershipTier.Silver, firstDowngrade,
            Loyal.Defaults, Loyal.Day(2027, 7, 11));
        var applied = LoyaltyRules.EvaluateOwner([Car], 260_000m, MembershipTier.Silver, firstDowngrade,
            Loyal.Defaults, Loyal.Day(2027, 7, 12));

        lastHeldDay.Tier.Should().Be(MembershipTier.Silver);
        lastHeldDay.Risk.Should().Be(LoyaltyRisk.DowngradeHeld);
        lastHeldDay.RiskUntil.Should().Be(Loyal.Day(2027, 7, 11));
        applied.Tier.Should().Be(MembershipTier.Standard);
        applied.Downgraded.Should().BeTrue();
        applied.Risk.Should().Be(LoyaltyRisk.None);
        applied.RiskUntil.Should().BeNull();
    }

    [Fact]
    public void A_downgrade_on_the_28th_of_February_is_held_through_the_28th_of_February_a_year_later_not_the_29th()
    {
        // 2024 is a leap year: "12 months after 2023-02-28" is 2024-02-28; on the 29th the year has passed. Held and
        // RiskUntil must say the same day.
        var firstDowngrade = Loyal.Day(2023, 2, 28);
        var owner = Loyal.Car(Loyal.Day(2020, 1, 1));

        var lastHeldDay = LoyaltyRules.EvaluateOwner([owner], 0m, MembershipTier.Silver, firstDowngrade, Loyal.Defaults,
            Loyal.Day(2024, 2, 28));
        var leapDay = LoyaltyRules.EvaluateOwner([owner], 0m, MembershipTier.Silver, firstDowngrade, Loyal.Defaults,
            Loyal.Day(2024, 2, 29));

        lastHeldDay.Risk.Should().Be(LoyaltyRisk.DowngradeHeld);
        lastHeldDay.RiskUntil.Should().Be(Loyal.Day(2024, 2, 28));
        leapDay.Tier.Should().Be(MembershipTier.Standard, "the hold ended on RiskUntil, 2024-02-28");
        leapDay.Downgraded.Should().BeTrue();
    }

    [Fact]
    public void A_downgrade_on_the_29th_of_February_is_held_through_the_28th_of_February_a_year_later()
    {
        var firstDowngrade = Loyal.Day(2024, 2, 29);
        var owner = Loyal.Car(Loyal.Day(2020, 1, 1));

        var lastHeldDay = LoyaltyRules.EvaluateOwner([owner], 0m, MembershipTier.Silver, firstDowngrade, Loyal.Defaults,
            Loyal.Day(2025, 2, 28));
        var dayAfter = LoyaltyRules.EvaluateOwner([owner], 0m, MembershipTier.Silver, firstDowngrade, Loyal.Defaults,
            Loyal.Day(2025, 3, 1));

        lastHeldDay.Risk.Should().Be(LoyaltyRisk.DowngradeHeld);
        lastHeldDay.RiskUntil.Should().Be(Loyal.Day(2025, 2, 28));
        dayAfter.Downgraded.Should().BeTrue();
    }

    [Fact]
    public void A_first_downgrade_applies_at_once_and_an_upgrade_always_applies()
    {
        var today = Loyal.Day(2026, 7, 11);
        var down = LoyaltyRules.EvaluateOwner([Car], 260_000m, MembershipTier.Diamond, Loyal.Day(2025, 7, 10),
            Loyal.Defaults, today);
        down.Tier.Should().Be(MembershipTier.Silver, "the last downgrade was more than 12 months ago");
        down.Downgraded.Should().BeTrue();

        var up = LoyaltyRules.EvaluateOwner([Car], 600_000m, MembershipTier.Standard, today.AddMonths(-1),
            Loyal.Defaults, today);
        up.Tier.Should().Be(MembershipTier.Silver, "600,000 with L3 is Silver, up from Standard");
        up.Downgraded.Should().BeFalse();
        up.Risk.Should().Be(LoyaltyRisk.None);
    }

    [Fact]
    public void An_unchanged_tier_is_neither_downgraded_nor_held()
    {
        var same = LoyaltyRules.EvaluateOwner([Car], 260_000m, MembershipTier.Silver, Loyal.Day(2026, 6, 1),
            Loyal.Defaults, Loyal.Day(2026, 7, 11));

        same.Tier.Should().Be(MembershipTier.Silver);
        same.Downgraded.Should().BeFalse();
        same.Risk.Should().Be(LoyaltyRisk.None);
    }
}

/// <summary>
/// At risk, maintenance due: not held, a car's running interval with no maintenance yet ends within 30 days, and that
/// car missing it would lower the tier (the other cars as they are).
/// </summary>
public sealed class The_maintenance_due_risk
{
    // Intervals end 2025-12-10, 2026-06-10; a maintenance in interval 1: L1 with interval 2 running.
    private static readonly LoyaltyVehicle OnTime =
        Loyal.Car(Loyal.Maintenance(Loyal.Day(2025, 6, 10)), Loyal.Maintenance(Loyal.Day(2025, 12, 1)));

    private static OwnerLoyalty Owner(decimal spend, DateOnly today, params LoyaltyVehicle[] cars) =>
        LoyaltyRules.EvaluateOwner(cars, spend, LoyaltyRules.Tier(spend, LoyaltyCategory.L1, Loyal.Defaults), null,
            Loyal.Defaults, today);

    [Fact]
    public void Lists_a_diamond_owner_whose_running_interval_ends_within_30_days_without_a_visit()
    {
        var owner = Owner(600_000m, Loyal.Day(2026, 5, 15), OnTime);

        owner.Tier.Should().Be(MembershipTier.Diamond);
        owner.Risk.Should().Be(LoyaltyRisk.MaintenanceDue);
        owner.RiskUntil.Should().Be(Loyal.Day(2026, 6, 10));
    }

    [Fact]
    public void Starts_exactly_30_days_before_the_end_of_the_running_interval()
    {
        Owner(600_000m, Loyal.Day(2026, 5, 11), OnTime).Risk.Should().Be(LoyaltyRisk.MaintenanceDue);
        Owner(600_000m, Loyal.Day(2026, 5, 10), OnTime).Risk.Should().Be(LoyaltyRisk.None);
        Owner(600_000m, Loyal.Day(2026, 6, 10), OnTime).Risk.Should().Be(LoyaltyRisk.MaintenanceDue, "the last day");
    }

    [Fact]
    public void Not_when_a_maintenance_already_came_in_the_running_interval()
    {
        var visited = OnTime with { Visits = [.. OnTime.Visits, Loyal.Maintenance(Loyal.Day(2026, 5, 1))] };

        Owner(600_000m, Loyal.Day(2026, 5, 15), visited).Risk.Should().Be(LoyaltyRisk.None);
    }

    [Fact]
    public void Not_when_the_tier_would_not_fall()
    {
        Owner(260_000m, Loyal.Day(2026, 5, 15), OnTime).Risk
            .Should().Be(LoyaltyRisk.None, "Gold asks for L2: one miss keeps it");
        Owner(10_000m, Loyal.Day(2026, 5, 15), OnTime).Risk.Should().Be(LoyaltyRisk.None, "Standard cannot fall");
    }

    [Fact]
    public void Not_when_another_car_keeps_the_owners_category()
    {
        var second = Loyal.Car(Loyal.Maintenance(Loyal.Day(2026, 3, 1))); // running interval ends 2026-09-01

        Owner(600_000m, Loyal.Day(2026, 5, 15), OnTime, second).Risk.Should().Be(LoyaltyRisk.None);
    }

    [Fact]
    public void Takes_the_window_sliding_into_account_an_old_miss_leaving_as_a_new_one_comes_in()
    {
        // Two counted intervals; intervals end 2024-12-10, 2025-06-10, 2025-12-10, 2026-06-10.
        var settings = Loyal.Settings(counted: 2);
        var today = Loyal.Day(2026, 5, 15);
        var missedTwo = Loyal.Car(Loyal.Maintenance(Loyal.Day(2024, 6, 10)), Loyal.Maintenance(Loyal.Day(2025, 12, 1)));
        var keptBoth = missedTwo with { Visits = [.. missedTwo.Visits, Loyal.Maintenance(Loyal.Day(2025, 6, 1))] };

        var gold = LoyaltyRules.EvaluateOwner([missedTwo], 260_000m, MembershipTier.Gold, null, settings, today);
        gold.Category.Should().Be(LoyaltyCategory.L2);
        gold.Risk.Should().Be(LoyaltyRisk.None, "missing interval 4 drops interval 2's miss from the window: still L2");

        var diamond = LoyaltyRules.EvaluateOwner([keptBoth], 600_000m, MembershipTier.Diamond, null, settings, today);
        diamond.Category.Should().Be(LoyaltyCategory.L1);
        diamond.Risk.Should().Be(LoyaltyRisk.MaintenanceDue);
        diamond.RiskUntil.Should().Be(Loyal.Day(2026, 6, 10));
    }

    [Fact]
    public void Gives_the_end_of_the_car_whose_miss_lowers_the_tier_not_of_a_car_whose_miss_would_not()
    {
        // The owner's best car (L1) ends its interval on 2026-06-12; a worse car (L2) is due sooner, on 2026-05-20.
        var best = Loyal.Car(Loyal.Maintenance(Loyal.Day(2025, 6, 12)), Loyal.Maintenance(Loyal.Day(2025, 12, 1)));
        var worse = Loyal.Car(Loyal.Maintenance(Loyal.Day(2025, 5, 20)));

        var owner = Owner(600_000m, Loyal.Day(2026, 5, 15), worse, best);

        owner.Category.Should().Be(LoyaltyCategory.L1);
        owner.Risk.Should().Be(LoyaltyRisk.MaintenanceDue);
        owner.RiskUntil.Should().Be(Loyal.Day(2026, 6, 12), "the L2 car missing again leaves the owner at L1");
    }

    [Fact]
    public void A_held_downgrade_is_the_risk_shown_not_the_maintenance_due()
    {
        var owner = LoyaltyRules.EvaluateOwner([Loyal.Car(Loyal.Day(2020, 1, 1)), OnTime with { Status = VehicleStatus.Sold }],
            600_000m, MembershipTier.Diamond, Loyal.Day(2026, 1, 1), Loyal.Defaults, Loyal.Day(2026, 5, 15));

        owner.Risk.Should().Be(LoyaltyRisk.DowngradeHeld);
        owner.RiskUntil.Should().Be(Loyal.Day(2027, 1, 1));
    }

    [Fact]
    public void A_car_without_an_anchor_or_no_longer_in_use_is_never_due()
    {
        var sold = OnTime with { Status = VehicleStatus.Sold };
        var fresh = Loyal.Car(Loyal.Day(2025, 6, 1)); // New until 2026-06-01

        Owner(600_000m, Loyal.Day(2026, 5, 15), fresh).Risk.Should().Be(LoyaltyRisk.None,
            "decisions: only a running maintenance interval is 'due'; a New car's first-maintenance window is not");
        LoyaltyRules.EvaluateOwner([sold, fresh], 600_000m, MembershipTier.Diamond, null, Loyal.Defaults,
            Loyal.Day(2026, 5, 15)).Risk.Should().Be(LoyaltyRisk.None);
    }
}
