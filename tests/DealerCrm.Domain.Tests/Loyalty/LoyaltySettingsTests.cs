using DealerCrm.Domain.Common;
using DealerCrm.Domain.Loyalty;

namespace DealerCrm.Domain.Tests.Loyalty;

/// <summary>A store's loyalty settings: the defaults of spec 5.3–5.4 and what an Admin may change them to.</summary>
public sealed class A_stores_loyalty_settings
{
    private static DomainException Refusal(Action change) =>
        FluentActions.Invoking(change).Should().Throw<DomainException>().Which;

    [Fact]
    public void Default_to_the_spec()
    {
        var settings = new LoyaltySettings(7);

        settings.StoreId.Should().Be(7);
        settings.IntervalMonths.Should().Be(6);
        settings.IntervalKm.Should().Be(5_000);
        settings.CountedIntervals.Should().Be(6);
        settings.FirstMaintenanceMonths.Should().Be(12);
        settings.SpendFor(MembershipTier.Silver).Should().Be(50_000m);
        settings.SpendFor(MembershipTier.Gold).Should().Be(200_000m);
        settings.SpendFor(MembershipTier.Diamond).Should().Be(500_000m);
        settings.SpendFor(MembershipTier.Standard).Should().Be(0m);
        settings.LoyaltyFor(MembershipTier.Silver).Should().Be(LoyaltyCategory.L3);
        settings.LoyaltyFor(MembershipTier.Gold).Should().Be(LoyaltyCategory.L2);
        settings.LoyaltyFor(MembershipTier.Diamond).Should().Be(LoyaltyCategory.L1);
        settings.LoyaltyFor(MembershipTier.Standard).Should().BeNull();
    }

    [Fact]
    public void Change_the_intervals_within_their_ranges()
    {
        var settings = new LoyaltySettings(1);

        settings.ChangeIntervals(1, 1_000, 1, 1);
        settings.IntervalMonths.Should().Be(1);
        settings.ChangeIntervals(24, 100_000, 24, 36);

        settings.IntervalMonths.Should().Be(24);
        settings.IntervalKm.Should().Be(100_000);
        settings.CountedIntervals.Should().Be(24);
        settings.FirstMaintenanceMonths.Should().Be(36);
    }

    [Theory]
    [InlineData(0, 5_000, 6, 12, nameof(LoyaltySettings.IntervalMonths), "Loyalty.IntervalMonthsRange")]
    [InlineData(25, 5_000, 6, 12, nameof(LoyaltySettings.IntervalMonths), "Loyalty.IntervalMonthsRange")]
    [InlineData(6, 999, 6, 12, nameof(LoyaltySettings.IntervalKm), "Loyalty.IntervalKmRange")]
    [InlineData(6, 100_001, 6, 12, nameof(LoyaltySettings.IntervalKm), "Loyalty.IntervalKmRange")]
    [InlineData(6, 5_000, 0, 12, nameof(LoyaltySettings.CountedIntervals), "Loyalty.CountedRange")]
    [InlineData(6, 5_000, 25, 12, nameof(LoyaltySettings.CountedIntervals), "Loyalty.CountedRange")]
    [InlineData(6, 5_000, 6, 0, nameof(LoyaltySettings.FirstMaintenanceMonths), "Loyalty.FirstMaintenanceRange")]
    [InlineData(6, 5_000, 6, 37, nameof(LoyaltySettings.FirstMaintenanceMonths), "Loyalty.FirstMaintenanceRange")]
    [InlineData(int.MinValue, 5_000, 6, 12, nameof(LoyaltySettings.IntervalMonths), "Loyalty.IntervalMonthsRange")]
    [InlineData(6, int.MaxValue, 6, 12, nameof(LoyaltySettings.IntervalKm), "Loyalty.IntervalKmRange")]
    public void Refuse_an_interval_out_of_range_beside_its_field_and_change_nothing(int months, int km, int counted,
        int firstMonths, string field, string key)
    {
        var settings = new LoyaltySettings(1);

        var refusal = Refusal(() => settings.ChangeIntervals(months, km, counted, firstMonths));

        refusal.Field.Should().Be(field);
        refusal.MessageKey.Should().Be(key);
        refusal.Arguments.Should().HaveCount(2, "the message names the range");
        settings.IntervalMonths.Should().Be(6);
        settings.IntervalKm.Should().Be(5_000);
        settings.CountedIntervals.Should().Be(6);
        settings.FirstMaintenanceMonths.Should().Be(12);
    }

    [Fact]
    public void Change_the_tiers_in_order()
    {
        var settings = new LoyaltySettings(1);

        settings.ChangeTiers(1m, LoyaltyCategory.L5, 1.01m, LoyaltyCategory.L5, 100_000_000m, LoyaltyCategory.L5);

        settings.SpendFor(MembershipTier.Silver).Should().Be(1m);
        settings.SpendFor(MembershipTier.Gold).Should().Be(1.01m);
        settings.SpendFor(MembershipTier.Diamond).Should().Be(100_000_000m);
        settings.LoyaltyFor(MembershipTier.Gold).Should().Be(LoyaltyCategory.L5, "equal loyalty is allowed");
    }

    [Theory]
    [InlineData("0", "200000", "500000", nameof(LoyaltySettings.SilverSpend))]
    [InlineData("-1", "200000", "500000", nameof(LoyaltySettings.SilverSpend))]
    [InlineData("0.5", "200000", "500000", nameof(LoyaltySettings.SilverSpend))]
    [InlineData("50000.001", "200000", "500000", nameof(LoyaltySettings.SilverSpend))]
    [InlineData("50000", "200000", "100000000.01", nameof(LoyaltySettings.DiamondSpend))]
    [InlineData("50000", "79228162514264337593543950335", "500000", nameof(LoyaltySettings.GoldSpend))]
    public void Refuse_a_spend_out_of_range_beside_its_field(string silver, string gold, string diamond, string field)
    {
        var settings = new LoyaltySettings(1);

        var refusal = Refusal(() => settings.ChangeTiers(Parse(silver), LoyaltyCategory.L3, Parse(gold),
            LoyaltyCategory.L2, Parse(diamond), LoyaltyCategory.L1));

        refusal.MessageKey.Should().Be("Loyalty.SpendRange");
        refusal.Field.Should().Be(field);
        settings.SpendFor(MembershipTier.Silver).Should().Be(50_000m);
    }

    [Theory]
    [InlineData("200000", "200000", "500000", nameof(LoyaltySettings.GoldSpend))]
    [InlineData("300000", "200000", "500000", nameof(LoyaltySettings.GoldSpend))]
    [InlineData("50000", "200000", "200000", nameof(LoyaltySettings.DiamondSpend))]
    [InlineData("50000", "600000", "500000", nameof(LoyaltySettings.DiamondSpend))]
    public void Refuse_a_higher_tier_that_asks_for_no_more_spend(string silver, string gold, string diamond, string field)
    {
        var settings = new LoyaltySettings(1);

        var refusal = Refusal(() => settings.ChangeTiers(Parse(silver), LoyaltyCategory.L3, Parse(gold),
            LoyaltyCategory.L2, Parse(diamond), LoyaltyCategory.L1));

        refusal.MessageKey.Should().Be("Loyalty.SpendOrder");
        refusal.Field.Should().Be(field);
        settings.SpendFor(MembershipTier.Gold).Should().Be(200_000m);
    }

    [Theory]
    [InlineData(LoyaltyCategory.L3, LoyaltyCategory.L4, LoyaltyCategory.L1, nameof(LoyaltySettings.GoldLoyalty))]
    [InlineData(LoyaltyCategory.L3, LoyaltyCategory.L2, LoyaltyCategory.L3, nameof(LoyaltySettings.DiamondLoyalty))]
    public void Refuse_a_higher_tier_that_asks_for_less_loyalty(LoyaltyCategory silver, LoyaltyCategory gold,
        LoyaltyCategory diamond, string field)
    {
        var settings = new LoyaltySettings(1);

        var refusal = Refusal(() => settings.ChangeTiers(50_000m, silver, 200_000m, gold, 500_000m, diamond));

        refusal.MessageKey.Should().Be("Loyalty.LoyaltyOrder");
        refusal.Field.Should().Be(field);
        settings.LoyaltyFor(MembershipTier.Gold).Should().Be(LoyaltyCategory.L2);
    }

    [Theory]
    [InlineData(LoyaltyCategory.New)]
    [InlineData(LoyaltyCategory.NeverReturned)]
    [InlineData((LoyaltyCategory)0)]
    [InlineData((LoyaltyCategory)99)]
    public void Refuse_a_loyalty_threshold_that_is_not_L1_to_L5(LoyaltyCategory threshold)
    {
        var settings = new LoyaltySettings(1);

        var refusal = Refusal(() => settings.ChangeTiers(50_000m, threshold, 200_000m, LoyaltyCategory.L2, 500_000m,
            LoyaltyCategory.L1));

        refusal.MessageKey.Should().Be("Loyalty.LoyaltyThreshold");
        refusal.Field.Should().Be(nameof(LoyaltySettings.SilverLoyalty));
    }

    [Fact]
    public void Keep_each_tiers_benefits_trimmed_and_empty_as_none()
    {
        var settings = new LoyaltySettings(1);

        settings.ChangeBenefits("  Free car wash  ", "", "Courtesy car\r\nPriority booking", new string('钻', 500));

        settings.BenefitsFor(MembershipTier.Standard).Should().Be("Free car wash");
        settings.BenefitsFor(MembershipTier.Silver).Should().BeNull();
        settings.BenefitsFor(MembershipTier.Gold).Should().Be("Courtesy car\r\nPriority booking");
        settings.BenefitsFor(MembershipTier.Diamond).Should().HaveLength(500);
    }

    [Fact]
    public void Refuse_a_benefits_text_too_long_or_with_control_characters_and_change_none_of_them()
    {
        var settings = new LoyaltySettings(1);
        settings.ChangeBenefits("a", "b", "c", "d");

        var tooLong = Refusal(() => settings.ChangeBenefits("new", "new", new string('x', 501), "new"));
        var nul = Refusal(() => settings.ChangeBenefits("new", "new", "new", "bad\0text"));

        tooLong.Field.Should().Be(nameof(LoyaltySettings.GoldBenefits));
        tooLong.MessageKey.Should().Be("Validation.MaxLength");
        nul.Field.Should().Be(nameof(LoyaltySettings.DiamondBenefits));
        settings.BenefitsFor(MembershipTier.Standard).Should().Be("a", "a refused change leaves every text as it was");
        settings.BenefitsFor(MembershipTier.Silver).Should().Be("b");
    }

    private static decimal Parse(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
