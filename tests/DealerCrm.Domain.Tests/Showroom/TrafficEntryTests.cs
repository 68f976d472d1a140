using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;

namespace DealerCrm.Domain.Tests.Showroom;

public sealed class A_showroom_entry
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly VisitorDetails Browsing = new() { Purpose = VisitPurpose.Browse };

    [Fact]
    public void Is_a_walk_in_open_from_check_in_to_check_out_and_stored_in_utc()
    {
        var arrived = new DateTimeOffset(2026, 11, 24, 9, 20, 0, TimeSpan.FromHours(8));
        var entry = TrafficEntry.CheckIn(1, 5, arrived, Today, Today, 2, 7, Now);

        entry.IsOpen.Should().BeTrue();
        entry.ArrivedAt.Offset.Should().Be(TimeSpan.Zero);
        entry.CheckOut(arrived.AddMinutes(40), Browsing, Now);
        entry.IsOpen.Should().BeFalse();
        (entry.LeftAt - entry.ArrivedAt).Should().Be(TimeSpan.FromMinutes(40));
        entry.HasContact.Should().BeFalse();
    }

    [Fact]
    public void Is_logged_the_same_day_only()
    {
        var yesterday = Today.AddDays(-1);

        FluentActions.Invoking(() => TrafficEntry.CheckIn(1, 5, Now.AddDays(-1), yesterday, Today, 1, null, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Traffic.SameDayOnly");
        FluentActions.Invoking(() => TrafficEntry.LogCall(1, 5, Now.AddDays(-1), yesterday, Today, null, Browsing, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Traffic.SameDayOnly");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Has_a_party_of_one_to_fifty(int size) =>
        FluentActions.Invoking(() => TrafficEntry.CheckIn(1, 5, Now, Today, Today, size, null, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Traffic.PartySizeRange");

    [Fact]
    public void Refuses_a_check_out_before_arrival_or_without_a_purpose()
    {
        var entry = TrafficEntry.CheckIn(1, 5, Now, Today, Today, 1, null, Now);

        FluentActions.Invoking(() => entry.CheckOut(Now.AddMinutes(-1), Browsing, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Traffic.LeftBeforeArrived");
        FluentActions.Invoking(() => entry.CheckOut(Now, new VisitorDetails(), Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Traffic.PurposeRequired");
        entry.IsOpen.Should().BeTrue();
    }

    [Fact]
    public void Logs_a_call_in_one_step_with_its_mobile_normalized()
    {
        var call = TrafficEntry.LogCall(1, 5, Now, Today, Today, 7, Browsing with { Mobile = "+86 138-0013-8000" }, Now);

        (call.Kind, call.LeftAt, call.Mobile, call.IsOpen).Should().Be((TrafficKind.PhoneCall, call.ArrivedAt, "13800138000", false));
    }

    [Fact]
    public void Can_be_edited_by_the_receptionist_only_today_and_only_until_a_card_is_made()
    {
        var entry = TrafficEntry.CheckIn(1, 5, Now, Today, Today, 1, null, Now);
        entry.CheckOut(Now, Browsing, Now);

        FluentActions.Invoking(() => entry.EditByReceptionist(Today.AddDays(1), 2, null, Browsing))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Traffic.SameDayOnly");
        entry.EditByReceptionist(Today, 2, 7, Browsing with { VisitorName = "赵先生" });
        entry.AttachLead(11, 12);
        FluentActions.Invoking(() => entry.EditByReceptionist(Today, 3, 7, Browsing))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Traffic.HasCard");
        FluentActions.Invoking(() => entry.AttachLead(13, 12)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Traffic.HasCard");
        (entry.PartySize, entry.VisitorName, entry.LeadId).Should().Be((2, "赵先生", 11L));
    }

    [Fact]
    public void Says_why_the_receptionist_can_no_longer_edit_it_before_they_try()
    {
        var entry = TrafficEntry.CheckIn(1, 5, Now, Today, Today, 1, null, Now);
        var voided = TrafficEntry.CheckIn(1, 5, Now, Today, Today, 1, null, Now);
        voided.Void("重复登记");

        entry.WhyNotEditableByReceptionist(Today).Should().BeNull();
        entry.WhyNotEditableByReceptionist(Today.AddDays(1)).Should().Be("Traffic.SameDayOnly");
        voided.WhyNotEditableByReceptionist(Today).Should().Be("Traffic.Voided");
        entry.AttachLead(11, 12);
        entry.WhyNotEditableByReceptionist(Today).Should().Be("Traffic.HasCard");
    }

    [Fact]
    public void Is_voided_with_a_reason_once_and_never_deleted()
    {
        var entry = TrafficEntry.CheckIn(1, 5, Now, Today, Today, 1, null, Now);

        FluentActions.Invoking(() => entry.Void(" ")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Traffic.VoidReasonRequired");
        entry.Void("重复登记");
        FluentActions.Invoking(() => entry.Void("again")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Traffic.Voided");
        (entry.IsVoided, entry.VoidReason, entry.IsOpen).Should().Be((true, "重复登记", false));
    }

    [Fact]
    public void Takes_no_first_impression_of_grade_O() =>
        FluentActions.Invoking(() => TrafficEntry.LogCall(1, 5, Now, Today, Today, null,
                Browsing with { FirstImpression = Grade.O }, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Traffic.NoGradeO");
}

public sealed class An_open_walk_in
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Can_be_corrected_before_check_out_without_a_purpose_yet()
    {
        var entry = TrafficEntry.CheckIn(1, 5, Now, Today, Today, 1, null, Now);

        entry.EditByReceptionist(Today, 3, 7, new VisitorDetails());

        (entry.PartySize, entry.ConsultantId, entry.IsOpen).Should().Be((3, 7L, true));
    }

    [Fact]
    public void Is_checked_out_once_and_not_after_a_card_was_made_from_it()
    {
        var browsing = new VisitorDetails { Purpose = VisitPurpose.Browse };
        var done = TrafficEntry.CheckIn(1, 5, Now, Today, Today, 1, null, Now);
        done.CheckOut(Now, browsing, Now);
        var carded = TrafficEntry.CheckIn(1, 5, Now, Today, Today, 1, null, Now);
        carded.AttachLead(11, 12);

        FluentActions.Invoking(() => done.CheckOut(Now, browsing with { VisitorName = "改写" }, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Traffic.NotOpen");
        FluentActions.Invoking(() => carded.CheckOut(Now, browsing, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Traffic.HasCard");
        done.VisitorName.Should().BeNull();
    }
}
