using System.Globalization;

namespace DealerCrm.Domain.Callbacks;

/// <summary>
/// The occasion keys of the callback jobs (<see cref="CallbackTask.OccasionKey"/>, unique per customer and type in the
/// database), and the birthday dates. The jobs build the same keys in SQL from the prefixes here
/// (<c>prefix || id || ':' || to_char(date, 'YYYY-MM-DD')</c>); a test holds the two together.
/// <list type="bullet">
/// <item>after-sales 3-day: <c>as:{vehicleId}:{window start}</c> — the window starts at the local completion date of
/// its first workshop order and runs until the day before the task's due day; later orders of the vehicle completed
/// in it re-point the open task to the latest order rather than adding a call (4.7);</item>
/// <item>dormant: <c>dm:{store's date of the run}</c> — makes two servers on one day add one task; the rule "none while
/// one is open or one fell due within the period" is checked by the statement;</item>
/// <item>birthday: <c>bd:{year}</c>; delivery anniversary (车辆生日): <c>vb:{vehicleId}:{year}</c> — once per year.</item>
/// </list>
/// </summary>
public static class CallbackOccasions
{
    public const string AfterSalesPrefix = "as:";
    public const string DormantPrefix = "dm:";
    public const string BirthdayPrefix = "bd:";
    public const string VehicleAnniversaryPrefix = "vb:";

    public static string AfterSales(long vehicleId, DateOnly windowStart) =>
        string.Create(CultureInfo.InvariantCulture, $"{AfterSalesPrefix}{vehicleId}:{windowStart:yyyy-MM-dd}");

    public static string Dormant(DateOnly runDate) =>
        string.Create(CultureInfo.InvariantCulture, $"{DormantPrefix}{runDate:yyyy-MM-dd}");

    public static string Birthday(int year) => string.Create(CultureInfo.InvariantCulture, $"{BirthdayPrefix}{year}");

    public static string VehicleAnniversary(long vehicleId, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{VehicleAnniversaryPrefix}{vehicleId}:{year}");

    /// <summary>
    /// The day a birthday (or delivery anniversary) falls on in <paramref name="year"/>: the same month and day, and
    /// 28 February for 29 February in a year without one (the last day of the birth month, before rather than after).
    /// </summary>
    public static DateOnly AnniversaryIn(DateOnly date, int year) =>
        date is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 2, 28)
            : new DateOnly(year, date.Month, date.Day);

    /// <summary>The (month, day) pairs whose anniversary falls on <paramref name="day"/>: itself, and 29 February on
    /// 28 February of a common year (the jobs pass these to SQL).</summary>
    public static IEnumerable<(int Month, int Day)> AnniversariesOn(DateOnly day)
    {
        yield return (day.Month, day.Day);
        if (day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year))
        {
            yield return (2, 29);
        }
    }
}
