using DealerCrm.Domain.Common;
using DealerCrm.Web.Jobs;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// The calendar the recalculation passes to its SQL instead of <c>date_part</c> (<see cref="LoyaltyRecalculationJob.CalendarMonths"/>):
/// every store-local day an order can have, each with its month as year × 12 + month and its day of month.
/// </summary>
public sealed class LoyaltyCalendarTests
{
    [Fact]
    public void It_covers_every_day_people_may_type_and_a_day_either_side_for_the_zones()
    {
        var first = LoyaltyRecalculationJob.CalendarBase.AddDays(1);
        var last = LoyaltyRecalculationJob.CalendarBase.AddDays(LoyaltyRecalculationJob.CalendarMonths.Length);

        first.Should().Be(UserDates.Earliest.AddDays(-1));
        last.Should().Be(UserDates.Latest.AddDays(1));
        LoyaltyRecalculationJob.CalendarDays.Should().HaveSameCount(LoyaltyRecalculationJob.CalendarMonths);
    }

    [Fact]
    public void Each_day_has_its_month_as_year_times_twelve_plus_month_and_its_day_of_month()
    {
        var days = Enumerable.Range(1, LoyaltyRecalculationJob.CalendarMonths.Length)
            .Select(i => (Day: LoyaltyRecalculationJob.CalendarBase.AddDays(i), Month: LoyaltyRecalculationJob.CalendarMonths[i - 1],
                DayOfMonth: LoyaltyRecalculationJob.CalendarDays[i - 1]))
            .ToList();

        days.Should().OnlyContain(d => d.Month == d.Day.Year * 12 + d.Day.Month && d.DayOfMonth == d.Day.Day);
        days.Should().Contain((new DateOnly(2060, 2, 29), 2060 * 12 + 2, 29));
        days.Should().Contain((new DateOnly(1900, 3, 1), 1900 * 12 + 3, 1), "1900 has no 29 February");
    }
}
