using System.Text.Json;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>Data and runs for the replacement leads tests: owners, their cars and the consultant who sold them.</summary>
public abstract class ReplacementJobTestBase(AppFixture app) : WebTest(app)
{
    /// <summary>A Monday: the tests' data is made at its 04:00 in Shanghai, when the job runs.</summary>
    protected static readonly DateOnly Monday = new(2026, 11, 9);

    private static int _counter;

    protected Store Store { get; private set; } = null!;

    protected StaffUser Li { get; private set; } = null!;

    protected StaffUser Manager { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(Monday.ToDateTime(new TimeOnly(4, 0)));
        Store = await App.CreateStoreAsync();
        Li = await App.CreateUserAsync("consultant.li", Store.Id, Roles.SalesConsultant);
        Manager = await App.CreateUserAsync("manager.wang", Store.Id, Roles.SalesManager);
    }

    /// <summary>A consenting owner with one car delivered on <paramref name="deliveredOn"/>, sold by
    /// <paramref name="soldBy"/> through a lead, order and delivery (none: a car sold elsewhere).</summary>
    protected async Task<(Customer Owner, Vehicle Car)> OwnerAsync(string name, DateOnly? deliveredOn,
        StaffUser? soldBy = null, int? mileage = null, Action<Customer>? configure = null, Store? store = null)
    {
        var at = store ?? Store;
        var number = Interlocked.Increment(ref _counter);
        var owner = await App.CreateCustomerAsync(at.Id, name, $"139{number:D8}", c =>
        {
            c.SetConsent(true, true, null, null, App.Now);
            configure?.Invoke(c);
        });
        var vin = Vin.WithCheckDigit($"LSVAU2180N{number % 10_000_000:D7}");
        var car = new Vehicle(at.Id, vin, null, "长城", "哈弗H6", null, owner.Id, deliveredOn, deliveredOn,
            soldByUs: soldBy is not null, App.Now);
        if (mileage is { } km)
        {
            car.RecordServiceVisit(deliveredOn ?? new DateOnly(2025, 1, 1), km);
        }

        await App.WithDbAsync(async db =>
        {
            db.Vehicles.Add(car);
            await db.SaveChangesAsync();
        });
        if (soldBy is not null)
        {
            var lead = await App.CreateLeadAsync(at, owner, soldBy.Id);
            var today = App.TodayIn(at);
            await App.ChangeLeadAsync(lead.Id, (l, _) => l.PlaceOrder(
                new OrderRequest(today, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null, null),
                new GradePolicy(at.Id), today, soldBy.Id, App.Now));
            await App.ChangeLeadAsync(lead.Id, (l, db) =>
            {
                var delivery = l.Deliver(new DeliveryRequest(App.Now.AddDays(-1), 150_000m, $"FP-{number}", vin),
                    soldBy.Id, App.Now);
                delivery.AttachVehicle(car.Id);
                db.Deliveries.Add(delivery);
            });
        }

        return (owner, car);
    }

    /// <summary>The job at <paramref name="at"/> on its own scope and connection, as a server would run it.</summary>
    protected async Task<ReplacementRun> RunAsync(DateTimeOffset at)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await new ReplacementLeadsJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at), NullLogger<ReplacementLeadsJob>.Instance)
            .RunAsync(CancellationToken.None);
    }

    protected static DateTimeOffset LocalInstant(Store store, DateOnly day, int hour, int minute = 0) =>
        store.StartOfLocalDay(day).AddHours(hour).AddMinutes(minute);

    protected Task<List<Lead>> ReplacementLeadsAsync() => App.WithDbAsync(db => db.Leads
        .Include(l => l.Plans).Include(l => l.Events).AsSplitQuery()
        .Where(l => l.Source == SourceChannel.OwnerReplacement).OrderBy(l => l.CustomerId).ToListAsync());
}

/// <summary>The weekly replacement leads job (spec 5.1, issue 14): who is offered, where the lead goes, once.</summary>
public sealed class ReplacementLeadsJobTests(AppFixture app) : ReplacementJobTestBase(app)
{
    private DateTimeOffset MondayAt4 => LocalInstant(Store, Monday, 4);

    [Fact]
    public async Task A_car_24_months_old_that_day_gets_a_card_for_its_selling_consultant_one_a_day_younger_none()
    {
        var (old, oldCar) = await OwnerAsync("两年整", Monday.AddMonths(-24), Li);
        await OwnerAsync("差一天", Monday.AddMonths(-24).AddDays(1), Li);

        var run = await RunAsync(MondayAt4);

        (run.Cards, run.Queued).Should().Be((1, 0));
        var lead = (await ReplacementLeadsAsync()).Single();
        (lead.CustomerId, lead.OwnerId, lead.StoreId, lead.Status, lead.Grade).Should()
            .Be((old.Id, Li.Id, Store.Id, LeadStatus.Active, ReplacementRules.StartingGrade));
        (lead.NextFollowUpDate, lead.OpenPlan!.DueDate, lead.OpenPlan.Method).Should()
            .Be((Monday, Monday, ContactMethod.Phone));
        (lead.Interest.PurchaseType, lead.Interest.TradeInCar).Should().Be((PurchaseType.Replacement, "长城 哈弗H6"));
        var offer = await App.WithDbAsync(db => db.ReplacementOffers.SingleAsync());
        (offer.CustomerId, offer.VehicleId, offer.OfferedOn, offer.LeadId, offer.IncomingLeadId).Should()
            .Be((old.Id, oldCar.Id, Monday, lead.Id, (long?)null));
        var notice = await App.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Kind == NotificationKind.ReplacementLead));
        (notice.UserId, notice.Link).Should().Be((Li.Id, $"/Leads/{lead.Id}"));
    }

    [Fact]
    public async Task A_car_at_100000_km_qualifies_whatever_its_age_99999_km_does_not()
    {
        var (far, _) = await OwnerAsync("十万公里", Monday.AddMonths(-10), Li, mileage: 100_000);
        await OwnerAsync("差一公里", Monday.AddMonths(-10), Li, mileage: 99_999);

        var run = await RunAsync(MondayAt4);

        run.Cards.Should().Be(1);
        (await ReplacementLeadsAsync()).Single().CustomerId.Should().Be(far.Id);
    }

    [Fact]
    public async Task Blacklisted_without_marketing_consent_with_an_open_lead_or_offered_11_months_ago_get_none_12_months_ago_again()
    {
        var twoYears = Monday.AddMonths(-30);
        await OwnerAsync("黑名单", twoYears, Li, configure: c => c.SetFlags(false, false, true, "骚扰", App.Now));
        await OwnerAsync("不同意营销", twoYears, Li, configure: c => c.SetConsent(false, true, null, null, App.Now));
        var (open, _) = await OwnerAsync("在跟进", twoYears, Li);
        await App.CreateLeadAsync(Store, open, Li.Id);
        var (recent, recentCar) = await OwnerAsync("十一个月前", twoYears, Li);
        await OfferedAsync(recent, recentCar, Monday.AddMonths(-11));
        var (yearAgo, yearAgoCar) = await OwnerAsync("十二个月前", twoYears, Li);
        await OfferedAsync(yearAgo, yearAgoCar, Monday.AddMonths(-12));
        var (scrapped, scrappedCar) = await OwnerAsync("报废", twoYears, Li);
        await App.WithDbAsync(async db =>
        {
            var car = await db.Vehicles.SingleAsync(v => v.Id == scrappedCar.Id);
            car.ChangeStatus(VehicleStatus.Scrapped, null, "报废", App.Now);
            await db.SaveChangesAsync();
        });

        var run = await RunAsync(MondayAt4);

        run.Cards.Should().Be(1);
        (await ReplacementLeadsAsync()).Select(l => l.CustomerId).Should().Equal(yearAgo.Id);
        scrapped.Id.Should().NotBe(0);
    }

    [Fact]
    public async Task An_owner_whose_consultant_left_or_who_bought_elsewhere_waits_in_the_queue_and_the_managers_are_told()
    {
        var zhang = await App.CreateUserAsync("consultant.zhang", Store.Id, Roles.SalesConsultant);
        var (left, leftCar) = await OwnerAsync("顾问离职", Monday.AddMonths(-25), zhang);
        await App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == zhang.Id);
            user.IsActive = false;
            await db.SaveChangesAsync();
        });
        var (elsewhere, _) = await OwnerAsync("他销", Monday.AddMonths(-25), soldBy: null);

        var run = await RunAsync(MondayAt4);

        (run.Cards, run.Queued, run.ManagerNotifications).Should().Be((0, 2, 1));
        var queued = await App.WithDbAsync(db => db.IncomingLeads.OrderBy(i => i.Id).ToListAsync());
        queued.Should().HaveCount(2).And.OnlyContain(i => i.Source == SourceChannel.OwnerReplacement
            && i.Status == IncomingLeadStatus.Waiting && i.StoreId == Store.Id && i.ArrivedAt == MondayAt4);
        queued.Select(i => i.Name).Should().BeEquivalentTo(left.Name, elsewhere.Name);
        var offers = await App.WithDbAsync(db => db.ReplacementOffers.ToListAsync());
        offers.Should().OnlyContain(o => o.LeadId == null && queued.Select(i => (long?)i.Id).Contains(o.IncomingLeadId));
        offers.Single(o => o.CustomerId == left.Id).VehicleId.Should().Be(leftCar.Id);
        var notice = await App.WithDbAsync(db => db.Notifications.SingleAsync());
        (notice.UserId, notice.Kind, notice.Link).Should()
            .Be((Manager.Id, NotificationKind.ReplacementLead, ReplacementLeadsJob.UnassignedLink));
        (await RunAsync(MondayAt4.AddDays(7))).Queued.Should().Be(0, "once per 12 months, even while it waits");
    }

    [Fact]
    public async Task A_second_run_adds_nothing_and_two_runs_at_once_make_one_card_and_one_queue_entry_per_owner()
    {
        var zhang = await App.CreateUserAsync("consultant.zhang", Store.Id, Roles.SalesConsultant);
        for (var i = 0; i < 3; i++)
        {
            await OwnerAsync($"老车主{i}", Monday.AddMonths(-26), Li);
        }

        await OwnerAsync("他销", Monday.AddMonths(-26));
        zhang.Id.Should().NotBe(0);

        var together = await Task.WhenAll(RunAsync(MondayAt4), RunAsync(MondayAt4.AddSeconds(1)));
        var again = await RunAsync(MondayAt4.AddHours(1));

        (together.Sum(r => r.Cards), together.Sum(r => r.Queued)).Should().Be((3, 1));
        (again.Cards, again.Queued, again.ManagerNotifications).Should().Be((0, 0, 0));
        (await App.WithDbAsync(db => db.Leads.CountAsync(l => l.Source == SourceChannel.OwnerReplacement))).Should().Be(3);
        (await App.WithDbAsync(db => db.FollowUpPlans.CountAsync(p => p.Status == PlanStatus.Open))).Should().Be(3);
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(1);
        (await App.WithDbAsync(db => db.ReplacementOffers.CountAsync())).Should().Be(4);
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == Li.Id))).Should().Be(3);
    }

    [Fact]
    public async Task A_store_in_Urumqi_offers_at_its_own_midnight_with_its_own_date()
    {
        var urumqi = new Store("S2", "乌鲁木齐店", "Asia/Urumqi", WorkingHours.Default, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Stores.Add(urumqi);
            await db.SaveChangesAsync();
        });
        var wu = await App.CreateUserAsync("consultant.wu", urumqi.Id, Roles.SalesConsultant);
        var (owner, _) = await OwnerAsync("新疆车主", Monday.AddMonths(-24), wu, store: urumqi);

        var beforeMidnight = LocalInstant(urumqi, Monday, 0).AddMinutes(-1);
        (await RunAsync(beforeMidnight)).Cards.Should().Be(0, "23:59 on Sunday there: the car is a day short of 24 months");
        LocalInstant(Store, Monday, 0).Should().BeBefore(beforeMidnight, "Shanghai's Monday has already begun");

        (await RunAsync(LocalInstant(urumqi, Monday, 0))).Cards.Should().Be(1);
        var lead = (await ReplacementLeadsAsync()).Single();
        (lead.CustomerId, lead.StoreId, lead.NextFollowUpDate).Should().Be((owner.Id, urumqi.Id, Monday));
        (await App.WithDbAsync(db => db.ReplacementOffers.SingleAsync())).OfferedOn.Should().Be(Monday);
    }

    [Fact]
    public async Task The_card_the_job_makes_holds_the_same_rows_as_Lead_Create_of_the_replacement_card()
    {
        var (byJob, _) = await OwnerAsync("任务建卡", Monday.AddMonths(-24), Li);
        var (byDomain, _) = await OwnerAsync("领域建卡", Monday.AddMonths(-1), Li);
        await RunAsync(MondayAt4);
        var lead = Lead.Create(ReplacementRules.Card(Store.Id, byDomain.Id, Li.Id, "长城", "哈弗H6", Monday),
            new GradePolicy(Store.Id), Monday, MondayAt4);
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });

        var rows = await App.WithDbAsync(db => db.Database.SqlQuery<string>($"""
            SELECT jsonb_build_object(
                'lead', to_jsonb(l) - 'id' - 'customer_id',
                'plans', (SELECT jsonb_agg(to_jsonb(p) - 'id' - 'lead_id' ORDER BY p.id) FROM follow_up_plans p WHERE p.lead_id = l.id),
                'events', (SELECT jsonb_agg(to_jsonb(e) - 'id' - 'lead_id' ORDER BY e.id) FROM lead_events e WHERE e.lead_id = l.id)
            )::text AS "Value"
            FROM leads l WHERE l.source = {(int)SourceChannel.OwnerReplacement} ORDER BY l.customer_id
            """).ToListAsync());

        rows.Should().HaveCount(2);
        var (sql, domain) = (JsonDocument.Parse(rows[0]), JsonDocument.Parse(rows[1]));
        byJob.Id.Should().BeLessThan(byDomain.Id);
        sql.RootElement.GetProperty("events").GetArrayLength().Should().Be(2);
        JsonElement.DeepEquals(sql.RootElement, domain.RootElement).Should().BeTrue(
            $"the job's card {rows[0]} is the domain's {rows[1]}");
    }

    private Task OfferedAsync(Customer owner, Vehicle car, DateOnly on) => App.WithDbAsync(async db =>
    {
        var queued = new IncomingLead(Store.Id, owner.Name, owner.Mobile, null, SourceChannel.OwnerReplacement,
            Store.StartOfLocalDay(on), null, App.Now);
        db.IncomingLeads.Add(queued);
        await db.SaveChangesAsync();
        queued.Dismiss("已联系", Manager.Id, App.Now);
        db.ReplacementOffers.Add(new ReplacementOffer(Store.Id, owner.Id, car.Id, on, null, queued.Id, App.Now));
        await db.SaveChangesAsync();
    });
}
