using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Callbacks;

/// <summary>A store's CallbackSettings for replacement leads: the weekly caps that phase an owner base in (issue 14).</summary>
public sealed class A_stores_CallbackSettings_weekly_replacement_caps
{
    [Fact]
    public void Default_to_25_cards_per_consultant_and_100_enquiries_to_the_queue()
    {
        var settings = new CallbackSettings(3);

        (settings.ReplacementWeeklyPerConsultant, settings.ReplacementWeeklyToQueue).Should().Be((25, 100));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(500, 5_000)]
    public void Change_within_their_ranges_from_the_bounds_themselves(int perConsultant, int toQueue)
    {
        var settings = new CallbackSettings(3);

        settings.ChangeReminders(30, 24, 100_000, perConsultant, toQueue);

        (settings.ReplacementWeeklyPerConsultant, settings.ReplacementWeeklyToQueue).Should().Be((perConsultant, toQueue));
    }

    [Theory]
    [InlineData(0, 100, nameof(CallbackSettings.ReplacementWeeklyPerConsultant), "CallbackSettings.ReplacementPerConsultantRange", 1, 500)]
    [InlineData(501, 100, nameof(CallbackSettings.ReplacementWeeklyPerConsultant), "CallbackSettings.ReplacementPerConsultantRange", 1, 500)]
    [InlineData(int.MinValue, 100, nameof(CallbackSettings.ReplacementWeeklyPerConsultant), "CallbackSettings.ReplacementPerConsultantRange", 1, 500)]
    [InlineData(25, -1, nameof(CallbackSettings.ReplacementWeeklyToQueue), "CallbackSettings.ReplacementToQueueRange", 0, 5_000)]
    [InlineData(25, 5_001, nameof(CallbackSettings.ReplacementWeeklyToQueue), "CallbackSettings.ReplacementToQueueRange", 0, 5_000)]
    [InlineData(25, int.MaxValue, nameof(CallbackSettings.ReplacementWeeklyToQueue), "CallbackSettings.ReplacementToQueueRange", 0, 5_000)]
    public void Refuse_a_cap_out_of_range_beside_its_field_and_change_nothing(int perConsultant, int toQueue,
        string field, string key, int from, int to)
    {
        var settings = new CallbackSettings(3);

        RefusedSettings.ShouldRefuseAndKeepDefaults(settings,
            () => settings.ChangeReminders(45, 36, 120_000, perConsultant, toQueue), field, key, from, to);
    }
}

/// <summary>A refused <see cref="CallbackSettings.ChangeReminders"/>: beside its field, with its range, and every
/// setting still the default.</summary>
internal static class RefusedSettings
{
    public static void ShouldRefuseAndKeepDefaults(CallbackSettings settings, Action change, string field, string key,
        int from, int to)
    {
        var refusal = FluentActions.Invoking(change).Should().Throw<DomainException>().Which;

        (refusal.Field, refusal.MessageKey).Should().Be((field, key));
        refusal.Arguments.Should().Equal(from, to);
        (settings.InsuranceReminderDays, settings.ReplacementAfterMonths, settings.ReplacementAfterKm,
            settings.ReplacementWeeklyPerConsultant, settings.ReplacementWeeklyToQueue).Should()
            .Be((30, 24, 100_000, 25, 100), "nothing is half-changed");
    }
}

/// <summary>A store's CallbackSettings for the reminders and the replacement rule (issue 14): the insurance call's lead
/// time, and when an owner's car is old enough or has run far enough for a replacement lead.</summary>
public sealed class A_stores_CallbackSettings_reminder_and_replacement_ranges
{
    [Fact]
    public void Default_to_30_days_before_insurance_expires_and_a_car_of_24_months_or_100000_km()
    {
        var settings = new CallbackSettings(3);

        (settings.InsuranceReminderDays, settings.ReplacementAfterMonths, settings.ReplacementAfterKm).Should()
            .Be((30, 24, 100_000));
    }

    [Theory]
    [InlineData(1, 6, 1_000)]
    [InlineData(90, 240, 1_000_000)]
    public void Change_within_their_ranges_from_the_bounds_themselves(int insuranceDays, int months, int km)
    {
        var settings = new CallbackSettings(3);

        settings.ChangeReminders(insuranceDays, months, km, 25, 100);

        (settings.InsuranceReminderDays, settings.ReplacementAfterMonths, settings.ReplacementAfterKm).Should()
            .Be((insuranceDays, months, km));
    }

    [Theory]
    [InlineData(0, 24, 100_000, nameof(CallbackSettings.InsuranceReminderDays), "CallbackSettings.InsuranceDaysRange", 1, 90)]
    [InlineData(91, 24, 100_000, nameof(CallbackSettings.InsuranceReminderDays), "CallbackSettings.InsuranceDaysRange", 1, 90)]
    [InlineData(30, 5, 100_000, nameof(CallbackSettings.ReplacementAfterMonths), "CallbackSettings.ReplacementMonthsRange", 6, 240)]
    [InlineData(30, 241, 100_000, nameof(CallbackSettings.ReplacementAfterMonths), "CallbackSettings.ReplacementMonthsRange", 6, 240)]
    [InlineData(30, 24, 999, nameof(CallbackSettings.ReplacementAfterKm), "CallbackSettings.ReplacementKmRange", 1_000, 1_000_000)]
    [InlineData(30, 24, 1_000_001, nameof(CallbackSettings.ReplacementAfterKm), "CallbackSettings.ReplacementKmRange", 1_000, 1_000_000)]
    public void Refuse_a_value_out_of_range_beside_its_field_and_change_nothing(int insuranceDays, int months, int km,
        string field, string key, int from, int to)
    {
        var settings = new CallbackSettings(3);

        RefusedSettings.ShouldRefuseAndKeepDefaults(settings,
            () => settings.ChangeReminders(insuranceDays, months, km, 40, 200), field, key, from, to);
    }
}
