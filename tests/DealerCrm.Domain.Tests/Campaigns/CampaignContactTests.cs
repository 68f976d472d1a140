using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Campaigns;

public sealed class CampaignContactTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static Campaign Campaign() => new(7, new CampaignDetails("车展", CampaignType.Exhibition,
        new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 6), 1000m, null, null, null, null), 1, Monday);

    [Fact]
    public void Linking_at_a_stage_stamps_every_earlier_stage_with_the_same_time()
    {
        var contact = CampaignContact.Link(Campaign(), 42, null, true, CampaignStage.Attended, Monday, 1, Monday);

        contact.Stage.Should().Be(CampaignStage.Attended);
        (contact.NotifiedAt, contact.InvitedAt, contact.AttendedAt).Should().Be((Monday, Monday, Monday));
    }

    [Fact]
    public void Moving_up_keeps_the_earlier_stamps_and_dates_the_new_stage()
    {
        var contact = CampaignContact.Link(Campaign(), 42, null, true, CampaignStage.Notified, Monday, 1, Monday);

        contact.Advance(CampaignStage.Invited, Monday.AddDays(1), true);
        contact.Advance(CampaignStage.Attended, Monday.AddDays(3), true);

        (contact.NotifiedAt, contact.InvitedAt, contact.AttendedAt)
            .Should().Be((Monday, Monday.AddDays(1), Monday.AddDays(3)));
    }

    [Fact]
    public void A_stage_never_goes_down()
    {
        var contact = CampaignContact.Link(Campaign(), 42, null, true, CampaignStage.Attended, Monday, 1, Monday);

        contact.Advance(CampaignStage.Notified, Monday.AddDays(1), true);
        contact.Advance(CampaignStage.Invited, Monday.AddDays(1), true);

        contact.Stage.Should().Be(CampaignStage.Attended);
        contact.InvitedAt.Should().Be(Monday);
    }

    [Theory]
    [InlineData(CampaignStage.Notified)]
    [InlineData(CampaignStage.Invited)]
    public void A_customer_without_marketing_consent_is_not_notified_or_invited(CampaignStage stage)
    {
        var act = () => CampaignContact.Link(Campaign(), 42, null, false, stage, Monday, 1, Monday);

        act.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Campaign.NoMarketingConsent");
    }

    [Fact]
    public void A_walk_in_without_consent_is_recorded_as_attended()
    {
        var contact = CampaignContact.Link(Campaign(), 42, null, false, CampaignStage.Attended, Monday, 1, Monday);

        contact.Stage.Should().Be(CampaignStage.Attended);
    }

    [Fact]
    public void A_notified_contact_who_withdrew_consent_is_not_invited_but_may_still_attend()
    {
        var contact = CampaignContact.Link(Campaign(), 42, null, true, CampaignStage.Notified, Monday, 1, Monday);

        var invite = () => contact.Advance(CampaignStage.Invited, Monday.AddDays(1), false);
        invite.Should().Throw<DomainException>();
        contact.Stage.Should().Be(CampaignStage.Notified);
        contact.InvitedAt.Should().BeNull();

        contact.Advance(CampaignStage.Attended, Monday.AddDays(2), false);
        (contact.Stage, contact.InvitedAt).Should().Be((CampaignStage.Attended, Monday.AddDays(2)));
    }

    [Fact]
    public void An_unknown_stage_is_refused()
    {
        var contact = CampaignContact.Link(Campaign(), 42, null, true, CampaignStage.Notified, Monday, 1, Monday);

        var act = () => contact.Advance((CampaignStage)9, Monday, true);

        act.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Campaign.StageInvalid");
    }
}
