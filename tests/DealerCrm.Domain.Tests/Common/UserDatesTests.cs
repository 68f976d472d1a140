using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Common;

public sealed class A_date_people_type
{
    [Theory]
    [InlineData("1900-01-01", true)]
    [InlineData("2026-12-01", true)]
    [InlineData("2100-12-31", true)]
    [InlineData("1899-12-31", false)]
    [InlineData("2101-01-01", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    public void Is_sane_from_1900_to_2100(string date, bool sane) =>
        UserDates.IsSane(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(sane);

    [Fact]
    public void The_ends_of_the_range_leave_room_for_a_day_and_a_time_zone_either_way()
    {
        var after = UserDates.Latest.AddDays(1).ToDateTime(TimeOnly.MaxValue);
        var before = UserDates.Earliest.AddDays(-1).ToDateTime(TimeOnly.MinValue);

        new DateTimeOffset(after, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(14)).Year.Should().Be(2101);
        new DateTimeOffset(before, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-12)).Year.Should().Be(1899);
    }
}
