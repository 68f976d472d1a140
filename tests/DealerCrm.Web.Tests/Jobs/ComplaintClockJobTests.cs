using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Pages.Complaints;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// The complaint clock job (spec 5.1, 4.4) under the test clock: a grievance whose manager's call falls after a
/// holiday and a complaint whose first contact is 24 h go late; each late step is flagged and its people told once —
/// not again by a re-run, nor by a second server at the same instant; steps done in time, superseded steps and closed
/// items are never flagged; a step done late is flagged once.
/// </summary>
public sealed class ComplaintClockJobTests(AppFixture app) : CallbackJobTestBase(app)
{
    // Thursday 10 December 2026, Shanghai; Friday the 11th is made a holiday.
    private static readonly DateOnly Thursday = new(2026, 12, 10);
    private static readonly DateOnly Friday = new(2026, 12, 11);
    private static readonly DateOnly Saturday = new(2026, 12, 12);

    private StaffUser _gm = null!;
    private StaffUser _serviceManager = null!;
    private StaffUser _salesManager = null!;
    private StaffUser _advisor = null!;
    private Customer _customer = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _gm = await App.CreateUserAsync("gm", Store.Id, Roles.GeneralManager);
        _serviceManager = await App.CreateUserAsync("sm", Store.Id, Roles.ServiceManager);
        _salesManager = await App.CreateUserAsync("salesm", Store.Id, Roles.SalesManager);
        _advisor = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "advisor"));
        _customer = await App.CreateCustomerAsync(Store.Id);
        await AddHolidayAsync(Friday, HolidayKind.Closed);
        App.PinClock(LocalInstant(Store, Thursday, 16));
    }

    private long[] AfterSalesPeople => [_gm.Id, _serviceManager.Id, OfficerA.Id, OfficerB.Id];

    /// <summary>A grievance of a callback reached at <paramref name="hour"/> on Thursday, through the store's clock.</summary>
    private async Task<Complaint> GrievanceAsync(CallbackType type = CallbackType.AfterSalesThreeDay, int hour = 16)
    {
        var at = LocalInstant(Store, Thursday, hour);
        App.PinClock(at);
        var task = new CallbackTask(Store.Id, type, _customer.Id, null, null, Thursday, at);
        await App.WithDbAsync(async db =>
        {
            db.CallbackTasks.Add(task);
            await db.SaveChangesAsync();
        });
        return await WithWorkflowAsync(async (db, workflow, store) =>
        {
            var grievance = Complaint.RaiseGrievance(task, "Other", "异响还在", OfficerA.Id, at, await workflow.ClockAsync(store));
            db.Complaints.Add(grievance);
            await db.SaveChangesAsync();
            return grievance;
        });
    }

    /// <summary>A complaint by phone received on Thursday at <paramref name="hour"/>.</summary>
    private Task<Complaint> ComplaintAsync(int hour = 10)
    {
        var at = LocalInstant(Store, Thursday, hour);
        App.PinClock(at);
        return WithWorkflowAsync(async (db, workflow, store) =>
        {
            var complaint = Complaint.OpenComplaint(Store.Id, _customer.Id, null, null, null, ComplaintSource.Phone,
                ComplaintDepartment.AfterSales, "Attitude", "接待态度差", null, null, _serviceManager.Id, at,
                await workflow.ClockAsync(store));
            db.Complaints.Add(complaint);
            await db.SaveChangesAsync();
            return complaint;
        });
    }

    private async Task<T> WithWorkflowAsync<T>(Func<CrmDbContext, ComplaintWorkflow, Store, Task<T>> work)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var store = await db.Stores.SingleAsync(s => s.Id == Store.Id);
        return await work(db, scope.ServiceProvider.GetRequiredService<ComplaintWorkflow>(), store);
    }

    private Task<bool> ChangeAsync(long complaintId, Action<Complaint, ComplaintClock> change) =>
        WithWorkflowAsync(async (db, workflow, store) =>
        {
            var complaint = await db.Complaints.Include(c => c.Steps).SingleAsync(c => c.Id == complaintId);
            change(complaint, await workflow.ClockAsync(store));
            await db.SaveChangesAsync();
            return true;
        });

    private async Task<ComplaintClockRun> RunClockAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await new ComplaintClockJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), Clock,
            NullLogger<ComplaintClockJob>.Instance).RunAsync(CancellationToken.None);
    }

    private Task<List<Notification>> NotificationsAsync() =>
        App.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.ComplaintStepLate)
            .OrderBy(n => n.Id).ToListAsync());

    private Task<List<ComplaintStep>> FlaggedAsync() =>
        App.WithDbAsync(db => db.ComplaintSteps.AsNoTracking().Where(s => s.BreachNotifiedAt != null).ToListAsync());

    [Fact]
    public async Task A_grievance_goes_late_across_the_holiday_and_its_people_are_told_once()
    {
        var grievance = await GrievanceAsync();
        // Thursday 16:00 + 9 working hours: 1.5 h on Thursday, Friday closed, 7.5 h on Saturday from 08:30 = 16:00.
        var deadline = LocalInstant(Store, Saturday, 16);
        grievance.Steps.Single(s => s.Type == ComplaintStepType.ManagerCalled).Deadline.Should().Be(deadline);

        SetLocal(Saturday, 15, 59);
        (await RunClockAsync()).StepsFlagged.Should().Be(0, "not late yet");
        SetLocal(Saturday, 17, 35);
        var run = await RunClockAsync();

        run.StepsFlagged.Should().Be(1);
        run.Notifications.Should().Be(4);
        var notes = await NotificationsAsync();
        notes.Select(n => n.UserId).Should().BeEquivalentTo(AfterSalesPeople, "the GM, the service manager and the CRM officers");
        notes.Should().OnlyContain(n => n.MessageKey == "Jobs.ComplaintClock.ManagerCalled"
            && n.Link == ComplaintWorkflow.LinkOf(grievance.Id) && n.StoreId == Store.Id);
        notes[0].Arguments.Should().Equal(grievance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", "35");
        (await FlaggedAsync()).Should().ContainSingle().Which.BreachNotifiedAt.Should().Be(Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_complaints_first_contact_is_late_after_24_calendar_hours_holiday_or_not()
    {
        var complaint = await ComplaintAsync();

        SetLocal(Friday, 9, 59);
        (await RunClockAsync()).StepsFlagged.Should().Be(0);
        SetLocal(Friday, 10, 1);
        var run = await RunClockAsync();

        run.StepsFlagged.Should().Be(1, "first contact is late; the escalation was done at entry, in time");
        (await NotificationsAsync()).Should().OnlyContain(n => n.MessageKey == "Jobs.ComplaintClock.FirstContact"
            && n.Link == ComplaintWorkflow.LinkOf(complaint.Id)).And.HaveCount(4);
    }

    [Fact]
    public async Task A_second_run_adds_nothing()
    {
        await GrievanceAsync();
        await ComplaintAsync();
        SetLocal(Saturday, 17);

        var first = await RunClockAsync();
        var again = await RunClockAsync();
        SetLocal(Saturday, 17, 15);
        var later = await RunClockAsync();

        first.StepsFlagged.Should().Be(2);
        first.Notifications.Should().Be(8);
        again.Should().Match<ComplaintClockRun>(r => r.StepsFlagged == 0 && r.Notifications == 0);
        later.Should().Match<ComplaintClockRun>(r => r.StepsFlagged == 0 && r.Notifications == 0);
        (await NotificationsAsync()).Should().HaveCount(8);
    }

    [Fact]
    public async Task Two_servers_running_at_the_same_instant_tell_each_person_once()
    {
        for (var i = 0; i < 5; i++)
        {
            await ComplaintAsync(9 + i);
        }

        SetLocal(Saturday, 17);

        var runs = await Task.WhenAll(RunClockAsync(), RunClockAsync(), RunClockAsync());

        runs.Sum(r => r.StepsFlagged).Should().Be(5);
        runs.Sum(r => r.Notifications).Should().Be(20);
        var notes = await NotificationsAsync();
        notes.Should().HaveCount(20);
        notes.GroupBy(n => (n.UserId, n.DedupeKey)).Should().OnlyContain(g => g.Count() == 1);
    }

    [Fact]
    public async Task A_step_done_in_time_is_never_flagged_and_one_done_late_is_flagged_once()
    {
        var grievance = await GrievanceAsync();
        var complaint = await ComplaintAsync();
        SetLocal(Saturday, 9);
        App.PinClock(Clock.GetUtcNow());
        await ChangeAsync(grievance.Id, (c, _) => c.CompleteStep(ComplaintStepType.ManagerCalled, _serviceManager.Id, null, App.Now));
        await ChangeAsync(complaint.Id, (c, _) => c.CompleteStep(ComplaintStepType.FirstContact, _serviceManager.Id, null, App.Now));

        SetLocal(Saturday, 18);
        var run = await RunClockAsync();
        var again = await RunClockAsync();

        run.StepsFlagged.Should().Be(1, "the first contact was done 23 h late; the manager's call in time");
        again.StepsFlagged.Should().Be(0);
        var flagged = (await FlaggedAsync()).Should().ContainSingle().Subject;
        flagged.Type.Should().Be(ComplaintStepType.FirstContact);
        (await NotificationsAsync()).Should().OnlyContain(n => n.Arguments[1] == "23" && n.Arguments[2] == "0");
    }

    [Fact]
    public async Task A_closed_items_steps_and_superseded_steps_are_not_flagged()
    {
        var closed = await GrievanceAsync();
        await ChangeAsync(closed.Id, (c, _) =>
        {
            c.Resolve(_serviceManager.Id, "已处理", App.Now);
            c.Close(OfficerA.Id, null, App.Now);
        });
        var raised = await GrievanceAsync(hour: 11);
        App.PinClock(LocalInstant(Store, Thursday, 12));
        await ChangeAsync(raised.Id, (c, clock) => c.RaiseToComplaint(_serviceManager.Id, null, App.Now, clock));

        SetLocal(Saturday, 17);
        await RunClockAsync();

        var flagged = await FlaggedAsync();
        flagged.Should().ContainSingle("only the raised complaint's first contact (Thursday 12:00 + 24 h) is late")
            .Which.Type.Should().Be(ComplaintStepType.FirstContact);
        flagged.Single().ComplaintId.Should().Be(raised.Id);
    }

    [Fact]
    public async Task A_sales_grievance_tells_the_sales_manager_and_a_named_responsible_person()
    {
        var grievance = await GrievanceAsync(CallbackType.NewCarThreeDay);
        await ChangeAsync(grievance.Id, (c, _) => c.AssignResponsible(_advisor.Id, ComplaintDepartment.Sales, _salesManager.Id, App.Now));

        SetLocal(Saturday, 17);
        await RunClockAsync();

        (await NotificationsAsync()).Select(n => n.UserId).Should().BeEquivalentTo(
            [_gm.Id, _salesManager.Id, OfficerA.Id, OfficerB.Id, _advisor.Id]);
    }

    [Fact]
    public void The_jobs_link_is_the_workflows_and_it_is_scheduled_every_15_minutes()
    {
        (ComplaintClockJob.LinkPrefix + "42").Should().Be(ComplaintWorkflow.LinkOf(42));
        JobSchedule.RecurringJobIds.Should().Contain(JobSchedule.ComplaintClock);
        JobSchedule.ComplaintClock.Should().Be("complaint-clock");
    }
}
