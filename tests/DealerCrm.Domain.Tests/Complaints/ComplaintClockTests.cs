using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;

namespace DealerCrm.Domain.Tests.Complaints;

/// <summary>
/// The limits of spec 4.4 in a store's working time: half a working day and one working day through its calendar
/// (Monday–Saturday 08:30–17:30 by default, holidays and make-up days laid over it) in its own time zone; 24 h, 7 d and
/// 21 d as calendar time. December 2026: Thursday the 10th, Saturday the 12th, Sunday the 13th, Monday the 14th.
/// </summary>
public sealed class ComplaintClockTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Urumqi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi");

    private static ComplaintClock Clock(TimeZoneInfo? zone = null, WorkingHours? hours = null,
        params (DateOnly, HolidayKind)[] exceptions) =>
        new(new WorkingCalendar(hours ?? WorkingHours.Default, exceptions), zone ?? Shanghai);

    /// <summary>The instant of a wall time in a zone.</summary>
    private static DateTimeOffset At(int day, int hour, int minute = 0, TimeZoneInfo? zone = null)
    {
        var local = new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone ?? Shanghai), TimeSpan.Zero);
    }

    [Fact]
    public void Within_hours_half_a_working_day_is_half_of_the_days_nine_hours()
    {
        var clock = Clock();

        clock.HalfWorkingDayAfter(At(10, 9)).Should().Be(At(10, 13, 30));
        clock.WorkingDayAfter(At(10, 9)).Should().Be(At(11, 9));
    }

    [Fact]
    public void Half_a_working_day_is_half_of_that_stores_scheduled_hours()
    {
        var clock = Clock(hours: new WorkingHours(WorkDays.MondayToSaturday, new TimeOnly(9, 0), new TimeOnly(17, 0)));

        clock.HalfWorkingDayAfter(At(10, 9)).Should().Be(At(10, 13), "half of 8 hours");
        clock.WorkingDayAfter(At(10, 9)).Should().Be(At(10, 17));
    }

    [Fact]
    public void A_receipt_before_opening_starts_at_the_opening()
    {
        var clock = Clock();

        clock.HalfWorkingDayAfter(At(10, 7)).Should().Be(At(10, 13));
        clock.WorkingDayAfter(At(10, 7)).Should().Be(At(10, 17, 30));
    }

    [Fact]
    public void A_receipt_after_closing_starts_at_the_next_opening()
    {
        var clock = Clock();

        clock.HalfWorkingDayAfter(At(10, 18)).Should().Be(At(11, 13));
        clock.WorkingDayAfter(At(10, 18)).Should().Be(At(11, 17, 30));
    }

    [Fact]
    public void Saturday_counts_and_Sunday_is_skipped()
    {
        var clock = Clock();

        // Saturday 15:00: 2.5 h left on Saturday, Sunday closed, the rest on Monday from 08:30.
        clock.HalfWorkingDayAfter(At(12, 15)).Should().Be(At(14, 10, 30));
        clock.WorkingDayAfter(At(12, 15)).Should().Be(At(14, 15));
    }

    [Fact]
    public void A_closed_weekday_is_skipped()
    {
        var clock = Clock(exceptions: (new DateOnly(2026, 12, 11), HolidayKind.Closed));

        // Thursday 15:00: 2.5 h on Thursday, Friday closed, Saturday from 08:30.
        clock.HalfWorkingDayAfter(At(10, 15)).Should().Be(At(12, 10, 30));
        clock.WorkingDayAfter(At(10, 15)).Should().Be(At(12, 15));
        Clock().HalfWorkingDayAfter(At(10, 15)).Should().Be(At(11, 10, 30), "without the holiday Friday counts");
    }

    [Fact]
    public void A_make_up_Sunday_is_a_working_day()
    {
        var clock = Clock(exceptions: (new DateOnly(2026, 12, 13), HolidayKind.WorkingDay));

        clock.HalfWorkingDayAfter(At(12, 15)).Should().Be(At(13, 10, 30));
        clock.WorkingDayAfter(At(12, 15)).Should().Be(At(13, 15));
    }

    [Fact]
    public void A_make_up_Saturday_counts_for_a_Monday_to_Friday_store()
    {
        var hours = new WorkingHours(WorkDays.MondayToSaturday & ~WorkDays.Saturday, new TimeOnly(9, 0), new TimeOnly(17, 0));
        var withMakeUp = Clock(hours: hours, exceptions: (new DateOnly(2026, 12, 12), HolidayKind.WorkingDay));

        // Friday 16:00: 1 h on Friday, then 3 h of the make-up Saturday from 09:00 (otherwise Monday).
        withMakeUp.HalfWorkingDayAfter(At(11, 16)).Should().Be(At(12, 12));
        Clock(hours: hours).HalfWorkingDayAfter(At(11, 16)).Should().Be(At(14, 12));
    }

    [Fact]
    public void Across_midnight_in_Berlin_the_stores_own_day_and_hours_count()
    {
        var clock = Clock(Berlin);
        var received = new DateTimeOffset(2026, 12, 10, 23, 30, 0, TimeSpan.Zero); // Friday 00:30 in Berlin

        clock.HalfWorkingDayAfter(received).Should().Be(At(11, 13, zone: Berlin));
        clock.HalfWorkingDayAfter(received).Should().Be(new DateTimeOffset(2026, 12, 11, 12, 0, 0, TimeSpan.Zero));
        Clock().HalfWorkingDayAfter(received).Should().Be(At(11, 13), "07:30 Friday in Shanghai: the same opening there");
    }

    [Fact]
    public void Across_midnight_in_Urumqi_a_late_evening_receipt_starts_the_next_morning()
    {
        var clock = Clock(Urumqi);
        var received = new DateTimeOffset(2026, 12, 10, 17, 59, 0, TimeSpan.Zero); // Thursday 23:59 in Urumqi

        clock.HalfWorkingDayAfter(received).Should().Be(At(11, 13, zone: Urumqi));
        clock.WorkingDayAfter(received).Should().Be(At(11, 17, 30, Urumqi));
    }

    [Fact]
    public void Twenty_four_hours_seven_days_and_twenty_one_days_are_calendar_time()
    {
        var clock = Clock(exceptions: (new DateOnly(2026, 12, 14), HolidayKind.Closed));
        var received = At(12, 17); // Saturday 17:00, a Sunday and a holiday ahead

        clock.DeadlineOf(ComplaintStepType.FirstContact, received, received).Should().Be(At(13, 17));
        clock.DeadlineOf(ComplaintStepType.PortalUpdated, received, received).Should().Be(At(13, 17));
        clock.DeadlineOf(ComplaintStepType.Resolved, received, received).Should().Be(At(19, 17));
        clock.DeadlineOf(ComplaintStepType.ResultReported, received, received).Should().Be(At(19, 17));
        clock.DeadlineOf(ComplaintStepType.ReHandled, received, received).Should().Be(received.AddDays(21));
    }

    [Fact]
    public void The_working_limits_of_the_step_types_and_the_steps_without_one()
    {
        var clock = Clock();
        var received = At(10, 9);

        clock.DeadlineOf(ComplaintStepType.SubmittedToManagement, received, received).Should().Be(At(10, 13, 30));
        clock.DeadlineOf(ComplaintStepType.Escalated, received, received).Should().Be(At(10, 13, 30));
        clock.DeadlineOf(ComplaintStepType.ManagerCalled, received, At(10, 10)).Should().Be(At(11, 10), "from the submission");
        foreach (var type in new[] { ComplaintStepType.RaisedToComplaint, ComplaintStepType.Reopened, ComplaintStepType.Closed,
                     ComplaintStepType.Note })
        {
            clock.DeadlineOf(type, received, received).Should().BeNull();
        }
    }
}
