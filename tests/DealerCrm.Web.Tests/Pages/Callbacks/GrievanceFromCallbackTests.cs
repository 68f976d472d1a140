using System.Net;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Callbacks;

/// <summary>
/// Spec 4.4 and scenario 4-2 on the call form: a reached call with a "no" answer, an "other problems" answer or a
/// dissatisfied rating raises one grievance, linked to the callback and its repair order, submitted to the GM and the
/// responsible manager (told in the same save), with the manager's call due 1 working day later or at the agreed time.
/// </summary>
public sealed class GrievanceFromCallbackTests(AppFixture app) : WebTest(app)
{
    private const string Form = "form[data-testid=call-form]";
    private const string Brought = "13900139000";

    private Store _store = null!;
    private StaffUser _zhao = null!;
    private StaffUser _gm = null!;
    private StaffUser _serviceManager = null!;
    private StaffUser _salesManager = null!;
    private Customer _customer = null!;
    private ServiceVisit _visit = null!;
    private CallbackTask _task = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        _zhao = await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        _gm = await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        _serviceManager = await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager);
        _salesManager = await App.CreateUserAsync("salesm", _store.Id, Roles.SalesManager);
        _customer = await App.CreateOwnerAsync(_store.Id);
        var vehicle = await App.CreateVehicleAsync(_store.Id, _customer.Id);
        _visit = await App.CreateCompletedVisitAsync(_store, vehicle, _customer.Id, App.TodayIn(_store).AddDays(-3),
            broughtByName: null, broughtByMobile: Brought, orderNumber: "RO-20261207-1");
        _task = await App.CreateAfterSalesTaskAsync(_store, _visit, _zhao.Id);
        await App.CreateQuestionAsync(_store.Id, CallbackType.AfterSalesThreeDay, 1,
            "Was the car ready at the promised time?", "车辆是否在承诺时间交付？");
        await App.CreateQuestionAsync(_store.Id, CallbackType.AfterSalesThreeDay, 2,
            "Was the work done right the first time?", "维修是否一次修好？");
        await App.CreateQuestionAsync(_store.Id, CallbackType.AfterSalesThreeDay, 3, "Any other problems?",
            "还有其他问题吗？", QuestionKind.OtherProblems);
    }

    private string Url => $"/Callbacks/{_task.Id}";

    private static Dictionary<string, string> Reached(string rightFirstTime = "Yes", string reason = "",
        string other = "No", string otherReason = "", string otherCategory = "", string satisfaction = "Satisfied",
        string managerCall = "") => new()
    {
        ["Input.Outcome"] = "Reached",
        ["Input.NumberDialled"] = Brought,
        ["Input.Answers[0].Value"] = "Yes",
        ["Input.Answers[1].Value"] = rightFirstTime,
        ["Input.Answers[1].Reason"] = reason,
        ["Input.Answers[2].Value"] = other,
        ["Input.Answers[2].Reason"] = otherReason,
        ["Input.Answers[2].ProblemCategory"] = otherCategory,
        ["Input.Satisfaction"] = satisfaction,
        ["Input.ManagerCallAgreedAt"] = managerCall,
    };

    private Task<List<Complaint>> GrievancesAsync() =>
        App.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Steps).ToListAsync());

    private Task<List<Notification>> NotificationsAsync() =>
        App.WithDbAsync(db => db.Notifications.AsNoTracking().OrderBy(n => n.UserId).ToListAsync());

    [Fact]
    public async Task Scenario_4_2_a_no_with_its_reason_raises_a_grievance_submitted_to_the_gm_and_the_service_manager()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached("No", "异响还在"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var grievance = (await GrievancesAsync()).Should().ContainSingle().Subject;
        grievance.Kind.Should().Be(ComplaintKind.Grievance);
        grievance.Source.Should().Be(ComplaintSource.Callback);
        grievance.Status.Should().Be(ComplaintStatus.Open);
        grievance.CallbackTaskId.Should().Be(_task.Id);
        grievance.ServiceVisitId.Should().Be(_visit.Id);
        grievance.CustomerId.Should().Be(_customer.Id);
        grievance.Department.Should().Be(ComplaintDepartment.AfterSales);
        grievance.CategoryCode.Should().Be("Other");
        grievance.Description.Should().Contain("Was the work done right the first time?: 异响还在");
        grievance.ReceivedAt.Should().Be(App.Now);
        var submitted = grievance.Steps.Single(s => s.Type == ComplaintStepType.SubmittedToManagement);
        submitted.DoneAt.Should().Be(App.Now);
        submitted.DoneById.Should().Be(_zhao.Id);
        // Thursday 10:00 + one working day (9 h of Monday–Saturday 08:30–17:30) = Friday 10:00.
        grievance.Steps.Single(s => s.Type == ComplaintStepType.ManagerCalled).Should().Match<ComplaintStep>(s =>
            s.DoneAt == null && s.Deadline == TestClock.ShanghaiInstant(new DateTime(2026, 12, 11, 10, 0, 0)));

        var notes = await NotificationsAsync();
        notes.Select(n => n.UserId).Should().BeEquivalentTo([_gm.Id, _serviceManager.Id]);
        notes.Should().OnlyContain(n => n.Kind == NotificationKind.GrievanceRaised && n.Link == $"/Complaints/{grievance.Id}");

        var queue = await zhao.GetDocumentAsync(response.RedirectPath()!);
        queue.QuerySelector("[role=status]")!.TextContent.Should().Contain($"Grievance #{grievance.Id}")
            .And.Contain("the service manager").And.Contain("2026-12-11 10:00");
        queue.QuerySelector("[data-testid=grievance-link]")!.GetAttribute("href").Should().Be($"/Complaints/{grievance.Id}");
    }

    [Fact]
    public async Task A_new_car_callbacks_grievance_is_a_sales_grievance_told_to_the_sales_manager()
    {
        await App.CreateQuestionAsync(_store.Id, CallbackType.NewCarThreeDay, 1, "Was the car clean at the handover?",
            "交车时车辆是否干净？");
        var newCar = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.NewCarThreeDay, _customer.Id, null,
            null, App.TodayIn(_store), App.Now, assignedToId: _zhao.Id));
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync($"/Callbacks/{newCar.Id}", new Dictionary<string, string>
        {
            ["Input.Outcome"] = "Reached",
            ["Input.NumberDialled"] = "13800138000",
            ["Input.Answers[0].Value"] = "No",
            ["Input.Answers[0].Reason"] = "座椅有污渍",
            ["Input.Satisfaction"] = "Neutral",
        }, Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var grievance = (await GrievancesAsync()).Should().ContainSingle().Subject;
        grievance.Department.Should().Be(ComplaintDepartment.Sales);
        grievance.CallbackTaskId.Should().Be(newCar.Id);
        (await NotificationsAsync()).Select(n => n.UserId).Should().BeEquivalentTo([_gm.Id, _salesManager.Id]);
    }

    [Fact]
    public async Task A_dissatisfied_rating_alone_raises_a_grievance_with_the_rating_in_its_description()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached(satisfaction: "Dissatisfied"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var grievance = (await GrievancesAsync()).Should().ContainSingle().Subject;
        grievance.Description.Should().Contain("Overall satisfaction: Dissatisfied");
        (await NotificationsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task An_other_problems_yes_raises_a_grievance_in_its_category()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url,
            Reached(other: "Yes", otherReason: "收费比报价高", otherCategory: "Price", satisfaction: "VerySatisfied"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var grievance = (await GrievancesAsync()).Should().ContainSingle().Subject;
        grievance.CategoryCode.Should().Be("Price");
        grievance.Description.Should().Contain("收费比报价高");
    }

    [Fact]
    public async Task A_satisfied_call_with_every_answer_yes_raises_nothing()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached(), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await GrievancesAsync()).Should().BeEmpty();
        (await NotificationsAsync()).Should().BeEmpty();
        var queue = await zhao.GetDocumentAsync(response.RedirectPath()!);
        queue.QuerySelector("[data-testid=grievance-link]").Should().BeNull();
    }

    [Fact]
    public async Task The_time_the_customer_agreed_becomes_the_managers_deadline_when_it_is_later_than_the_limit()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url,
            Reached("No", "异响还在", managerCall: "2026-12-12T15:00"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var grievance = (await GrievancesAsync()).Should().ContainSingle().Subject;
        var agreed = TestClock.ShanghaiInstant(new DateTime(2026, 12, 12, 15, 0, 0));
        grievance.ManagerCallAgreedAt.Should().Be(agreed);
        grievance.Steps.Single(s => s.Type == ComplaintStepType.ManagerCalled).Deadline.Should().Be(agreed);
    }

    [Fact]
    public async Task The_same_form_posted_twice_raises_one_grievance()
    {
        using var zhao = await App.SignInAsync("zhao");
        var page = await zhao.GetDocumentAsync(Url);

        using var first = await zhao.SubmitFormAsync(page, Url, Reached("No", "异响还在"), Form);
        using var second = await zhao.SubmitFormAsync(page, Url, Reached("No", "异响还在"), Form);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.OK, "the second post is refused on the form");
        (await GrievancesAsync()).Should().ContainSingle();
        (await NotificationsAsync()).Should().HaveCount(2);
    }

    [Fact]
    public async Task Two_posts_of_the_same_form_at_the_same_instant_raise_one_grievance()
    {
        using var zhao = await App.SignInAsync("zhao");
        var page = await zhao.GetDocumentAsync(Url);

        var responses = await Task.WhenAll(
            zhao.SubmitFormAsync(page, Url, Reached("No", "异响还在"), Form),
            zhao.SubmitFormAsync(page, Url, Reached("No", "异响还在"), Form));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).Should().Be(1,
            string.Join(" | ", responses.Select((r, i) => $"{r.StatusCode}: {bodies[i][..Math.Min(bodies[i].Length, 3000)]}")));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1,
            "the loser is told on the form, never a 500: " + string.Join(" | ", responses.Select((r, i) => $"{r.StatusCode}: {bodies[i][..Math.Min(bodies[i].Length, 3000)]}")));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        (await GrievancesAsync()).Should().ContainSingle();
        (await NotificationsAsync()).Should().HaveCount(2);
        (await App.WithDbAsync(db => db.CallbackAttempts.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task The_form_shows_the_complaint_branch_with_the_managers_call_time()
    {
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync(Url);

        var branch = page.QuerySelector("[data-testid=manager-call]")!;
        branch.QuerySelector("input[name='Input.ManagerCallAgreedAt']").Should().NotBeNull();
        branch.QuerySelector("[data-testid=complains-branch]")!.TextContent.Should().Contain("raises a grievance");
    }
}
