using System.Globalization;
using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data.Seed;

/// <summary>
/// Issue 15's campaigns and targets (Development only), relative to the seed instant, so the M01 report, the campaign
/// list and the "against target" figures are not empty at the first sign-in. Per store with sales data:
/// <list type="bullet">
/// <item>a past test-drive day on the 8th of last month, whose list (people new to the store, mobiles 133…) was notified
/// on the 2nd and invited on the 5th; attendees (one a walk-in without marketing consent), leads made on the day,
/// within days 1–3 and later (qualified and not), and contracts in each window — day 0 and days 1–3 delivered two weeks
/// later, days 4–30 still an open order;</item>
/// <item>a showroom event running this fortnight: the store's own open leads (with consent) notified this morning, some
/// invited, two attended;</item>
/// <item>an owners' event planned three weeks ahead, with its targets and no list yet.</item>
/// </list>
/// Everything goes through the domain (<see cref="CampaignContact.Link"/> checks consent and keeps stages cumulative;
/// leads, orders and deliveries as the lead card makes them, stamped when they happened). The deliveries' new-car
/// callbacks are left out, as for the loyalty owners' earlier sales: the demo's callback month is issue 12's. Seeded
/// once per store (skipped when the first campaign customer exists). <see cref="SeedTargetsAsync"/> adds the store's
/// targets for this month and the two before, for the months that have none.
/// </summary>
public sealed class DemoCampaignData(CrmDbContext db, TimeProvider time)
{
    /// <summary>The past campaign's people: mobiles from here (+ store × 1,000,000 + n); apart from the other demo data's.</summary>
    public const long MobileBase = 133_0000_0000L;

    /// <summary>The past campaign's list: the first <see cref="Invited"/> invited, the first <see cref="Attended"/> came.</summary>
    public const int Notified = 12;

    public const int Invited = 8;

    public const int Attended = 6;

    private static readonly (string Name, Gender Gender)[] People =
    [
        ("邓志强", Gender.Male), ("许婷", Gender.Female), ("韩磊", Gender.Male), ("曹雪梅", Gender.Female),
        ("彭建国", Gender.Male), ("蒋丽华", Gender.Female), ("谢宇", Gender.Male), ("宋佳", Gender.Female),
        ("袁浩", Gender.Male), ("潘颖", Gender.Female), ("杜鹏", Gender.Male), ("叶倩", Gender.Female),
        ("范大勇", Gender.Male),
    ];

    private Store _store = null!;
    private DateTimeOffset _now;
    private DateOnly _today;
    private GradePolicy _policy = null!;

    /// <summary>The store's three campaigns; returns how many were created (0 when already there or no sales data).</summary>
    public async Task<int> SeedAsync(Store store, long managerId, IReadOnlyList<StaffUser> consultants,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(consultants);
        var firstMobile = Mobile(store, 0);
        if (consultants.Count == 0
            || !await db.Orders.AnyAsync(o => o.StoreId == store.Id, cancellationToken)
            || await db.Customers.AnyAsync(c => c.StoreId == store.Id && c.Mobile == firstMobile, cancellationToken))
        {
            return 0;
        }

        _store = store;
        _now = time.GetUtcNow();
        _today = store.LocalDate(_now);
        _policy = await db.GradePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.StoreId == store.Id, cancellationToken)
            ?? new GradePolicy(store.Id);

        await PastAsync(managerId, consultants, cancellationToken);
        await RunningAsync(managerId, cancellationToken);

        var planned = _today.AddDays(21);
        db.Campaigns.Add(new Campaign(store.Id, new CampaignDetails("老车主答谢会", CampaignType.OwnerEvent, planned, planned,
            25_000m, null, 5, 30, 2), managerId, _now));
        await db.SaveChangesAsync(cancellationToken);
        return 3;
    }

    /// <summary>
    /// The test-drive day on the 8th of last month (at least 20 days before today, whatever today is): its contracts'
    /// 30-day window and its deliveries are all in the past.
    /// </summary>
    private async Task PastAsync(long managerId, IReadOnlyList<StaffUser> consultants, CancellationToken cancellationToken)
    {
        var lastMonth = new DateOnly(_today.Year, _today.Month, 1).AddMonths(-1);
        var day = lastMonth.AddDays(7);
        var campaign = new Campaign(_store.Id, new CampaignDetails("坦克300 试驾日", CampaignType.TestDriveDay, day, day,
            36_000m, "坦克300", 6, 8, 3), managerId, At(lastMonth, 9));
        db.Campaigns.Add(campaign);

        var people = new List<Customer>();
        for (var n = 0; n < People.Length; n++)
        {
            var person = new Customer(_store.Id, People[n].Name, People[n].Gender, Mobile(_store, n), At(lastMonth, 9));

            // The last one walked in on the day: no marketing consent, never on a list, attended all the same.
            var walkIn = n == Notified;
            person.SetConsent(marketing: !walkIn, callbacks: true, "工作日晚上", null, At(lastMonth, 9));
            people.Add(person);
        }

        db.Customers.AddRange(people);
        await db.SaveChangesAsync(cancellationToken);

        for (var n = 0; n < Notified; n++)
        {
            var notifiedAt = At(lastMonth.AddDays(1), 10 + (n * 0.1));
            var contact = CampaignContact.Link(campaign, people[n].Id, null, people[n].MarketingConsent,
                CampaignStage.Notified, notifiedAt, managerId, notifiedAt);
            if (n < Invited)
            {
                contact.Advance(CampaignStage.Invited, At(lastMonth.AddDays(4), 15 + (n * 0.1)), people[n].MarketingConsent);
            }

            if (n < Attended)
            {
                contact.Advance(CampaignStage.Attended, At(day, 9.5 + (n * 0.25)), people[n].MarketingConsent);
            }

            db.CampaignContacts.Add(contact);
        }

        var walker = people[Notified];
        db.CampaignContacts.Add(CampaignContact.Link(campaign, walker.Id, null, walker.MarketingConsent,
            CampaignStage.Attended, At(day, 14), managerId, At(day, 14)));
        await db.SaveChangesAsync(cancellationToken);

        // Leads made by the list: on the day (two who then ordered, the walk-in), in the days after, one invited who did
        // not come and one only notified — H, A and B are qualified, C is not.
        var li = consultants[0].Id;
        var other = consultants[^1].Id;
        var dayZero = await LeadAsync(people[0], li, Grade.H, day, 11, cancellationToken);
        var early = await LeadAsync(people[1], other, Grade.A, day, 11.5, cancellationToken);
        var later = await LeadAsync(people[2], li, Grade.A, day.AddDays(1), 16, cancellationToken);
        var browsing = await LeadAsync(people[3], other, Grade.B, day.AddDays(5), 10, cancellationToken);
        var walkInLead = await LeadAsync(walker, li, Grade.C, day, 14.5, cancellationToken);
        var absent = await LeadAsync(people[6], other, Grade.B, day.AddDays(10), 15, cancellationToken);
        var notifiedOnly = await LeadAsync(people[9], li, Grade.C, lastMonth.AddDays(3), 17, cancellationToken);

        // Contracts in each window after the attendance: day 0 and day 2 delivered two weeks later, day 12 still open.
        await OrderAsync(dayZero, day, deliveredOn: day.AddDays(14), 1, cancellationToken);
        await OrderAsync(early, day.AddDays(2), deliveredOn: day.AddDays(16), 2, cancellationToken);
        await OrderAsync(later, day.AddDays(12), deliveredOn: null, 3, cancellationToken);

        // The leads still open were called yesterday, with their next plan ahead: followed, not overdue.
        foreach (var lead in new[] { later, browsing, walkInLead, absent, notifiedOnly })
        {
            var yesterday = _today.AddDays(-1);
            var at = At(yesterday, 11);
            lead.RecordFollowUp(new FollowUpEntry(at, ContactMethod.Phone,
                    lead.Status == LeadStatus.Ordered ? "电话告知车辆到店时间，客户确认按期提车" : "电话回访试驾感受，客户还在比较",
                    FollowUpResult.Reached, null),
                new PlanRequest(_policy.DefaultNextPlanDate(lead.Grade, yesterday), null, ContactMethod.Phone,
                    lead.Status == LeadStatus.Ordered ? PlanPurpose.OrderReassurance : PlanPurpose.RelationshipCare, null, null),
                _policy, yesterday, lead.OwnerId, at);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The showroom event running from six days ago to eight days ahead: the store's open leads with marketing consent
    /// (as the manager ticks them on /Campaigns), notified this morning, the first four invited and two of them here.
    /// </summary>
    private async Task RunningAsync(long managerId, CancellationToken cancellationToken)
    {
        var campaign = new Campaign(_store.Id, new CampaignDetails("冬季到店有礼", CampaignType.ShowroomEvent,
            _today.AddDays(-6), _today.AddDays(8), 18_000m, null, 10, 12, 4), managerId, At(_today.AddDays(-10), 9));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);

        var ownMobiles = Enumerable.Range(0, People.Length).Select(n => Mobile(_store, n)).ToList();
        var picked = await (from lead in db.Leads
                            join customer in db.Customers on lead.CustomerId equals customer.Id
                            where lead.StoreId == _store.Id && lead.Status == LeadStatus.Active && customer.MarketingConsent
                                && !ownMobiles.Contains(customer.Mobile!)
                            orderby lead.Id
                            select new { LeadId = lead.Id, lead.CustomerId })
            .Take(6).ToListAsync(cancellationToken);
        for (var i = 0; i < picked.Count; i++)
        {
            var contact = CampaignContact.Link(campaign, picked[i].CustomerId, picked[i].LeadId, marketingConsent: true,
                CampaignStage.Notified, Today(9 + (i * 0.1)), managerId, Today(9 + (i * 0.1)));
            if (i < 4)
            {
                contact.Advance(CampaignStage.Invited, Today(10 + (i * 0.1)), marketingConsent: true);
            }

            if (i < 2)
            {
                contact.Advance(CampaignStage.Attended, Today(11 + (i * 0.5)), marketingConsent: true);
            }

            db.CampaignContacts.Add(contact);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The store's targets for this month and the two before (those without a row): the sales part set by the sales
    /// manager (<paramref name="cards"/> cards a month, 30 % of that in orders, a quarter in deliveries); the after-sales rates by the service manager where the store has one and callbacks to measure.
    /// </summary>
    public async Task<int> SeedTargetsAsync(Store store, int cards, long salesManagerId, long? serviceManagerId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var now = time.GetUtcNow();
        var today = store.LocalDate(now);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var existing = await db.StoreTargets.Where(t => t.StoreId == store.Id).Select(t => t.Month).ToListAsync(cancellationToken);
        var service = serviceManagerId is { } serviceId
            && await db.CallbackTasks.AnyAsync(t => t.StoreId == store.Id, cancellationToken)
            ? serviceId : (long?)null;
        var added = 0;
        foreach (var month in new[] { thisMonth.AddMonths(-2), thisMonth.AddMonths(-1), thisMonth })
        {
            if (existing.Contains(month))
            {
                continue;
            }

            // Set on the month's first morning (this month's: at most now).
            var setAt = store.StartOfLocalDay(month).AddHours(9);
            setAt = setAt < now ? setAt : now;
            var target = new StoreTarget(store.Id, month.Year, month.Month);
            target.SetSales(cards, cards * 3 / 10, cards / 4, salesManagerId, setAt);
            if (service is { } by)
            {
                target.SetService(0.95m, 0.85m, 0.90m, 0.90m, by, setAt);
            }

            db.StoreTargets.Add(target);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    public static string Mobile(Store store, int n)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (MobileBase + (store.Id * 1_000_000L) + n).ToString(CultureInfo.InvariantCulture);
    }

    private DateTimeOffset At(DateOnly day, double hours) => _store.StartOfLocalDay(day).AddHours(hours);

    /// <summary>
    /// Today at that hour, or (seeded earlier in the day) just before now, never before today's midnight; a later hour is
    /// never an earlier instant, so the stages stay in order.
    /// </summary>
    private DateTimeOffset Today(double hours)
    {
        var at = At(_today, hours);
        if (at < _now)
        {
            return at;
        }

        var justBefore = _now.AddSeconds(hours - 24);
        var midnight = At(_today, 0);
        return justBefore > midnight ? justBefore : midnight;
    }

    private async Task<Lead> LeadAsync(Customer customer, long ownerId, Grade grade, DateOnly day, double hour,
        CancellationToken cancellationToken)
    {
        var at = At(day, hour);
        var lead = Lead.Create(new NewLead
        {
            StoreId = _store.Id,
            CustomerId = customer.Id,
            OwnerId = ownerId,
            Source = SourceChannel.EventExhibition,
            Project = LeadProject.LocalCampaign,
            ArrivedAt = at,
            Grade = grade,
            Signs = LeadRules.SignsByGrade[grade].Take(2).ToList(),
            Interest = new LeadInterest
            {
                IntendedModel = "坦克300",
                PurchaseType = PurchaseType.First,
                PaymentMethod = PaymentMethod.Loan,
                Budget = 250_000m,
            },
            Needs = new NeedsAnalysis { HeardOfUsFrom = "试驾日活动" },
            FirstPlan = new PlanRequest(_policy.DefaultNextPlanDate(grade, day), null, ContactMethod.Phone,
                PlanPurpose.RelationshipCare, null, null),
        }, _policy, day, at);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(cancellationToken);
        return lead;
    }

    /// <summary>An order on <paramref name="orderedOn"/> (the deposit makes the lead O), delivered if a day is given.</summary>
    private async Task OrderAsync(Lead lead, DateOnly orderedOn, DateOnly? deliveredOn, int n,
        CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleAsync(c => c.Id == lead.CustomerId, cancellationToken);
        var order = lead.PlaceOrder(new OrderRequest(orderedOn, "坦克300", "2.0T 越野版", "黑色", 229_800m, 5_000m,
            PaymentMethod.Loan, null, deliveredOn ?? _today.AddDays(10),
            string.Create(CultureInfo.InvariantCulture, $"HT-C{_store.Id}-{n}")), _policy, orderedOn, lead.OwnerId,
            At(orderedOn, 16));
        await db.SaveChangesAsync(cancellationToken);
        if (deliveredOn is not { } delivered)
        {
            return;
        }

        var at = At(delivered, 10);
        var vin = Vin.WithCheckDigit(string.Create(CultureInfo.InvariantCulture,
            $"LGWEF6A58RG{(_store.Id % 90 * 10_000) + 8_000 + n:D6}"));
        var delivery = lead.Deliver(new DeliveryRequest(at, order.AgreedPrice,
            string.Create(CultureInfo.InvariantCulture, $"FP-C{_store.Id}-{n}"), vin), lead.OwnerId, at);
        var vehicle = new Vehicle(_store.Id, vin, null, "长城", order.Model, order.Colour, customer.Id, orderedOn, delivered,
            soldByUs: true, at);
        customer.AddSpend(delivery.FinalPrice, at);
        db.Vehicles.Add(vehicle);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        delivery.AttachVehicle(vehicle.Id);
        await db.SaveChangesAsync(cancellationToken);
    }
}
