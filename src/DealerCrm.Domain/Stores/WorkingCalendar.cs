namespace DealerCrm.Domain.Stores;

/// <summary>
/// A store's working time: its weekly working days and hours (<see cref="WorkingHours"/>) with the Admin's holiday
/// calendar laid over them (closed dates, make-up working days). The one answer to "is this a working day", "the
/// due day of a callback" (4.7) and "N working hours after this instant" (the complaint clock, 4.4). All dates and
/// times here are the store's local ones; <c>AddWorkingHours</c> converts through the store's time zone.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, HolidayKind> _exceptions;

    public WorkingCalendar(WorkingHours hours, IEnumerable<StoreHoliday> holidays)
        : this(hours, holidays.Select(h => (h.Date, h.Kind)))
    {
    }

    public WorkingCalendar(WorkingHours hours, IEnumerable<(DateOnly Date, HolidayKind Kind)> exceptions)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(exceptions);
        Hours = hours;
        _exceptions = [];
        foreach (var (date, kind) in exceptions)
        {
            _exceptions[date] = kind;
        }
    }

    public static WorkingCalendar Standard { get; } = new(WorkingHours.Default, Array.Empty<(DateOnly, HolidayKind)>());

    public WorkingHours Hours { get; }

    public bool IsWorkingDay(DateOnly date) =>
        _exceptions.TryGetValue(date, out var kind) ? kind == HolidayKind.WorkingDay : Hours.IsWorkingDay(date);

    /// <summary>
    /// The due day of a 3-day callback (4.7): callable from the day after <paramref name="completed"/>, due on day 3;
    /// if day 3 is closed, the last working day of days 1–3; if none of them is open, the next working day after day 3.
    /// </summary>
    public DateOnly CallbackDueDay(DateOnly completed, int days = 3)
    {
        var dayN = completed.AddDays(days);
        for (var day = dayN; day > completed; day = day.AddDays(-1))
        {
            if (IsWorkingDay(day))
            {
                return day;
            }
        }

        return NextWorkingDay(dayN);
    }

    /// <summary>The first working day after <paramref name="date"/> (a store open on no day at all is refused by
    /// <see cref="WorkingHours"/>; a year of closed dates still ends).</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        var day = date.AddDays(1);
        for (var i = 0; i < 3660 && !IsWorkingDay(day); i++)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The scheduled hours of a day: zero on a closed day.</summary>
    public TimeSpan HoursOn(DateOnly date) => IsWorkingDay(date) ? Hours.LengthOfDay : TimeSpan.Zero;

    /// <summary>
    /// The local time at which <paramref name="hours"/> working hours have passed since <paramref name="start"/>
    /// (local). Time outside opening hours does not count; a start outside hours begins at the next opening.
    /// </summary>
    public DateTime AddWorkingHours(DateTime start, TimeSpan hours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, TimeSpan.Zero);

        var remaining = hours;
        var day = DateOnly.FromDateTime(start);
        var cursor = start;
        for (var guard = 0; guard < 3660; guard++)
        {
            if (IsWorkingDay(day))
            {
                var opens = day.ToDateTime(Hours.Opens);
                var closes = day.ToDateTime(Hours.Closes);
                var from = cursor > opens ? cursor : opens;
                if (from < closes)
                {
                    var available = closes - from;
                    if (remaining <= available)
                    {
                        return from + remaining;
                    }

                    remaining -= available;
                }
            }

            day = day.AddDays(1);
            cursor = day.ToDateTime(TimeOnly.MinValue);
        }

        throw new InvalidOperationException("No working time within ten years.");
    }

    /// <summary>
    /// Half a working day after <paramref name="start"/>: half of the scheduled hours of the working day the clock
    /// starts in (spec 4.4), counted in working time.
    /// </summary>
    public DateTime AddHalfWorkingDay(DateTime start)
    {
        var firstWorking = DateOnly.FromDateTime(AddWorkingHours(start, TimeSpan.Zero));
        return AddWorkingHours(start, HoursOn(firstWorking) / 2);
    }

    /// <summary>
    /// One working day after <paramref name="start"/>: the scheduled hours of the working day the clock starts in,
    /// counted in working time (spec 4.4, the manager's call on a grievance).
    /// </summary>
    public DateTime AddWorkingDay(DateTime start)
    {
        var firstWorking = DateOnly.FromDateTime(AddWorkingHours(start, TimeSpan.Zero));
        return AddWorkingHours(start, HoursOn(firstWorking));
    }

    /// <summary>The same, for an instant: converted to the store's local time and back.</summary>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, TimeSpan hours, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var end = DateTime.SpecifyKind(AddWorkingHours(local, hours), DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(end, zone), TimeSpan.Zero);
    }
}
