using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>New-car and after-sales 3-day callbacks (spec 5.1, rules 4.7, scenarios 4-1 and 5-2).</summary>
public sealed class ThreeDayCallbacksJobTests(AppFixture app) : CallbackJobTestBase(app)
{
    // Tuesday 10 November 2026: the store (Monday to Saturday) is open on the 13th (Friday).
    private static readonly DateOnly Tenth = new(2026, 11, 10);

    [Fact]
    public async Task Scenario_4_1_a_visit_completed_on_the_10th_yields_one_callback_due_on_the_13th_and_a_rerun_nothing()
    {
        var (customer, vehicle) = await OwnerAsync("赵先生", "13900000001");
        var visit = await VisitAsync(vehicle, customer, Tenth);
        SetLocal(Tenth, 16);

        var first = await RunThreeDayAsync();
        var second = await RunThreeDayAsync();

        (first.AfterSalesTasks, second.AfterSalesTasks, second.NewCarTasks, second.Repointed).Should().Be((1, 0, 0, 0));
        var task = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        (task.Type, task.DueDate, task.ServiceVisitId, task.VehicleId, task.CustomerId, task.Status).Should()
            .Be((CallbackType.AfterSalesThreeDay, new DateOnly(2026, 11, 13), visit.Id, vehicle.Id, customer.Id, CallbackStatus.Open));
        task.OccasionKey.Should().Be(CallbackOccasions.AfterSales(vehicle.Id, Tenth), "the SQL builds the domain's key");
        (task.ContactName, task.ContactNumber).Should().Be(("赵先生", "13900000001"), "no one else brought the car");
    }

    [Fact]
    public async Task The_one_who_brought_the_car_is_called_and_the_owners_mobile_is_kept()
    {
        var (customer, vehicle) = await OwnerAsync("车主", "13900000001");
        await VisitAsync(vehicle, customer, Tenth, broughtByName: "送修人", broughtByMobile: "13900000009");
        SetLocal(Tenth, 16);

        await RunThreeDayAsync();

        var task = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        (task.ContactName, task.ContactNumber).Should().Be(("送修人", "13900000009"));
        var visit = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        task.ContactNumber.Should().Be(visit.NumberToCall(customer.Mobile), "the same rule as the domain's");
        (await App.WithDbAsync(db => db.Customers.SingleAsync())).Mobile.Should().Be("13900000001");
    }

    [Fact]
    public async Task Only_workshop_orders_with_consent_of_customers_who_accept_calls_and_cars_in_use_get_a_callback()
    {
        foreach (var (type, i) in new[] { ServiceTypes.PartsCounter, ServiceTypes.InsuranceRenewal, ServiceTypes.InspectionAgency,
                     ServiceTypes.Accessories, ServiceTypes.RoadsideRescue }.Select((t, i) => (t, i)))
        {
            var (c, v) = await OwnerAsync($"非车间{i}", $"1390000010{i}");
            await VisitAsync(v, c, Tenth, type);
        }

        var (noConsent, noConsentCar) = await OwnerAsync("不要回访", "13900000201");
        await VisitAsync(noConsentCar, noConsent, Tenth, acceptsCallback: false);
        var (refused, refusedCar) = await OwnerAsync("拒绝", "13900000202",
            configure: c => c.RecordCallbackConsent(false, App.Now));
        await VisitAsync(refusedCar, refused, Tenth);
        var (blacklisted, blacklistedCar) = await OwnerAsync("黑名单", "13900000203",
            configure: c => c.SetFlags(false, false, true, "恶意投诉", App.Now));
        await VisitAsync(blacklistedCar, blacklisted, Tenth);
        var (seller, soldCar) = await OwnerAsync("已卖车", "13900000204");
        await VisitAsync(soldCar, seller, Tenth);
        await App.WithDbAsync(db => db.Vehicles.Where(v => v.Id == soldCar.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VehicleStatus.Sold)));
        var (notDone, openCar) = await OwnerAsync("未完工", "13900000205");
        await VisitAsync(openCar, notDone, Tenth, complete: false);
        var (mixed, mixedCar) = await OwnerAsync("保养加精品", "13900000206");
        await VisitAsync(mixedCar, mixed, Tenth, ServiceTypes.Maintenance | ServiceTypes.Accessories);
        SetLocal(Tenth, 18);

        var run = await RunThreeDayAsync();

        run.AfterSalesTasks.Should().Be(1);
        (await App.WithDbAsync(db => db.CallbackTasks.SingleAsync())).CustomerId.Should().Be(mixed.Id);
    }

    [Fact]
    public async Task Two_orders_in_one_window_give_one_callback_about_the_latest_and_one_after_it_a_new_window()
    {
        var (customer, vehicle) = await OwnerAsync("钱先生", "13900000001");
        var first = await VisitAsync(vehicle, customer, Tenth);
        var second = await VisitAsync(vehicle, customer, Tenth.AddDays(1), broughtByName: "司机", broughtByMobile: "13900000002");
        SetLocal(Tenth.AddDays(1), 18);

        (await RunThreeDayAsync()).AfterSalesTasks.Should().Be(1);
        var task = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        (task.ServiceVisitId, task.DueDate, task.ContactName).Should().Be((second.Id, new DateOnly(2026, 11, 13), "司机"));
        first.Id.Should().NotBe(second.Id);

        // A third order the next day joins the open task (re-pointed, due date unchanged); one on the due day starts
        // a new window (callable from the day after completion).
        var third = await VisitAsync(vehicle, customer, Tenth.AddDays(2));
        SetLocal(Tenth.AddDays(2), 18);
        var rerun = await RunThreeDayAsync();
        (rerun.AfterSalesTasks, rerun.Repointed).Should().Be((0, 1));
        task = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        (task.ServiceVisitId, task.DueDate, task.ContactName).Should().Be((third.Id, new DateOnly(2026, 11, 13), "钱先生"));

        var fourth = await VisitAsync(vehicle, customer, Tenth.AddDays(3));
        SetLocal(Tenth.AddDays(3), 18);
        (await RunThreeDayAsync()).AfterSalesTasks.Should().Be(1);
        var tasks = await App.WithDbAsync(db => db.CallbackTasks.OrderBy(t => t.Id).ToListAsync());
        tasks.Select(t => t.ServiceVisitId).Should().Equal(third.Id, fourth.Id);
        tasks[1].OccasionKey.Should().Be(CallbackOccasions.AfterSales(vehicle.Id, Tenth.AddDays(3)));
        (await RunThreeDayAsync()).Should().Match<ThreeDayRun>(r => r.AfterSalesTasks == 0 && r.Repointed == 0);
    }

    [Fact]
    public async Task Two_windows_of_one_car_found_in_one_run_after_downtime_give_two_tasks()
    {
        var (customer, vehicle) = await OwnerAsync("孙先生", "13900000001");
        await VisitAsync(vehicle, customer, Tenth);
        await VisitAsync(vehicle, customer, Tenth.AddDays(5));
        SetLocal(Tenth.AddDays(6), 10);

        (await RunThreeDayAsync()).AfterSalesTasks.Should().Be(2);
        (await RunThreeDayAsync()).AfterSalesTasks.Should().Be(0);
    }

    [Fact]
    public async Task The_bulk_due_days_are_the_domains_for_closed_days_holidays_and_make_up_days()
    {
        // Closed on Saturday 14th (a holiday) and Monday 16th; Sunday 22nd is a make-up working day (调休).
        await AddHolidayAsync(new DateOnly(2026, 11, 14), HolidayKind.Closed);
        await AddHolidayAsync(new DateOnly(2026, 11, 16), HolidayKind.Closed);
        await AddHolidayAsync(new DateOnly(2026, 11, 22), HolidayKind.WorkingDay);
        var completions = Enumerable.Range(0, 15).Select(i => Tenth.AddDays(i)).ToList();
        foreach (var (day, i) in completions.Select((d, i) => (d, i)))
        {
            var (c, v) = await OwnerAsync($"客户{i}", $"139000001{i:D2}");
            await VisitAsync(v, c, day);
        }

        SetLocal(completions[^1], 20);
        (await RunThreeDayAsync()).AfterSalesTasks.Should().Be(completions.Count);

        var calendar = await App.WithDbAsync(async db =>
            new WorkingCalendar(Store.WorkingHours, await db.StoreHolidays.ToListAsync()));
        var tasks = await App.WithDbAsync(db => db.CallbackTasks
            .Join(db.ServiceVisits, t => t.ServiceVisitId, v => v.Id, (t, v) => new { t.DueDate, v.CompletedAt })
            .ToListAsync());
        tasks.Should().HaveCount(completions.Count).And.OnlyContain(t =>
            t.DueDate == calendar.CallbackDueDay(Store.LocalDate(t.CompletedAt!.Value)));
        // The cases themselves: day 3 closed by a holiday → day 2; day 3 a Sunday → Saturday unless it is closed too.
        calendar.CallbackDueDay(new DateOnly(2026, 11, 11)).Should().Be(new DateOnly(2026, 11, 13));
        calendar.CallbackDueDay(new DateOnly(2026, 11, 19)).Should().Be(new DateOnly(2026, 11, 22), "the make-up Sunday");
        calendar.CallbackDueDay(new DateOnly(2026, 11, 13)).Should().Be(new DateOnly(2026, 11, 17),
            "days 1-3 all closed: the next working day");
    }

    [Fact]
    public async Task Scenario_5_2_a_delivery_recorded_while_the_jobs_were_down_gets_its_new_car_callback_once()
    {
        App.PinShanghai(new DateTime(2026, 11, 10, 11, 0, 0));
        var li = await App.CreateUserAsync("consultant.li", Store.Id, Roles.SalesConsultant);
        var buyer = await App.CreateCustomerAsync(Store.Id, "买车人", "13900000001");
        var lead = await App.CreateLeadAsync(Store, buyer, li.Id);
        var deliveredAt = LocalInstant(Store, Tenth, 11);
        await App.ChangeLeadAsync(lead.Id, (l, _) => l.PlaceOrder(
            new OrderRequest(Tenth, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null, null),
            new GradePolicy(Store.Id), Tenth, li.Id, deliveredAt));

        // Saved the way the page saves it, but without the task: as if the page's step had been lost.
        await App.ChangeLeadAsync(lead.Id, (l, db) =>
            db.Deliveries.Add(l.Deliver(new DeliveryRequest(deliveredAt, 150_000m, "FP-1", "LSVAU218XN2183294"), li.Id, deliveredAt)));
        (await App.WithDbAsync(db => db.Deliveries.CountAsync())).Should().Be(1);
        SetLocal(Tenth.AddDays(2), 9);

        var first = await RunThreeDayAsync();
        var second = await RunThreeDayAsync();

        (first.NewCarTasks, second.NewCarTasks).Should().Be((1, 0));
        var task = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        (task.Type, task.CustomerId, task.DueDate, task.ContactName, task.ContactNumber).Should().Be(
            (CallbackType.NewCarThreeDay, buyer.Id, new DateOnly(2026, 11, 13), "买车人", "13900000001"));
        task.AssignedToId.Should().Be(OfficerA.Id, "the first officer in turn");
    }

    [Fact]
    public async Task Two_runs_in_parallel_on_two_connections_make_exactly_one_task_each()
    {
        for (var i = 0; i < 6; i++)
        {
            var (c, v) = await OwnerAsync($"并发{i}", $"1390000030{i}");
            await VisitAsync(v, c, Tenth);
        }

        SetLocal(Tenth, 20);

        var runs = await Task.WhenAll(RunThreeDayAsync(), RunThreeDayAsync(), RunThreeDayAsync());

        runs.Sum(r => r.AfterSalesTasks).Should().Be(6);
        (await App.WithDbAsync(db => db.CallbackTasks.CountAsync())).Should().Be(6);
    }

    [Fact]
    public async Task New_tasks_go_to_the_officers_in_turn_and_a_store_without_officers_leaves_them_unassigned()
    {
        for (var i = 0; i < 3; i++)
        {
            var (c, v) = await OwnerAsync($"轮流{i}", $"1390000040{i}");
            await VisitAsync(v, c, Tenth);
        }

        var lonely = await App.CreateStoreAsync("S2");
        var (other, otherCar) = await OwnerAsync("别店", "13900000500", store: lonely);
        await VisitAsync(otherCar, other, Tenth, store: lonely);
        SetLocal(Tenth, 20);
        await RunThreeDayAsync();
        var (later, laterCar) = await OwnerAsync("后来", "13900000409");
        await VisitAsync(laterCar, later, Tenth, hour: 19);
        await RunThreeDayAsync();

        var assigned = await App.WithDbAsync(db => db.CallbackTasks.Where(t => t.StoreId == Store.Id)
            .OrderBy(t => t.Id).Select(t => t.AssignedToId).ToListAsync());
        assigned.Should().Equal(OfficerA.Id, OfficerB.Id, OfficerA.Id, OfficerB.Id);
        (await App.WithDbAsync(db => db.CallbackTasks.SingleAsync(t => t.StoreId == lonely.Id))).AssignedToId.Should().BeNull();
    }

    [Fact]
    public async Task The_officer_is_told_once_when_due_and_once_when_overdue_as_the_clock_crosses_the_due_date()
    {
        var (customer, vehicle) = await OwnerAsync("到期", "13900000001");
        await VisitAsync(vehicle, customer, Tenth);
        SetLocal(Tenth, 20);
        await RunThreeDayAsync();
        var dueDay = new DateOnly(2026, 11, 13);

        SetLocal(dueDay.AddDays(-1), 23, 50);
        (await RunThreeDayAsync()).DueNotifications.Should().Be(0);
        SetLocal(dueDay, 0, 5);
        var due = await RunThreeDayAsync();
        SetLocal(dueDay, 9);
        var again = await RunThreeDayAsync();
        SetLocal(dueDay, 23, 55);
        (await RunThreeDayAsync()).OverdueNotifications.Should().Be(0, "still the due day");
        SetLocal(dueDay.AddDays(1), 0, 5);
        var overdue = await RunThreeDayAsync();
        SetLocal(dueDay.AddDays(2), 9);
        var overdueAgain = await RunThreeDayAsync();

        (due.DueNotifications, again.DueNotifications, overdue.OverdueNotifications, overdueAgain.OverdueNotifications)
            .Should().Be((1, 0, 1, 0));
        var task = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        var notes = await App.WithDbAsync(db => db.Notifications.OrderBy(n => n.Id).ToListAsync());
        notes.Select(n => (n.UserId, n.Kind, n.Link)).Should().Equal(
            (task.AssignedToId!.Value, NotificationKind.CallbackDue, $"/Callbacks/{task.Id}"),
            (task.AssignedToId!.Value, NotificationKind.CallbackOverdue, $"/Callbacks/{task.Id}"));
        notes[1].Arguments.Should().Equal("到期", "2026-11-13");
    }

    [Fact]
    public async Task An_unassigned_task_found_overdue_tells_each_officer_of_the_store_once_and_only_overdue()
    {
        var (customer, vehicle) = await OwnerAsync("没人管", "13900000001");
        await VisitAsync(vehicle, customer, Tenth);
        SetLocal(Tenth, 20);
        await RunThreeDayAsync();
        await App.WithDbAsync(db => db.CallbackTasks.ExecuteUpdateAsync(s => s.SetProperty(t => t.AssignedToId, (long?)null)));
        SetLocal(new DateOnly(2026, 11, 15), 10);

        var run = await RunThreeDayAsync();

        (run.DueNotifications, run.OverdueNotifications).Should().Be((0, 2));
        var users = await App.WithDbAsync(db => db.Notifications.Select(n => n.UserId).OrderBy(u => u).ToListAsync());
        users.Should().Equal(OfficerA.Id, OfficerB.Id);
    }

    [Fact]
    public async Task Midnight_is_the_stores_own_in_a_store_west_of_shanghai()
    {
        var urumqi = new Store("UR1", "乌鲁木齐店", "Asia/Urumqi", WorkingHours.Default, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Stores.Add(urumqi);
            await db.SaveChangesAsync();
        });
        await App.CreateUserAsync("crm.west", urumqi.Id, Roles.CrmOfficer);
        var (customer, vehicle) = await OwnerAsync("西部客户", "13900000001", store: urumqi);

        // Completed at 23:30 Urumqi time on the 10th: already the 11th in Shanghai, but the 10th for the store.
        await VisitAsync(vehicle, customer, Tenth, hour: 23, store: urumqi);
        SetLocal(Tenth, 23, 45, urumqi);
        await RunThreeDayAsync();
        var task = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        task.DueDate.Should().Be(new DateOnly(2026, 11, 13));

        // 00:30 on the 13th in Shanghai is still 22:30 on the 12th in Urumqi (UTC+6): not due yet there.
        Clock.SetUtcNow(LocalInstant(Store, new DateOnly(2026, 11, 13), 0, 30));
        (await RunThreeDayAsync()).DueNotifications.Should().Be(0);
        Clock.SetUtcNow(LocalInstant(Store, new DateOnly(2026, 11, 13), 2, 30));
        (await RunThreeDayAsync()).DueNotifications.Should().Be(1, "past midnight in Urumqi too");
    }

    [Fact]
    public async Task A_task_not_done_7_days_after_due_ends_missed_as_the_domain_says()
    {
        var (customer, vehicle) = await OwnerAsync("错过", "13900000001");
        await VisitAsync(vehicle, customer, Tenth);
        SetLocal(Tenth, 20);
        await RunThreeDayAsync();
        var task = await App.WithDbAsync(db => db.CallbackTasks.AsNoTracking().SingleAsync());
        var missedOn = CallbackTask.MissedOn(task.DueDate);

        SetLocal(missedOn.AddDays(-1), 23, 59);
        (await RunThreeDayAsync()).Missed.Should().Be(0);
        FluentActions.Invoking(() => task.MarkMissed(missedOn.AddDays(-1), Clock.GetUtcNow()))
            .Should().Throw<DomainException>("the domain does not call it missed yet either");
        SetLocal(missedOn, 0, 1);
        (await RunThreeDayAsync()).Missed.Should().Be(1);
        task.MarkMissed(missedOn, Clock.GetUtcNow());

        var saved = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        (saved.Status, saved.ClosedAt, saved.ClosedById).Should().Be((task.Status, task.ClosedAt, task.ClosedById));
        (await RunThreeDayAsync()).Missed.Should().Be(0);
        ThreeDayCallbacksJob.LastMissedDueDate(missedOn).Should().Be(task.DueDate);
        ThreeDayCallbacksJob.LastMissedDueDate(missedOn.AddDays(-1)).Should().Be(task.DueDate.AddDays(-1));
    }
}
