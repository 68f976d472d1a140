using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data.Seed;
using DealerCrm.Web.Pages.Admin.Callbacks;
using DealerCrm.Web.Pages.Reports;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Operations;

public sealed class DemoDataTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task Seeding_twice_creates_the_two_stores_and_eleven_accounts_once()
    {
        for (var run = 0; run < 2; run++)
        {
            await using var scope = App.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        (await App.WithDbAsync(db => db.Stores.OrderBy(s => s.Code).Select(s => s.Name).ToListAsync()))
            .Should().Equal("Demo Store 1", "Demo Store 2");
        (await App.WithDbAsync(db => db.Users.CountAsync())).Should().Be(11);
        var workingDays = await WorkingDaysSinceLastMonthAsync();
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(70 + workingDays + 11 + 11 + 5 + 26,
            "52 of the showroom, 18 car owners of the service desk, and issue 12's owners: one per working day of the two " +
            "months' callbacks, 9 of the named items, a birthday and a car buyer; issue 13's 11 loyalty owners; issue " +
            "14's 5 owners with service reminders this week; issue 15's 13 people of each store's past campaign");
        // Issue 14's replacement leads, made by the job the seeder runs, are counted on their own below.
        var replacement = DealerCrm.Domain.Leads.SourceChannel.OwnerReplacement;
        var leads = await App.WithDbAsync(db => db.Leads.Where(l => l.Source != replacement).Select(l => new { l.Grade, l.Status, l.OwnerId, Open = l.Plans.Count(p => p.Status == DealerCrm.Domain.FollowUps.PlanStatus.Open) }).ToListAsync());
        leads.Should().HaveCount(71, "39 leads of the day's work, 6 quiet C leads (two per consultant), the sale of the sales grievance, issue 13's 11 sales to its loyalty owners and issue 15's 7 campaign leads per store");
        leads.Where(l => l.Status is DealerCrm.Domain.Leads.LeadStatus.Active or DealerCrm.Domain.Leads.LeadStatus.Ordered)
            .Should().HaveCount(50).And.OnlyContain(l => l.Open == 1, "every Active or Ordered lead has exactly one open plan");
        leads.Where(l => l.Status == DealerCrm.Domain.Leads.LeadStatus.Dormant).Should().HaveCount(2, "one per store")
            .And.OnlyContain(l => l.Open == 0 && l.Grade == DealerCrm.Domain.Leads.Grade.C);
        leads.Where(l => l.Status == DealerCrm.Domain.Leads.LeadStatus.Won).Should().HaveCount(19).And.OnlyContain(l => l.Open == 0);
        (await App.WithDbAsync(db => db.CallbackTasks.CountAsync(t => t.Type != CallbackType.ComplaintFollowUp
                && t.Type != CallbackType.ServiceReminder)))
            .Should().Be(17 + workingDays + 6, "3 new-car callbacks, 14 of the after-sales week, one a working day since the " +
                "first of last month, 4 of the named grievances, a birthday and the sales grievance's new-car callback");
        (await App.WithDbAsync(db => db.Orders.CountAsync())).Should().Be(27,
            "10 of the showroom, 11 of issue 13's loyalty owners, 3 of each store's past campaign");
        var demoStores = await App.WithDbAsync(db => db.Stores.ToListAsync());
        var offered = await App.WithDbAsync(db => db.Leads.Where(l => l.Source == replacement)
            .Select(l => new { l.OwnerId, l.NextFollowUpDate, l.StoreId }).ToListAsync());
        offered.Should().NotBeEmpty("the loyalty owners' cars over two years old are offered a new one")
            .And.OnlyContain(l => l.NextFollowUpDate == App.TodayIn(demoStores.Single(s => s.Id == l.StoreId)),
                "on their consultant's day list today");
        var incoming = await App.WithDbAsync(db => db.IncomingLeads.Where(i => i.Source != replacement)
            .Select(i => i.ArrivedAt).ToListAsync());
        incoming.Should().HaveCount(10, "each store's manager has unassigned leads to work on");
        incoming.Count(at => App.Now - at > DealerCrm.Domain.Leads.IncomingLead.AssignWithin).Should().Be(4);
        leads.Select(l => l.Grade).Distinct().Should().BeEquivalentTo(
            [DealerCrm.Domain.Leads.Grade.H, DealerCrm.Domain.Leads.Grade.A, DealerCrm.Domain.Leads.Grade.B, DealerCrm.Domain.Leads.Grade.C, DealerCrm.Domain.Leads.Grade.O]);
        var traffic = await App.WithDbAsync(db => db.TrafficEntries.ToListAsync());
        traffic.Should().Contain(t => t.IsOpen).And.Contain(t => t.IsReturnVisit).And.Contain(t => t.Kind == DealerCrm.Domain.Showroom.TrafficKind.PhoneCall)
            .And.Contain(t => t.Mobile != null && t.CustomerId == null, "visits still waiting for their card");
        // Spec 3.5 can be tried at once: each store has C leads past the default dormancy period, followed up on time.
        var stores = await App.WithDbAsync(db => db.Stores.Select(st => st.Id).ToListAsync());
        foreach (var storeId in stores)
        {
            var eligible = await App.WithDbAsync(db => DealerCrm.Web.Pages.Leads.DormantLeads.Eligible(db, storeId,
                    DealerCrm.Domain.Leads.DormancyRule.Cutoff(App.Now, DealerCrm.Domain.Leads.DormancyRule.DefaultDays))
                .Select(l => new { l.Id, l.OwnerId, Due = l.Plans.Single(p => p.Status == DealerCrm.Domain.FollowUps.PlanStatus.Open).DueDate, Calls = l.Records.Count })
                .ToListAsync());
            eligible.Should().NotBeEmpty($"store {storeId} has leads for the manager's dormant page");
            var today = await App.WithDbAsync(async db => (await db.Stores.SingleAsync(st => st.Id == storeId)).LocalDate(App.Now));
            eligible.Should().OnlyContain(l => l.Due >= today && l.Calls >= 6, "quiet, not neglected: called every 15 days");
        }

        using var manager = await App.SignInAsync("manager", DemoDataSeeder.DemoPassword);
        var dormantPage = await manager.GetDocumentAsync("/Manager/Dormant");
        dormantPage.QuerySelectorAll("input[type=checkbox][name=Selected]").Should().NotBeEmpty("the page lists them to move");
        using var client = await App.SignInAsync("store2.consultant", DemoDataSeeder.DemoPassword);
        (await client.GetAsync("/")).RedirectPath().Should().Be("/FollowUps");
    }

    [Fact]
    public async Task Each_store_has_a_past_a_running_and_a_planned_campaign_and_this_months_targets()
    {
        await SeedAsync();
        var before = await CampaignCountsAsync();
        await SeedAsync();
        (await CampaignCountsAsync()).Should().Equal(before, "campaigns, contacts, targets: seeding again adds nothing");

        foreach (var store in await App.WithDbAsync(db => db.Stores.AsNoTracking().OrderBy(s => s.Code).ToListAsync()))
        {
            var today = store.LocalDate(App.Now);
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            var lastMonth = thisMonth.AddMonths(-1);
            var campaigns = await App.WithDbAsync(db => db.Campaigns.AsNoTracking().Where(c => c.StoreId == store.Id).ToListAsync());
            campaigns.Should().HaveCount(3);
            campaigns.Should().Contain(c => c.EndsOn < today, "a past one")
                .And.Contain(c => c.StartsOn <= today && c.EndsOn >= today, "a running one")
                .And.Contain(c => c.StartsOn > today, "a planned one");
            var contacts = await App.WithDbAsync(db => db.CampaignContacts.AsNoTracking().Where(c => c.StoreId == store.Id).ToListAsync());
            contacts.Select(c => c.Stage).Distinct().Should().BeEquivalentTo(Enum.GetValues<CampaignStage>());
            contacts.Should().OnlyContain(c => c.NotifiedAt <= App.Now && (c.InvitedAt == null || c.NotifiedAt <= c.InvitedAt)
                && (c.AttendedAt == null || (c.InvitedAt != null && c.InvitedAt <= c.AttendedAt)), "stages are cumulative, in order, in the past");

            // M01 for last month: the past campaign's funnel, leads and a contract in each window (so cost per sale shows).
            var past = (await App.WithDbAsync(db => CampaignReportQueries.ReadAsync(db, store,
                    ReportPeriod.Month(lastMonth.Year, lastMonth.Month))))
                .Should().ContainSingle(r => r.Notified > 0).Subject;
            (past.Notified, past.Invited, past.Attended).Should().Be((13, 9, 7), "12 on the list, 8 invited, 6 came, and a walk-in");
            (past.Leads, past.QualifiedLeads).Should().Be((7, 5));
            (past.Day0, past.Days1To3, past.Days4To30).Should().Be((1, 1, 1));
            (await App.WithDbAsync(db => db.Deliveries.CountAsync(d => d.StoreId == store.Id
                    && db.CampaignContacts.Any(c => c.CustomerId == d.CustomerId && c.AttendedAt != null))))
                .Should().Be(2, "the day-0 and days 1–3 contracts were delivered");

            // This month's report (the default period) is not empty either: the running event's list of today.
            var running = (await App.WithDbAsync(db => CampaignReportQueries.ReadAsync(db, store,
                    ReportPeriod.Month(thisMonth.Year, thisMonth.Month))))
                .Should().ContainSingle(r => r.Notified > 0).Subject;
            running.Attended.Should().Be(2);
            running.Invited.Should().BeGreaterThanOrEqualTo(2);

            var targets = await App.WithDbAsync(db => db.StoreTargets.AsNoTracking().Where(t => t.StoreId == store.Id).ToListAsync());
            targets.Select(t => t.Month).Should().BeEquivalentTo([thisMonth, lastMonth, lastMonth.AddMonths(-1)]);
            targets.Should().OnlyContain(t => t.Cards > 0 && t.Orders > 0 && t.Deliveries > 0);
            targets.Should().OnlyContain(t => store.Code == "DEMO1" ? t.SatisfactionRate == 0.9m : t.SatisfactionRate == null,
                "the after-sales rates where the store has callbacks and a service manager");
        }

        // The pages a newcomer opens: the campaign list and the M01 report with its rows.
        using var gm = await App.SignInAsync("gm", DemoDataSeeder.DemoPassword);
        var demo1 = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "DEMO1"));
        var month = new DateOnly(demo1.LocalDate(App.Now).Year, demo1.LocalDate(App.Now).Month, 1).AddMonths(-1);
        var report = await gm.GetDocumentAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"/Reports/Campaigns?Month={month:yyyy-MM}"));
        report.Body!.TextContent.Should().Contain("坦克300 试驾日").And.Contain("36,000.00");
        (await gm.GetDocumentAsync("/Campaigns")).Body!.TextContent.Should().Contain("冬季到店有礼").And.Contain("老车主答谢会");
    }

    private Task<List<int>> CampaignCountsAsync() => App.WithDbAsync(async db => new List<int>
    {
        await db.Campaigns.CountAsync(), await db.CampaignContacts.CountAsync(), await db.StoreTargets.CountAsync(),
        await db.Leads.CountAsync(), await db.Orders.CountAsync(),
    });

    [Fact]
    public async Task The_crm_officer_has_a_week_of_callbacks_in_every_state_due_by_the_stores_calendar()
    {
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        var store = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "DEMO1"));
        var today = store.LocalDate(App.Now);
        var officerId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "crmofficer").Select(u => u.Id).SingleAsync());
        var tasks = await App.WithDbAsync(db => db.CallbackTasks.AsNoTracking().Include(t => t.Attempts).Include(t => t.Answers)
            .Where(t => t.AssignedToId == officerId).ToListAsync());

        tasks.Select(t => t.Status).Distinct().Should().Contain([CallbackStatus.Open, CallbackStatus.Reached,
            CallbackStatus.Refused, CallbackStatus.Unreachable, CallbackStatus.Missed]);
        var open = tasks.Where(t => t.IsOpen).ToList();
        open.Should().Contain(t => t.DueDate == today, "due today")
            .And.Contain(t => t.DueDate < today, "overdue")
            .And.Contain(t => t.DueDate > today, "upcoming")
            .And.Contain(t => t.NextAttemptAt > App.Now, "asked to call later, at an agreed time")
            .And.Contain(t => t.Type == CallbackType.DormantCustomer)
            .And.Contain(t => t.Type == CallbackType.BirthdayCare);
        open.Should().OnlyContain(t => !t.IsMissedBy(today), "a task 7 days past due is missed, not open");
        tasks.Should().Contain(t => t.Status == CallbackStatus.Reached
            && t.Answers.Any(a => a.Value == AnswerValue.No && a.Reason != null), "a \"no\" with its reason");
        tasks.Where(t => t.Status == CallbackStatus.Unreachable).Should().NotBeEmpty().And.OnlyContain(t =>
            t.Attempts.Count == 3 && t.Attempts.Select(a => store.LocalDate(a.At)).Distinct().Count() == 2);
        tasks.Should().OnlyContain(t => t.ContactName != null && t.ContactNumber != null, "every task says whom to call");

        // Every 3-day callback is due by the rule of 4.7 on the store's calendar (with its demo holidays).
        var holidays = await App.WithDbAsync(db => db.StoreHolidays.Where(h => h.StoreId == store.Id).ToListAsync());
        holidays.Should().Contain(h => h.Kind == HolidayKind.Closed).And.Contain(h => h.Kind == HolidayKind.WorkingDay);
        var calendar = new WorkingCalendar(store.WorkingHours, holidays);
        var afterSales = await App.WithDbAsync(db => db.CallbackTasks.Where(t => t.Type == CallbackType.AfterSalesThreeDay)
            .Join(db.ServiceVisits, t => t.ServiceVisitId, v => v.Id, (t, v) => new { t.DueDate, v.CompletedAt, v.BroughtByName, t.ContactName })
            .ToListAsync());
        afterSales.Should().NotBeEmpty().And.OnlyContain(t => t.DueDate == calendar.CallbackDueDay(store.LocalDate(t.CompletedAt!.Value)));
        afterSales.Should().Contain(t => t.BroughtByName != null && t.ContactName == t.BroughtByName, "送修人 is called");
        var newCar = await App.WithDbAsync(db => db.CallbackTasks.Where(t => t.Type == CallbackType.NewCarThreeDay && t.StoreId == store.Id)
            .Join(db.Deliveries, t => t.DeliveryId, d => d.Id, (t, d) => new { t.DueDate, d.DeliveredAt, t.AssignedToId }).ToListAsync());
        newCar.Should().NotBeEmpty().And.OnlyContain(t => t.DueDate == calendar.CallbackDueDay(store.LocalDate(t.DeliveredAt))
            && t.AssignedToId == officerId);

        // The service advisor's desk: open and completed repair orders of several types, cars sold elsewhere.
        var visits = await App.WithDbAsync(db => db.ServiceVisits.Where(v => v.StoreId == store.Id).ToListAsync());
        visits.Should().Contain(v => v.CompletedAt == null && store.LocalDate(v.OpenedAt) == today, "open today")
            .And.Contain(v => v.CompletedAt != null)
            .And.Contain(v => v.BroughtByName != null)
            .And.Contain(v => !v.Types.IsWorkshop(), "a parts sale causes no callback")
            .And.Contain(v => !v.AcceptsCallback);
        visits.Select(v => v.Types).Distinct().Count().Should().BeGreaterThan(5);
        (await App.WithDbAsync(db => db.Vehicles.CountAsync(v => !v.SoldByUs && v.FirstServiceDate != null)))
            .Should().Be(4, "three of the service desk, one of issue 13's loyalty owners");
        (await App.WithDbAsync(db => db.VehicleStatusChanges.CountAsync())).Should().BeGreaterThan(0);

        // A questionnaire and a script per type in each store.
        foreach (var storeId in await App.WithDbAsync(db => db.Stores.Select(s => s.Id).ToListAsync()))
        {
            // The complaint follow-up call (issue 12) asks only the overall level, the service reminder (issue 14) only
            // whether the customer books: no questionnaire of their own, but a script.
            foreach (var type in Enum.GetValues<CallbackType>().Where(t => t != CallbackType.ComplaintFollowUp))
            {
                var asked = await App.WithDbAsync(db => QuestionnaireQueries.ForNewCall(db, storeId, type).CountAsync());
                if (type == CallbackType.ServiceReminder)
                {
                    asked.Should().Be(0, "a reminder call asks no questions");
                }
                else
                {
                    asked.Should().BeGreaterThan(1, $"store {storeId} asks {type} questions");
                }

                (await App.WithDbAsync(db => db.CallbackScripts.CountAsync(s => s.StoreId == storeId && s.Type == type)))
                    .Should().Be(1);
            }
        }
    }

    [Fact]
    public async Task Grievances_complaints_and_actions_are_there_in_every_state_and_seeding_again_adds_nothing()
    {
        await SeedAsync();
        var first = await CountsAsync();
        await SeedAsync();
        (await CountsAsync()).Should().Equal(first, "complaints, steps, actions, events, tasks, customers, notifications");

        var store = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "DEMO1"));
        var today = store.LocalDate(App.Now);
        var items = await App.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Steps)
            .Where(c => c.StoreId == store.Id).ToListAsync());
        items.Select(c => c.Status).Distinct().Should().BeEquivalentTo(Enum.GetValues<ComplaintStatus>());
        items.Where(c => c.Kind == ComplaintKind.Complaint).Select(c => c.Status).Distinct()
            .Should().Contain([ComplaintStatus.Open, ComplaintStatus.Closed]);
        items.Where(c => c.Kind == ComplaintKind.Grievance).Select(c => c.Status).Distinct()
            .Should().BeEquivalentTo(Enum.GetValues<ComplaintStatus>());
        items.Select(c => c.Source).Distinct().Should().BeEquivalentTo(Enum.GetValues<ComplaintSource>());

        // Late and on time, by the steps' own deadlines.
        items.Should().Contain(c => c.Status == ComplaintStatus.Open && c.Steps.Any(s => s.IsPending && s.LateBy(App.Now) != null),
                "a step past its deadline")
            .And.Contain(c => c.Status == ComplaintStatus.Open && c.Steps.Where(s => s.Deadline != null)
                .All(s => s.LateBy(App.Now) == null), "an item on time")
            .And.Contain(c => c.Steps.Any(s => s.DoneAt != null && s.LateBy(App.Now) != null), "a step done late");
        var manufacturer = items.Single(c => c.Source == ComplaintSource.ManufacturerHotline);
        manufacturer.ManufacturerCaseNumber.Should().NotBeNullOrEmpty();
        manufacturer.Steps.Single(s => s.Type == ComplaintStepType.PortalUpdated).DoneAt.Should().NotBeNull();
        manufacturer.Steps.Single(s => s.Type == ComplaintStepType.ResultReported).IsPending.Should().BeTrue();
        items.Should().Contain(c => c.Kind == ComplaintKind.Complaint && c.ReopenCount == 1
            && c.Steps.Any(s => s.Type == ComplaintStepType.ReHandled && s.IsPending
                && s.Deadline == c.ComplaintReceivedAt!.Value.AddDays(21)), "reopened, re-handling due 21 days from receipt");
        items.Should().Contain(c => c.Kind == ComplaintKind.Complaint && c.Source == ComplaintSource.Callback
            && c.Steps.Any(s => s.Type == ComplaintStepType.RaisedToComplaint) && c.Steps.Any(s => s.Superseded));
        items.Should().Contain(c => c.Department == ComplaintDepartment.Sales && c.DeliveryId != null && c.CallbackTaskId != null
            && c.Steps.Any(s => s.Type == ComplaintStepType.ManagerCalled && s.DoneAt != null));

        // The loop: a resolved item waits for its open follow-up call; closed ones ended by a reached or unreachable call.
        var followUps = await App.WithDbAsync(db => db.CallbackTasks.AsNoTracking()
            .Where(t => t.Type == CallbackType.ComplaintFollowUp).ToListAsync());
        followUps.Should().OnlyContain(t => t.ComplaintId != null);
        foreach (var resolved in items.Where(c => c.Status == ComplaintStatus.Resolved))
        {
            followUps.Should().Contain(t => t.ComplaintId == resolved.Id && t.Status == CallbackStatus.Open);
        }

        followUps.Where(t => t.Status != CallbackStatus.Open).Select(t => t.Status).Distinct()
            .Should().BeEquivalentTo([CallbackStatus.Reached, CallbackStatus.Unreachable]);

        // Every reached 3-day callback with a problem or a dissatisfied level has its grievance (4.4), and only those.
        var reached = await App.WithDbAsync(db => db.CallbackTasks.AsNoTracking().Include(t => t.Answers)
            .Where(t => t.StoreId == store.Id && t.Status == CallbackStatus.Reached
                && (t.Type == CallbackType.AfterSalesThreeDay || t.Type == CallbackType.NewCarThreeDay)).ToListAsync());
        var withProblem = reached.Where(t => t.OverallSatisfaction is Satisfaction.Dissatisfied or Satisfaction.VeryDissatisfied
            || t.Answers.Any(a => (a.Value == AnswerValue.No && a.Reason != null) || a.ProblemCategory != null)).Select(t => t.Id).ToList();
        withProblem.Should().HaveCountGreaterThan(5);
        items.Where(c => c.CallbackTaskId != null).Select(c => c.CallbackTaskId!.Value).Should().BeEquivalentTo(withProblem);

        // Two months of callbacks: last month in every outcome, answers of every kind.
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var submitted = await App.WithDbAsync(db => db.CallbackReportSubmissions.AsNoTracking()
            .Where(s => s.StoreId == store.Id).ToListAsync());
        submitted.Should().ContainSingle(s => s.Year == lastMonth.Year && s.Month == lastMonth.Month,
            "last month is submitted to the GM with its frozen figures");
        submitted.Single().Figures.Should().Contain("\"due\"", "the figures are the report's own JSON");
        var months = await App.WithDbAsync(db => db.CallbackTasks.AsNoTracking().Include(t => t.Answers)
            .Where(t => t.StoreId == store.Id && t.DueDate >= lastMonth && t.DueDate < lastMonth.AddMonths(1)).ToListAsync());
        months.Should().HaveCountGreaterThan(15);
        months.Select(t => t.Status).Distinct().Should().Contain([CallbackStatus.Reached, CallbackStatus.Unreachable,
            CallbackStatus.Missed, CallbackStatus.Refused]);
        months.Select(t => t.OverallSatisfaction).Distinct().Should().Contain([Satisfaction.VerySatisfied, Satisfaction.Satisfied,
            Satisfaction.Neutral, Satisfaction.Dissatisfied]);
        months.Should().Contain(t => t.Type == CallbackType.BirthdayCare && t.Status == CallbackStatus.Reached);
        months.SelectMany(t => t.Answers).Should().Contain(a => a.Value == AnswerValue.NotApplicable)
            .And.Contain(a => a.ProblemCategory != null).And.Contain(a => a.Value == AnswerValue.No && a.Reason != null);

        // Actions in every state, one late, from a complaint and from a recurring problem, with a service advisor.
        var advisorId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "serviceadvisor").Select(u => u.Id).SingleAsync());
        var actions = await App.WithDbAsync(db => db.CorrectiveActions.AsNoTracking().Include(a => a.Participants)
            .Include(a => a.Events).Where(a => a.StoreId == store.Id).ToListAsync());
        actions.Select(a => a.Status).Distinct().Should().BeEquivalentTo(Enum.GetValues<ActionStatus>());
        actions.Should().Contain(a => a.IsLate(today))
            .And.Contain(a => a.ComplaintId != null)
            .And.Contain(a => a.Kind == ActionKind.Preventive && a.ComplaintId == null && a.ProblemCategoryCode != null)
            .And.Contain(a => a.Status == ActionStatus.Returned && a.Events.Any(e => e.To == ActionStatus.Returned && e.Comment != null))
            .And.OnlyContain(a => a.ResponsibleUserId == advisorId || a.Participants.Any(p => p.UserId == advisorId));
        actions.Should().OnlyContain(a => a.Events.Count >= 1 && a.Events.All(e => e.At <= App.Now));
        items.SelectMany(c => c.Steps).Should().OnlyContain(s => s.DoneAt == null || s.DoneAt <= App.Now, "nothing in the future");

        // The inboxes: the open items' notifications, once each.
        var gmId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "gm").Select(u => u.Id).SingleAsync());
        var notes = await App.WithDbAsync(db => db.Notifications.Where(n => n.UserId == gmId).Select(n => n.DedupeKey).ToListAsync());
        notes.Should().OnlyHaveUniqueItems().And.HaveCountGreaterThanOrEqualTo(items.Count(c => c.Status == ComplaintStatus.Open));
    }

    [Fact]
    public async Task Outside_development_the_demo_accounts_are_never_created_even_when_asked()
    {
        await using var production = new CrmWebApplicationFactory(App.ConnectionString, environment: "Production")
            .WithWebHostBuilder(b => b.UseSetting("Seed:DemoData", "true").UseSetting("Hangfire:ServerEnabled", "false"));

        _ = production.Server;

        (await App.WithDbAsync(db => db.Users.CountAsync())).Should().Be(0);
        (await App.WithDbAsync(db => db.Stores.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Seeding_works_whatever_ids_the_stores_get()
    {
        // A database that has seen many stores (a long test run, a store deleted and made again): the demo VINs, plates
        // and mobiles are built from the store's id and must stay well-formed.
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"ALTER TABLE stores ALTER COLUMN id RESTART WITH 987"));

        await SeedAsync();

        var stores = await App.WithDbAsync(db => db.Stores.Select(s => s.Id).ToListAsync());
        stores.Should().OnlyContain(id => id >= 987);
        (await App.WithDbAsync(db => db.Vehicles.CountAsync())).Should().BePositive();
        (await App.WithDbAsync(db => db.CustomerLoyalty.CountAsync())).Should().BePositive();
    }

    private async Task SeedAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }

    private Task<List<int>> CountsAsync() => App.WithDbAsync(async db => new List<int>
    {
        await db.Complaints.CountAsync(), await db.ComplaintSteps.CountAsync(), await db.CorrectiveActions.CountAsync(),
        await db.ActionEvents.CountAsync(), await db.CallbackTasks.CountAsync(), await db.Customers.CountAsync(),
        await db.Notifications.CountAsync(),
    });

    /// <summary>The working days of Demo Store 1 from the first of last month to yesterday: one callback each.</summary>
    private Task<int> WorkingDaysSinceLastMonthAsync() => App.WithDbAsync(async db =>
    {
        var store = await db.Stores.SingleAsync(s => s.Code == "DEMO1");
        var calendar = new WorkingCalendar(store.WorkingHours, await db.StoreHolidays.Where(h => h.StoreId == store.Id).ToListAsync());
        var today = store.LocalDate(App.Now);
        var count = 0;
        for (var day = new DateOnly(today.Year, today.Month, 1).AddMonths(-1); day < today; day = day.AddDays(1))
        {
            count += calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return count;
    });
}
