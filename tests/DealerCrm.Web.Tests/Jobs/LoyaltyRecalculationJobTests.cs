using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// The loyalty recalculation (spec 5.1, 5.3, 5.4): scenarios 5-3 and 5-4 through the job, the history and its causes,
/// who is told, idempotency, two runs at once, a run killed half-way, and each store's own midnight.
/// </summary>
public sealed class LoyaltyRecalculationJobTests(AppFixture app) : LoyaltyJobTestBase(app)
{
    private static readonly DateOnly Day = new(2026, 11, 10);

    private Store _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await StoreAsync("SH");
    }

    private DateTimeOffset At(DateOnly day, int hour = 3, Store? store = null) =>
        LocalInstant(store ?? _store, day, hour * 60);

    /// <summary>An owner whose car we sold, with maintenance on the given days (first one is the anchor).</summary>
    private async Task<(Customer Owner, Vehicle Car)> RegularAsync(string name, DateOnly delivered, params DateOnly[] maintenance)
    {
        var owner = await CustomerAsync(_store, name);
        var car = await CarAsync(_store, owner, delivered);
        await SaveAsync(maintenance.Select((d, i) => Visit(_store, car, owner.Id, d, 1_000 + (i * 1_000),
            i == 0 ? ServiceTypes.FirstMaintenance : ServiceTypes.Maintenance, 0m)));
        return (owner, car);
    }

    [Fact]
    public async Task Scenario_5_3_visits_in_intervals_one_two_and_four_of_four_complete_is_missed_once_L2()
    {
        var anchor = Day.AddMonths(-25);
        var (owner, car) = await RegularAsync("五三", anchor.AddMonths(-2), anchor, anchor.AddMonths(5),
            anchor.AddMonths(11), anchor.AddMonths(23));

        var run = await RunAsync(At(Day));

        var state = (await CarsAsync()).Single();
        (state.VehicleId, state.Category, state.Missed, state.Anchor, state.DueBy)
            .Should().Be((car.Id, LoyaltyCategory.L2, (short)1, anchor, anchor.AddMonths(30)));
        (await OwnersAsync()).Single().Should().Match<CustomerLoyalty>(o => o.CustomerId == owner.Id
            && o.Category == LoyaltyCategory.L2 && o.Tier == MembershipTier.Standard && o.RunId == run.RunId);
        run.Customers.Should().Be(1);
    }

    [Fact]
    public async Task Scenario_5_4_gold_at_260000_and_L1_becomes_silver_after_two_missed_maintenances_with_the_downgrade_recorded()
    {
        var consultant = await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        var anchor = Day.AddMonths(-13);
        var (owner, _) = await RegularAsync("五四", anchor.AddMonths(-1), anchor, anchor.AddMonths(5), anchor.AddMonths(11));
        await DeliveryAsync(_store, owner, consultant.Id, At(anchor.AddMonths(-1), 11), 260_000m);

        var first = await RunAsync(At(Day));
        var gold = (await OwnersAsync()).Single();
        (gold.Category, gold.Tier, gold.Spend, gold.TierSince).Should().Be((LoyaltyCategory.L1, MembershipTier.Gold, 260_000m, Day));

        var later = Day.AddMonths(12);
        var second = await RunAsync(At(later));

        var silver = (await OwnersAsync()).Single();
        (silver.Category, silver.Tier, silver.LastDowngradeOn, silver.TierSince, silver.RunId)
            .Should().Be((LoyaltyCategory.L3, MembershipTier.Silver, later, later, second.RunId));
        var history = await HistoryAsync();
        history.Select(h => (h.RunId, h.Kind, h.OldCategory, h.NewCategory, h.OldTier, h.NewTier, h.Cause, h.OnDate))
            .Should().Equal(
                (first.RunId, LoyaltyChangeKind.Tier, null, null, null, MembershipTier.Gold,
                    LoyaltyChangeCause.Loyalty | LoyaltyChangeCause.Spend, Day),
                (second.RunId, LoyaltyChangeKind.Category, LoyaltyCategory.L1, LoyaltyCategory.L3, null, null,
                    LoyaltyChangeCause.Loyalty, later),
                (second.RunId, LoyaltyChangeKind.Tier, null, null, MembershipTier.Gold, MembershipTier.Silver,
                    LoyaltyChangeCause.Loyalty, later));
        history.Last().IsDowngrade.Should().BeTrue();
        (second.Downgrades, second.CategoryChanges, second.Upgrades).Should().Be((1, 1, 0));
    }

    [Fact]
    public async Task A_second_run_changes_no_row_adds_no_history_and_notifies_no_one()
    {
        var consultant = await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        var anchor = Day.AddMonths(-13);
        var (owner, _) = await RegularAsync("两次", anchor.AddMonths(-1), anchor, anchor.AddMonths(5), anchor.AddMonths(11));
        await DeliveryAsync(_store, owner, consultant.Id, At(anchor, 11), 260_000m);
        await RegularAsync("新车", Day.AddMonths(-2));
        await RunAsync(At(Day));
        var changed = await RunAsync(At(Day.AddMonths(12)));
        var owners = await OwnersAsync();
        var cars = await CarsAsync();
        var history = await HistoryAsync();
        var notifications = await App.WithDbAsync(db => db.Notifications.CountAsync());
        notifications.Should().Be(2, "the change was told once to the consultant and the officer");

        var again = await RunAsync(At(Day.AddMonths(12), 9));

        (again.CategoryChanges, again.Upgrades, again.Downgrades, again.Held).Should().Be((0, 0, 0, 0));
        (await OwnersAsync()).Should().BeEquivalentTo(owners, o => o.WithStrictOrdering());
        (await OwnersAsync()).Should().OnlyContain(o => o.RunId != again.RunId);
        (await CarsAsync()).Should().BeEquivalentTo(cars, o => o.WithStrictOrdering());
        (await HistoryAsync()).Should().HaveCount(history.Count);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(notifications);
        changed.Downgrades.Should().Be(1);
    }

    [Fact]
    public async Task Two_runs_at_once_record_one_set_of_history_and_notifications()
    {
        var consultant = await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        var anchor = Day.AddMonths(-13);
        for (var i = 0; i < 5; i++)
        {
            var (owner, _) = await RegularAsync($"并发{i}", anchor.AddMonths(-1), anchor, anchor.AddMonths(5), anchor.AddMonths(11));
            await DeliveryAsync(_store, owner, consultant.Id, At(anchor, 11), 260_000m);
        }

        await RunAsync(At(Day));
        var before = (await HistoryAsync()).Count;

        var runs = await Task.WhenAll(RunAsync(At(Day.AddMonths(12))), RunAsync(At(Day.AddMonths(12))));

        runs.Sum(r => r.Downgrades).Should().Be(5);
        var added = (await HistoryAsync()).Skip(before).ToList();
        added.Should().HaveCount(10, "one category and one tier row per customer");
        added.Select(h => h.RunId).Distinct().Should().ContainSingle();
        var notes = await App.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync());
        notes.Count(n => n.Kind == NotificationKind.CustomerLoyaltyChanged).Should().Be(5);
        notes.Count(n => n.Kind == NotificationKind.LoyaltyChanges).Should().Be(1);
    }

    [Fact]
    public async Task A_run_failing_half_way_leaves_nothing_and_the_next_completes_it_once()
    {
        var consultant = await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        var anchor = Day.AddMonths(-13);
        var (owner, _) = await RegularAsync("中断", anchor.AddMonths(-1), anchor, anchor.AddMonths(5), anchor.AddMonths(11));
        await DeliveryAsync(_store, owner, consultant.Id, At(anchor, 11), 260_000m);
        await RunAsync(At(Day));

        var killed = async () => await RunAsync(At(Day.AddMonths(12)),
            afterStep: step => step == 4 ? throw new InvalidOperationException("killed at step 4") : Task.CompletedTask);
        await killed.Should().ThrowAsync<InvalidOperationException>();

        var failed = await App.WithDbAsync(db => db.LoyaltyRuns.OrderBy(r => r.Id).ToListAsync());
        failed.Last().Should().Match<LoyaltyRun>(r => r.Status == LoyaltyRunStatus.Failed && r.Error!.Contains("killed at step 4")
            && r.Step == 4);
        (await OwnersAsync()).Single().Tier.Should().Be(MembershipTier.Gold, "the half-done run committed nothing");
        (await HistoryAsync()).Should().HaveCount(1);

        // A process killed outright leaves its row Running; the next run marks it and does the work.
        await App.WithDbAsync(async db =>
        {
            db.LoyaltyRuns.Add(new LoyaltyRun(LoyaltyRunTrigger.Schedule, null, 7, At(Day.AddMonths(12), 2)));
            await db.SaveChangesAsync();
        });
        var resumed = await RunAsync(At(Day.AddMonths(12)));
        var rerun = await RunAsync(At(Day.AddMonths(12), 4));

        (resumed.Downgrades, rerun.Downgrades).Should().Be((1, 0));
        (await HistoryAsync()).Should().HaveCount(3);
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.CustomerLoyaltyChanged)))
            .Should().Be(1);
        var all = await App.WithDbAsync(db => db.LoyaltyRuns.OrderBy(r => r.Id).ToListAsync());
        all.Select(r => r.Status).Should().Equal(LoyaltyRunStatus.Finished, LoyaltyRunStatus.Failed,
            LoyaltyRunStatus.Failed, LoyaltyRunStatus.Finished, LoyaltyRunStatus.Finished);
        all[2].Error.Should().Contain($"run {resumed.RunId}");
    }

    [Fact]
    public async Task An_admin_run_retried_after_its_process_died_completes_under_its_own_id_and_a_superseded_one_does_nothing()
    {
        await RegularAsync("管理员", Day.AddMonths(-3));
        var admin = await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        var requested = new LoyaltyRun(LoyaltyRunTrigger.Admin, admin.Id, 7, At(Day));
        await App.WithDbAsync(async db =>
        {
            db.LoyaltyRuns.Add(requested);
            await db.SaveChangesAsync();
        });

        var run = await RunAsync(At(Day), requested.Id);
        var again = await RunAsync(At(Day), requested.Id);

        run.RunId.Should().Be(requested.Id);
        again.AlreadyDone.Should().BeTrue();
        var row = await App.WithDbAsync(db => db.LoyaltyRuns.SingleAsync());
        (row.Status, row.Customers, row.Step, row.ByUserId).Should().Be((LoyaltyRunStatus.Finished, 1, 7, admin.Id));
    }

    [Fact]
    public async Task The_officers_once_per_store_and_the_consultant_per_changed_customer_are_told_never_on_a_first_calculation()
    {
        var other = await StoreAsync("BJ");
        var consultant = await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        var officerA = await App.CreateUserAsync("crm.a", _store.Id, Roles.CrmOfficer);
        var officerB = await App.CreateUserAsync("crm.b", _store.Id, Roles.CrmOfficer);
        var gone = await App.CreateUserAsync("crm.gone", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("crm.other", other.Id, Roles.CrmOfficer);
        await App.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        });
        var anchor = Day.AddMonths(-13);
        var (withLead, _) = await RegularAsync("有顾问", anchor.AddMonths(-1), anchor, anchor.AddMonths(5), anchor.AddMonths(11));
        await DeliveryAsync(_store, withLead, consultant.Id, At(anchor, 11), 260_000m);
        await RegularAsync("无顾问", anchor.AddMonths(-1), anchor, anchor.AddMonths(5), anchor.AddMonths(11));

        await RunAsync(At(Day));
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0, "a first calculation tells no one");

        var run = await RunAsync(At(Day.AddMonths(12)));

        var notes = await App.WithDbAsync(db => db.Notifications.AsNoTracking().OrderBy(n => n.UserId).ToListAsync());
        notes.Select(n => (n.UserId, n.Kind, n.Link)).Should().BeEquivalentTo(new[]
        {
            (consultant.Id, NotificationKind.CustomerLoyaltyChanged, (string?)(CrmLinks.CustomerPrefix + withLead.Id)),
            (officerA.Id, NotificationKind.LoyaltyChanges, (string?)CrmLinks.Loyalty),
            (officerB.Id, NotificationKind.LoyaltyChanges, (string?)CrmLinks.Loyalty),
        });
        notes.Single(n => n.UserId == officerA.Id).Arguments.Should().Equal("2", "0", "1");
        notes.Single(n => n.UserId == consultant.Id).Arguments.Should().Equal(withLead.Name);
        notes.Should().OnlyContain(n => n.DedupeKey.Contains(run.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task History_says_which_condition_moved_spend_loyalty_or_the_end_of_a_held_downgrade()
    {
        var consultant = await App.CreateUserAsync("consultant", _store.Id, Roles.SalesConsultant);
        var anchor = Day.AddMonths(-13);

        // Spend alone: 40,000 paid and L1 is Standard; 10,000 more makes Silver.
        var (spender, spenderCar) = await RegularAsync("消费", anchor.AddMonths(-1), anchor, anchor.AddMonths(5), anchor.AddMonths(11));
        await SaveAsync(Visit(_store, spenderCar, spender.Id, anchor.AddMonths(1), 4_000, ServiceTypes.BodyAndPaint, 40_000m));
        await RunAsync(At(Day));
        await SaveAsync(Visit(_store, spenderCar, spender.Id, Day.AddDays(1), 5_000, ServiceTypes.Accessories, 10_000m));
        await RunAsync(At(Day.AddDays(2)));
        (await HistoryAsync()).Single(h => h.CustomerId == spender.Id && h.Kind == LoyaltyChangeKind.Tier)
            .Should().Match<LoyaltyChange>(h => h.Cause == LoyaltyChangeCause.Spend && h.NewTier == MembershipTier.Silver
                && h.OldTier == MembershipTier.Standard && h.Spend == 50_000m);

        // Diamond, missed once → Gold (a downgrade); missed again within 12 months → Silver held; after 12 months the
        // held downgrade applies.
        var diamondAnchor = Day.AddMonths(-7);
        var (diamond, _) = await RegularAsync("钻石", diamondAnchor.AddMonths(-1), diamondAnchor, diamondAnchor.AddMonths(5));
        await DeliveryAsync(_store, diamond, consultant.Id, At(diamondAnchor, 11), 600_000m);
        await RunAsync(At(Day.AddDays(3)));
        (await OwnersAsync()).Single(o => o.CustomerId == diamond.Id).Tier.Should().Be(MembershipTier.Diamond);
        var firstDown = Day.AddMonths(6);
        await RunAsync(At(firstDown));
        (await OwnersAsync()).Single(o => o.CustomerId == diamond.Id)
            .Should().Match<CustomerLoyalty>(o => o.Tier == MembershipTier.Gold && o.LastDowngradeOn == firstDown);
        await RunAsync(At(Day.AddMonths(12)));
        (await OwnersAsync()).Single(o => o.CustomerId == diamond.Id).Should().Match<CustomerLoyalty>(o =>
            o.Tier == MembershipTier.Gold && o.Category == LoyaltyCategory.L3 && o.Risk == LoyaltyRisk.DowngradeHeld
            && o.RiskUntil == firstDown.AddMonths(12));
        var released = await RunAsync(At(firstDown.AddMonths(12).AddDays(1)));
        var last = (await HistoryAsync()).Last(h => h.CustomerId == diamond.Id && h.Kind == LoyaltyChangeKind.Tier);
        last.Should().Match<LoyaltyChange>(h => h.RunId == released.RunId && h.NewTier < h.OldTier
            && h.Cause.HasFlag(LoyaltyChangeCause.HoldEnded));
    }

    [Fact]
    public async Task Each_store_judges_by_its_own_midnight_on_the_one_clock()
    {
        var losAngeles = await StoreAsync("LA", "America/Los_Angeles");
        var due = Day;
        var anchor = due.AddMonths(-12);
        var cars = new Dictionary<int, long>();
        foreach (var store in new[] { _store, losAngeles })
        {
            var owner = await CustomerAsync(store, "午夜" + store.Code);
            var car = await CarAsync(store, owner, anchor.AddMonths(-1));
            await SaveAsync(Visit(store, car, owner.Id, anchor, 1_000, ServiceTypes.FirstMaintenance, 0m),
                Visit(store, car, owner.Id, anchor.AddMonths(3), 2_000, ServiceTypes.Maintenance, 0m));
            cars[store.Id] = car.Id;
        }

        // Interval 2 ends on `due` with no maintenance: complete (missed) once a store's today is the day after.
        var beforeMidnight = LocalInstant(_store, due, (23 * 60) + 59);
        await RunAsync(beforeMidnight);
        var first = (await CarsAsync()).ToDictionary(c => c.VehicleId, c => c.Category);
        var afterMidnight = LocalInstant(_store, due.AddDays(1), 1);
        losAngeles.LocalDate(afterMidnight).Should().Be(due, "Los Angeles is still on the day");
        await RunAsync(afterMidnight);
        var second = (await CarsAsync()).ToDictionary(c => c.VehicleId, c => c.Category);
        var losAngelesMidnight = LocalInstant(losAngeles, due.AddDays(1), 1);
        await RunAsync(losAngelesMidnight);
        var third = (await CarsAsync()).ToDictionary(c => c.VehicleId, c => c.Category);

        (first[cars[_store.Id]], first[cars[losAngeles.Id]]).Should().Be((LoyaltyCategory.L1, LoyaltyCategory.L1));
        (second[cars[_store.Id]], second[cars[losAngeles.Id]]).Should().Be((LoyaltyCategory.L2, LoyaltyCategory.L1));
        (third[cars[_store.Id]], third[cars[losAngeles.Id]]).Should().Be((LoyaltyCategory.L2, LoyaltyCategory.L2));
    }

    [Fact]
    public async Task Sold_and_scrapped_cars_stop_counting_and_the_owner_keeps_the_best_of_the_rest()
    {
        var owner = await CustomerAsync(_store, "多车");
        var anchor = Day.AddMonths(-13);
        var loyal = await CarAsync(_store, owner, anchor.AddMonths(-1));
        var scrapped = await CarAsync(_store, owner, anchor.AddMonths(-1), status: VehicleStatus.Scrapped);
        var lapsed = await CarAsync(_store, owner, Day.AddMonths(-30));
        await SaveAsync(Visit(_store, loyal, owner.Id, anchor, 1_000, ServiceTypes.FirstMaintenance, 0m),
            Visit(_store, loyal, owner.Id, anchor.AddMonths(6), 2_000, ServiceTypes.Maintenance, 0m),
            Visit(_store, scrapped, owner.Id, anchor, 1_000, ServiceTypes.FirstMaintenance, 0m));

        await RunAsync(At(Day));

        var cars = (await CarsAsync()).ToDictionary(c => c.VehicleId);
        (cars[loyal.Id].Category, cars[scrapped.Id].Category, cars[lapsed.Id].Category)
            .Should().Be((LoyaltyCategory.L2, (LoyaltyCategory?)null, LoyaltyCategory.NeverReturned));
        (await OwnersAsync()).Single().Category.Should().Be(LoyaltyCategory.L2);
    }

    [Fact]
    public async Task A_deleted_car_or_customer_takes_its_loyalty_rows_with_it_as_the_foreign_keys_did()
    {
        var leaving = await CustomerAsync(_store, "离开");
        var leavingCar = await CarAsync(_store, leaving, Day.AddMonths(-30));
        var staying = await CustomerAsync(_store, "留下");
        var stayingCar = await CarAsync(_store, staying, Day.AddMonths(-30));
        var run = await RunAsync(At(Day));
        await App.WithDbAsync(async db =>
        {
            foreach (var id in new[] { leaving.Id, staying.Id })
            {
                db.LoyaltyChanges.Add(new LoyaltyChange(_store.Id, id, run.RunId, Day, At(Day), LoyaltyChangeKind.Category,
                    LoyaltyCategory.L1, LoyaltyCategory.NeverReturned, null, null, LoyaltyChangeCause.Loyalty, 0m));
            }

            await db.SaveChangesAsync();
        });
        (await CarsAsync()).Should().HaveCount(2);

        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM vehicles WHERE id = {leavingCar.Id}"));
        (await CarsAsync()).Select(c => c.VehicleId).Should().Equal(stayingCar.Id);
        (await OwnersAsync()).Should().HaveCount(2, "a car's deletion leaves its owner's row to the next run");

        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM customers WHERE id = {leaving.Id}"));
        (await OwnersAsync()).Select(o => o.CustomerId).Should().Equal(staying.Id);
        (await HistoryAsync()).Select(h => h.CustomerId).Should().Equal(staying.Id);
        (await CarsAsync()).Select(c => c.VehicleId).Should().Equal(stayingCar.Id);
    }
}
