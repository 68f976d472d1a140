using System.Net;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Callbacks;

/// <summary>
/// The call form (spec 4.3, rules 4.7): the script and questionnaire shown, each outcome saved with who and when, the
/// answers pointing at the question versions asked, quiet hours and the contact limit, the wrong-number data-fix task,
/// a dormant customer's sold car, and two officers saving at once.
/// </summary>
public sealed class CallFormTests(AppFixture app) : WebTest(app)
{
    private const string Form = "form[data-testid=call-form]";
    private const string Brought = "13900139000";
    private const string Mobile = "13800138000";

    private Store _store = null!;
    private StaffUser _zhao = null!;
    private StaffUser _advisor = null!;
    private Customer _customer = null!;
    private Vehicle _vehicle = null!;
    private ServiceVisit _visit = null!;
    private CallbackTask _task = null!;
    private CallbackQuestion _ready = null!;
    private CallbackQuestion _rightFirstTime = null!;
    private CallbackQuestion _other = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        _zhao = await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        _advisor = await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        _customer = await App.CreateOwnerAsync(_store.Id, "王小明", Mobile);
        _vehicle = await App.CreateVehicleAsync(_store.Id, _customer.Id);
        _visit = await App.CreateCompletedVisitAsync(_store, _vehicle, _customer.Id, App.TodayIn(_store).AddDays(-3),
            advisorId: _advisor.Id, broughtByName: null, broughtByMobile: Brought, orderNumber: "RO-20261207-1");
        _task = await App.CreateAfterSalesTaskAsync(_store, _visit, _zhao.Id);
        _ready = await App.CreateQuestionAsync(_store.Id, CallbackType.AfterSalesThreeDay, 1,
            "Was the car ready at the promised time?", "车辆是否在承诺时间交付？");
        _rightFirstTime = await App.CreateQuestionAsync(_store.Id, CallbackType.AfterSalesThreeDay, 2,
            "Was the work done right?", "维修是否一次修好？");
        var retired = await App.CreateQuestionAsync(_store.Id, CallbackType.AfterSalesThreeDay, 3, "Old", "旧问题");
        _other = await App.CreateQuestionAsync(_store.Id, CallbackType.AfterSalesThreeDay, 4, "Any other problems?",
            "还有其他问题吗？", QuestionKind.OtherProblems);
        await App.CreateQuestionAsync(_store.Id, CallbackType.NewCarThreeDay, 1, "New car only", "新车问题");
        await App.WithDbAsync(async db =>
        {
            var q = await db.CallbackQuestions.Include(x => x.Versions).SingleAsync(x => x.Id == _rightFirstTime.Id);
            q.Reword("Was the work done right the first time?", "维修是否一次修好？（新）", App.Now);
            var r = await db.CallbackQuestions.SingleAsync(x => x.Id == retired.Id);
            r.Retire(App.Now);
            await db.SaveChangesAsync();
        });
    }

    private string Url => $"/Callbacks/{_task.Id}";

    private async Task<long[]> CurrentVersionIdsAsync() => await App.WithDbAsync(async db =>
        (await db.CallbackQuestions.Include(q => q.Versions).Where(q => q.Type == CallbackType.AfterSalesThreeDay
            && q.RetiredAt == null).OrderBy(q => q.Position).ToListAsync()).Select(q => q.Current.Id).ToArray());

    private static Dictionary<string, string> Reached(string secondAnswer = "Yes", string secondReason = "") => new()
    {
        ["Input.Outcome"] = "Reached",
        ["Input.NumberDialled"] = Brought,
        ["Input.Answers[0].Value"] = "Yes",
        ["Input.Answers[1].Value"] = secondAnswer,
        ["Input.Answers[1].Reason"] = secondReason,
        ["Input.Answers[2].Value"] = "Yes",
        ["Input.Answers[2].Reason"] = "洗车不干净",
        ["Input.Answers[2].ProblemCategory"] = "RepairQuality",
        ["Input.Satisfaction"] = "Satisfied",
        ["Input.Comments"] = "客户很客气",
    };

    private static Dictionary<string, string> Attempt(string outcome, string number = Brought) => new()
    {
        ["Input.Outcome"] = outcome,
        ["Input.NumberDialled"] = number,
    };

    private Task<CallbackTask> TaskAsync(long? id = null) => App.WithDbAsync(db => db.CallbackTasks.AsNoTracking()
        .Include(t => t.Attempts).Include(t => t.Answers).SingleAsync(t => t.Id == (id ?? _task.Id)));

    [Fact]
    public async Task The_form_shows_the_filled_script_the_current_questions_and_the_numbers_in_order()
    {
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync(Url);

        page.QuerySelector("[data-testid=script-greeting]")!.TextContent.Should()
            .Be("Hello, is this Mr 王小明? This is Display zhao from Store S1.");
        page.QuerySelector("[data-testid=script-purpose]")!.TextContent.Should().Contain("2026-12-07").And.Contain("Maintenance");
        page.QuerySelectorAll("[data-testid=question] legend").Select(l => l.TextContent).Should().Equal(
            "Was the car ready at the promised time?", "Was the work done right the first time?", "Any other problems?");
        page.QuerySelectorAll("#Input_NumberDialled option").Select(o => o.GetAttribute("value")).Should().Equal(Brought, Mobile);
        page.QuerySelector("[data-testid=call-vehicle]")!.GetAttribute("href").Should().Be($"/Vehicles/{_vehicle.Id}");
        page.Body!.TextContent.Should().Contain("RO-20261207-1");
    }

    [Fact]
    public async Task A_store_script_replaces_the_built_in_one_in_the_users_language()
    {
        await App.WithDbAsync(async db =>
        {
            db.CallbackScripts.Add(new CallbackScript(_store.Id, CallbackType.AfterSalesThreeDay, "Hi {name}", "P", "C",
                "{name}{title}您好，我是{dealer}的{officer}", "您于{date}做了{service}", "再见"));
            await db.SaveChangesAsync();
        });
        using var zhao = await App.SignInAsync("zhao");
        zhao.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var page = await zhao.GetDocumentAsync(Url);

        page.QuerySelector("[data-testid=script-greeting]")!.TextContent.Should().Be("王小明先生您好，我是Store S1的Display zhao");
        page.QuerySelector("[data-testid=script-purpose]")!.TextContent.Should().Be("您于2026-12-07做了保养");
    }

    [Fact]
    public async Task Reached_saves_every_answer_pointing_at_the_version_asked()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached("No", "异响还在"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Reached);
        task.Answers.OrderBy(a => a.Id).Select(a => a.QuestionVersionId).Should().Equal(await CurrentVersionIdsAsync());
        var reworded = await App.WithDbAsync(db => db.CallbackQuestionVersions.SingleAsync(v => v.QuestionId == _rightFirstTime.Id && v.Number == 2));
        task.Answers.Single(a => a.QuestionVersionId == reworded.Id).Reason.Should().Be("异响还在");
        task.Answers.Single(a => a.Value == AnswerValue.Yes && a.ProblemCategory == "RepairQuality").Reason.Should().Be("洗车不干净");
        task.OverallSatisfaction.Should().Be(Satisfaction.Satisfied);
        task.Comments.Should().Be("客户很客气");
        task.Attempts.Should().ContainSingle().Which.Should().Match<CallbackAttempt>(a =>
            a.Outcome == CallOutcome.Reached && a.ByUserId == _zhao.Id && a.At == App.Now && a.NumberDialled == Brought);
    }

    [Fact]
    public async Task A_no_without_its_reason_is_refused_beside_the_field_with_the_input_kept()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached("No"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Answers[1].Reason").Should().Be("A \"no\" needs the customer's reason.");
        page.QuerySelector("#Input_Comments")!.TextContent.Should().Be("客户很客气");
        page.QuerySelector("input[name='Input.Answers[1].Value'][value=No]")!.HasAttribute("checked").Should().BeTrue();
        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Open);
        task.Attempts.Should().BeEmpty();
        task.Answers.Should().BeEmpty();
    }

    [Fact]
    public async Task Reached_without_the_overall_satisfaction_or_an_answer_is_refused()
    {
        using var zhao = await App.SignInAsync("zhao");
        var values = Reached();
        values["Input.Satisfaction"] = "";
        values.Remove("Input.Answers[0].Value");

        using var response = await zhao.SubmitFormAsync(Url, values, Form);

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Answers[0].Value").Should().Be("Answer this question.");
        (await TaskAsync()).Status.Should().Be(CallbackStatus.Open);
        values["Input.Answers[0].Value"] = "NotApplicable";
        using var second = await zhao.SubmitFormAsync(Url, values, Form);
        (await TestClient.ParseAsync(second)).FieldError("Input.Satisfaction").Should().Be("Choose the customer's overall satisfaction.");
    }

    [Theory]
    [InlineData("NoAnswer")]
    [InlineData("Busy")]
    [InlineData("SwitchedOff")]
    [InlineData("SomeoneElseAnswered")]
    public async Task An_unanswered_outcome_is_kept_with_who_when_and_the_number(string outcome)
    {
        using var zhao = await App.SignInAsync("zhao");
        var values = Attempt(outcome, Mobile);
        values["Input.RecordingId"] = "REC-42";
        values["Input.RecordingSeconds"] = "35";

        using var response = await zhao.SubmitFormAsync(Url, values, Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Open);
        var attempt = task.Attempts.Should().ContainSingle().Subject;
        attempt.Outcome.ToString().Should().Be(outcome);
        (attempt.ByUserId, attempt.At, attempt.NumberDialled, attempt.RecordingId, attempt.RecordingSeconds)
            .Should().Be((_zhao.Id, App.Now, Mobile, "REC-42", 35));
    }

    [Fact]
    public async Task Call_later_sets_the_next_attempt_and_leaves_the_due_date()
    {
        using var zhao = await App.SignInAsync("zhao");
        var values = Attempt("CallLater");

        using var missing = await zhao.SubmitFormAsync(Url, values, Form);
        (await TestClient.ParseAsync(missing)).FieldError("Input.CallBackAt")
            .Should().Be("Enter the time the customer asked to be called back.");
        values["Input.CallBackAt"] = "2026-12-10T18:30";
        using var response = await zhao.SubmitFormAsync(Url, values, Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var task = await TaskAsync();
        task.NextAttemptAt.Should().Be(TestClock.ShanghaiInstant(new DateTime(2026, 12, 10, 18, 30, 0)));
        task.DueDate.Should().Be(_task.DueDate);
        task.Status.Should().Be(CallbackStatus.Open);
        var queue = await zhao.GetDocumentAsync("/Callbacks");
        queue.QuerySelector($"[data-task-id='{_task.Id}'] [data-testid=next-attempt]")!.TextContent
            .Should().Be("Call back at 2026-12-10 18:30");
    }

    [Fact]
    public async Task Refused_closes_the_task()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Attempt("Refused"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await TaskAsync()).Status.Should().Be(CallbackStatus.Refused);
        (await zhao.GetDocumentAsync(Url)).QuerySelector(Form).Should().BeNull("a closed task takes no more attempts");
    }

    [Fact]
    public async Task A_number_not_the_customers_is_refused()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Attempt("NoAnswer", "13700000000"), Form);

        (await TestClient.ParseAsync(response)).FieldError("Input.NumberDialled").Should().Be("Choose one of the customer's numbers.");
        (await TaskAsync()).Attempts.Should().BeEmpty();
    }

    [Fact]
    public async Task A_wrong_number_flags_the_repair_order_and_tells_its_advisor_once()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var first = await zhao.SubmitFormAsync(Url, Attempt("WrongNumber"), Form);
        using var second = await zhao.SubmitFormAsync(Url, Attempt("WrongNumber", Mobile), Form);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ServiceVisits.SingleAsync(v => v.Id == _visit.Id))).WrongNumberReportedAt
            .Should().Be(App.Now);
        var notes = await App.WithDbAsync(db => db.Notifications.ToListAsync());
        notes.Should().ContainSingle().Which.Should().Match<Notification>(n => n.UserId == _advisor.Id
            && n.Kind == NotificationKind.ServiceDataFix && n.Link == $"/Service/Visits/{_visit.Id}");
        (await TaskAsync()).Attempts.Should().HaveCount(2).And.OnlyContain(a => a.Outcome == CallOutcome.WrongNumber);
    }

    [Fact]
    public async Task A_wrong_number_on_an_order_without_an_advisor_tells_the_stores_advisors()
    {
        var other = await App.CreateUserAsync("advisor2", _store.Id, Roles.ServiceAdvisor);
        var visit = await App.CreateCompletedVisitAsync(_store, _vehicle, _customer.Id, App.TodayIn(_store).AddDays(-2),
            orderNumber: "RO-DMS-9");
        var task = await App.CreateAfterSalesTaskAsync(_store, visit, _zhao.Id);
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync($"/Callbacks/{task.Id}", Attempt("WrongNumber"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Notifications.Select(n => n.UserId).OrderBy(u => u).ToListAsync()))
            .Should().Equal(_advisor.Id, other.Id);
    }

    [Theory]
    [InlineData(8, 59, false)]
    [InlineData(9, 0, true)]
    [InlineData(19, 59, true)]
    [InlineData(20, 0, false)]
    public async Task Attempts_are_refused_in_the_stores_quiet_hours(int hour, int minute, bool allowed)
    {
        App.PinShanghai(new DateTime(2026, 12, 10, hour, minute, 0));
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Attempt("NoAnswer"), Form);

        if (allowed)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        else
        {
            (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=call-error]")!.TextContent
                .Should().Contain("Quiet hours: customers are called only between 09:00 and 20:00");
        }

        (await TaskAsync()).Attempts.Should().HaveCount(allowed ? 1 : 0);
    }

    [Fact]
    public async Task Quiet_hours_are_the_stores_own_zone_and_settings()
    {
        var berlin = new Store("EU1", "Store Berlin", "Europe/Berlin", WorkingHours.Default, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Stores.Add(berlin);
            await db.SaveChangesAsync();
            var settings = new CallbackSettings(berlin.Id);
            settings.Change(new TimeOnly(10, 0), new TimeOnly(18, 0), 7, 6);
            db.CallbackSettings.Add(settings);
            await db.SaveChangesAsync();
        });
        await App.CreateUserAsync("hans", berlin.Id, Roles.CrmOfficer);
        var owner = await App.CreateOwnerAsync(berlin.Id, "Hans Meyer", "13600136000");
        var task = await App.SaveTaskAsync(new CallbackTask(berlin.Id, CallbackType.BirthdayCare, owner.Id, null, null,
            new DateOnly(2026, 12, 10), App.Now, occasionKey: "b"));

        // 10:00 in Shanghai is 03:00 in Berlin: quiet there.
        using (var hans = await App.SignInAsync("hans"))
        {
            using var night = await hans.SubmitFormAsync($"/Callbacks/{task.Id}", Attempt("NoAnswer", "13600136000"), Form);
            (await TestClient.ParseAsync(night)).QuerySelector("[data-testid=call-error]")!.TextContent
                .Should().Contain("between 10:00 and 18:00");
        }

        App.PinClock(new DateTimeOffset(2026, 12, 10, 10, 30, 0, TimeSpan.FromHours(1)).ToUniversalTime());
        using var hansLater = await App.SignInAsync("hans");
        using var morning = await hansLater.SubmitFormAsync($"/Callbacks/{task.Id}", Attempt("NoAnswer", "13600136000"), Form);
        morning.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await TaskAsync(task.Id)).Attempts.Should().ContainSingle();
    }

    [Fact]
    public async Task A_customer_spoken_to_on_another_task_within_seven_days_is_not_called_again()
    {
        var birthday = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, _customer.Id, null,
            null, App.TodayIn(_store).AddDays(-6), App.Now, occasionKey: "birthday", assignedToId: _zhao.Id));
        await App.WithDbAsync(async db =>
        {
            var task = await db.CallbackTasks.Include(t => t.Attempts).SingleAsync(t => t.Id == birthday.Id);
            task.RecordAttempt(CallOutcome.CallLater, Mobile, _zhao.Id, App.Now.AddDays(-6), _store.LocalDate, [Mobile],
                App.Now.AddDays(1));
            await db.SaveChangesAsync();
        });
        using var zhao = await App.SignInAsync("zhao");

        var form = await zhao.GetDocumentAsync(Url);
        using var refused = await zhao.SubmitFormAsync(Url, Attempt("NoAnswer"), Form);

        form.QuerySelector("[data-testid=held-until]")!.TextContent.Should().Contain("2026-12-11");
        (await TestClient.ParseAsync(refused)).QuerySelector("[data-testid=call-error]")!.TextContent.Trim().Should().Be(
            "This customer was spoken to on another callback in the last 7 days; the next call is allowed from 2026-12-11.");
        (await TaskAsync()).Attempts.Should().BeEmpty();

        App.PinShanghai(CallbackBuilders.Thursday10.AddDays(1));
        using var zhaoTomorrow = await App.SignInAsync("zhao");
        using var allowed = await zhaoTomorrow.SubmitFormAsync(Url, Attempt("NoAnswer"), Form);
        allowed.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Unanswered_calls_only_count_as_contact_for_no_one()
    {
        var birthday = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, _customer.Id, null,
            null, App.TodayIn(_store).AddDays(-1), App.Now, occasionKey: "birthday"));
        await App.WithDbAsync(async db =>
        {
            var task = await db.CallbackTasks.Include(t => t.Attempts).SingleAsync(t => t.Id == birthday.Id);
            task.RecordAttempt(CallOutcome.NoAnswer, Mobile, _zhao.Id, App.Now.AddHours(-1), _store.LocalDate, [Mobile]);
            await db.SaveChangesAsync();
        });
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Attempt("NoAnswer"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "an unanswered call was no conversation");
    }

    [Fact]
    public async Task Three_unanswered_attempts_on_one_day_leave_the_task_open()
    {
        foreach (var (number, hour) in new[] { (Brought, 10), (Mobile, 13), (Brought, 19) })
        {
            App.PinShanghai(new DateTime(2026, 12, 10, hour, 0, 0));
            using var zhao = await App.SignInAsync("zhao");
            using var response = await zhao.SubmitFormAsync(Url, Attempt("NoAnswer", number), Form);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var task = await TaskAsync();
        task.Attempts.Should().HaveCount(3);
        task.Status.Should().Be(CallbackStatus.Open);
    }

    [Fact]
    public async Task A_third_unanswered_attempt_on_a_second_day_makes_it_unreachable()
    {
        foreach (var (number, outcome, at) in new[]
                 {
                     (Brought, "NoAnswer", CallbackBuilders.Thursday10), (Mobile, "Busy", CallbackBuilders.Thursday10.AddHours(3)),
                     (Brought, "SwitchedOff", CallbackBuilders.Thursday10.AddDays(1)),
                 })
        {
            (await TaskAsync()).Status.Should().Be(CallbackStatus.Open);
            App.PinShanghai(at);
            using var zhao = await App.SignInAsync("zhao");
            using var response = await zhao.SubmitFormAsync(Url, Attempt(outcome, number), Form);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Unreachable);
        task.Attempts.Select(a => a.ByUserId).Should().Equal(_zhao.Id, _zhao.Id, _zhao.Id);
        task.DueDate.Should().Be(_task.DueDate);
    }

    [Fact]
    public async Task A_dormant_customer_who_sold_the_car_sets_its_status_and_closes_its_other_callbacks()
    {
        var dormant = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.DormantCustomer, _customer.Id,
            _vehicle.Id, null, App.TodayIn(_store), App.Now, occasionKey: "dormant", assignedToId: _zhao.Id));
        using var zhao = await App.SignInAsync("zhao");

        using var missing = await zhao.SubmitFormAsync($"/Callbacks/{dormant.Id}", Attempt("Reached", Mobile), Form);
        (await TestClient.ParseAsync(missing)).FieldError("Input.LapseReason").Should().Be("Choose why the customer stopped coming.");
        var values = Attempt("Reached", Mobile);
        values["Input.LapseReason"] = "SoldTheCar";
        using var response = await zhao.SubmitFormAsync($"/Callbacks/{dormant.Id}", values, Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await TaskAsync(dormant.Id)).Should().Match<CallbackTask>(t => t.Status == CallbackStatus.Reached
            && t.LapseReason == LapseReason.SoldTheCar);
        var vehicle = await App.WithDbAsync(db => db.Vehicles.Include(v => v.StatusChanges).SingleAsync(v => v.Id == _vehicle.Id));
        vehicle.Status.Should().Be(VehicleStatus.Sold);
        vehicle.StatusChanges.Should().ContainSingle().Which.ByUserId.Should().Be(_zhao.Id);
        (await TaskAsync()).Status.Should().Be(CallbackStatus.Cancelled, "the sold car's after-sales callback ends too");
    }

    [Fact]
    public async Task Two_officers_calling_one_unassigned_task_at_once_one_wins_the_other_is_told_and_keeps_the_input()
    {
        await App.WithDbAsync(async db =>
        {
            var task = await db.CallbackTasks.SingleAsync(t => t.Id == _task.Id);
            task.Release();
            await db.SaveChangesAsync();
        });
        await App.CreateUserAsync("qian", _store.Id, Roles.CrmOfficer);
        using var zhao = await App.SignInAsync("zhao");
        using var qian = await App.SignInAsync("qian");
        var zhaosForm = await zhao.GetDocumentAsync(Url);
        var qiansForm = await qian.GetDocumentAsync(Url);

        using var first = await zhao.SubmitFormAsync(zhaosForm, Url, Attempt("Busy"), Form);
        var values = Attempt("NoAnswer", Mobile);
        values["Input.Note"] = "第二次拨打";
        using var second = await qian.SubmitFormAsync(qiansForm, Url, values, Form);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(second);
        page.QuerySelector("[data-testid=call-error]")!.TextContent.Should().Contain("Another CRM officer has taken this callback.");
        page.InputValue("Input.Note").Should().Be("第二次拨打");
        var task = await TaskAsync();
        task.Attempts.Should().ContainSingle().Which.Outcome.Should().Be(CallOutcome.Busy);
        task.AssignedToId.Should().Be(_zhao.Id, "an unassigned task becomes the caller's");
    }

    [Fact]
    public async Task Two_saves_of_one_task_from_forms_of_the_same_version_one_wins_by_the_row_version()
    {
        using var tab1 = await App.SignInAsync("zhao");
        using var tab2 = await App.SignInAsync("zhao");
        var form1 = await tab1.GetDocumentAsync(Url);
        var form2 = await tab2.GetDocumentAsync(Url);

        using var first = await tab1.SubmitFormAsync(form1, Url, Attempt("Busy"), Form);
        var values = Attempt("NoAnswer", Mobile);
        values["Input.Note"] = "第二次拨打";
        using var second = await tab2.SubmitFormAsync(form2, Url, values, Form);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(second);
        page.QuerySelector("[data-testid=call-error]")!.TextContent.Should().Contain("Someone else changed this record");
        page.InputValue("Input.Note").Should().Be("第二次拨打");
        (await TaskAsync()).Attempts.Should().ContainSingle().Which.Outcome.Should().Be(CallOutcome.Busy);
    }

    [Fact]
    public async Task Hostile_values_get_messages_and_save_nothing()
    {
        using var zhao = await App.SignInAsync("zhao");
        var values = Attempt("CallLater");
        values["Input.CallBackAt"] = "9999-12-31T10:00";
        values["Input.Note"] = new string('x', 600);

        using var response = await zhao.SubmitFormAsync(Url, values, Form);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Note").Should().NotBeEmpty();
        (await TaskAsync()).Attempts.Should().BeEmpty();
        values["Input.Outcome"] = "77";
        using var odd = await zhao.SubmitFormAsync(Url, values, Form);
        odd.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
