using DealerCrm.Domain.Common;
using DealerCrm.Domain.Stores;

namespace DealerCrm.Domain.Tests.Stores;

public sealed class A_new_store
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_its_code_in_upper_case_and_trims_its_name()
    {
        var store = new Store(" sh-pd01 ", "  上海浦东店 ", "Asia/Shanghai", WorkingHours.Default, Now);

        store.Code.Should().Be("SH-PD01");
        store.Name.Should().Be("上海浦东店");
        store.TimeZoneId.Should().Be("Asia/Shanghai");
        store.CreatedAt.Should().Be(Now);
    }

    [Theory]
    [InlineData("", "Store.CodeRequired")]
    [InlineData("   ", "Store.CodeRequired")]
    [InlineData("bad code", "Store.CodeInvalid")]
    [InlineData("-LEADING", "Store.CodeInvalid")]
    [InlineData("上海", "Store.CodeInvalid")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU", "Validation.MaxLength")]
    public void Refuses_a_code_that_is_empty_too_long_or_not_letters_digits_and_dashes(string code, string message)
    {
        var act = () => new Store(code, "Name", "Asia/Shanghai", WorkingHours.Default, Now);

        act.Should().Throw<DomainException>().Which.Should().Match<DomainException>(e =>
            e.MessageKey == message && e.Field == "Code");
    }

    [Fact]
    public void Refuses_a_name_with_control_characters()
    {
        var act = () => new Store("S1", "Name\u0007", "Asia/Shanghai", WorkingHours.Default, Now);

        act.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Validation.ControlCharacters");
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    public void Refuses_an_unknown_time_zone(string zone)
    {
        var act = () => new Store("S1", "Name", zone, WorkingHours.Default, Now);

        act.Should().Throw<DomainException>().Which.Field.Should().Be("TimeZoneId");
    }
}

public sealed class A_stores_local_calendar
{
    [Fact]
    public void Starts_the_day_at_local_midnight_not_at_utc_midnight()
    {
        var shanghai = new Store("SH", "Shanghai", "Asia/Shanghai", WorkingHours.Default, DateTimeOffset.UnixEpoch);

        // 23:30 UTC on the 23rd is 07:30 on the 24th in Shanghai.
        shanghai.LocalDate(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero))
            .Should().Be(new DateOnly(2026, 11, 24));
        shanghai.StartOfLocalDay(new DateOnly(2026, 11, 24))
            .Should().Be(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Differs_between_stores_in_different_zones_at_the_same_instant()
    {
        var instant = new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);
        var shanghai = new Store("SH", "Shanghai", "Asia/Shanghai", WorkingHours.Default, instant);
        var urumqi = new Store("UR", "Urumqi", "Asia/Urumqi", WorkingHours.Default, instant);

        shanghai.LocalDate(instant).Should().Be(new DateOnly(2026, 11, 24));
        urumqi.LocalDate(instant).Should().Be(new DateOnly(2026, 11, 23));
    }
}

public sealed class Working_hours
{
    [Fact]
    public void Default_to_monday_to_saturday_half_past_eight_to_half_past_five()
    {
        var hours = WorkingHours.Default;

        hours.Days.Should().Be(WorkDays.MondayToSaturday);
        hours.Opens.Should().Be(new TimeOnly(8, 30));
        hours.Closes.Should().Be(new TimeOnly(17, 30));
        hours.LengthOfDay.Should().Be(TimeSpan.FromHours(9));
    }

    [Theory]
    [InlineData("2026-11-23T08:29:00", false)] // Monday, before opening
    [InlineData("2026-11-23T08:30:00", true)]
    [InlineData("2026-11-28T17:29:00", true)] // Saturday
    [InlineData("2026-11-28T17:30:00", false)] // closing time is not working time
    [InlineData("2026-11-29T10:00:00", false)] // Sunday
    public void Tell_whether_a_local_time_is_working_time(string local, bool working) =>
        WorkingHours.Default.IsWorkingTime(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(working);

    [Fact]
    public void Need_at_least_one_day_and_closing_after_opening()
    {
        var noDays = () => new WorkingHours(WorkDays.None, new TimeOnly(9, 0), new TimeOnly(17, 0));
        var backwards = () => new WorkingHours(WorkDays.Monday, new TimeOnly(17, 0), new TimeOnly(9, 0));

        noDays.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Store.WorkDaysRequired");
        backwards.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Store.ClosesBeforeOpens");
    }
}

public sealed class The_dealer_group
{
    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public void Keeps_audit_entries_between_six_and_a_hundred_and_twenty_months(int months, bool allowed)
    {
        var group = new DealerGroup("DealerCrm");

        var act = () => group.ChangeAuditRetention(months);

        if (allowed)
        {
            act.Should().NotThrow();
            group.AuditRetentionMonths.Should().Be(months);
        }
        else
        {
            act.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Group.AuditRetentionRange");
        }
    }
}
