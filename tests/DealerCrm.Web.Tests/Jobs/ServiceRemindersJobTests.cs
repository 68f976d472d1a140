using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>The service reminders job (spec 5.1, issue 14) with its own clock: each reason, one call per customer and
/// week, consent and the blacklist, no second reminder, re-runs and two servers, the store calendar and zone, settings.</summary>
public sealed class ServiceRemindersJobTests(AppFixture app) : CallbackJobTestBase(app)
{
    /// <summary>A Tuesday; the Sunday of its week is Day + 5.</summary>
    private static readonly DateOnly Day = new(2026, 11, 10);

    private static int _orders;

    [Fact]
    public async Task Each_reason_whose_call_falls_this_week_gives_a_call_a_week_before_its_day_insurance_30_days_before()
    {
        var (first, firstCar) = await OwnerAsync("首保", "13900000001", Day.AddDays(9).AddMonths(-12));
        var (maintained, maintainedCar) = await OwnerAsync("保养", "13900000002");
        await MileageVisitAsync(maintainedCar, maintained, Day.AddDays(10).AddMonths(-6), 8_000, ServiceTypes.Maintenance);
        var (inspected, inspectedCar) = await OwnerAsync("年检", "13900000003");
        await DatesAsync(inspectedCar, inspection: Day.AddDays(12));
        var (insured, insuredCar) = await OwnerAsync("保险", "13900000004");
        await DatesAsync(insuredCar, insurance: Day.AddDays(30));
        var (_, nextWeek) = await OwnerAsync("下周", "13900000005");
        await DatesAsync(nextWeek, inspection: Day.AddDays(14), insurance: Day.AddDays(37));
        SetLocal(Day, 5);

        var run = await RunAsync();

        (run.Tasks, run.Reasons).Should().Be((4, 4));
        var reasons = await ReasonsAsync();
        reasons.Select(r => (r.CustomerId, r.VehicleId, r.Reason, r.DueDate)).Should().BeEquivalentTo(new[]
        {
            (first.Id, firstCar.Id, ServiceReminderReason.FirstMaintenance, Day.AddDays(9)),
            (maintained.Id, maintainedCar.Id, ServiceReminderReason.Maintenance, Day.AddDays(10)),
            (inspected.Id, inspectedCar.Id, ServiceReminderReason.AnnualInspection, Day.AddDays(12)),
            (insured.Id, insuredCar.Id, ServiceReminderReason.InsuranceExpiring, Day.AddDays(30)),
        });
        var tasks = await TasksAsync();
        tasks.Select(t => (t.CustomerId, t.DueDate)).Should().BeEquivalentTo(new[]
        {
            (first.Id, Day.AddDays(2)), (maintained.Id, Day.AddDays(3)), (inspected.Id, Day.AddDays(5).AddDays(-1)),
            (insured.Id, Day),
        }, "a week before (the inspection's call day is a Sunday: the Saturday before), insurance 30 days before");
        tasks.Should().OnlyContain(t => t.Type == CallbackType.ServiceReminder && t.Status == CallbackStatus.Open
            && t.ContactNumber != null);
        tasks.GroupBy(t => t.AssignedToId).Select(g => g.Count()).Should().BeEquivalentTo([2, 2], "in turn");
        reasons.Should().OnlyContain(r => tasks.Single(t => t.CustomerId == r.CustomerId).Id == r.CallbackTaskId);

        var notes = await App.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.ServiceRemindersDue).ToListAsync());
        notes.Select(n => n.UserId).Should().BeEquivalentTo([OfficerA.Id, OfficerB.Id]);
        notes.Should().OnlyContain(n => n.Arguments.SequenceEqual(new[] { "4" }) && n.Link == ServiceRemindersJob.QueueLink);
    }

    [Fact]
    public async Task Several_reasons_of_one_customer_make_one_call_and_a_reason_of_the_next_day_joins_it()
    {
        var (customer, car) = await OwnerAsync("两辆车", "13900000001");
        var second = await VehicleAsync(customer);
        await DatesAsync(car, inspection: Day.AddDays(8));
        await DatesAsync(second, insurance: Day.AddDays(33), inspection: Day.AddDays(14));
        SetLocal(Day, 5);

        var first = await RunAsync();
        SetLocal(Day.AddDays(1), 5);
        var next = await RunAsync();

        (first.Tasks, first.Reasons, next.Tasks, next.Reasons).Should().Be((1, 2, 0, 1));
        var task = (await TasksAsync()).Should().ContainSingle().Subject;
        (task.DueDate, task.VehicleId).Should().Be((Day.AddDays(1), car.Id));
        (await ReasonsAsync()).Select(r => (r.VehicleId, r.Reason, r.CallbackTaskId)).Should().BeEquivalentTo(new[]
        {
            (car.Id, ServiceReminderReason.AnnualInspection, task.Id),
            (second.Id, ServiceReminderReason.InsuranceExpiring, task.Id),
            (second.Id, ServiceReminderReason.AnnualInspection, task.Id),
        });
    }

    [Fact]
    public async Task Refused_blacklisted_and_cars_not_in_use_get_none_and_open_calls_for_them_are_cancelled()
    {
        var (refused, refusedCar) = await OwnerAsync("拒绝", "13900000001", configure: c => c.RecordCallbackConsent(false, App.Now));
        var (blacklisted, blacklistedCar) = await OwnerAsync("黑名单", "13900000002",
            configure: c => c.SetFlags(false, false, true, "骚扰", App.Now));
        var (_, sold) = await OwnerAsync("已售", "13900000003");
        var (later, laterCar) = await OwnerAsync("之后拉黑", "13900000004");
        var (_, scrappedLater) = await OwnerAsync("之后报废", "13900000005");
        foreach (var car in new[] { refusedCar, blacklistedCar, sold, laterCar, scrappedLater })
        {
            await DatesAsync(car, inspection: Day.AddDays(9));
        }

        await StatusAsync(sold, VehicleStatus.Sold);
        SetLocal(Day, 5);

        (await RunAsync()).Tasks.Should().Be(2);
        (await TasksAsync()).Select(t => t.VehicleId).Should().BeEquivalentTo([laterCar.Id, scrappedLater.Id]);
        (refused.Id, blacklisted.Id).Should().NotBe((0L, 0L));

        // Changed behind the pages' backs (an import, say): the next run closes the calls no one may make.
        await App.WithDbAsync(db => db.Customers.Where(c => c.Id == later.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IsBlacklisted, true)));
        await App.WithDbAsync(db => db.Vehicles.Where(v => v.Id == scrappedLater.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VehicleStatus.Scrapped)));
        SetLocal(Day.AddDays(1), 5);
        var rerun = await RunAsync();

        (rerun.Tasks, rerun.Cancelled).Should().Be((0, 2));
        (await TasksAsync()).Should().OnlyContain(t => t.Status == CallbackStatus.Cancelled && t.ClosedAt != null);
    }

    [Fact]
    public async Task No_second_reminder_for_the_same_reason_and_due_date_nor_for_one_whose_date_only_moved()
    {
        var (customer, car) = await OwnerAsync("一次", "13900000001");
        await DatesAsync(car, insurance: Day.AddDays(32));
        SetLocal(Day, 5);
        (await RunAsync()).Tasks.Should().Be(1);
        var again = await RunAsync();
        await App.WithDbAsync(db => db.CallbackTasks.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, CallbackStatus.Reached).SetProperty(t => t.ClosedAt, Clock.GetUtcNow())));

        SetLocal(Day.AddDays(1), 5);
        var afterCall = await RunAsync();
        await DatesAsync(car, insurance: Day.AddDays(35));
        SetLocal(Day.AddDays(2), 5);
        var moved = await RunAsync();

        (again.Tasks, again.Reasons, afterCall.Tasks, moved.Tasks, moved.Reasons).Should().Be((0, 0, 0, 0, 0));
        (await ReasonsAsync()).Should().ContainSingle().Which.CustomerId.Should().Be(customer.Id);

        // A year on, the renewed insurance is a new reminder.
        await DatesAsync(car, insurance: Day.AddDays(32).AddYears(1));
        SetLocal(Day.AddYears(1), 5);
        (await RunAsync()).Tasks.Should().Be(1);
    }

    [Fact]
    public async Task Two_runs_at_once_make_one_call_per_customer()
    {
        for (var i = 0; i < 5; i++)
        {
            var (_, car) = await OwnerAsync($"并发{i}", $"1390000010{i}");
            await DatesAsync(car, inspection: Day.AddDays(8 + i), insurance: Day.AddDays(31 + i));
        }

        SetLocal(Day, 5);

        var runs = await Task.WhenAll(RunAsync(), RunAsync());

        runs.Sum(r => r.Tasks).Should().Be(5);
        runs.Sum(r => r.Reasons).Should().Be(10);
        (await TasksAsync()).Should().HaveCount(5);
        (await ReasonsAsync()).Should().HaveCount(10);
    }

    [Fact]
    public async Task A_call_day_on_a_store_holiday_is_due_the_working_day_before()
    {
        var (_, car) = await OwnerAsync("假日", "13900000001");
        await DatesAsync(car, inspection: Day.AddDays(11));
        await AddHolidayAsync(Day.AddDays(4), HolidayKind.Closed);
        SetLocal(Day, 5);

        (await RunAsync()).Tasks.Should().Be(1);

        var task = (await TasksAsync()).Single();
        task.DueDate.Should().Be(Day.AddDays(3), "the call day, the 14th, is a holiday");
        var calendar = new WorkingCalendar(WorkingHours.Default, [(Day.AddDays(4), HolidayKind.Closed)]);
        ServiceReminderRules.TaskDueDay(calendar, Day.AddDays(4), Day).Should().Be(task.DueDate);
    }

    [Fact]
    public async Task The_week_is_the_stores_own_across_its_midnight_outside_shanghai()
    {
        var losAngeles = new Store("LA", "Store LA", "America/Los_Angeles", WorkingHours.Default, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Stores.Add(losAngeles);
            await db.SaveChangesAsync();
        });
        var officer = await App.CreateUserAsync("crm.la", losAngeles.Id, Roles.CrmOfficer);
        var (_, car) = await OwnerAsync("洛杉矶", "13900000001", store: losAngeles);
        await DatesAsync(car, insurance: Day.AddDays(36));

        SetLocal(Day.AddDays(-1), 23, 59, losAngeles);
        var before = await RunAsync();
        SetLocal(Day, 0, 1, losAngeles);
        var after = await RunAsync();

        (before.Tasks, after.Tasks).Should().Be((0, 1), "the call day (the 16th) enters the week at the store's midnight");
        var task = (await TasksAsync()).Single();
        (task.StoreId, task.DueDate, task.AssignedToId).Should().Be((losAngeles.Id, Day.AddDays(6), officer.Id));
    }

    [Fact]
    public async Task Changed_settings_move_the_due_dates()
    {
        var (customer, car) = await OwnerAsync("设置", "13900000001");
        await MileageVisitAsync(car, customer, Day.AddDays(10).AddMonths(-4), 20_000, ServiceTypes.Maintenance);
        await DatesAsync(car, insurance: Day.AddDays(47));
        SetLocal(Day, 5);
        (await RunAsync()).Tasks.Should().Be(0, "6 months and 30 days by default");

        await App.WithDbAsync(async db =>
        {
            var loyalty = new LoyaltySettings(Store.Id);
            loyalty.ChangeIntervals(4, 5_000, 6, 12);
            db.LoyaltySettings.Add(loyalty);
            var settings = await db.CallbackSettings.SingleAsync(s => s.StoreId == Store.Id);
            settings.ChangeReminders(45, 24, 100_000, 25, 100);
            await db.SaveChangesAsync();
        });
        var run = await RunAsync();

        (run.Tasks, run.Reasons).Should().Be((1, 2));
        (await ReasonsAsync()).Select(r => (r.Reason, r.DueDate)).Should().BeEquivalentTo(new[]
        {
            (ServiceReminderReason.Maintenance, Day.AddDays(10)),
            (ServiceReminderReason.InsuranceExpiring, Day.AddDays(47)),
        });
        (await TasksAsync()).Single().DueDate.Should().Be(Day.AddDays(2), "47 - 45 days");
    }

    [Fact]
    public async Task Maintenance_driven_far_is_due_when_the_projected_mileage_reaches_the_interval()
    {
        // 100 km a day: the next 5,000 km take 50 days from the last maintenance.
        var (customer, car) = await OwnerAsync("跑得远", "13900000001");
        var last = Day.AddDays(7 + 3 - 50);
        await MileageVisitAsync(car, customer, last.AddDays(-20), 10_000, ServiceTypes.MinorRepair);
        await MileageVisitAsync(car, customer, last, 12_000, ServiceTypes.Maintenance);
        SetLocal(Day, 5);

        (await RunAsync()).Tasks.Should().Be(1);

        (await ReasonsAsync()).Single().DueDate.Should().Be(last.AddDays(50));
    }

    [Fact]
    public void The_job_is_in_the_schedule_at_05_00()
    {
        JobSchedule.RecurringJobIds.Should().Contain(JobSchedule.ServiceReminders);
        var storage = App.Factory.Services.GetRequiredService<JobStorage>();
        var jobs = App.Factory.Services.GetRequiredService<IRecurringJobManager>();
        try
        {
            JobSchedule.Register(jobs);
            using var connection = storage.GetConnection();
            connection.GetRecurringJobs().Single(j => j.Id == JobSchedule.ServiceReminders).Cron.Should().Be("0 5 * * *");
        }
        finally
        {
            foreach (var id in JobSchedule.RecurringJobIds)
            {
                jobs.RemoveIfExists(id);
            }
        }
    }

    private async Task MileageVisitAsync(Vehicle car, Customer customer, DateOnly day, int mileage, ServiceTypes types)
    {
        var opened = LocalInstant(Store, day, 10);
        var visit = new ServiceVisit(car.StoreId, $"SR{Interlocked.Increment(ref _orders)}", car, customer.Id, opened,
            mileage, null, types, 500m, null, "顾问", null, null, false, null, null, opened);
        await App.WithDbAsync(async db =>
        {
            db.ServiceVisits.Add(visit);
            await db.SaveChangesAsync();
        });
    }

    private Task DatesAsync(Vehicle car, DateOnly? inspection = null, DateOnly? insurance = null) =>
        App.WithDbAsync(async db =>
        {
            var stored = await db.Vehicles.SingleAsync(v => v.Id == car.Id);
            stored.UpdateInsuranceAndInspection("人保", insurance ?? stored.InsuranceExpiry, inspection ?? stored.NextInspectionDate);
            await db.SaveChangesAsync();
        });

    private Task StatusAsync(Vehicle car, VehicleStatus status) =>
        App.WithDbAsync(async db =>
        {
            var stored = await db.Vehicles.SingleAsync(v => v.Id == car.Id);
            stored.ChangeStatus(status, null, "test", App.Now);
            await db.SaveChangesAsync();
        });

    private Task<List<ServiceReminder>> ReasonsAsync() =>
        App.WithDbAsync(db => db.ServiceReminders.AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    private Task<List<CallbackTask>> TasksAsync() =>
        App.WithDbAsync(db => db.CallbackTasks.AsNoTracking().OrderBy(t => t.Id).ToListAsync());

    private async Task<ServiceRemindersRun> RunAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await new ServiceRemindersJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), Clock,
            NullLogger<ServiceRemindersJob>.Instance).RunAsync(CancellationToken.None);
    }
}
