using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>Replacement leads in weekly batches (issue 14): a store's weekly caps per consultant and for the unassigned
/// queue, the oldest cars first, the rest the following weeks.</summary>
public sealed class ReplacementCapsTests(AppFixture app) : ReplacementJobTestBase(app)
{
    private DateTimeOffset MondayAt4 => LocalInstant(Store, Monday, 4);

    private DateTimeOffset SundayBeforeMidnight => LocalInstant(Store, Monday.AddDays(6), 23, 59);

    private DateTimeOffset NextMondayAt4 => LocalInstant(Store, Monday.AddDays(7), 4);

    private Task CapAsync(int perConsultant, int toQueue) => App.WithDbAsync(async db =>
    {
        var settings = new CallbackSettings(Store.Id);
        settings.ChangeReminders(30, 24, 100_000, perConsultant, toQueue);
        db.CallbackSettings.Add(settings);
        await db.SaveChangesAsync();
    });

    private Task<List<long>> CardOwnersAsync() => App.WithDbAsync(db => db.Leads
        .Where(l => l.Source == SourceChannel.OwnerReplacement).OrderBy(l => l.CustomerId).Select(l => l.CustomerId)
        .ToListAsync());

    private Task<List<long>> QueuedOwnersAsync() => App.WithDbAsync(db => db.ReplacementOffers
        .Where(o => o.IncomingLeadId != null).OrderBy(o => o.CustomerId).Select(o => o.CustomerId).ToListAsync());

    [Fact]
    public async Task A_consultant_capped_at_2_gets_the_two_oldest_cars_this_week_none_more_on_Sunday_and_the_third_next_Monday()
    {
        await CapAsync(2, 100);
        var zhang = await App.CreateUserAsync("consultant.zhang", Store.Id, Roles.SalesConsultant);
        var (oldest, _) = await OwnerAsync("最老", Monday.AddMonths(-40), Li);
        var (lessFar, _) = await OwnerAsync("同龄少跑", Monday.AddMonths(-30), Li, mileage: 50_000);
        var (farther, _) = await OwnerAsync("同龄多跑", Monday.AddMonths(-30), Li, mileage: 80_000);
        var (zhangs, _) = await OwnerAsync("张的车主", Monday.AddMonths(-26), zhang);

        var first = await RunAsync(MondayAt4);

        first.Cards.Should().Be(3, "two for Li, and Zhang's cap is his own");
        (await CardOwnersAsync()).Should().BeEquivalentTo([oldest.Id, farther.Id, zhangs.Id],
            "the oldest car first, then at the same age the higher mileage");
        (await App.WithDbAsync(db => db.ReplacementOffers.CountAsync(o => o.CustomerId == lessFar.Id)))
            .Should().Be(0, "an owner beyond the cap is not offered, so qualifies again next week");
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == Li.Id
            && n.Kind == NotificationKind.ReplacementLead))).Should().Be(2);

        var again = await RunAsync(SundayBeforeMidnight);
        (again.Cards, again.Queued).Should().Be((0, 0), "Li's cap for the week is reached on its last minute too");

        var nextWeek = await RunAsync(NextMondayAt4);
        (nextWeek.Cards, nextWeek.Queued).Should().Be((1, 0));
        (await CardOwnersAsync()).Should().Contain(lessFar.Id).And.HaveCount(4);
        (await App.WithDbAsync(db => db.Leads.SingleAsync(l => l.CustomerId == lessFar.Id
            && l.Source == SourceChannel.OwnerReplacement))).OwnerId.Should().Be(Li.Id);
        (await RunAsync(NextMondayAt4.AddHours(1))).Cards.Should().Be(0);
    }

    [Fact]
    public async Task A_card_given_to_a_consultant_this_week_counts_against_their_cap()
    {
        await CapAsync(2, 100);
        await OwnerAsync("先到期", Monday.AddMonths(-30), Li);
        (await RunAsync(MondayAt4)).Cards.Should().Be(1);
        var (second, _) = await OwnerAsync("周中建档甲", Monday.AddDays(2).AddMonths(-24), Li);
        var (third, _) = await OwnerAsync("周中建档乙", Monday.AddDays(2).AddMonths(-25), Li);

        var wednesday = await RunAsync(LocalInstant(Store, Monday.AddDays(2), 4));

        wednesday.Cards.Should().Be(1, "Monday's card leaves one of the two");
        (await CardOwnersAsync()).Should().Contain(third.Id).And.NotContain(second.Id);
    }

    [Fact]
    public async Task The_queue_capped_at_1_takes_the_older_of_two_owners_this_week_and_the_other_next_Monday()
    {
        await CapAsync(25, 1);
        var (younger, _) = await OwnerAsync("他销新", Monday.AddMonths(-25));
        var (older, _) = await OwnerAsync("他销旧", Monday.AddMonths(-27));

        var first = await RunAsync(MondayAt4);

        (first.Cards, first.Queued, first.ManagerNotifications).Should().Be((0, 1, 1));
        (await QueuedOwnersAsync()).Should().Equal(older.Id);
        (await RunAsync(SundayBeforeMidnight)).Queued.Should().Be(0);
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(1);

        var nextWeek = await RunAsync(NextMondayAt4);

        (nextWeek.Queued, nextWeek.ManagerNotifications).Should().Be((1, 1));
        (await QueuedOwnersAsync()).Should().BeEquivalentTo([older.Id, younger.Id]);
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task A_queue_capped_at_0_gets_nothing_while_the_consultants_cards_still_come()
    {
        await CapAsync(25, 0);
        await OwnerAsync("他销", Monday.AddMonths(-27));
        var (own, _) = await OwnerAsync("本店车主", Monday.AddMonths(-27), Li);

        var run = await RunAsync(MondayAt4);

        (run.Cards, run.Queued, run.ManagerNotifications).Should().Be((1, 0, 0));
        (await CardOwnersAsync()).Should().Equal(own.Id);
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(0);
        (await App.WithDbAsync(db => db.ReplacementOffers.CountAsync())).Should().Be(1);
    }
}
