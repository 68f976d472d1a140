using System.Net;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Callbacks;

/// <summary>
/// The CRM officer's queue (spec 4.3): due today and overdue first with the days overdue, then the upcoming tasks
/// already callable; by type; an officer's own and the store's unassigned tasks, the managers the whole store's; taking
/// an unassigned task, once.
/// </summary>
public sealed class CallbackQueueTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _zhao = null!;
    private StaffUser _qian = null!;
    private CallbackTask _overdue = null!;
    private CallbackTask _today = null!;
    private CallbackTask _upcoming = null!;
    private CallbackTask _notYet = null!;
    private CallbackTask _qians = null!;
    private CallbackTask _dormant = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        _zhao = await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        _qian = await App.CreateUserAsync("qian", _store.Id, Roles.CrmOfficer);
        var today = App.TodayIn(_store);

        async Task<CallbackTask> AfterSales(string name, string mobile, int completedDaysAgo, long? officer = null)
        {
            var customer = await App.CreateOwnerAsync(_store.Id, name, mobile);
            var vehicle = await App.CreateVehicleAsync(_store.Id, customer.Id, "沪A" + mobile[^5..]);
            var visit = await App.CreateCompletedVisitAsync(_store, vehicle, customer.Id, today.AddDays(-completedDaysAgo),
                orderNumber: "RO-" + name.Length + mobile[^4..], broughtByMobile: "139" + mobile[3..]);
            return await App.CreateAfterSalesTaskAsync(_store, visit, officer);
        }

        _today = await AfterSales("今日", "13800000001", 3);
        _overdue = await AfterSales("逾期", "13800000002", 7);
        _upcoming = await AfterSales("将到", "13800000003", 1);
        _notYet = await AfterSales("今天修", "13800000004", 0);
        _qians = await AfterSales("钱的", "13800000005", 3, _qian.Id);
        var closed = await AfterSales("已关", "13800000006", 3);
        await App.WithDbAsync(async db =>
        {
            var task = await db.CallbackTasks.SingleAsync(t => t.Id == closed.Id);
            task.Cancel(null, App.Now);
            await db.SaveChangesAsync();
        });
        var sleeper = await App.CreateOwnerAsync(_store.Id, "沉睡", "13800000007");
        _dormant = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.DormantCustomer, sleeper.Id, null,
            null, today, App.Now, occasionKey: "dormant-1"));

        var other = await App.CreateStoreAsync("S2");
        var theirs = await App.CreateOwnerAsync(other.Id, "别店", "13800000008");
        await App.SaveTaskAsync(new CallbackTask(other.Id, CallbackType.DormantCustomer, theirs.Id, null, null, today,
            App.Now, occasionKey: "dormant-2"));
    }

    private static long[] Ids(IHtmlDocument page, string section) =>
        page.QuerySelectorAll($"[data-testid={section}] [data-testid=callback-row]")
            .Select(r => long.Parse(r.GetAttribute("data-task-id")!)).ToArray();

    [Fact]
    public async Task An_officer_sees_overdue_and_due_today_first_then_the_callable_upcoming_ones()
    {
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync("/Callbacks");

        Ids(page, "due").Should().Equal(_overdue.Id, _today.Id, _dormant.Id);
        Ids(page, "upcoming").Should().Equal(_upcoming.Id);
        var overdueRow = page.QuerySelector($"[data-task-id='{_overdue.Id}']")!;
        overdueRow.QuerySelector("[data-testid=days-overdue]")!.TextContent.Should().Be("4 days overdue");
        overdueRow.QuerySelector("[data-testid=callback-number]")!.GetAttribute("href").Should().Be("tel:13900000002",
            "after-sales calls the one who brought the car first");
        overdueRow.QuerySelector("[data-testid=callback-vehicle]")!.GetAttribute("href").Should().Be($"/Vehicles/{_overdue.VehicleId}");
        overdueRow.QuerySelector("[data-testid=callback-customer]")!.GetAttribute("href").Should().Be($"/Customers/{_overdue.CustomerId}");
        overdueRow.QuerySelector("[data-testid=callback-cause]")!.TextContent.Should().Contain("RO-").And.Contain("2026-12-03");
        overdueRow.QuerySelector("[data-testid=callback-attempts]")!.TextContent.Should().Be("0 attempts");
        page.QuerySelector("[data-testid=due-count]")!.TextContent.Should().Be("3 due today or overdue");
        page.Body!.TextContent.Should().NotContain("钱的").And.NotContain("别店").And.NotContain("已关")
            .And.NotContain("今天修", "a visit completed today is callable from tomorrow");
    }

    [Fact]
    public async Task The_type_filter_keeps_one_type()
    {
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync("/Callbacks?type=DormantCustomer");

        Ids(page, "due").Should().Equal(_dormant.Id);
        page.QuerySelector("[data-testid=upcoming]").Should().BeNull();
        (await zhao.GetAsync("/Callbacks?type=99")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.GeneralManager)]
    public async Task Managers_read_the_whole_stores_queue_but_cannot_take(string role)
    {
        await App.CreateUserAsync("boss", _store.Id, role);
        using var boss = await App.SignInAsync("boss");

        var page = await boss.GetDocumentAsync("/Callbacks");

        Ids(page, "due").Should().Equal(_overdue.Id, _today.Id, _qians.Id, _dormant.Id);
        page.QuerySelector($"[data-task-id='{_qians.Id}'] [data-testid=callback-officer]")!.TextContent
            .Should().Be("Display qian");
        page.QuerySelectorAll("[data-testid=take]").Should().BeEmpty();
    }

    [Fact]
    public async Task Pages_follow_the_due_date_and_id_key()
    {
        var customer = await App.CreateOwnerAsync(_store.Id, "多多", "13800000099");
        var today = App.TodayIn(_store);
        for (var i = 0; i < 55; i++)
        {
            await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, customer.Id, null, null,
                today.AddDays(-1), App.Now, occasionKey: $"b-{i}"));
        }

        using var zhao = await App.SignInAsync("zhao");
        var first = await zhao.GetDocumentAsync("/Callbacks");
        var next = first.QuerySelector("[data-testid=next-page]")!.GetAttribute("href")!;
        var second = await zhao.GetDocumentAsync(next);

        var all = Ids(first, "due").Concat(Ids(second, "due")).Concat(Ids(second, "upcoming")).ToList();
        all.Should().HaveCount(55 + 4).And.OnlyHaveUniqueItems();
        all[0].Should().Be(_overdue.Id);
        second.QuerySelector("[data-testid=next-page]").Should().BeNull();
    }

    [Fact]
    public async Task An_officer_takes_an_unassigned_task()
    {
        using var zhao = await App.SignInAsync("zhao");

        using var response = await zhao.SubmitFormAsync("/Callbacks", new Dictionary<string, string>(),
            $"li[data-task-id='{_today.Id}'] form");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await TaskAsync(_today.Id)).AssignedToId.Should().Be(_zhao.Id);
        var page = await zhao.GetDocumentAsync("/Callbacks");
        page.QuerySelector($"[data-task-id='{_today.Id}'] [data-testid=take]").Should().BeNull();
        page.QuerySelector($"[data-task-id='{_today.Id}'] [data-testid=callback-officer]")!.TextContent.Should().Be("Display zhao");
    }

    [Fact]
    public async Task Two_officers_taking_at_once_one_wins_and_the_other_is_told()
    {
        using var zhao = await App.SignInAsync("zhao");
        using var qian = await App.SignInAsync("qian");
        var zhaosPage = await zhao.GetDocumentAsync("/Callbacks");
        var qiansPage = await qian.GetDocumentAsync("/Callbacks");
        var form = $"li[data-task-id='{_today.Id}'] form";

        using var first = await zhao.SubmitFormAsync(zhaosPage, "/Callbacks", new Dictionary<string, string>(), form);
        using var second = await qian.SubmitFormAsync(qiansPage, "/Callbacks", new Dictionary<string, string>(), form);

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(second)).QuerySelector("[data-testid=queue-error]")!.TextContent
            .Should().Contain("Another CRM officer has taken this callback.");
        (await TaskAsync(_today.Id)).AssignedToId.Should().Be(_zhao.Id);
    }

    [Fact]
    public async Task A_take_from_a_stale_row_is_refused_by_the_row_version()
    {
        using var qian = await App.SignInAsync("qian");
        var page = await qian.GetDocumentAsync("/Callbacks");
        await App.WithDbAsync(async db =>
        {
            // Taken and put back meanwhile: free again, but not the row Qian saw.
            var task = await db.CallbackTasks.SingleAsync(t => t.Id == _today.Id);
            task.Take(_zhao.Id);
            await db.SaveChangesAsync();
            task.Release();
            await db.SaveChangesAsync();
        });

        using var response = await qian.SubmitFormAsync(page, "/Callbacks", new Dictionary<string, string>(),
            $"li[data-task-id='{_today.Id}'] form");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=queue-error]")!.TextContent
            .Should().Contain("Another CRM officer has taken this callback.");
        (await TaskAsync(_today.Id)).AssignedToId.Should().BeNull();
    }

    [Fact]
    public async Task A_customer_spoken_to_on_another_task_shows_as_held()
    {
        var other = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, _today.CustomerId,
            null, null, App.TodayIn(_store).AddDays(-2), App.Now, occasionKey: "birthday-2026"));
        await App.WithDbAsync(async db =>
        {
            var task = await db.CallbackTasks.Include(t => t.Attempts).SingleAsync(t => t.Id == other.Id);
            task.RecordReached("13800000001", _zhao.Id, App.Now.AddDays(-2), [], [], null, null, "生日快乐");
            await db.SaveChangesAsync();
        });
        using var zhao = await App.SignInAsync("zhao");

        var page = await zhao.GetDocumentAsync("/Callbacks");

        page.QuerySelector($"[data-task-id='{_today.Id}'] [data-testid=held-until]")!.TextContent
            .Should().Be("Held until 2026-12-15");
        page.QuerySelector($"[data-task-id='{_overdue.Id}'] [data-testid=held-until]").Should().BeNull();
    }

    private Task<CallbackTask> TaskAsync(long id) =>
        App.WithDbAsync(db => db.CallbackTasks.AsNoTracking().SingleAsync(t => t.Id == id));
}
