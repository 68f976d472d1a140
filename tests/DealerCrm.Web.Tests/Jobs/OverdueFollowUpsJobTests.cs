using DealerCrm.Domain.Defeats;
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

/// <summary>Spec 5.1 overdue alerts and chapter 5 scenario 1, with the clock in the test's hands.</summary>
public sealed class OverdueFollowUpsJobTests(AppFixture app) : WebTest(app)
{
    private static readonly DateOnly Day = new(2026, 11, 24);
    private readonly FakeTimeProvider _clock = new();
    private Store _store = null!;
    private StaffUser _li = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
    }

    [Fact]
    public async Task At_eight_Li_gets_one_notification_per_overdue_plan_and_at_nine_nothing_more()
    {
        for (var i = 0; i < 3; i++)
        {
            await LeadDueAsync($"逾期{i}", $"1370000010{i}", Day.AddDays(-1 - i));
        }

        await LeadDueAsync("今天到期", "13700000200", Day);
        SetShanghai(Day, 8);

        var first = await RunAsync();
        SetShanghai(Day, 9);
        var second = await RunAsync();

        (first.PlanNotifications, second.PlanNotifications).Should().Be((3, 0));
        var notes = await App.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _li.Id).ToListAsync());
        notes.Should().HaveCount(3).And.OnlyContain(n => n.Kind == NotificationKind.PlanOverdue && n.Link!.StartsWith("/Leads/"));
        var managerNotes = await App.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.StoreOverdueSummary).ToListAsync());
        managerNotes.Should().ContainSingle().Which.Arguments.Should().Equal("3", "Display consultant.li 3");
        first.Statements.Should().Be(3);
    }

    [Fact]
    public async Task Before_eight_store_time_managers_get_no_summary_yet_and_a_plan_due_today_is_not_overdue()
    {
        await LeadDueAsync("逾期", "13700000100", Day.AddDays(-1));
        await LeadDueAsync("今天", "13700000101", Day);
        SetShanghai(Day, 7);

        var run = await RunAsync();

        (run.PlanNotifications, run.ManagerSummaries).Should().Be((1, 0));
    }

    [Fact]
    public async Task The_day_boundary_is_the_stores_own_midnight()
    {
        await LeadDueAsync("昨天到期", "13700000100", Day.AddDays(-1));

        // 23:30 on the due day itself in Shanghai (15:30 UTC): not overdue yet; at 00:30 the next day it is.
        SetShanghai(Day.AddDays(-1), 23, 30);
        (await RunAsync()).PlanNotifications.Should().Be(0);
        SetShanghai(Day, 0, 30);
        (await RunAsync()).PlanNotifications.Should().Be(1);
    }

    [Fact]
    public async Task Each_store_is_judged_by_its_own_calendar()
    {
        var urumqi = new Store("UR1", "乌鲁木齐店", "Asia/Urumqi", WorkingHours.Default, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Stores.Add(urumqi);
            await db.SaveChangesAsync();
        });
        var westConsultant = await App.CreateUserAsync("consultant.west", urumqi.Id, Roles.SalesConsultant);
        await LeadDueAsync("上海客户", "13700000100", Day.AddDays(-1));
        await LeadDueAsync("乌鲁木齐客户", "13700000101", Day.AddDays(-1), urumqi.Id, westConsultant.Id);

        // 00:30 in Shanghai is still 22:30 the day before in Urumqi (UTC+6): only the Shanghai plan is overdue.
        SetShanghai(Day, 0, 30);
        (await RunAsync()).PlanNotifications.Should().Be(1);
        SetShanghai(Day, 2, 30);
        (await RunAsync()).PlanNotifications.Should().Be(1, "past midnight in Urumqi too");
    }

    [Fact]
    public async Task The_database_refuses_a_second_open_plan_for_one_lead()
    {
        var lead = await LeadDueAsync("客户", "13700000100", Day);

        var act = () => App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, method, purpose, status, created_at)
            VALUES ({lead.Id}, {_store.Id}, {_li.Id}, {Day}, 0, 0, 0, {App.Now})
            """));

        (await act.Should().ThrowAsync<Npgsql.PostgresException>()).Which.ConstraintName
            .Should().Be("ux_follow_up_plans_one_open_per_lead");
    }

    [Fact]
    public async Task A_lead_more_than_thirty_days_overdue_is_out_of_control_and_stops_being_so_once_followed_up()
    {
        var lost = await LeadDueAsync("失控", "13700000100", Day.AddDays(-31));
        var late = await LeadDueAsync("逾期", "13700000101", Day.AddDays(-30));
        SetShanghai(Day, 9);

        await RunAsync();

        var flags = await App.WithDbAsync(db => db.Leads.OrderBy(l => l.Id).Select(l => l.IsOutOfControl).ToListAsync());
        flags.Should().Equal(true, false);
        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == lost.Id);
            lead.RecordFollowUp(new FollowUpEntry(_clock.GetUtcNow(), ContactMethod.Phone, "终于联系上", FollowUpResult.Reached, null),
                new PlanRequest(Day.AddDays(5), null, ContactMethod.Phone, PlanPurpose.Reminder, null, null),
                new GradePolicy(_store.Id), Day, _li.Id, _clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        await RunAsync();
        (await App.WithDbAsync(db => db.Leads.SingleAsync(l => l.Id == lost.Id))).IsOutOfControl.Should().BeFalse();
        late.Id.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_lead_waiting_for_a_defeat_decision_is_not_overdue_and_a_lead_won_since_loses_its_flag()
    {
        var pending = await LeadDueAsync("待审", "13700000100", Day.AddDays(-40));
        var won = await LeadDueAsync("成交", "13700000101", Day.AddDays(-40));
        SetShanghai(Day, 9);
        await App.ChangeLeadAsync(pending.Id, (lead, db) =>
            db.DefeatRequests.Add(lead.RequestDefeat(_li.Id, DefeatReason.Other, null, null, "联系不上", _clock.GetUtcNow())));

        var first = await RunAsync();

        first.PlanNotifications.Should().Be(1, "only the followed lead's plan is overdue");
        (await FlagsAsync()).Should().Equal(false, true);
        await App.ChangeLeadAsync(won.Id, (lead, _) =>
        {
            lead.PlaceOrder(new OrderRequest(Day, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null, null),
                new GradePolicy(_store.Id), Day, _li.Id, _clock.GetUtcNow());
            lead.Deliver(new DeliveryRequest(_clock.GetUtcNow(), 150_000m, "FP-001", "LSVAU218XN2183294"), _li.Id, _clock.GetUtcNow());
        });
        await RunAsync();
        (await FlagsAsync()).Should().Equal(false, false);
    }

    [Fact]
    public async Task Two_servers_running_the_job_at_once_notify_once()
    {
        for (var i = 0; i < 5; i++)
        {
            await LeadDueAsync($"逾期{i}", $"1370000010{i}", Day.AddDays(-2));
        }

        SetShanghai(Day, 10);

        var runs = await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());

        runs.Sum(r => r.PlanNotifications).Should().Be(5);
        runs.Sum(r => r.ManagerSummaries).Should().Be(1);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(6);
    }

    [Fact]
    public async Task A_backlog_is_notified_in_batches_each_plan_once_oldest_first_and_the_summary_once_a_day()
    {
        for (var i = 0; i < 5; i++)
        {
            await LeadDueAsync($"逾期{i}", $"1370000010{i}", Day.AddDays(-1 - i));
        }

        await LeadDueAsync("明天", "13700000200", Day.AddDays(1));
        SetShanghai(Day, 9);

        var first = await RunAsync(batchSize: 2);
        var managerNotes = await ManagerSummaryCountAsync();
        SetShanghai(Day, 10);
        var second = await RunAsync(batchSize: 2);

        (first.PlanNotifications, first.Statements, first.ManagerSummaries).Should().Be((5, 2 + 3, 1),
            "batches of 2, 2 and 1 plans");
        (second.PlanNotifications, second.Statements, second.ManagerSummaries).Should().Be((0, 3, 0));
        managerNotes.Should().Be(1);
        (await ManagerSummaryCountAsync()).Should().Be(1);
        var dueDates = await App.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _li.Id)
            .OrderBy(n => n.Id).Select(n => n.Arguments[1]).ToListAsync());
        string Due(int daysAgo) => Day.AddDays(-daysAgo).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        dueDates.Take(2).Should().BeEquivalentTo([Due(5), Due(4)], "the first batch takes the oldest");
        dueDates.Skip(2).Take(2).Should().BeEquivalentTo([Due(3), Due(2)]);
        dueDates[4].Should().Be(Due(1));
    }

    [Fact]
    public async Task A_manager_who_joins_during_the_day_gets_that_days_summary_on_the_next_run()
    {
        await LeadDueAsync("逾期", "13700000100", Day.AddDays(-1));
        SetShanghai(Day, 9);
        await RunAsync();
        await App.CreateUserAsync("manager.new", _store.Id, Roles.SalesManager);
        SetShanghai(Day, 10);

        var later = await RunAsync();

        later.ManagerSummaries.Should().Be(1);
        (await ManagerSummaryCountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task A_consultant_opens_a_notification_from_the_bell_and_it_is_read()
    {
        await LeadDueAsync("逾期", "13700000100", Day.AddDays(-1));
        SetShanghai(Day, 9);
        await RunAsync();
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync("/Notifications");
        page.QuerySelector("[data-testid=unread-count]")!.TextContent.Should().Be("1");
        page.QuerySelector("[data-testid=notifications]")!.TextContent.Should().Contain("Follow-up with 逾期 was due on");
        using var opened = await li.SubmitFormAsync(page, "/Notifications", new Dictionary<string, string>(),
            "[data-testid=notifications] form");

        opened.RedirectPath().Should().StartWith("/Leads/");
        var after = await li.GetDocumentAsync("/Notifications");
        after.QuerySelector("[data-testid=unread-count]").Should().BeNull();
        using var manager = await App.SignInAsync("manager");
        var theirs = await manager.GetDocumentAsync("/Notifications");
        theirs.QuerySelector("[data-testid=notifications]")!.TextContent.Should().NotContain("逾期 was due",
            "a user sees only their own inbox");
    }

    private async Task<OverdueRun> RunAsync(int batchSize = 20_000)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var job = new OverdueFollowUpsJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), _clock,
            NullLogger<OverdueFollowUpsJob>.Instance)
        {
            NotificationBatchSize = batchSize,
        };
        return await job.RunAsync(CancellationToken.None);
    }

    private Task<int> ManagerSummaryCountAsync() =>
        App.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.StoreOverdueSummary));

    private Task<List<bool>> FlagsAsync() =>
        App.WithDbAsync(db => db.Leads.OrderBy(l => l.Id).Select(l => l.IsOutOfControl).ToListAsync());

    private void SetShanghai(DateOnly day, int hour, int minute = 0) =>
        _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime());

    private async Task<Lead> LeadDueAsync(string name, string mobile, DateOnly due, int? storeId = null, long? ownerId = null)
    {
        var customer = await App.CreateCustomerAsync(storeId ?? _store.Id, name, mobile);
        var lead = Lead.Create(new NewLead
        {
            StoreId = storeId ?? _store.Id,
            CustomerId = customer.Id,
            OwnerId = ownerId ?? _li.Id,
            Source = SourceChannel.DealerWebsite,
            Grade = Grade.C,
            FirstPlan = new PlanRequest(due, null, ContactMethod.Phone, PlanPurpose.Reminder, null, "测试"),
        }, new GradePolicy(storeId ?? _store.Id), due.AddDays(-1), App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }
}
