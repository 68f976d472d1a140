using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Campaigns;

public sealed class CampaignRulesTests
{
    [Theory]
    [InlineData(-1, null)]
    [InlineData(0, ContractWindow.DayOfAttendance)]
    [InlineData(1, ContractWindow.Days1To3)]
    [InlineData(3, ContractWindow.Days1To3)]
    [InlineData(4, ContractWindow.Days4To30)]
    [InlineData(30, ContractWindow.Days4To30)]
    [InlineData(31, null)]
    public void A_contract_falls_in_the_window_of_its_days_after_attendance(int days, ContractWindow? window) =>
        CampaignRules.WindowOf(days).Should().Be(window);

    [Theory]
    [InlineData(1, 1, 2, 1)]
    [InlineData(9999, 12, 30, 31)]
    public void A_campaign_dated_outside_2000_to_2100_is_refused(int year, int month, int first, int last)
    {
        var act = () => new Campaign(1, new CampaignDetails("活动", CampaignType.Exhibition, new DateOnly(year, month, first),
            new DateOnly(year, month, last), 0m, null, null, null, null), 1, DateTimeOffset.UnixEpoch);

        act.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Campaign.DateOutOfRange");
    }
}
