using Bogus;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data.Seed;

/// <summary>
/// A realistic showroom day for the demo stores (Development only): customers with zh_CN names, leads at every
/// grade for consultant.li and consultant.zhang (some of them created days ago, a few quiet C leads four months ago,
/// one of them already Dormant), and today's traffic — open
/// walk-ins, finished visits, calls, a returning visitor and visits still waiting for their card. Seeded once per
/// store (skipped when the store has customers); the same names every time (fixed random seed).
/// </summary>
public sealed class DemoBusinessData(CrmDbContext db, TimeProvider time)
{
    private static readonly string[] Models = ["哈弗H6", "哈弗大狗", "坦克300", "坦克500", "魏牌蓝山", "欧拉好猫", "长城炮"];
    private static readonly string[] Competitors = ["比亚迪宋PLUS", "吉利星越L", "长安CS75 PLUS", "理想L7", "丰田RAV4"];
    private static readonly string[] Regions = ["浦东新区", "闵行区", "徐汇区", "嘉定区", "松江区", "宝山区"];
    private static readonly string[] Uses = ["家用代步", "上下班通勤", "周末自驾游", "商务接待"];
    private static readonly string[] HeardFrom = ["朋友介绍", "抖音", "汽车之家", "路过展厅", "车展"];

    /// <summary>How old the quiet C leads are: past the default dormancy period of 90 days (spec 3.5).</summary>
    public const int QuietLeadAgeDays = DormancyRule.DefaultDays + 30;

    public async Task<int> SeedAsync(Store store, IReadOnlyList<StaffUser> consultants, StaffUser receptionist,
        int customerCount, CancellationToken cancellationToken)
    {
        if (consultants.Count == 0 || await db.Customers.AnyAsync(c => c.StoreId == store.Id, cancellationToken))
        {
            return 0;
        }

        var faker = new Faker("zh_CN") { Random = new Randomizer(2026 + store.Id) };
        var now = time.GetUtcNow();
        var today = store.LocalDate(now);
        var policy = await db.GradePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.StoreId == store.Id,
            cancellationToken) ?? new GradePolicy(store.Id);
        var mobilePrefix = 139_0000_0000L + (store.Id * 1_000_000L);

        var customers = new List<Customer>();
        for (var i = 0; i < customerCount; i++)
        {
            var gender = faker.Random.Bool() ? Gender.Male : Gender.Female;
            var customer = new Customer(store.Id,
                faker.Name.LastName() + faker.Name.FirstName(gender == Gender.Male ? Bogus.DataSets.Name.Gender.Male : Bogus.DataSets.Name.Gender.Female),
                gender, (mobilePrefix + i).ToString(System.Globalization.CultureInfo.InvariantCulture), now);
            customer.UpdateFixedInformation(new FixedInformation
            {
                Name = customer.Name,
                Gender = gender,
                Mobile = customer.Mobile,
                Region = faker.PickRandom(Regions),
                Occupation = i % 3 == 0 ? faker.PickRandom("工程师", "教师", "个体经营", "公务员", "医生") : null,
            }, now);
            customer.SetConsent(marketing: i % 4 != 0, callbacks: true, "工作日晚上", null, now);
            customers.Add(customer);
        }

        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(cancellationToken);

        // Leads at every grade, some created days ago so their plans fall due today or later.
        var grades = new[] { Grade.H, Grade.A, Grade.B, Grade.C };
        var leads = new List<Lead>();
        var leadCount = customers.Count * 3 / 4;
        for (var i = 0; i < leadCount; i++)
        {
            var owner = consultants[i % consultants.Count];
            var grade = grades[i % grades.Length];
            // Every fifth lead was left too long: its plan is one to four days overdue.
            var daysAgo = i % 5 == 0
                ? policy.IntervalDays(grade) + 1 + (i % 4)
                : faker.Random.Int(0, policy.IntervalDays(grade));
            var createdDay = today.AddDays(-daysAgo);
            var createdAt = store.StartOfLocalDay(createdDay).AddHours(faker.Random.Int(9, 17));
            var lead = Lead.Create(new NewLead
            {
                StoreId = store.Id,
                CustomerId = customers[i].Id,
                OwnerId = owner.Id,
                Source = faker.PickRandom(SourceChannel.DealerWebsite, SourceChannel.InternetPlatform,
                    SourceChannel.OwnerReferral, SourceChannel.FriendsAndFamily, SourceChannel.EventExhibition,
                    SourceChannel.OutboundDevelopment),
                ArrivedAt = createdAt,
                Grade = grade,
                Signs = LeadRules.SignsByGrade[grade].Take(2).ToList(),
                Interest = new LeadInterest
                {
                    IntendedModel = faker.PickRandom(Models),
                    CompetitorModels = faker.PickRandom(Competitors),
                    IntendedUse = faker.PickRandom(Uses),
                    PurchaseType = faker.PickRandom(PurchaseType.First, PurchaseType.Replacement, PurchaseType.Additional),
                    PaymentMethod = faker.PickRandom(PaymentMethod.Full, PaymentMethod.Loan),
                    Budget = faker.Random.Int(10, 40) * 10_000m,
                    ExpectedPurchaseDate = today.AddDays(faker.Random.Int(3, 60)),
                },
                Needs = new NeedsAnalysis { HeardOfUsFrom = faker.PickRandom(HeardFrom) },
                FirstPlan = new PlanRequest(policy.DefaultNextPlanDate(grade, createdDay), null,
                    faker.PickRandom<ContactMethod>(), faker.PickRandom<PlanPurpose>(), null, null),
            }, policy, createdDay, createdAt);
            db.Leads.Add(lead);
            leads.Add(lead);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedOrdersAndDeliveriesAsync(store, leads, customers, policy, today, now, cancellationToken);
        await SeedQuietCLeadsAsync(store, consultants, customers.Skip(leadCount).ToList(), policy, today, now, faker,
            cancellationToken);

        // Today's traffic, in the morning of the store's day (or the last hours, just after midnight).
        var start = store.StartOfLocalDay(today).AddHours(9);
        var moment = (int minutes) => start.AddMinutes(minutes) < now ? start.AddMinutes(minutes) : now.AddMinutes(-minutes / 10.0);
        var entries = new List<TrafficEntry>();
        for (var i = 0; i < consultants.Count * 3; i++)
        {
            var consultant = consultants[i % consultants.Count];
            var arrived = moment(i * 25);
            if (store.LocalDate(arrived) != today)
            {
                arrived = store.StartOfLocalDay(today);
            }

            var entry = TrafficEntry.CheckIn(store.Id, receptionist.Id, arrived, today, today,
                faker.Random.Int(1, 3), consultant.Id, now);
            if (i % 3 != 2)
            {
                var newVisitor = i % 3 == 0;
                entry.CheckOut(arrived > now.AddMinutes(-40) ? now : arrived.AddMinutes(40), new VisitorDetails
                {
                    VisitorName = newVisitor ? faker.Name.LastName() + "先生" : customers[i].Name,
                    Mobile = newVisitor ? (mobilePrefix + 500 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) : customers[i].Mobile,
                    Region = faker.PickRandom(Regions),
                    Purpose = faker.PickRandom(VisitPurpose.Browse, VisitPurpose.TestDrive, VisitPurpose.PriceEnquiry),
                    FirstImpression = faker.PickRandom(grades),
                }, now);
                if (!newVisitor)
                {
                    entry.LinkCustomer(customers[i].Id, returning: true);
                }
            }

            entries.Add(entry);
        }

        entries.Add(TrafficEntry.LogCall(store.Id, receptionist.Id, moment(200) < now ? moment(200) : now, today, today,
            consultants[0].Id, new VisitorDetails
            {
                VisitorName = faker.Name.LastName() + "女士",
                Mobile = (mobilePrefix + 900).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Purpose = VisitPurpose.PriceEnquiry,
                FirstImpression = Grade.B,
                Notes = "询问坦克300的优惠",
            }, now));
        db.TrafficEntries.AddRange(entries);

        // The manager's queue of unassigned leads: website and platform enquiries from the last four days, the
        // oldest two past the 2-day limit (mobiles 158…, apart from the customers above).
        var incoming = new (SourceChannel Source, double HoursAgo)[]
        {
            (SourceChannel.DealerWebsite, 80), (SourceChannel.ManufacturerAssigned, 55), (SourceChannel.InternetPlatform, 20),
            (SourceChannel.InternetPlatform, 6), (SourceChannel.DealerWebsite, 1),
        };
        for (var i = 0; i < incoming.Length; i++)
        {
            db.IncomingLeads.Add(new IncomingLead(store.Id, faker.Name.LastName() + faker.Name.FirstName(),
                (158_0000_0000L + (store.Id * 1_000L) + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                faker.PickRandom(Models), incoming[i].Source, now.AddHours(-incoming[i].HoursAgo), null, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return customers.Count;
    }

    /// <summary>
    /// Spec 3.5, so that a newcomer can try the manager's dormant page, "Make dormant" and reactivation: per consultant
    /// two C leads made about four months ago (past the 90-day default and any shorter setting) and called every 15
    /// days since without progress — no grade change, no visit — so they are eligible yet not overdue. The store's
    /// first such lead is already Dormant (moved by the sales manager), for the Dormant tab and reactivation. They use
    /// customers who have no lead and no showroom visit today.
    /// </summary>
    private async Task SeedQuietCLeadsAsync(Store store, IReadOnlyList<StaffUser> consultants, List<Customer> spare,
        GradePolicy policy, DateOnly today, DateTimeOffset now, Faker faker, CancellationToken cancellationToken)
    {
        var manager = await (from u in db.Users
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where u.StoreId == store.Id && u.IsActive && r.Name == Roles.SalesManager
                             orderby u.Id
                             select (long?)u.Id).FirstOrDefaultAsync(cancellationToken);
        var interval = policy.IntervalDays(Grade.C);
        var count = Math.Min(consultants.Count * 2, spare.Count);
        for (var i = 0; i < count; i++)
        {
            var owner = consultants[i % consultants.Count];
            var createdDay = today.AddDays(-(QuietLeadAgeDays + (i * 7)));
            var createdAt = store.StartOfLocalDay(createdDay).AddHours(10);
            var lead = Lead.Create(new NewLead
            {
                StoreId = store.Id,
                CustomerId = spare[i].Id,
                OwnerId = owner.Id,
                Source = faker.PickRandom(SourceChannel.EventExhibition, SourceChannel.OutboundDevelopment),
                ArrivedAt = createdAt,
                Grade = Grade.C,
                Signs = [GradeSign.NeedJustAppeared, GradeSign.NoClearIdeaOfPriceOrModel],
                Interest = new LeadInterest { IntendedModel = faker.PickRandom(Models), PurchaseType = PurchaseType.First },
                Needs = new NeedsAnalysis { HeardOfUsFrom = "车展" },
                FirstPlan = new PlanRequest(policy.DefaultNextPlanDate(Grade.C, createdDay), null, ContactMethod.Phone,
                    PlanPurpose.RelationshipCare, null, null),
            }, policy, createdDay, createdAt);
            db.Leads.Add(lead);
            await db.SaveChangesAsync(cancellationToken);

            // A call every interval, the last one within the last interval: the plan is never overdue.
            var n = 0;
            for (var day = createdDay.AddDays(interval); day < today; day = day.AddDays(interval), n++)
            {
                var at = store.StartOfLocalDay(day).AddHours(11);
                lead.RecordFollowUp(new FollowUpEntry(at, ContactMethod.Phone,
                        n % 2 == 0 ? "电话回访，客户表示暂不考虑购车" : "电话未接通",
                        n % 2 == 0 ? FollowUpResult.Reached : FollowUpResult.NoAnswer, null),
                    new PlanRequest(policy.DefaultNextPlanDate(Grade.C, day), null, ContactMethod.Phone,
                        PlanPurpose.RelationshipCare, null, null),
                    policy, day, owner.Id, at);
                await db.SaveChangesAsync(cancellationToken);
            }

            if (i == 0 && manager is { } managerId)
            {
                lead.MakeDormant(managerId, now);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    /// <summary>Per consultant: an order placed this week, one 65 days old and not delivered (超期), one delivered.</summary>
    private async Task SeedOrdersAndDeliveriesAsync(Store store, List<Lead> leads, List<Customer> customers,
        GradePolicy policy, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Six digits whatever the store's id (a test database's ids pass 900 after many tests: 7 digits broke the VIN).
        var vinSerial = 100_000 + (store.Id % 900 * 1_000);
        var calendar = new WorkingCalendar(store.WorkingHours,
            await db.StoreHolidays.AsNoTracking().Where(h => h.StoreId == store.Id).ToListAsync(cancellationToken));
        var officer = await (from u in db.Users
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where u.StoreId == store.Id && u.IsActive && r.Name == Roles.CrmOfficer
                             orderby u.Id
                             select (long?)u.Id).FirstOrDefaultAsync(cancellationToken);
        foreach (var owned in leads.Where(l => l.Grade is Grade.H or Grade.A).GroupBy(l => l.OwnerId))
        {
            var picks = owned.Take(3).ToList();
            for (var n = 0; n < picks.Count; n++)
            {
                var lead = picks[n];
                var orderDate = n == 1 ? today.AddDays(-65) : today.AddDays(-n - 1);
                var order = lead.PlaceOrder(new OrderRequest(orderDate, lead.Interest.IntendedModel ?? Models[0], null, "白色",
                    189_800m, 5_000m, lead.Interest.PaymentMethod, null, n == 1 ? null : today.AddDays(20), $"HT-{store.Id}-{lead.Id}"),
                    policy, today, lead.OwnerId, now);
                if (n != 2)
                {
                    continue;
                }

                await db.SaveChangesAsync(cancellationToken);
                var vin = Vin.WithCheckDigit($"LSVAU2180N2{vinSerial++:D6}");
                var delivery = lead.Deliver(new DeliveryRequest(now.AddHours(-2), order.AgreedPrice, $"FP-{store.Id}-{lead.Id}", vin),
                    lead.OwnerId, now);
                var customer = customers.Single(c => c.Id == lead.CustomerId);
                var vehicle = new Vehicle(store.Id, vin, null, null, order.Model, order.Colour,
                    customer.Id, order.OrderDate, today, soldByUs: true, now);
                customer.AddSpend(delivery.FinalPrice, now);
                db.Vehicles.Add(vehicle);
                db.Deliveries.Add(delivery);
                await db.SaveChangesAsync(cancellationToken);
                delivery.AttachVehicle(vehicle.Id);
                // Due by the rule of 4.7 from the delivery day; the buyer is called, at the time they prefer.
                db.CallbackTasks.Add(new CallbackTask(store.Id, CallbackType.NewCarThreeDay, customer.Id, vehicle.Id,
                    delivery.Id, calendar.CallbackDueDay(store.LocalDate(delivery.DeliveredAt)), now,
                    contactName: customer.Name, contactNumber: customer.Mobile,
                    preferredTime: customer.PreferredContactTime, assignedToId: officer));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
