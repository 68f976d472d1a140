using System.Net;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
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
using Microsoft.Extensions.Time.Testing;

namespace DealerCrm.Web.Tests.Pages.Callbacks;

/// <summary>
/// Closing the loop (spec 4.4): a grievance raised on the call form and resolved by the service manager gives the CRM
/// officer a follow-up call, due the next working day, in the queue like the others and outside the contact limit;
/// on it, satisfied closes the item, anything less reopens it (and its managers are told), unreachable closes it.
/// </summary>
public sealed class ComplaintFollowUpCallTests(AppFixture app) : WebTest(app)
{
    private const string Form = "form[data-testid=call-form]";
    private const string Brought = "13900139000";
    private const string Mobile = "13800138000";

    private Store _store = null!;
    private StaffUser _gm = null!;
    private StaffUser _serviceManager = null!;
    private long _complaintId;
    private CallbackTask _followUp = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        _gm = await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        _serviceManager = await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager);
        var customer = await App.CreateOwnerAsync(_store.Id, "王小明", Mobile);
        var vehicle = await App.CreateVehicleAsync(_store.Id, customer.Id);
        var visit = await App.CreateCompletedVisitAsync(_store, vehicle, customer.Id, App.TodayIn(_store).AddDays(-3),
            broughtByName: null, broughtByMobile: Brought);
        var task = await App.CreateAfterSalesTaskAsync(_store, visit);
        await App.CreateQuestionAsync(_store.Id, CallbackType.AfterSalesThreeDay, 1,
            "Was the work done right the first time?", "维修是否一次修好？");

        // Thursday: the 3-day call raises the grievance (a conversation with the customer today).
        using (var zhao = await App.SignInAsync("zhao"))
        {
            using var call = await zhao.SubmitFormAsync($"/Callbacks/{task.Id}", new Dictionary<string, string>
            {
                ["Input.Outcome"] = "Reached",
                ["Input.NumberDialled"] = Brought,
                ["Input.Answers[0].Value"] = "No",
                ["Input.Answers[0].Reason"] = "异响还在",
                ["Input.Satisfaction"] = "Neutral",
            }, Form);
            call.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        // Thursday afternoon the service manager resolves it (as the complaint page does, through the workflow).
        App.PinShanghai(CallbackBuilders.Thursday10.AddHours(5));
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var workflow = scope.ServiceProvider.GetRequiredService<ComplaintWorkflow>();
            var complaint = await db.Complaints.Include(c => c.Steps).SingleAsync();
            var store = await db.Stores.SingleAsync(s => s.Id == _store.Id);
            complaint.CompleteStep(ComplaintStepType.ManagerCalled, _serviceManager.Id, "已致电", App.Now);
            _followUp = await workflow.ResolveAsync(store, complaint, _serviceManager.Id, "更换了刹车片，试车无异响", App.Now);
            await db.SaveChangesAsync();
            _complaintId = complaint.Id;
        }

        // Friday, the next working day: the follow-up is due.
        App.PinShanghai(CallbackBuilders.Thursday10.AddDays(1));
        await App.WithDbAsync(db => db.Notifications.ExecuteDeleteAsync());
    }

    private string Url => $"/Callbacks/{_followUp.Id}";

    private Task<Complaint> ComplaintAsync() =>
        App.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Steps).SingleAsync(c => c.Id == _complaintId));

    private static Dictionary<string, string> Reached(string satisfaction) => new()
    {
        ["Input.Outcome"] = "Reached",
        ["Input.NumberDialled"] = Mobile,
        ["Input.Satisfaction"] = satisfaction,
        ["Input.Comments"] = "客户确认",
    };

    [Fact]
    public async Task The_follow_up_is_in_the_queue_due_the_next_working_day_with_its_type_and_item()
    {
        _followUp.DueDate.Should().Be(new DateOnly(2026, 12, 11));
        using var zhao = await App.SignInAsync("zhao");

        var queue = await zhao.GetDocumentAsync("/Callbacks?type=ComplaintFollowUp");

        var row = queue.QuerySelectorAll("[data-testid=callback-row]").Should().ContainSingle().Subject;
        row.GetAttribute("data-task-id").Should().Be(_followUp.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        row.QuerySelector("[data-testid=callback-type]")!.TextContent.Should().Be("Complaint follow-up");
        row.QuerySelector("[data-testid=callback-item]")!.GetAttribute("href").Should().Be($"/Complaints/{_complaintId}");
        row.QuerySelector("[data-testid=held-until]").Should().BeNull("the follow-up is outside the contact limit");
        (await zhao.GetDocumentAsync("/Callbacks?type=BirthdayCare")).QuerySelectorAll("[data-testid=callback-row]")
            .Should().BeEmpty();
    }

    [Fact]
    public async Task The_call_form_shows_the_item_without_a_questionnaire_and_is_not_held_by_yesterdays_conversation()
    {
        await App.CreateQuestionAsync(_store.Id, CallbackType.ComplaintFollowUp, 1, "Should not be asked", "不应出现");
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync(Url);

        page.QuerySelectorAll("[data-testid=question]").Should().BeEmpty();
        page.QuerySelector("[data-testid=held-until]").Should().BeNull();
        page.QuerySelector("[data-testid=manager-call]").Should().BeNull("a follow-up never raises a grievance");
        page.QuerySelector("[data-testid=follow-up-description]")!.TextContent.Should().Contain("异响还在");
        page.QuerySelector("[data-testid=follow-up-resolution]")!.TextContent.Should().Be("更换了刹车片，试车无异响");
        page.QuerySelector("[data-testid=follow-up-category]")!.TextContent.Should().Be("Other");
        page.QuerySelector("[data-testid=follow-up-link]")!.GetAttribute("href").Should().Be($"/Complaints/{_complaintId}");
        page.QuerySelector("select[name='Input.Satisfaction']").Should().NotBeNull();
    }

    [Fact]
    public async Task Reached_and_satisfied_closes_the_item()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached("Satisfied"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var complaint = await ComplaintAsync();
        complaint.Status.Should().Be(ComplaintStatus.Closed);
        complaint.ClosedAt.Should().Be(App.Now);
        complaint.Steps.Should().Contain(s => s.Type == ComplaintStepType.Closed);
        (await App.WithDbAsync(db => db.Complaints.CountAsync())).Should().Be(1, "a follow-up never raises a grievance");
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Reached_and_satisfaction_required()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached(string.Empty), Form);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ComplaintAsync()).Status.Should().Be(ComplaintStatus.Resolved);
    }

    [Fact]
    public async Task Reached_and_dissatisfied_reopens_the_item_and_tells_its_managers_without_a_new_grievance()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached("Dissatisfied"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var complaint = await ComplaintAsync();
        complaint.Status.Should().Be(ComplaintStatus.Open);
        complaint.ReopenCount.Should().Be(1);
        (await App.WithDbAsync(db => db.Complaints.CountAsync())).Should().Be(1, "a follow-up never raises a grievance");
        var notes = await App.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync());
        notes.Select(n => n.UserId).Should().BeEquivalentTo([_gm.Id, _serviceManager.Id]);
        notes.Should().OnlyContain(n => n.Kind == NotificationKind.ComplaintReopened);
        var queue = await zhao.GetDocumentAsync(response.RedirectPath()!);
        queue.QuerySelector("[role=status]")!.TextContent.Should().Contain($"#{_complaintId}").And.Contain("Open");
    }

    [Fact]
    public async Task Unreachable_after_three_unanswered_attempts_over_two_days_closes_the_item()
    {
        var attempt = new Dictionary<string, string> { ["Input.Outcome"] = "NoAnswer", ["Input.NumberDialled"] = Mobile };
        async Task AttemptAsync()
        {
            using var zhao = await App.SignInAsync("zhao");
            using var response = await zhao.SubmitFormAsync(Url, attempt, Form);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        await AttemptAsync();
        App.PinShanghai(CallbackBuilders.Thursday10.AddDays(1).AddHours(2));
        await AttemptAsync();
        (await ComplaintAsync()).Status.Should().Be(ComplaintStatus.Resolved, "not unreachable yet");
        App.PinShanghai(CallbackBuilders.Thursday10.AddDays(2));
        await AttemptAsync();

        (await App.WithDbAsync(db => db.CallbackTasks.SingleAsync(t => t.Id == _followUp.Id))).Status
            .Should().Be(CallbackStatus.Unreachable);
        (await ComplaintAsync()).Status.Should().Be(ComplaintStatus.Closed);
    }

    [Fact]
    public async Task A_follow_up_not_made_7_days_after_its_due_date_ends_missed_and_leaves_its_item_resolved()
    {
        async Task RunOnAsync(int day)
        {
            var clock = new FakeTimeProvider(TestClock.ShanghaiInstant(new DateTime(2026, 12, day, 10, 0, 0)));
            await using var scope = App.Factory.Services.CreateAsyncScope();
            await new ThreeDayCallbacksJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), clock,
                NullLogger<ThreeDayCallbacksJob>.Instance).RunAsync(CancellationToken.None);
        }

        Task<CallbackStatus> StatusAsync() =>
            App.WithDbAsync(db => db.CallbackTasks.Where(t => t.Id == _followUp.Id).Select(t => t.Status).SingleAsync());

        await RunOnAsync(18);
        (await StatusAsync()).Should().Be(CallbackStatus.Open, "due on the 11th: day 7 after it is still callable");
        await RunOnAsync(19);
        (await StatusAsync()).Should().Be(CallbackStatus.Missed);
        (await ComplaintAsync()).Status.Should().Be(ComplaintStatus.Resolved);
    }
}
