using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

public sealed class ResponseWatchTests
{
    private static readonly DateTimeOffset Arrived = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, null)]
    [InlineData(47 * 60 + 59, null)]
    [InlineData(48 * 60, (short)48)]
    [InlineData(71 * 60 + 59, (short)48)]
    [InlineData(72 * 60, (short)72)]
    [InlineData(95 * 60 + 59, (short)72)]
    [InlineData(96 * 60, (short)96)]
    [InlineData(1000 * 60, (short)96)]
    public void The_threshold_reached_is_the_highest_whose_wall_clock_hours_have_passed(int minutes, short? expected)
    {
        ResponseWatch.ThresholdReached(Arrived, Arrived.AddMinutes(minutes)).Should().Be(expected);
    }

    [Fact]
    public void The_thresholds_are_48_72_and_96_hours_ascending()
    {
        ResponseWatch.UncontactedAlertHours.Should().Equal(48, 72, 96);
        ResponseWatch.ArrivedByEach(Arrived).Should().Equal(Arrived.AddHours(-48), Arrived.AddHours(-72), Arrived.AddHours(-96));
    }

    [Fact]
    public void Hours_do_not_depend_on_the_offset_the_instants_are_written_in()
    {
        var shanghai = Arrived.ToOffset(TimeSpan.FromHours(8));

        ResponseWatch.ThresholdReached(shanghai, Arrived.AddHours(72)).Should().Be(72);
    }
}
