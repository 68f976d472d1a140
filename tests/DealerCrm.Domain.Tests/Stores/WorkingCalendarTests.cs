using DealerCrm.Domain.Stores;

namespace DealerCrm.Domain.Tests.Stores;

/// <summary>
/// The 2025 National Day week as the State Council set it: 1–8 October closed (National Day with Mid-Autumn), and
/// two make-up working days, Sunday 28 September and Saturday 11 October (调休).
/// </summary>
internal static class NationalDay2025
{
    public static IReadOnlyList<(DateOnly, HolidayKind)> Dates { get; } =
    [
        .. Enumerable.Range(1, 8).Select(d => (new DateOnly(2025, 10, d), HolidayKind.Closed)),
        (new DateOnly(2025, 9, 28), HolidayKind.WorkingDay),
        (new DateOnly(2025, 10, 11), HolidayKind.WorkingDay),
    ];

    /// <summary>The default store: Monday–Saturday 08:30–17:30.</summary>
    public static WorkingCalendar MondayToSaturday { get; } = new(WorkingHours.Default, Dates);

    /// <summary>An office-hours store: Monday–Friday 09:00–18:00, for which the make-up Saturday matters.</summary>
    public static WorkingCalendar MondayToFriday { get; } = new(
        new WorkingHours(WorkDays.MondayToSaturday & ~WorkDays.Saturday, new TimeOnly(9, 0), new TimeOnly(18, 0)), Dates);
}

public sealed class A_working_day
{
    [Theory]
    [InlineData("2026-03-06", true)] // Friday
    [InlineData("2026-03-07", true)] // Saturday: the default store works Saturdays
    [InlineData("2026-03-08", false)] // Sunday
    public void Follows_the_weekly_days_when_the_calendar_has_no_exception(string date, bool working) =>
        WorkingCalendar.Standard.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(working);

    [Fact]
    public void Is_not_a_closed_holiday_even_on_a_weekday()
    {
        NationalDay2025.MondayToSaturday.IsWorkingDay(new DateOnly(2025, 10, 1)).Should().BeFalse("Wednesday, closed");
        NationalDay2025.MondayToSaturday.IsWorkingDay(new DateOnly(2025, 10, 8)).Should().BeFalse("Wednesday, closed");
        NationalDay2025.MondayToSaturday.IsWorkingDay(new DateOnly(2025, 10, 9)).Should().BeTrue("back to work");
    }

    [Fact]
    public void Includes_a_make_up_Sunday_and_a_make_up_Saturday_for_a_store_closed_on_weekends()
    {
        NationalDay2025.MondayToSaturday.IsWorkingDay(new DateOnly(2025, 9, 28)).Should().BeTrue("make-up Sunday");
        NationalDay2025.MondayToFriday.IsWorkingDay(new DateOnly(2025, 9, 28)).Should().BeTrue("make-up Sunday");
        NationalDay2025.MondayToFriday.IsWorkingDay(new DateOnly(2025, 10, 11)).Should().BeTrue("make-up Saturday");
        NationalDay2025.MondayToFriday.IsWorkingDay(new DateOnly(2025, 10, 18)).Should().BeFalse("an ordinary Saturday");
    }

    [Fact]
    public void Gives_the_next_working_day_over_a_closed_week()
    {
        NationalDay2025.MondayToSaturday.NextWorkingDay(new DateOnly(2025, 9, 30)).Should().Be(new DateOnly(2025, 10, 9));
        NationalDay2025.MondayToFriday.NextWorkingDay(new DateOnly(2025, 10, 10)).Should().Be(new DateOnly(2025, 10, 11));
    }

    [Fact]
    public void Has_no_hours_when_closed_and_the_full_day_when_made_up()
    {
        NationalDay2025.MondayToSaturday.HoursOn(new DateOnly(2025, 10, 2)).Should().Be(TimeSpan.Zero);
        NationalDay2025.MondayToSaturday.HoursOn(new DateOnly(2025, 9, 28)).Should().Be(TimeSpan.FromHours(9));
    }
}

public sealed class The_callback_due_day
{
    private static readonly WorkingCalendar Plain = WorkingCalendar.Standard;

    [Fact]
    public void Is_day_3_when_day_3_is_open()
    {
        // Completed Saturday 7 March 2026: Sunday is closed, but day 3 is Tuesday.
        Plain.CallbackDueDay(new DateOnly(2026, 3, 7)).Should().Be(new DateOnly(2026, 3, 10));
    }

    [Fact]
    public void Is_the_last_working_day_of_days_1_to_3_when_day_3_is_a_closed_Sunday()
    {
        // Completed Thursday 5 March 2026: Friday, Saturday open, Sunday closed.
        Plain.CallbackDueDay(new DateOnly(2026, 3, 5)).Should().Be(new DateOnly(2026, 3, 7));
    }

    [Fact]
    public void Is_a_make_up_Sunday_that_falls_on_day_3()
    {
        // Completed Thursday 25 September 2025: day 3 is Sunday the 28th, a make-up working day.
        NationalDay2025.MondayToSaturday.CallbackDueDay(new DateOnly(2025, 9, 25)).Should().Be(new DateOnly(2025, 9, 28));
        new WorkingCalendar(WorkingHours.Default, Array.Empty<StoreHoliday>())
            .CallbackDueDay(new DateOnly(2025, 9, 25)).Should().Be(new DateOnly(2025, 9, 27), "without the make-up day");
    }

    [Fact]
    public void Moves_back_to_day_1_when_days_2_and_3_are_the_first_days_of_the_holiday()
    {
        // Completed Monday 29 September: Tuesday the 30th open, 1 and 2 October closed.
        NationalDay2025.MondayToSaturday.CallbackDueDay(new DateOnly(2025, 9, 29)).Should().Be(new DateOnly(2025, 9, 30));
    }

    [Fact]
    public void Is_the_next_working_day_after_day_3_when_all_of_days_1_to_3_are_closed()
    {
        // Delivered on 1 October (a showroom open on the holiday): 2–4 closed, and on until the 9th.
        NationalDay2025.MondayToSaturday.CallbackDueDay(new DateOnly(2025, 10, 1)).Should().Be(new DateOnly(2025, 10, 9));
        NationalDay2025.MondayToSaturday.CallbackDueDay(new DateOnly(2025, 10, 5)).Should().Be(new DateOnly(2025, 10, 9),
            "days 1-3 are the 6th to the 8th, all closed");
    }

    [Fact]
    public void Lands_on_the_make_up_Saturday_of_an_office_hours_store()
    {
        // Completed Wednesday 8 October: Thursday and Friday open, day 3 the make-up Saturday.
        NationalDay2025.MondayToFriday.CallbackDueDay(new DateOnly(2025, 10, 8)).Should().Be(new DateOnly(2025, 10, 11));
        // Completed Thursday 9 October: day 3 is Sunday the 12th, closed: the make-up Saturday is the last open of 1–3.
        NationalDay2025.MondayToFriday.CallbackDueDay(new DateOnly(2025, 10, 9)).Should().Be(new DateOnly(2025, 10, 11));
    }

    [Fact]
    public void Is_never_the_day_of_completion_itself()
    {
        // Completed Friday 3 October 2025 on an office-hours store: 4, 5 closed weekend-holiday, 6 closed: none open.
        var due = NationalDay2025.MondayToFriday.CallbackDueDay(new DateOnly(2025, 10, 3));
        due.Should().Be(new DateOnly(2025, 10, 9));
        due.Should().BeAfter(new DateOnly(2025, 10, 3));
    }
}

public sealed class Adding_working_hours
{
    private static readonly WorkingCalendar Plain = WorkingCalendar.Standard;

    private static DateTime At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);

    [Fact]
    public void Counts_within_one_day()
    {
        Plain.AddWorkingHours(At(2026, 3, 9, 10), TimeSpan.FromHours(3)).Should().Be(At(2026, 3, 9, 13));
    }

    [Fact]
    public void Starts_at_the_opening_when_the_start_is_before_it()
    {
        Plain.AddWorkingHours(At(2026, 3, 9, 7), TimeSpan.FromHours(2)).Should().Be(At(2026, 3, 9, 10, 30));
    }

    [Fact]
    public void Starts_at_the_next_opening_when_the_start_is_after_closing()
    {
        Plain.AddWorkingHours(At(2026, 3, 9, 20), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 10, 9, 30));
    }

    [Fact]
    public void Ends_exactly_at_closing_time_not_at_the_next_opening()
    {
        Plain.AddWorkingHours(At(2026, 3, 9, 13), TimeSpan.FromHours(4.5)).Should().Be(At(2026, 3, 9, 17, 30));
    }

    [Fact]
    public void Carries_what_is_left_at_closing_time_to_the_next_working_day()
    {
        Plain.AddWorkingHours(At(2026, 3, 9, 17, 30), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 10, 9, 30));
        Plain.AddWorkingHours(At(2026, 3, 9, 17), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 10, 9, 0));
    }

    [Fact]
    public void Skips_the_closed_Sunday()
    {
        // Saturday 16:30: one hour on Saturday, none on Sunday, one on Monday.
        Plain.AddWorkingHours(At(2026, 3, 7, 16, 30), TimeSpan.FromHours(2)).Should().Be(At(2026, 3, 9, 9, 30));
    }

    [Fact]
    public void Skips_a_closed_holiday_week()
    {
        NationalDay2025.MondayToSaturday.AddWorkingHours(At(2025, 9, 30, 16, 30), TimeSpan.FromHours(2))
            .Should().Be(At(2025, 10, 9, 9, 30));
    }

    [Fact]
    public void Counts_a_make_up_Saturday_of_an_office_hours_store()
    {
        NationalDay2025.MondayToFriday.AddWorkingHours(At(2025, 10, 10, 17), TimeSpan.FromHours(2))
            .Should().Be(At(2025, 10, 11, 10), "one hour on Friday, one on the make-up Saturday");
        NationalDay2025.MondayToFriday.AddWorkingHours(At(2025, 10, 17, 17), TimeSpan.FromHours(2))
            .Should().Be(At(2025, 10, 20, 10), "an ordinary weekend is closed");
    }

    [Fact]
    public void Counts_more_than_a_day()
    {
        Plain.AddWorkingHours(At(2026, 3, 9, 8, 30), TimeSpan.FromHours(9 * 2 + 1)).Should().Be(At(2026, 3, 11, 9, 30));
    }

    [Fact]
    public void Refuses_a_negative_duration()
    {
        var act = () => Plain.AddWorkingHours(At(2026, 3, 9, 10), TimeSpan.FromHours(-1));
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}

public sealed class Half_a_working_day
{
    private static DateTime At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);

    [Fact]
    public void Is_half_of_the_days_scheduled_hours_counted_in_working_time()
    {
        WorkingCalendar.Standard.AddHalfWorkingDay(At(2026, 3, 9, 10)).Should().Be(At(2026, 3, 9, 14, 30));
    }

    [Fact]
    public void Runs_over_into_the_next_working_day()
    {
        // Saturday 15:00: 2.5 h on Saturday, 2 h on Monday.
        WorkingCalendar.Standard.AddHalfWorkingDay(At(2026, 3, 7, 15)).Should().Be(At(2026, 3, 9, 10, 30));
    }

    [Fact]
    public void Starts_on_the_next_working_day_when_raised_on_a_holiday()
    {
        NationalDay2025.MondayToSaturday.AddHalfWorkingDay(At(2025, 10, 3, 11)).Should().Be(At(2025, 10, 9, 13));
    }

    [Fact]
    public void Takes_the_hours_of_the_day_the_clock_starts_in()
    {
        var shortDays = new WorkingCalendar(new WorkingHours(WorkDays.MondayToSaturday, new TimeOnly(9, 0),
            new TimeOnly(13, 0)), Array.Empty<StoreHoliday>());
        shortDays.AddHalfWorkingDay(At(2026, 3, 9, 12)).Should().Be(At(2026, 3, 10, 10), "2 h: one today, one tomorrow");
    }
}

public sealed class Adding_working_hours_to_an_instant
{
    [Fact]
    public void Uses_the_stores_zone_across_its_midnight_Urumqi()
    {
        var urumqi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi"); // UTC+6, no summer time
        // 17:00 UTC on Friday 4 December 2026 is 23:00 Friday in Urumqi (already Saturday 01:00 in Shanghai).
        var start = new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

        var end = WorkingCalendar.Standard.AddWorkingHours(start, TimeSpan.FromHours(1), urumqi);

        end.Should().Be(new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.FromHours(6)), "Saturday 08:30 + 1 h, Urumqi time");
        end.Offset.Should().Be(TimeSpan.Zero, "instants are kept in UTC");
    }

    [Fact]
    public void Starts_at_the_same_days_opening_when_just_past_midnight_there()
    {
        var urumqi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Urumqi");
        // 19:00 UTC Friday = 01:00 Saturday in Urumqi: Saturday is a working day, the clock starts at its opening.
        var start = new DateTimeOffset(2026, 12, 4, 19, 0, 0, TimeSpan.Zero);

        WorkingCalendar.Standard.AddWorkingHours(start, TimeSpan.FromHours(2), urumqi)
            .Should().Be(new DateTimeOffset(2026, 12, 5, 10, 30, 0, TimeSpan.FromHours(6)));
    }

    [Fact]
    public void Follows_the_change_to_summer_time_in_Berlin()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // Saturday 28 March 2026 17:00 CET (UTC+1); summer time starts on Sunday the 29th.
        var start = new DateTimeOffset(2026, 3, 28, 17, 0, 0, TimeSpan.FromHours(1));

        var end = WorkingCalendar.Standard.AddWorkingHours(start, TimeSpan.FromHours(1), berlin);

        end.Should().Be(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(2)), "Monday 09:00 CEST");
    }
}
