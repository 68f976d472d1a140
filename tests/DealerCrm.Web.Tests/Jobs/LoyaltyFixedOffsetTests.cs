using DealerCrm.Web.Jobs;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// When the recalculation may convert a store's orders with a fixed UTC offset instead of the zone's name
/// (<see cref="LoyaltyRecalculationJob.FixedOffset"/>): only from the zone's last change of offset on, and never for a
/// zone that still has daylight saving.
/// </summary>
public sealed class LoyaltyFixedOffsetTests
{
    private static readonly DateTimeOffset Until = new(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Shanghai_is_eight_hours_ahead_since_Chinas_daylight_saving_ended_in_1991()
    {
        var fixedOffset = LoyaltyRecalculationJob.FixedOffset(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Until);

        fixedOffset.Should().NotBeNull();
        fixedOffset!.Value.Offset.Should().Be(TimeSpan.FromHours(8));
        fixedOffset.Value.Since.Should().BeAfter(new DateTimeOffset(1991, 9, 1, 0, 0, 0, TimeSpan.Zero))
            .And.BeBefore(new DateTimeOffset(1992, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_zone_with_daylight_saving_has_no_fixed_offset()
    {
        LoyaltyRecalculationJob.FixedOffset(TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"), Until)
            .Should().BeNull();
    }

    [Fact]
    public void Utc_is_fixed_for_every_order()
    {
        var fixedOffset = LoyaltyRecalculationJob.FixedOffset(TimeZoneInfo.Utc, Until);

        fixedOffset.Should().Be((TimeSpan.Zero, new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
