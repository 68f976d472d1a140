using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>Dormant customers (scenario 4-3, 4.3-3) and birthday care (4.3, 4.7) with the jobs' clock.</summary>
public sealed class DormantAndBirthdayJobsTests(AppFixture app) : CallbackJobTestBase(app)
{
    private static readonly DateOnly Day = new(2026, 11, 10);
    private static readonly DateOnly LongAgo = new(2025, 1, 6);

    [Fact]
    public async Task Scenario_4_3_seven_months_without_a_visit_and_consent_gives_a_dormant_call_a_refusal_none()
    {
        var (dormant, dormantCar) = await OwnerAsync("七个月", "13900000001", LongAgo);
        await VisitAsync(dormantCar, dormant, Day.AddMonths(-7));
        var (refused, refusedCar) = await OwnerAsync("拒绝", "13900000002", LongAgo, c => c.RecordCallbackConsent(false, App.Now));
        await VisitAsync(refusedCar, refused, Day.AddMonths(-7));
        var (blacklisted, _) = await OwnerAsync("黑名单", "13900000003", LongAgo, c => c.SetFlags(false, false, true, "骚扰", App.Now));
        var (recent, recentCar) = await OwnerAsync("最近来过", "13900000004", LongAgo);
        await VisitAsync(recentCar, recent, Day.AddMonths(-5));
        await OwnerAsync("新车", "13900000005", Day.AddMonths(-2));
        var (never, _) = await OwnerAsync("从没来过", "13900000006", LongAgo);
        SetLocal(Day, 2);

        var first = await RunDormantAsync();
        var second = await RunDormantAsync();

        (first.Tasks, second.Tasks).Should().Be((2, 0));
        var tasks = await App.WithDbAsync(db => db.CallbackTasks.OrderBy(t => t.CustomerId).ToListAsync());
        tasks.Select(t => t.CustomerId).Should().Equal(dormant.Id, never.Id);
        tasks.Should().OnlyContain(t => t.Type == CallbackType.DormantCustomer && t.DueDate == Day
            && t.OccasionKey == CallbackOccasions.Dormant(Day) && t.Status == CallbackStatus.Open);
        tasks.Select(t => t.AssignedToId).Should().BeEquivalentTo([OfficerA.Id, OfficerB.Id], "in turn");
        (refused.Id, blacklisted.Id).Should().NotBe((0, 0));
    }

    [Fact]
    public async Task Never_a_second_while_one_is_open_or_one_was_done_within_the_period_and_again_after_it()
    {
        var (customer, car) = await OwnerAsync("休眠", "13900000001", LongAgo);
        await VisitAsync(car, customer, Day.AddMonths(-7));
        SetLocal(Day, 2);
        (await RunDormantAsync()).Tasks.Should().Be(1);

        SetLocal(Day.AddDays(3), 2);
        (await RunDormantAsync()).Tasks.Should().Be(0, "one is open");
        await App.WithDbAsync(db => db.CallbackTasks.ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, CallbackStatus.Reached).SetProperty(t => t.ClosedAt, Clock.GetUtcNow())));
        SetLocal(Day.AddMonths(5), 2);
        (await RunDormantAsync()).Tasks.Should().Be(0, "one was done within the period");
        SetLocal(Day.AddMonths(6).AddDays(1), 2);
        (await RunDormantAsync()).Tasks.Should().Be(1, "the period has passed without a visit");
    }

    [Fact]
    public async Task Two_dormant_runs_at_once_add_one_task_per_customer()
    {
        for (var i = 0; i < 4; i++)
        {
            await OwnerAsync($"休眠{i}", $"1390000010{i}", LongAgo);
        }

        SetLocal(Day, 2);

        var runs = await Task.WhenAll(RunDormantAsync(), RunDormantAsync());

        runs.Sum(r => r.Tasks).Should().Be(4);
        (await App.WithDbAsync(db => db.CallbackTasks.CountAsync())).Should().Be(4);
    }

    [Fact]
    public async Task Birthdays_and_delivery_anniversaries_of_the_coming_week_once_a_year_for_consenting_owners()
    {
        var (birthday, _) = await OwnerAsync("生日", "13900000001", LongAgo, Birthday(new DateOnly(1990, 11, 14)));
        await OwnerAsync("下周后", "13900000002", LongAgo, Birthday(new DateOnly(1990, 11, 17)));
        await OwnerAsync("拒绝", "13900000003", LongAgo, c =>
        {
            Birthday(new DateOnly(1990, 11, 12))(c);
            c.RecordCallbackConsent(false, App.Now);
        });
        var (owner, anniversaryCar) = await OwnerAsync("车生日", "13900000004", new DateOnly(2024, 11, 16));
        await OwnerAsync("今天交车", "13900000005", Day);
        SetLocal(Day, 6);

        var first = await RunBirthdaysAsync();
        var second = await RunBirthdaysAsync();

        (first.Tasks, first.Combined, second.Tasks).Should().Be((2, 0, 0));
        var tasks = await App.WithDbAsync(db => db.CallbackTasks.OrderBy(t => t.DueDate).ToListAsync());
        tasks.Select(t => (t.CustomerId, t.DueDate, t.OccasionKey)).Should().Equal(
            (birthday.Id, new DateOnly(2026, 11, 14), CallbackOccasions.Birthday(2026)),
            (owner.Id, new DateOnly(2026, 11, 16), CallbackOccasions.VehicleAnniversary(anniversaryCar.Id, 2026)));
        tasks.Should().OnlyContain(t => t.Type == CallbackType.BirthdayCare && t.Status == CallbackStatus.Open);
    }

    [Fact]
    public async Task A_29_february_birthday_is_greeted_on_28_february_in_a_common_year()
    {
        var (leapling, _) = await OwnerAsync("闰日", "13900000001", LongAgo, Birthday(new DateOnly(2000, 2, 29)));
        SetLocal(new DateOnly(2027, 2, 25), 6);

        (await RunBirthdaysAsync()).Tasks.Should().Be(1);

        var task = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        (task.CustomerId, task.DueDate).Should().Be((leapling.Id, new DateOnly(2027, 2, 28)));
        CallbackOccasions.AnniversaryIn(new DateOnly(2000, 2, 29), 2027).Should().Be(task.DueDate);
        CallbackOccasions.AnniversaryIn(new DateOnly(2000, 2, 29), 2028).Should().Be(new DateOnly(2028, 2, 29));
        SetLocal(new DateOnly(2027, 2, 27), 6);
        (await RunBirthdaysAsync()).Tasks.Should().Be(0, "once a year");
    }

    [Fact]
    public async Task A_birthday_near_a_call_already_due_is_combined_into_it_as_the_domain_combines()
    {
        var (customer, car) = await OwnerAsync("合并", "13900000001", LongAgo, Birthday(new DateOnly(1985, 11, 15)));
        var (alone, _) = await OwnerAsync("单独", "13900000002", LongAgo, Birthday(new DateOnly(1985, 11, 15)));
        var due = new CallbackTask(Store.Id, CallbackType.AfterSalesThreeDay, customer.Id, car.Id, null, Day.AddDays(2),
            App.Now, assignedToId: OfficerB.Id);
        await App.WithDbAsync(async db =>
        {
            db.CallbackTasks.Add(due);
            await db.SaveChangesAsync();
        });
        SetLocal(Day, 6);

        var run = await RunBirthdaysAsync();

        (run.Tasks, run.Combined).Should().Be((1, 1));
        var greeting = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync(t => t.Type == CallbackType.BirthdayCare && t.CustomerId == customer.Id));
        var expected = new CallbackTask(Store.Id, CallbackType.BirthdayCare, customer.Id, car.Id, null, new DateOnly(2026, 11, 15),
            Clock.GetUtcNow());
        expected.CombineInto(due.Id, Clock.GetUtcNow());
        (greeting.Status, greeting.CombinedIntoTaskId, greeting.ClosedAt, greeting.ClosedById).Should()
            .Be((expected.Status, expected.CombinedIntoTaskId, expected.ClosedAt, expected.ClosedById));
        greeting.AssignedToId.Should().Be(OfficerB.Id, "the officer making the call");
        (await App.WithDbAsync(db => db.CallbackTasks.SingleAsync(t => t.CustomerId == alone.Id))).Status
            .Should().Be(CallbackStatus.Open);
    }

    [Fact]
    public async Task A_car_anniversary_in_the_week_of_the_owners_birthday_joins_the_birthday_call()
    {
        var (customer, car) = await OwnerAsync("双喜", "13900000001", new DateOnly(2023, 11, 13), Birthday(new DateOnly(1980, 11, 11)));
        SetLocal(Day, 6);

        var run = await RunBirthdaysAsync();

        (run.Tasks, run.Combined).Should().Be((1, 1));
        var tasks = await App.WithDbAsync(db => db.CallbackTasks.OrderBy(t => t.Id).ToListAsync());
        tasks[0].OccasionKey.Should().Be(CallbackOccasions.Birthday(2026));
        (tasks[1].OccasionKey, tasks[1].Status, tasks[1].CombinedIntoTaskId).Should().Be(
            (CallbackOccasions.VehicleAnniversary(car.Id, 2026), CallbackStatus.Combined, tasks[0].Id));
        customer.Id.Should().Be(tasks[0].CustomerId);
    }

    private Action<Customer> Birthday(DateOnly birthday) => c => c.UpdateFixedInformation(new FixedInformation
    {
        Name = c.Name,
        Gender = c.Gender,
        Mobile = c.Mobile,
        Birthday = birthday,
    }, App.Now);
}
