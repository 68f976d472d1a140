using System.Globalization;
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
/// Service reminder calls as the reminders job leaves them (issue 14): a <see cref="CallbackType.ServiceReminder"/> task
/// with one <see cref="ServiceReminder"/> row per reason pointing at it. Made here directly, through the domain's own
/// constructors, so these tests do not depend on the job.
/// </summary>
public static class ReminderBuilders
{
    private static int _serial;

    public static async Task<CallbackTask> CreateReminderAsync(this AppFixture app, Store store, long customerId,
        DateOnly dueDate, IReadOnlyList<(Vehicle Vehicle, ServiceReminderReason Reason, DateOnly Due)> reasons,
        long? assignedToId = null, Action<CallbackTask>? change = null)
    {
        var key = "reminder-test-" + Interlocked.Increment(ref _serial).ToString(CultureInfo.InvariantCulture);
        var task = new CallbackTask(store.Id, CallbackType.ServiceReminder, customerId, reasons[0].Vehicle.Id, null,
            dueDate, app.Now, occasionKey: key, assignedToId: assignedToId);
        change?.Invoke(task);
        await app.SaveTaskAsync(task);
        await app.WithDbAsync(async db =>
        {
            db.ServiceReminders.AddRange(reasons.Select(r =>
                new ServiceReminder(store.Id, customerId, r.Vehicle.Id, r.Reason, r.Due, task.Id, app.Now)));
            await db.SaveChangesAsync();
        });
        return task;
    }

    /// <summary>Reached at <paramref name="at"/> by <paramref name="officerId"/>, booked for <paramref name="bookedFor"/>
    /// when given (the domain's own call; a reminder has no questionnaire).</summary>
    public static Action<CallbackTask> ReachedAt(DateTimeOffset at, long officerId, DateTimeOffset? bookedFor = null) =>
        task => task.RecordReached("13800138000", officerId, at, [], [], null, null, null, bookedFor: bookedFor);
}

/// <summary>
/// The reminder call end to end on the server (issue 14): the queue lists reminders beside the callbacks with their
/// reasons and due dates and filters them; the call form lists the reasons with the car and fills them into the
/// script; reached, the customer books a visit (store-local time kept as an instant) and the store's advisors are told
/// once; bad booking times are refused beside the field with nothing saved; /Service lists the upcoming bookings.
/// </summary>
public sealed class ReminderCallTests(AppFixture app) : WebTest(app)
{
    private const string Form = "form[data-testid=call-form]";
    private const string Mobile = "13800138000";

    private Store _store = null!;
    private StaffUser _zhao = null!;
    private Customer _customer = null!;
    private Vehicle _car = null!;
    private Vehicle _second = null!;
    private CallbackTask _reminder = null!;
    private CallbackTask _callback = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        _zhao = await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("advisor1", _store.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("advisor2", _store.Id, Roles.ServiceAdvisor);
        _customer = await App.CreateOwnerAsync(_store.Id, "王小明", Mobile);
        _car = await App.CreateVehicleAsync(_store.Id, _customer.Id, "沪A12345");
        _second = await App.CreateVehicleAsync(_store.Id, _customer.Id, "沪B67890");
        var today = App.TodayIn(_store);
        _reminder = await App.CreateReminderAsync(_store, _customer.Id, today,
        [
            (_second, ServiceReminderReason.InsuranceExpiring, new DateOnly(2027, 1, 9)),
            (_car, ServiceReminderReason.Maintenance, new DateOnly(2026, 12, 15)),
        ], _zhao.Id);
        var other = await App.CreateOwnerAsync(_store.Id, "李四", "13800138009");
        var otherCar = await App.CreateVehicleAsync(_store.Id, other.Id, "沪C00001");
        var visit = await App.CreateCompletedVisitAsync(_store, otherCar, other.Id, today.AddDays(-3));
        _callback = await App.CreateAfterSalesTaskAsync(_store, visit, _zhao.Id);
    }

    private string Url => $"/Callbacks/{_reminder.Id}";

    private static Dictionary<string, string> Reached(string? bookedFor = null, bool booked = true) => new()
    {
        ["Input.Outcome"] = "Reached",
        ["Input.NumberDialled"] = Mobile,
        ["Input.Booked"] = booked ? "true" : "false",
        ["Input.BookedFor"] = bookedFor ?? string.Empty,
        ["Input.Comments"] = "下周来保养",
    };

    private Task<CallbackTask> TaskAsync() => App.WithDbAsync(db => db.CallbackTasks.AsNoTracking()
        .Include(t => t.Attempts).SingleAsync(t => t.Id == _reminder.Id));

    private Task<List<Notification>> BookedNotificationsAsync() => App.WithDbAsync(db =>
        db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.ServiceBooked).OrderBy(n => n.UserId).ToListAsync());

    private static List<string> Ids(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=callback-row]").Select(r => r.GetAttribute("data-task-id")!).ToList();

    [Fact]
    public async Task The_queue_lists_a_reminder_beside_the_callbacks_with_each_reason_its_due_date_and_car()
    {
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync("/Callbacks");

        Ids(page).Should().BeEquivalentTo(new[]
        {
            _reminder.Id.ToString(CultureInfo.InvariantCulture), _callback.Id.ToString(CultureInfo.InvariantCulture),
        });
        var row = page.QuerySelector($"[data-task-id='{_reminder.Id}']")!;
        row.QuerySelector("[data-testid=callback-type]")!.TextContent.Should().Be("Service reminder");
        row.QuerySelectorAll("[data-testid=reminder-reason]").Select(r => r.TextContent.Trim()).Should().Equal(
            "Maintenance due · due 2026-12-15 · 沪A12345 哈弗H6", "Insurance expiring · due 2027-01-09 · 沪B67890 哈弗H6");
        page.QuerySelector($"[data-task-id='{_callback.Id}'] [data-testid=reminder-reason]").Should().BeNull();

        zhao.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await zhao.GetDocumentAsync("/Callbacks");
        zh.QuerySelector($"[data-task-id='{_reminder.Id}'] [data-testid=reminder-reason]")!.TextContent.Trim()
            .Should().Be("保养到期 · 2026-12-15 到期 · 沪A12345 哈弗H6");
    }

    [Theory]
    [InlineData("?kind=Reminders", true, false)]
    [InlineData("?kind=Callbacks", false, true)]
    [InlineData("?type=ServiceReminder", true, false)]
    [InlineData("?reason=InsuranceExpiring", true, false)]
    [InlineData("?reason=Maintenance&kind=Reminders", true, false)]
    [InlineData("?reason=AnnualInspection", false, false)]
    [InlineData("?reason=FirstMaintenance&kind=Callbacks", false, false)]
    [InlineData("?kind=Nonsense&reason=99", true, true)]
    [InlineData("?kind=7&reason=%00", true, true)]
    public async Task The_queue_filters_by_reminders_or_callbacks_and_by_reason(string query, bool reminder, bool callback)
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.GetAsync("/Callbacks" + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var ids = Ids(await TestClient.ParseAsync(response));
        ids.Contains(_reminder.Id.ToString(CultureInfo.InvariantCulture)).Should().Be(reminder);
        ids.Contains(_callback.Id.ToString(CultureInfo.InvariantCulture)).Should().Be(callback);
    }

    [Fact]
    public async Task The_call_form_lists_the_reasons_with_the_car_fills_them_into_the_script_and_asks_no_satisfaction()
    {
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync(Url);

        page.QuerySelectorAll("section[data-testid=reminder-reasons] [data-testid=reminder-reason]")
            .Select(r => r.TextContent.Trim()).Should().Equal(
                "Maintenance due · due 2026-12-15 · 沪A12345 哈弗H6", "Insurance expiring · due 2027-01-09 · 沪B67890 哈弗H6");
        page.QuerySelector("[data-testid=script-purpose]")!.TextContent.Should().Be(
            "A reminder about your car: Maintenance due for 沪A12345 哈弗H6 on 2026-12-15; Insurance expiring for 沪B67890 哈弗H6 on 2027-01-09. Would you like to book a visit?");
        page.QuerySelector("#Input_Satisfaction").Should().BeNull();
        page.QuerySelectorAll("[data-testid=question]").Should().BeEmpty();
        page.QuerySelector("#Input_Booked").Should().NotBeNull();
        page.QuerySelector("#Input_BookedFor")!.GetAttribute("type").Should().Be("datetime-local");

        zhao.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await zhao.GetDocumentAsync(Url);
        zh.QuerySelector("[data-testid=script-purpose]")!.TextContent.Should().Be(
            "温馨提示您的爱车：沪A12345 哈弗H6的保养到期（2026-12-15）；沪B67890 哈弗H6的保险到期（2027-01-09）。请问需要为您预约回店吗？");
    }

    [Fact]
    public async Task A_store_script_for_reminders_replaces_the_built_in_one()
    {
        await App.WithDbAsync(async db =>
        {
            db.CallbackScripts.Add(new CallbackScript(_store.Id, CallbackType.ServiceReminder, "Hi {name}", "Due: {reasons}",
                "Bye", "您好{name}", "到期：{reasons}", "再见"));
            await db.SaveChangesAsync();
        });
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync(Url);

        page.QuerySelector("[data-testid=script-purpose]")!.TextContent.Should()
            .Be("Due: Maintenance due for 沪A12345 哈弗H6 on 2026-12-15; Insurance expiring for 沪B67890 哈弗H6 on 2027-01-09");
    }

    [Fact]
    public async Task Reached_and_booked_keeps_the_store_local_time_as_an_instant_and_tells_each_advisor_once()
    {
        using var zhao = await App.SignInAsync("zhao");
        var page = await zhao.GetDocumentAsync(Url);

        using var response = await zhao.SubmitFormAsync(page, Url, Reached("2026-12-12T09:30"), Form);
        using var again = await zhao.SubmitFormAsync(page, Url, Reached("2026-12-12T09:30"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the second post of the same form is refused");
        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Reached);
        task.BookedFor.Should().Be(TestClock.ShanghaiInstant(new DateTime(2026, 12, 12, 9, 30, 0)));
        task.OverallSatisfaction.Should().BeNull();
        task.Comments.Should().Be("下周来保养");
        task.Attempts.Should().ContainSingle().Which.Outcome.Should().Be(CallOutcome.Reached);
        var notifications = await BookedNotificationsAsync();
        var advisors = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "advisor1" || u.UserName == "advisor2")
            .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync());
        notifications.Select(n => n.UserId).Should().Equal(advisors);
        notifications.Should().OnlyContain(n => n.Link == "/Service#bookings" && n.StoreId == _store.Id
            && n.MessageKey == "Reminders.Notify.Booked");
        notifications[0].Arguments.Should().Equal("王小明", "2026-12-12 09:30", "沪A12345 哈弗H6");
        var queue = await zhao.GetDocumentAsync("/Callbacks");
        queue.QuerySelector($"[data-task-id='{_reminder.Id}']").Should().BeNull();
        var done = await zhao.GetDocumentAsync(Url);
        done.QuerySelector("[data-testid=booked-for]")!.TextContent.Should().Be("Visit booked for 2026-12-12 09:30");
    }

    [Fact]
    public async Task Selling_one_of_two_reminded_cars_keeps_the_call_for_the_other_selling_the_only_car_cancels_it()
    {
        // _reminder is about _second (its first reason) and _car; a one-car reminder for a third car.
        var third = await App.CreateVehicleAsync(_store.Id, _customer.Id, "沪D24680");
        var single = await App.CreateReminderAsync(_store, _customer.Id, App.TodayIn(_store),
            [(third, ServiceReminderReason.AnnualInspection, App.TodayIn(_store).AddDays(7))], _zhao.Id);
        using var crm = await App.SignInAsync("zhao");

        foreach (var car in new[] { _second, third })
        {
            using var response = await crm.SubmitFormAsync($"/Vehicles/{car.Id}", new Dictionary<string, string>
            {
                ["Status.Status"] = "Sold",
                ["Status.Reason"] = "客户已将车卖给朋友",
            }, "form[data-testid=status-form]");
            response.RedirectPath().Should().Be($"/Vehicles/{car.Id}");
        }

        var statuses = await App.WithDbAsync(db => db.CallbackTasks.AsNoTracking()
            .Where(t => t.Id == _reminder.Id || t.Id == single.Id).ToDictionaryAsync(t => t.Id, t => t.Status));
        statuses[_reminder.Id].Should().Be(CallbackStatus.Open, "it still reminds of the maintenance of the car kept");
        statuses[single.Id].Should().Be(CallbackStatus.Cancelled);
    }

    [Fact]
    public async Task Reached_without_a_booking_closes_the_reminder_and_tells_nobody()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached("2026-12-12T09:30", booked: false), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Reached);
        task.BookedFor.Should().BeNull("the time is ignored unless the customer booked");
        (await BookedNotificationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unanswered_reminder_call_is_an_attempt_like_any_callback()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, new Dictionary<string, string>
        {
            ["Input.Outcome"] = "NoAnswer",
            ["Input.NumberDialled"] = Mobile,
            ["Input.Booked"] = "true",
            ["Input.BookedFor"] = "2026-12-12T09:30",
        }, Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Open);
        task.BookedFor.Should().BeNull();
        task.Attempts.Should().ContainSingle().Which.Outcome.Should().Be(CallOutcome.NoAnswer);
        (await BookedNotificationsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("2026-12-10T09:59", "The booked time must be later than now and within 90 days.")]
    [InlineData("2026-12-01T10:00", "The booked time must be later than now and within 90 days.")]
    [InlineData("2027-03-10T10:01", "The booked time must be later than now and within 90 days.")]
    [InlineData("0001-01-01T00:00", "Booked for (date and time) must be between 1900-01-01 and 2100-12-31.")]
    [InlineData("9999-12-31T23:59", "Booked for (date and time) must be between 1900-01-01 and 2100-12-31.")]
    [InlineData("", "Enter the date and time the customer booked.")]
    [InlineData("next tuesday", null)]
    public async Task A_bad_booking_time_is_refused_beside_the_field_with_the_input_kept_and_nothing_saved(string value,
        string? message)
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached(value), Form);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        var error = page.FieldError("Input.BookedFor");
        if (message is null)
        {
            error.Should().NotBeNullOrWhiteSpace();
        }
        else
        {
            error.Should().Be(message);
        }

        page.QuerySelector("#Input_Comments")!.TextContent.Should().Be("下周来保养");
        page.QuerySelector("#Input_Booked")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("#Input_Outcome option[selected]")!.GetAttribute("value").Should().Be("Reached");
        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Open);
        task.BookedFor.Should().BeNull();
        task.Attempts.Should().BeEmpty();
        (await BookedNotificationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_booking_time_holding_a_nul_is_refused_and_nothing_saved()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached("2026-12-12T09:30\0"), Form);

        ((int)response.StatusCode).Should().BeInRange(200, 499);
        response.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        var task = await TaskAsync();
        task.Status.Should().Be(CallbackStatus.Open);
        task.BookedFor.Should().BeNull();
        (await BookedNotificationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_booking_at_the_last_minute_of_the_ninety_days_is_accepted()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync(Url, Reached("2027-03-10T10:00"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await TaskAsync()).BookedFor.Should().Be(TestClock.ShanghaiInstant(new DateTime(2027, 3, 10, 10, 0, 0)));
    }

    [Fact]
    public async Task Service_lists_the_stores_upcoming_bookings_by_time_with_customer_car_reasons_and_who_booked()
    {
        var now = App.Now;
        var today = App.TodayIn(_store);
        DateTimeOffset Local(int days, int hour, int minute = 0) =>
            _store.StartOfLocalDay(today.AddDays(days)).AddHours(hour).AddMinutes(minute);
        var chen = await App.CreateOwnerAsync(_store.Id, "陈女士", "13800138001", Gender.Female);
        var chensCar = await App.CreateVehicleAsync(_store.Id, chen.Id, "沪D22222");
        var later = await App.CreateReminderAsync(_store, chen.Id, today,
            [(chensCar, ServiceReminderReason.AnnualInspection, today.AddDays(20))],
            change: ReminderBuilders.ReachedAt(now, _zhao.Id, Local(3, 14)));
        var earlyToday = await App.CreateReminderAsync(_store, _customer.Id, today.AddDays(-7),
            [(_car, ServiceReminderReason.FirstMaintenance, today.AddDays(-1))],
            change: ReminderBuilders.ReachedAt(now.AddDays(-2), _zhao.Id, Local(0, 8)));
        var yesterday = await App.CreateReminderAsync(_store, _customer.Id, today.AddDays(-14),
            [(_second, ServiceReminderReason.Maintenance, today.AddDays(-3))],
            change: ReminderBuilders.ReachedAt(now.AddDays(-5), _zhao.Id, Local(-1, 10)));
        var unbooked = await App.CreateReminderAsync(_store, chen.Id, today.AddDays(-21),
            [(chensCar, ServiceReminderReason.InsuranceExpiring, today.AddDays(10))],
            change: ReminderBuilders.ReachedAt(now.AddDays(-1), _zhao.Id));
        var elsewhere = await App.CreateStoreAsync("S2", "别店");
        var stranger = await App.CreateOwnerAsync(elsewhere.Id, "外店客户", "13800138002");
        var strangersCar = await App.CreateVehicleAsync(elsewhere.Id, stranger.Id, "沪E33333");
        await App.CreateReminderAsync(elsewhere, stranger.Id, today,
            [(strangersCar, ServiceReminderReason.Maintenance, today.AddDays(5))],
            change: ReminderBuilders.ReachedAt(now, _zhao.Id, Local(1, 9)));
        await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager);
        using var advisor = await App.SignInAsync("advisor1");
        using var manager = await App.SignInAsync("sm");

        var page = await advisor.GetDocumentAsync("/Service");
        var managers = await manager.GetDocumentAsync("/Service");

        var rows = page.QuerySelectorAll("[data-testid=booking-row]").ToList();
        rows.Select(r => r.GetAttribute("data-task-id")).Should().Equal(
            earlyToday.Id.ToString(CultureInfo.InvariantCulture), later.Id.ToString(CultureInfo.InvariantCulture));
        string Cell(int row, string testId) => rows[row].QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
        Cell(0, "booking-time").Should().Be("2026-12-10 08:00");
        Cell(0, "booking-customer").Should().Be("王小明");
        Cell(0, "booking-vehicle").Should().Be("沪A12345 哈弗H6");
        Cell(0, "booking-reasons").Should().Be("First maintenance due · due 2026-12-09");
        Cell(0, "booking-by").Should().Be("Display zhao");
        Cell(1, "booking-time").Should().Be("2026-12-13 14:00");
        Cell(1, "booking-customer").Should().Be("陈女士");
        Cell(1, "booking-reasons").Should().Be("Annual inspection due · due 2026-12-30");
        managers.QuerySelectorAll("[data-testid=booking-row]").Should().HaveCount(2);
        new[] { yesterday.Id, unbooked.Id }.Should().NotContain(id =>
            rows.Any(r => r.GetAttribute("data-task-id") == id.ToString(CultureInfo.InvariantCulture)));
    }
}
