using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;

namespace DealerCrm.Domain.Tests.Service;

/// <summary>The due dates of the four reminder reasons, the call day, the week a run makes, and the task's due day.</summary>
public sealed class ServiceReminderRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly LoyaltySettings Loyalty = new(1);
    private static readonly CallbackSettings Callbacks = new(1);

    private static ReminderVehicle Car(DateOnly? handedOver, params LoyaltyVisit[] visits) =>
        new(1, VehicleStatus.InUse, handedOver, null, null, visits);

    private static LoyaltyVisit Maintenance(DateOnly day, int km) => new(day, km, true);

    private static LoyaltyVisit Repair(DateOnly day, int km) => new(day, km, false);

    [Fact]
    public void First_maintenance_is_due_at_the_end_of_the_window_and_called_a_week_before()
    {
        var delivered = new DateOnly(2025, 12, 9);

        var due = ServiceReminderRules.DueDates(Car(delivered), Loyalty, Callbacks, Today).Single();

        due.Should().Be(new DueReminder(ServiceReminderReason.FirstMaintenance, new DateOnly(2026, 12, 9),
            new DateOnly(2026, 12, 2), DateOnly.MinValue));
        ServiceReminderRules.DueThisWeek(Car(delivered), Loyalty, Callbacks, Today).Should().ContainSingle();
    }

    [Fact]
    public void First_maintenance_comes_earlier_when_the_projected_mileage_reaches_the_interval_first()
    {
        // 100 km a day between two repairs: 5,000 km takes 50 days from delivery.
        var delivered = new DateOnly(2026, 10, 1);
        var car = Car(delivered, Repair(new DateOnly(2026, 10, 11), 1_000), Repair(new DateOnly(2026, 10, 21), 2_000));

        var due = ServiceReminderRules.DueDates(car, Loyalty, Callbacks, Today).Single();

        due.DueDate.Should().Be(delivered.AddDays(50));
        due.CallDay.Should().Be(delivered.AddDays(43));
    }

    [Fact]
    public void With_fewer_than_two_readings_only_time_counts_and_no_hand_over_date_means_no_first_maintenance()
    {
        var delivered = new DateOnly(2026, 10, 1);

        ServiceReminderRules.DueDates(Car(delivered, Repair(new DateOnly(2026, 10, 11), 9_000)), Loyalty, Callbacks, Today)
            .Single().DueDate.Should().Be(new DateOnly(2027, 10, 1));
        ServiceReminderRules.DueDates(Car(null, Repair(new DateOnly(2026, 10, 11), 9_000)), Loyalty, Callbacks, Today)
            .Should().BeEmpty();
    }

    [Fact]
    public void Maintenance_is_due_the_time_interval_after_the_last_or_sooner_by_mileage_never_under_30_days()
    {
        var last = new DateOnly(2026, 6, 9);
        var slow = Car(new DateOnly(2025, 1, 1), Maintenance(new DateOnly(2025, 12, 9), 10_000), Maintenance(last, 11_000));
        var fast = Car(new DateOnly(2025, 1, 1), Maintenance(new DateOnly(2026, 5, 30), 10_000), Maintenance(last, 12_000));
        var wild = Car(new DateOnly(2025, 1, 1), Repair(new DateOnly(2026, 6, 8), 10_000), Maintenance(last, 60_000));

        var slowDue = ServiceReminderRules.DueDates(slow, Loyalty, Callbacks, Today).Single();
        var fastDue = ServiceReminderRules.DueDates(fast, Loyalty, Callbacks, Today).Single();
        var wildDue = ServiceReminderRules.DueDates(wild, Loyalty, Callbacks, Today).Single();

        slowDue.Should().Be(new DueReminder(ServiceReminderReason.Maintenance, new DateOnly(2026, 12, 9),
            new DateOnly(2026, 12, 2), last));
        fastDue.DueDate.Should().Be(last.AddDays(30), "200 km a day reaches 5,000 km in 25 days, held to 30");
        wildDue.DueDate.Should().Be(last.AddDays(LoyaltyRules.MinimumIntervalDays));
        var medium = Car(new DateOnly(2025, 1, 1), Maintenance(new DateOnly(2026, 4, 10), 10_000), Maintenance(last, 15_000));
        ServiceReminderRules.DueDates(medium, Loyalty, Callbacks, Today).Single().DueDate
            .Should().Be(last.AddDays(60), "5,000 km in 60 days: the next 5,000 km take 60 days more");
    }

    [Fact]
    public void Inspection_is_called_a_week_before_and_insurance_the_stores_days_before_the_expiry()
    {
        var settings = new CallbackSettings(1);
        settings.ChangeReminders(45, 24, 100_000, 25, 100);
        var car = new ReminderVehicle(1, VehicleStatus.InUse, null, new DateOnly(2026, 12, 20), new DateOnly(2027, 1, 15), []);

        var due = ServiceReminderRules.DueDates(car, Loyalty, settings, Today);

        due.Should().Equal(
            new DueReminder(ServiceReminderReason.AnnualInspection, new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 13),
                new DateOnly(2026, 12, 20).AddDays(-180)),
            new DueReminder(ServiceReminderReason.InsuranceExpiring, new DateOnly(2027, 1, 15), new DateOnly(2026, 12, 1),
                new DateOnly(2027, 1, 15).AddDays(-180)));
        ServiceReminderRules.DueDates(car, Loyalty, Callbacks, Today)[^1].CallDay.Should().Be(new DateOnly(2026, 12, 16));
    }

    [Theory]
    [InlineData(VehicleStatus.Sold)]
    [InlineData(VehicleStatus.Transferred)]
    [InlineData(VehicleStatus.Scrapped)]
    public void A_car_no_longer_in_use_has_no_reminder(VehicleStatus status)
    {
        var car = new ReminderVehicle(1, status, Today.AddMonths(-12), Today.AddDays(3), Today.AddDays(20), []);

        ServiceReminderRules.DueDates(car, Loyalty, Callbacks, Today).Should().BeEmpty();
    }

    [Fact]
    public void A_run_makes_the_calls_of_its_week_today_through_six_days_on()
    {
        ServiceReminderRules.InWeek(Today, Today).Should().BeTrue();
        ServiceReminderRules.InWeek(Today.AddDays(6), Today).Should().BeTrue();
        ServiceReminderRules.InWeek(Today.AddDays(7), Today).Should().BeFalse();
        ServiceReminderRules.InWeek(Today.AddDays(-1), Today).Should().BeFalse();
    }

    [Fact]
    public void Visits_after_today_are_not_seen()
    {
        var car = Car(new DateOnly(2025, 12, 9), Maintenance(Today.AddDays(1), 5_000));

        ServiceReminderRules.DueDates(car, Loyalty, Callbacks, Today).Single().Reason
            .Should().Be(ServiceReminderReason.FirstMaintenance);
    }

    [Fact]
    public void A_call_on_a_closed_day_is_due_the_working_day_before_never_before_today()
    {
        // 2026-12-05 is a Saturday (open by default), 12-06 a Sunday (closed); the 4th made a holiday.
        var calendar = new WorkingCalendar(WorkingHours.Default,
            [(new DateOnly(2026, 12, 4), HolidayKind.Closed)]);

        ServiceReminderRules.TaskDueDay(calendar, new DateOnly(2026, 12, 3), Today).Should().Be(new DateOnly(2026, 12, 3));
        ServiceReminderRules.TaskDueDay(calendar, new DateOnly(2026, 12, 6), Today).Should().Be(new DateOnly(2026, 12, 5));
        ServiceReminderRules.TaskDueDay(calendar, new DateOnly(2026, 12, 4), Today).Should().Be(new DateOnly(2026, 12, 3));
        var closedThrough = new WorkingCalendar(WorkingHours.Default,
            [(Today, HolidayKind.Closed), (Today.AddDays(1), HolidayKind.Closed)]);
        ServiceReminderRules.TaskDueDay(closedThrough, Today.AddDays(1), Today).Should().Be(Today.AddDays(2));
    }

    [Fact]
    public void The_task_key_names_its_day_and_first_reason()
    {
        ServiceReminderRules.OccasionKey(new DateOnly(2026, 12, 9), 42, ServiceReminderReason.InsuranceExpiring)
            .Should().Be("sr:20261209:42:3");
    }
}
