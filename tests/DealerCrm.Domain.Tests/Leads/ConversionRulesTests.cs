using DealerCrm.Domain.Common;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

/// <summary>Inbound or outbound: every channel has exactly one direction, as decided for 6.2.</summary>
public sealed class A_source_channels_direction
{
    [Fact]
    public void Is_defined_once_for_every_channel()
    {
        SourceDirections.Inbound.Concat(SourceDirections.Outbound).Should()
            .BeEquivalentTo(Enum.GetValues<SourceChannel>()).And.OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(SourceChannel.ShowroomWalkIn, SourceDirection.Inbound)]
    [InlineData(SourceChannel.ShowroomCall, SourceDirection.Inbound)]
    [InlineData(SourceChannel.DealerWebsite, SourceDirection.Inbound)]
    [InlineData(SourceChannel.ManufacturerAssigned, SourceDirection.Inbound)]
    [InlineData(SourceChannel.InternetPlatform, SourceDirection.Inbound)]
    [InlineData(SourceChannel.OwnerReferral, SourceDirection.Inbound)]
    [InlineData(SourceChannel.FriendsAndFamily, SourceDirection.Inbound)]
    [InlineData(SourceChannel.EventExhibition, SourceDirection.Inbound)]
    [InlineData(SourceChannel.OutboundDevelopment, SourceDirection.Outbound)]
    [InlineData(SourceChannel.ExistingOwner, SourceDirection.Outbound)]
    [InlineData(SourceChannel.OwnerReplacement, SourceDirection.Outbound)]
    [InlineData(SourceChannel.VipInformant, SourceDirection.Outbound)]
    [InlineData(SourceChannel.InternalInformant, SourceDirection.Outbound)]
    public void Is_inbound_when_the_customer_came_to_us_and_outbound_when_we_went_to_them(SourceChannel channel,
        SourceDirection expected)
    {
        SourceDirections.Of(channel).Should().Be(expected);
        SourceDirections.Channels(expected).Should().Contain(channel);
    }
}

/// <summary>The conversion windows run whole calendar months on the store's clock from the card's creation.</summary>
public sealed class A_conversion_window
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTimeOffset Local(int y, int m, int d, int h, int min = 0, int s = 0) =>
        new(y, m, d, h, min, s, TimeSpan.FromHours(8));

    [Fact]
    public void Ends_the_same_local_time_whole_months_later_its_end_included()
    {
        var created = Local(2026, 3, 15, 10, 30);

        ConversionRules.WindowEnd(created, Shanghai, 1).Should().Be(Local(2026, 4, 15, 10, 30));
        ConversionRules.WindowEnd(created, Shanghai, 3).Should().Be(Local(2026, 6, 15, 10, 30));
        ConversionRules.DeliveredWithin(created, Local(2026, 4, 15, 10, 30), Shanghai, 1).Should().BeTrue();
        ConversionRules.DeliveredWithin(created, Local(2026, 4, 15, 10, 30, 1), Shanghai, 1).Should().BeFalse();
        ConversionRules.DeliveredWithin(created, Local(2026, 4, 15, 10, 30, 1), Shanghai, 3).Should().BeTrue();
        ConversionRules.DeliveredWithin(created, null, Shanghai, 3).Should().BeFalse();
    }

    [Fact]
    public void From_a_months_last_day_ends_on_the_shorter_months_last_day_by_the_stores_calendar_not_utcs()
    {
        // 07:00 in Shanghai on 31 January is still 30 January in UTC: the store's calendar decides.
        var created = Local(2026, 1, 31, 7);

        ConversionRules.WindowEnd(created, Shanghai, 1).Should().Be(Local(2026, 2, 28, 7));
        ConversionRules.WindowEnd(Local(2028, 1, 31, 7), Shanghai, 1).Should().Be(Local(2028, 2, 29, 7));
        ConversionRules.WindowEnd(Local(2026, 11, 30, 23, 59, 59), Shanghai, 3).Should().Be(Local(2027, 2, 28, 23, 59, 59));
    }

    [Fact]
    public void Is_pending_while_not_delivered_and_not_ended_and_never_pending_once_delivered()
    {
        var created = Local(2026, 10, 10, 9);
        var end = Local(2026, 11, 10, 9);

        ConversionRules.Pending(created, null, Shanghai, 1, end).Should().BeTrue();
        ConversionRules.Pending(created, null, Shanghai, 1, end.AddSeconds(1)).Should().BeFalse();
        ConversionRules.Pending(created, Local(2026, 10, 20, 9), Shanghai, 1, Local(2026, 10, 25, 9)).Should().BeFalse();
    }

    [Fact]
    public void Counts_store_calendar_days_and_takes_the_middle_or_the_mean_of_the_middle_two()
    {
        ConversionRules.DaysFromCard(new DateOnly(2026, 1, 31), new DateOnly(2026, 3, 1)).Should().Be(29);
        ConversionRules.Median([]).Should().BeNull();
        ConversionRules.Median([9, 1, 4]).Should().Be(4);
        ConversionRules.Median([10, 1, 4, 20]).Should().Be(7);
        ConversionRules.Median([3, 4]).Should().Be(3.5);
    }

    [Fact]
    public void A_test_drive_is_a_follow_up_whose_result_is_test_drive_done()
    {
        var rule = TestDrives.IsTestDrive.Compile();
        Enum.GetValues<FollowUpResult>().Where(r => rule(Record(r))).Should().Equal(FollowUpResult.TestDriveDone);
    }

    private static FollowUpRecord Record(FollowUpResult result)
    {
        var lead = Recording_a_follow_up.NewLead(Grade.A);
        var now = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        return lead.RecordFollowUp(new FollowUpEntry(now, ContactMethod.Phone, "试驾", result, null),
            Recording_a_follow_up.Next(new DateOnly(2026, 11, 25)), new GradePolicy(1), new DateOnly(2026, 11, 24), 3, now);
    }
}

/// <summary>A lead's project changes on the card and the history says from what to what.</summary>
public sealed class Changing_a_leads_project
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Records_an_interest_line_naming_the_project_with_its_values()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);

        lead.ChangeProject(LeadProject.FleetSales, 7, Now);

        lead.Project.Should().Be(LeadProject.FleetSales);
        var line = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.InterestUpdated).Subject;
        (line.Field, line.FromText, line.ToText, line.ActorId).Should().Be(("Project", "None", "FleetSales", 7L));
    }

    [Fact]
    public void Records_nothing_when_the_project_stays()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);

        lead.ChangeProject(LeadProject.None, 7, Now);

        lead.Events.Should().NotContain(e => e.Kind == LeadEventKind.InterestUpdated);
    }

    [Fact]
    public void Refuses_a_value_outside_the_list_and_a_closed_lead()
    {
        var lead = Recording_a_follow_up.NewLead(Grade.B);

        lead.Invoking(l => l.ChangeProject((LeadProject)99, 7, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Lead.ProjectInvalid");
        lead.Project.Should().Be(LeadProject.None);
        var (defeated, _) = LeadStates.Build(LeadStates.Defeated);
        defeated.Invoking(l => l.ChangeProject(LeadProject.LocalCampaign, 7, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Lead.Closed");
    }
}
