using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>Spec 5.1 overdue orders: <see cref="Order.OverdueRule"/> on each store's today, told once.</summary>
public sealed class OverdueOrdersJobTests(AppFixture app) : WebTest(app)
{
    private static readonly DateOnly Day = new(2026, 11, 24);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _manager = null!;
    private int _mobile;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("consultant.wang", _store.Id, Roles.SalesConsultant);
    }

    [Fact]
    public async Task An_order_61_days_old_is_overdue_one_60_days_old_is_not_and_consultant_and_manager_are_told_once()
    {
        var old = await OrderAsync("六十一天", Day.AddDays(-61));
        await OrderAsync("六十天", Day.AddDays(-60));
        SetShanghai(Day, 7);

        var first = await RunAsync();
        SetShanghai(Day.AddDays(1), 7);
        var second = await RunAsync();

        (first.OrdersFlagged, first.Notifications).Should().Be((1, 2));
        (second.OrdersFlagged, second.Notifications).Should().Be((1, 2), "the 60-day order is 61 days old the next day");
        var notes = await NotesAsync();
        notes.Where(n => n.DedupeKey == $"order-overdue:{old.Order.Id}").Select(n => n.UserId)
            .Should().BeEquivalentTo([_li.Id, _manager.Id], "its consultant and the store's manager, not other consultants");
        notes.Should().OnlyContain(n => n.MessageKey == OverdueOrdersJob.MessageKey && n.Link!.StartsWith("/Leads/"));
        notes.Single(n => n.DedupeKey == $"order-overdue:{old.Order.Id}" && n.UserId == _li.Id).Arguments
            .Should().Equal("六十一天", "哈弗H6", Day.AddDays(-61).ToString("yyyy-MM-dd"));
        (await FlagAsync(old.Order.Id)).Should().Be(_clock.GetUtcNow().AddDays(-1));

        SetShanghai(Day.AddDays(2), 7);
        (await RunAsync()).Should().Match<OverdueOrdersRun>(r => r.OrdersFlagged == 0 && r.Notifications == 0);
    }

    [Fact]
    public async Task An_order_is_overdue_the_day_after_its_expected_delivery_date()
    {
        var dueToday = await OrderAsync("今天交车", Day.AddDays(-10), expected: Day);
        var dueYesterday = await OrderAsync("昨天该交", Day.AddDays(-10), expected: Day.AddDays(-1));
        SetShanghai(Day, 7);

        (await RunAsync()).OrdersFlagged.Should().Be(1);

        (await FlagAsync(dueYesterday.Order.Id)).Should().NotBeNull();
        (await FlagAsync(dueToday.Order.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Delivered_and_cancelled_orders_are_never_flagged()
    {
        var delivered = await OrderAsync("已交车", Day.AddDays(-90));
        var cancelled = await OrderAsync("已取消", Day.AddDays(-90));
        var now = _clock.GetUtcNow();
        await App.ChangeLeadAsync(delivered.Lead.Id, (lead, db) =>
            db.Deliveries.Add(lead.Deliver(new DeliveryRequest(now, 150_000m, "FP-001", "LSVAU218XN2183294"), _li.Id, now)));
        await App.ChangeLeadAsync(cancelled.Lead.Id, (lead, _) => lead.CancelOrder("客户改主意", true,
            new PlanRequest(Day.AddDays(3), null, ContactMethod.Phone, PlanPurpose.Reminder, null, null),
            new GradePolicy(_store.Id), Day.AddDays(-1), _li.Id, now));
        SetShanghai(Day, 7);

        var run = await RunAsync();

        (run.OrdersFlagged, run.Notifications).Should().Be((0, 0));
    }

    [Fact]
    public async Task A_store_outside_Shanghai_is_judged_at_its_own_midnight()
    {
        var urumqi = new Store("UR1", "乌鲁木齐店", "Asia/Urumqi", WorkingHours.Default, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Stores.Add(urumqi);
            await db.SaveChangesAsync();
        });
        var west = await App.CreateUserAsync("consultant.west", urumqi.Id, Roles.SalesConsultant);
        var shanghaiOrder = await OrderAsync("上海", Day.AddDays(-10), expected: Day.AddDays(-1));
        var urumqiOrder = await OrderAsync("乌鲁木齐", Day.AddDays(-10), expected: Day.AddDays(-1), urumqi.Id, west.Id);

        // 00:30 in Shanghai is 22:30 the day before in Urumqi (UTC+6): its order is due today there, not overdue.
        SetShanghai(Day, 0, 30);
        (await RunAsync()).OrdersFlagged.Should().Be(1);
        (await FlagAsync(urumqiOrder.Order.Id)).Should().BeNull();
        SetShanghai(Day, 2, 30);
        (await RunAsync()).OrdersFlagged.Should().Be(1, "past midnight in Urumqi too");
        (await FlagAsync(shanghaiOrder.Order.Id)).Should().NotBeNull();
        (await NotesAsync()).Where(n => n.DedupeKey == $"order-overdue:{urumqiOrder.Order.Id}").Select(n => n.UserId)
            .Should().Equal(west.Id);
    }

    [Fact]
    public async Task The_job_flags_exactly_the_orders_the_pages_count_overdue()
    {
        var urumqi = new Store("UR1", "乌鲁木齐店", "Asia/Urumqi", WorkingHours.Default, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Stores.Add(urumqi);
            await db.SaveChangesAsync();
        });
        var west = await App.CreateUserAsync("consultant.west", urumqi.Id, Roles.SalesConsultant);
        foreach (var (store, owner) in new[] { (_store.Id, _li.Id), (urumqi.Id, west.Id) })
        {
            foreach (var age in new[] { 0, 59, 60, 61, 120 })
            {
                await OrderAsync($"下单{age}", Day.AddDays(-age), storeId: store, ownerId: owner);
            }

            foreach (var expected in new[] { -2, -1, 0, 1 })
            {
                await OrderAsync($"预计{expected}", Day.AddDays(-5), Day.AddDays(expected), store, owner);
            }
        }

        SetShanghai(Day, 1);
        await RunAsync();

        var now = _clock.GetUtcNow();
        var flagged = await App.WithDbAsync(db =>
            db.Orders.Where(o => o.OverdueFlaggedAt != null).Select(o => o.Id).OrderBy(i => i).ToListAsync());
        var counted = new List<long>();
        foreach (var store in new[] { _store, urumqi })
        {
            var today = store.LocalDate(now);
            counted.AddRange(await App.WithDbAsync(db => db.Orders.Where(o => o.StoreId == store.Id)
                .Where(Order.Overdue(today)).Select(o => o.Id).ToListAsync()));
        }

        flagged.Should().HaveCountGreaterThan(4).And.Equal(counted.Order());
    }

    [Fact]
    public async Task Three_runs_at_the_same_instant_tell_each_person_once()
    {
        await OrderAsync("并发一", Day.AddDays(-70));
        await OrderAsync("并发二", Day.AddDays(-70));
        SetShanghai(Day, 7);

        var runs = await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());

        runs.Sum(r => r.OrdersFlagged).Should().Be(2);
        runs.Sum(r => r.Notifications).Should().Be(4);
        (await NotesAsync()).Should().HaveCount(4);
    }

    private async Task<OverdueOrdersRun> RunAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var job = new OverdueOrdersJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), _clock,
            NullLogger<OverdueOrdersJob>.Instance);
        return await job.RunAsync(CancellationToken.None);
    }

    private void SetShanghai(DateOnly day, int hour, int minute = 0) =>
        _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime());

    private Task<List<Notification>> NotesAsync() =>
        App.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.OrderOverdue).ToListAsync());

    private Task<DateTimeOffset?> FlagAsync(long orderId) =>
        App.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.OverdueFlaggedAt).SingleAsync());

    /// <summary>A lead with an open order placed on <paramref name="orderDate"/> (a deposit under the store's
    /// threshold keeps the lead Active, so it can be cancelled or delivered).</summary>
    private async Task<(Lead Lead, Order Order)> OrderAsync(string name, DateOnly orderDate, DateOnly? expected = null,
        int? storeId = null, long? ownerId = null)
    {
        var store = storeId ?? _store.Id;
        var customer = await App.CreateCustomerAsync(store, name, $"137{++_mobile:D8}");
        var policy = new GradePolicy(store);
        var created = new DateTimeOffset(orderDate.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        var lead = Lead.Create(new NewLead
        {
            StoreId = store,
            CustomerId = customer.Id,
            OwnerId = ownerId ?? _li.Id,
            Source = SourceChannel.DealerWebsite,
            Grade = Grade.A,
            FirstPlan = new PlanRequest(orderDate.AddDays(1), null, ContactMethod.Phone, PlanPurpose.Reminder, null, null),
        }, policy, orderDate, created);
        var order = lead.PlaceOrder(new OrderRequest(orderDate, "哈弗H6", null, null, 150_000m, 5_000m,
            PaymentMethod.Full, null, expected, null), policy, orderDate, ownerId ?? _li.Id, created);
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return (lead, order);
    }
}
