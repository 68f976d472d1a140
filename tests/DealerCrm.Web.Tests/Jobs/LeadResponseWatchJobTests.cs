using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Pages.Leads;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>Spec 5.1 lead response watch: late unassigned enquiries and queue leads uncontacted at 48/72/96 hours.</summary>
public sealed class LeadResponseWatchJobTests(AppFixture app) : WebTest(app)
{
    /// <summary>A Friday morning in Shanghai (02:00 UTC).</summary>
    private static readonly DateTimeOffset Arrival = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Arrival);
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _manager = null!;
    private int _mobile;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("manager.two", _store.Id, Roles.SalesManager);
    }

    [Fact]
    public async Task An_enquiry_waiting_exactly_two_days_is_not_late_one_second_later_it_is_and_the_managers_are_told_once()
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("manager.other", other.Id, Roles.SalesManager);
        var incoming = await IncomingAsync("等待客户", Arrival);

        At(Arrival + TimeSpan.FromDays(2));
        var onTheDot = await RunAsync();
        At(Arrival + TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
        var late = await RunAsync();
        At(Arrival + TimeSpan.FromDays(3));
        var again = await RunAsync();

        (onTheDot.UnassignedLate, late.UnassignedLate, again.UnassignedLate).Should().Be((0, 1, 0));
        (late.Notifications, again.Notifications).Should().Be((2, 0));
        var notes = await NotesAsync();
        notes.Should().HaveCount(2).And.OnlyContain(n => n.Kind == NotificationKind.LeadResponseLate
            && n.Link == "/Manager/Unassigned" && n.MessageKey == LeadResponseWatchJob.LateMessageKey
            && n.DedupeKey == $"incoming-late:{incoming.Id}" && n.StoreId == _store.Id);
        notes.Select(n => n.UserId).Should().NotContain(_li.Id, "consultants are not told of the queue");
        (await App.WithDbAsync(db => db.IncomingLeads.SingleAsync(i => i.Id == incoming.Id))).LateFlaggedAt
            .Should().Be(Arrival + TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_job_flags_exactly_the_enquiries_the_unassigned_queue_marks_late()
    {
        At(Arrival + TimeSpan.FromDays(5));
        var now = _clock.GetUtcNow();
        foreach (var age in new[] { 1, 47, 48, 49, 100 })
        {
            await IncomingAsync($"客户{age}", now - TimeSpan.FromHours(age));
        }

        var dismissed = await IncomingAsync("已搁置", now - TimeSpan.FromHours(100));
        await App.WithDbAsync(async db =>
        {
            var row = await db.IncomingLeads.SingleAsync(i => i.Id == dismissed.Id);
            row.Dismiss("测试数据", _manager.Id, now);
            await db.SaveChangesAsync();
        });

        await RunAsync();

        var flagged = await App.WithDbAsync(db =>
            db.IncomingLeads.Where(i => i.LateFlaggedAt != null).Select(i => i.Id).OrderBy(i => i).ToListAsync());
        var marked = await App.WithDbAsync(db =>
            db.IncomingLeads.Where(IncomingLead.Late(now)).Select(i => i.Id).OrderBy(i => i).ToListAsync());
        flagged.Should().HaveCount(2).And.Equal(marked);
    }

    [Fact]
    public async Task A_queue_lead_is_flagged_at_48_72_and_96_hours_and_the_managers_are_told_once_at_each()
    {
        var lead = await QueueLeadAsync("网上客户", Arrival);
        var runs = new List<LeadResponseWatchRun>();
        foreach (var hours in new[] { 47.99, 48, 48.25, 71.99, 72, 95.99, 96, 200 })
        {
            At(Arrival + TimeSpan.FromHours(hours));
            runs.Add(await RunAsync());
        }

        runs.Select(r => r.UncontactedFlagged).Should().Equal(0, 1, 0, 0, 1, 0, 1, 0);
        runs.Select(r => r.Notifications).Should().Equal(0, 2, 0, 0, 2, 0, 2, 0);
        (await AlertHoursAsync(lead.Id)).Should().Be(96);
        var notes = await NotesAsync();
        notes.Where(n => n.UserId == _manager.Id).Select(n => n.DedupeKey).Should().BeEquivalentTo(
            $"lead-uncontacted:{lead.Id}:48", $"lead-uncontacted:{lead.Id}:72", $"lead-uncontacted:{lead.Id}:96");
        notes.Should().OnlyContain(n => n.Link == $"/Leads/{lead.Id}" && n.MessageKey == LeadResponseWatchJob.UncontactedMessageKey);
        notes.Single(n => n.UserId == _manager.Id && n.DedupeKey.EndsWith(":72", StringComparison.Ordinal)).Arguments
            .Should().Equal("网上客户", "72");
    }

    [Fact]
    public async Task A_card_made_without_the_queue_a_contacted_lead_and_a_closed_lead_are_never_flagged()
    {
        var walkIn = await CardAsync("自己建卡", Arrival);
        var contacted = await QueueLeadAsync("已联系", Arrival);
        var closed = await QueueLeadAsync("已休眠", Arrival);
        await App.ChangeLeadAsync(contacted.Id, (lead, _) => lead.RecordFollowUp(
            new FollowUpEntry(Arrival.AddHours(30), ContactMethod.Phone, "联系上了", FollowUpResult.Reached, null),
            new PlanRequest(DateOnly.FromDateTime(Arrival.AddDays(5).UtcDateTime), null, ContactMethod.Phone,
                PlanPurpose.Reminder, null, null),
            new GradePolicy(_store.Id), _store.LocalDate(Arrival.AddHours(30)), _li.Id, Arrival.AddHours(30)));
        await App.ChangeLeadAsync(closed.Id, (lead, _) => lead.MakeDormant(_manager.Id, Arrival.AddHours(1)));
        var watched = await QueueLeadAsync("未联系", Arrival);

        At(Arrival + TimeSpan.FromHours(100));
        var run = await RunAsync();

        run.UncontactedFlagged.Should().Be(1);
        (await AlertHoursAsync(watched.Id)).Should().Be(96);
        foreach (var id in new[] { walkIn.Id, contacted.Id, closed.Id })
        {
            (await AlertHoursAsync(id)).Should().BeNull();
        }
    }

    [Fact]
    public async Task An_enquiry_assigned_after_waiting_four_days_is_told_once_at_96_hours_not_three_times()
    {
        var lead = await QueueLeadAsync("等了四天", Arrival);

        At(Arrival + TimeSpan.FromHours(97));
        var run = await RunAsync();

        (run.UncontactedFlagged, run.Notifications).Should().Be((1, 2));
        (await NotesAsync()).Should().OnlyContain(n => n.DedupeKey == $"lead-uncontacted:{lead.Id}:96");
    }

    [Fact]
    public async Task Hours_are_wall_clock_hours_a_closed_holiday_and_the_night_do_not_stop_them()
    {
        // Arrival on the eve of a closed day: 48 hours later is 48 hours later.
        await App.WithDbAsync(async db =>
        {
            db.StoreHolidays.Add(new StoreHoliday(_store.Id, _store.LocalDate(Arrival).AddDays(1), HolidayKind.Closed, "国庆"));
            await db.SaveChangesAsync();
        });
        var lead = await QueueLeadAsync("假期前", Arrival);

        At(Arrival + TimeSpan.FromHours(48));
        await RunAsync();

        (await AlertHoursAsync(lead.Id)).Should().Be(48);
    }

    [Fact]
    public async Task Three_runs_at_the_same_instant_tell_each_manager_once()
    {
        await QueueLeadAsync("并发一", Arrival);
        await QueueLeadAsync("并发二", Arrival);
        await IncomingAsync("并发三", Arrival);
        At(Arrival + TimeSpan.FromHours(73));

        var runs = await Task.WhenAll(RunAsync(), RunAsync(), RunAsync());

        runs.Sum(r => r.UncontactedFlagged).Should().Be(2);
        runs.Sum(r => r.UnassignedLate).Should().Be(1);
        runs.Sum(r => r.Notifications).Should().Be(6);
        (await NotesAsync()).Should().HaveCount(6);
    }

    [Fact]
    public async Task The_job_flags_exactly_the_leads_the_managers_board_lists()
    {
        var other = await App.CreateStoreAsync("S2");
        var otherConsultant = await App.CreateUserAsync("consultant.other", other.Id, Roles.SalesConsultant);
        At(Arrival + TimeSpan.FromDays(10));
        var now = _clock.GetUtcNow();
        foreach (var age in new[] { 1.0, 47.99, 48, 60, 72, 95, 96, 150 })
        {
            await QueueLeadAsync($"本店{age}", now - TimeSpan.FromHours(age));
        }

        await QueueLeadAsync("他店", now - TimeSpan.FromHours(80), other.Id, otherConsultant.Id);
        await CardAsync("自建", now - TimeSpan.FromHours(80));

        await RunAsync();

        var flagged = await App.WithDbAsync(db => db.Leads.Where(l => l.UncontactedAlertHours != null)
            .Select(l => new { l.Id, Hours = l.UncontactedAlertHours }).OrderBy(l => l.Id).ToListAsync());
        var listed = await App.WithDbAsync(async db => (await ResponseWatchQueries.UncontactedFromQueue(db, now)
                .Select(l => new { l.Id, l.ArrivedAt }).OrderBy(l => l.Id).ToListAsync())
            .Select(l => new { l.Id, Hours = ResponseWatch.ThresholdReached(l.ArrivedAt, now) }).ToList());
        flagged.Should().HaveCount(7, "six here at 48 h or more and one in the other store").And.Equal(listed);
    }

    [Fact]
    public async Task The_manager_sees_the_uncontacted_queue_leads_on_the_board_with_their_threshold()
    {
        var other = await App.CreateStoreAsync("S2");
        var otherConsultant = await App.CreateUserAsync("consultant.other", other.Id, Roles.SalesConsultant);
        var at72 = await QueueLeadAsync("七十二小时", App.Now - TimeSpan.FromHours(73));
        var at48 = await QueueLeadAsync("四十八小时", App.Now - TimeSpan.FromHours(50));
        await QueueLeadAsync("刚到", App.Now - TimeSpan.FromHours(47));
        await CardAsync("自建卡", App.Now - TimeSpan.FromHours(100));
        await QueueLeadAsync("他店客户", App.Now - TimeSpan.FromHours(100), other.Id, otherConsultant.Id);

        using var client = await App.SignInAsync("manager");
        var page = await client.GetDocumentAsync("/Manager");

        var rows = page.QuerySelectorAll("[data-testid=uncontacted-row]")
            .Select(r => (r.GetAttribute("data-lead-id"), r.GetAttribute("data-hours"))).ToList();
        rows.Should().Equal((at72.Id.ToString(), "72"), (at48.Id.ToString(), "48"));
        page.QuerySelector("[data-testid=uncontacted-summary]")!.TextContent.Should().Contain("2 past 48 h · 1 past 72 h · 0 past 96 h");
        page.QuerySelector("[data-testid=uncontacted]")!.TextContent.Should().Contain("七十二小时")
            .And.NotContain("他店客户").And.NotContain("自建卡").And.NotContain("刚到");
    }

    private void At(DateTimeOffset instant) => _clock.SetUtcNow(instant);

    private async Task<LeadResponseWatchRun> RunAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var job = new LeadResponseWatchJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), _clock,
            NullLogger<LeadResponseWatchJob>.Instance);
        return await job.RunAsync(CancellationToken.None);
    }

    private Task<List<Notification>> NotesAsync() =>
        App.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.LeadResponseLate).ToListAsync());

    private Task<short?> AlertHoursAsync(long leadId) =>
        App.WithDbAsync(db => db.Leads.Where(l => l.Id == leadId).Select(l => l.UncontactedAlertHours).SingleAsync());

    private string NextMobile() => $"137{++_mobile:D8}";

    private async Task<IncomingLead> IncomingAsync(string name, DateTimeOffset arrivedAt, int? storeId = null)
    {
        var incoming = new IncomingLead(storeId ?? _store.Id, name, NextMobile(), "哈弗H6", SourceChannel.DealerWebsite,
            arrivedAt, null, arrivedAt);
        await App.WithDbAsync(async db =>
        {
            db.IncomingLeads.Add(incoming);
            await db.SaveChangesAsync();
        });
        return incoming;
    }

    /// <summary>An enquiry from the queue assigned to a consultant, as <c>IncomingLeadAssignment</c> does it: the card
    /// carries the enquiry's arrival, and no first contact yet.</summary>
    private async Task<Lead> QueueLeadAsync(string name, DateTimeOffset arrivedAt, int? storeId = null, long? ownerId = null)
    {
        var incoming = await IncomingAsync(name, arrivedAt, storeId);
        var lead = await CardAsync(name, arrivedAt, storeId, ownerId, incoming.Mobile);
        await App.WithDbAsync(async db =>
        {
            var row = await db.IncomingLeads.SingleAsync(i => i.Id == incoming.Id);
            row.Assign(lead.Id, lead.OwnerId, _manager.Id, arrivedAt.AddMinutes(5));
            await db.SaveChangesAsync();
        });
        return lead;
    }

    /// <summary>A card a consultant made without the queue (a phone-in written up by hand): never contacted.</summary>
    private async Task<Lead> CardAsync(string name, DateTimeOffset arrivedAt, int? storeId = null, long? ownerId = null,
        string? mobile = null)
    {
        var customer = await App.CreateCustomerAsync(storeId ?? _store.Id, name, mobile ?? NextMobile());
        var today = _store.LocalDate(arrivedAt);
        var lead = Lead.Create(new NewLead
        {
            StoreId = storeId ?? _store.Id,
            CustomerId = customer.Id,
            OwnerId = ownerId ?? _li.Id,
            Source = SourceChannel.DealerWebsite,
            ArrivedAt = arrivedAt,
            Grade = Grade.C,
            FirstPlan = new PlanRequest(today, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null),
        }, new GradePolicy(storeId ?? _store.Id), today, arrivedAt.AddMinutes(5));
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }
}
