using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

public sealed class A_replacement_offer_rule
{
    private static readonly DateOnly Today = new(2026, 11, 9);

    [Fact]
    public void Finds_a_car_old_enough_on_its_24_month_anniversary_and_not_the_day_before()
    {
        ReplacementRules.IsOldEnough(new DateOnly(2024, 11, 9), Today, 24).Should().BeTrue();
        ReplacementRules.IsOldEnough(new DateOnly(2024, 11, 10), Today, 24).Should().BeFalse();
        ReplacementRules.IsOldEnough(null, Today, 24).Should().BeFalse("a car without any date qualifies only by mileage");
    }

    [Fact]
    public void Counts_mileage_from_the_threshold_itself()
    {
        ReplacementRules.HasRunFarEnough(100_000, 100_000).Should().BeTrue();
        ReplacementRules.HasRunFarEnough(99_999, 100_000).Should().BeFalse();
        ReplacementRules.HasRunFarEnough(null, 100_000).Should().BeFalse();
    }

    [Fact]
    public void Lets_an_offer_made_12_months_ago_to_the_day_be_followed_by_another()
    {
        var blocksIfAfter = ReplacementRules.OfferBlocksIfAfter(Today);

        (Today.AddMonths(-12) > blocksIfAfter).Should().BeFalse("12 months ago: offered again");
        (Today.AddMonths(-11) > blocksIfAfter).Should().BeTrue("11 months ago: not yet");
    }

    [Theory]
    [InlineData("2026-11-09", "2026-11-09")]
    [InlineData("2026-11-15", "2026-11-09")]
    [InlineData("2026-11-16", "2026-11-16")]
    [InlineData("2027-01-01", "2026-12-28")]
    [InlineData("2024-03-03", "2024-02-26")]
    public void Counts_a_week_from_its_Monday_to_its_Sunday(string today, string monday)
    {
        ReplacementRules.WeekStart(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Tells_a_cars_age_in_whole_months_across_month_ends()
    {
        ReplacementRules.AgeInMonths(new DateOnly(2024, 5, 9), Today).Should().Be(30);
        ReplacementRules.AgeInMonths(new DateOnly(2024, 5, 10), Today).Should().Be(29);
        ReplacementRules.AgeInMonths(new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 29)).Should().Be(1);
        ReplacementRules.AgeInMonths(new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 28)).Should().Be(0);
    }

    [Fact]
    public void Makes_a_C_card_with_the_current_car_as_trade_in_and_a_call_today()
    {
        var lead = Lead.Create(ReplacementRules.Card(1, 2, 3, " 长城 ", "哈弗H6", Today), new GradePolicy(1), Today,
            new DateTimeOffset(2026, 11, 8, 20, 0, 0, TimeSpan.Zero));

        (lead.Source, lead.Grade, lead.Status, lead.OwnerId).Should()
            .Be((SourceChannel.OwnerReplacement, Grade.C, LeadStatus.Active, 3L));
        (lead.Interest.PurchaseType, lead.Interest.HasTradeIn, lead.Interest.TradeInCar, lead.Interest.IntendedModel)
            .Should().Be((PurchaseType.Replacement, true, "长城 哈弗H6", (string?)null));
        (lead.OpenPlan!.DueDate, lead.OpenPlan.Method, lead.OpenPlan.Purpose).Should()
            .Be((Today, ContactMethod.Phone, PlanPurpose.InviteToStore));
        ReplacementRules.CurrentCar(null, new string('车', 120)).Should().HaveLength(LeadInterest.TextMaxLength);
    }
}
