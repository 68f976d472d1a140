using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data.Seed;

/// <summary>
/// Issue 13's demo owners (Development only), relative to the seed instant: cars bought here (lead, order, delivery)
/// and sold elsewhere, with years of maintenance visits placed so that the default settings (6-month intervals, km
/// low enough never to shorten them) give every loyalty category — L1 to L5, New, Never returned — and every tier:
/// spend from deliveries and customer-paid visits, with warranty, insurer-paid and internal orders that do not count
/// (one owner would be Gold if they did). One owner has several cars (one scrapped), one car was sold elsewhere, and
/// one Gold owner is at risk: their running interval ends in 20 days without a maintenance, and missing it makes them
/// Silver. One owner's second downgrade is held: the downgrade an earlier run made five months ago is seeded as that
/// run would have left it (its history rows and stored state). Seeded once per store (skipped when the first owner
/// exists); every other <c>customer_loyalty</c> row comes from the recalculation job, run at the end of seeding.
/// </summary>
public sealed class DemoLoyaltyData(CrmDbContext db, TimeProvider time)
{
    /// <summary>The demo owners' mobiles start here (+ store × 1,000,000 + n); apart from the other demo data's.</summary>
    public const long MobileBase = 136_0000_0000L;

    /// <summary>Kilometres a day: 5,000 km take 333 days, longer than 6 months, so the time interval always applies.</summary>
    private const int KmPerDay = 15;

    private readonly Dictionary<long, (DateOnly From, int Km)> _odometer = [];
    private Store _store = null!;
    private DateTimeOffset _now;
    private DateOnly _today;
    private GradePolicy _policy = null!;
    private long _consultantId;
    private long _advisorId;
    private int _serial;

    /// <summary>Each store's benefits per tier (a store without a settings row would show none).</summary>
    public async Task SeedSettingsAsync(Store store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await db.LoyaltySettings.AnyAsync(s => s.StoreId == store.Id, cancellationToken))
        {
            return;
        }

        var settings = new LoyaltySettings(store.Id);
        var shop = store.Code == "DEMO1" ? "本店" : "二店";
        settings.ChangeBenefits(
            $"{shop}保养到期短信提醒；生日关怀。",
            $"银卡：工时费9.5折；每年1次免费四轮定位；{shop}车主活动优先报名。",
            "金卡：工时费9折、原厂配件9.5折；每年2次免费精洗打蜡；保养优先预约工位。",
            "钻石卡：工时费8.5折、原厂配件9折；免费上门取送车；专属服务顾问；年度车主答谢会邀请。");
        db.LoyaltySettings.Add(settings);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The owners and their cars' history; returns how many owners were created (0 when already there).</summary>
    public async Task<int> SeedAsync(Store store, long consultantId, long advisorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var firstMobile = Mobile(store, 0);
        if (await db.Customers.AnyAsync(c => c.StoreId == store.Id && c.Mobile == firstMobile, cancellationToken))
        {
            return 0;
        }

        _store = store;
        _now = time.GetUtcNow();
        _today = store.LocalDate(_now);
        _consultantId = consultantId;
        _advisorId = advisorId;
        _policy = await db.GradePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.StoreId == store.Id, cancellationToken)
            ?? new GradePolicy(store.Id);
        var owners = 0;

        // L1, Diamond: two cars bought here (623,000), every interval kept; an old car of theirs was scrapped.
        var gao = await OwnerAsync(owners++, "高建华", Gender.Male, cancellationToken);
        var tank = await BuyAsync(gao, 1, "坦克500", 358_000m, Ago(26), cancellationToken);
        await KeptAsync(tank, Ago(23), hits: [1, 2, 3], runningHit: true, null, 0m, cancellationToken);
        var lanshan = await BuyAsync(gao, 2, "魏牌蓝山", 265_000m, Ago(14), cancellationToken);
        await KeptAsync(lanshan, Ago(11), hits: [1], runningHit: false, null, 0m, cancellationToken);
        var old = await OldCarAsync(gao, 3, "哈弗H6", Ago(120), cancellationToken);
        await VisitAsync(old, Ago(40), ServiceTypes.Maintenance, 760m, null, cancellationToken);
        old.ChangeStatus(VehicleStatus.Scrapped, _advisorId, "车龄十年，车主报废", At(Ago(3), 11));
        await db.SaveChangesAsync(cancellationToken);

        // L1, Gold (scenario 5-4's 260,000 with L1): an internal order (新车整备) does not count.
        var liu = await OwnerAsync(owners++, "刘德明", Gender.Male, cancellationToken);
        var liuCar = await BuyAsync(liu, 4, "坦克300", 248_000m, Ago(20), cancellationToken);
        await VisitAsync(liuCar, Ago(20, 3), ServiceTypes.Accessories, 1_500m, ServicePayer.Internal, cancellationToken);
        await KeptAsync(liuCar, Ago(17), hits: [1, 2], runningHit: true, repairAt: Ago(8), repair: 3_600m,
            cancellationToken);

        // L2, Gold, at risk: interval 2 missed; the running one ends in 20 days with no visit yet (a miss: L3, Silver).
        var wang = await OwnerAsync(owners++, "王志刚", Gender.Male, cancellationToken);
        var wangCar = await BuyAsync(wang, 5, "坦克300", 226_000m, Ago(26), cancellationToken);
        await KeptAsync(wangCar, Ago(24, 20), hits: [1, 3], runningHit: false, null, 0m, cancellationToken);

        // L3, Silver: intervals 2 and 4 missed.
        var zhao = await OwnerAsync(owners++, "赵丽", Gender.Female, cancellationToken);
        var zhaoCar = await BuyAsync(zhao, 6, "欧拉好猫", 138_000m, Ago(35), cancellationToken);
        await KeptAsync(zhaoCar, Ago(33, -10), hits: [1, 3, 5], runningHit: false, null, 0m, cancellationToken);

        // L4, Standard (156,000 would be Silver, but L4 is below Silver's L3): the last three intervals missed.
        var sun = await OwnerAsync(owners++, "孙强", Gender.Male, cancellationToken);
        var sunCar = await BuyAsync(sun, 7, "哈弗H6", 156_000m, Ago(41), cancellationToken);
        await KeptAsync(sunCar, Ago(38, -5), hits: [1, 2, 3], runningHit: false, null, 0m, cancellationToken);

        // L5 (流失), Standard: one maintenance after the first, then four years of nothing.
        var qian = await OwnerAsync(owners++, "钱伟", Gender.Male, cancellationToken);
        var qianCar = await BuyAsync(qian, 8, "长城炮", 99_800m, Ago(50), cancellationToken);
        await KeptAsync(qianCar, Ago(48, -10), hits: [1], runningHit: false, null, 0m, cancellationToken);

        // New, Silver (New counts as L1 for the tier): delivered two months ago.
        var zhou = await OwnerAsync(owners++, "周敏", Gender.Female, cancellationToken);
        await BuyAsync(zhou, 9, "欧拉好猫", 126_000m, Ago(2), cancellationToken);

        // Never returned, Standard: a repair, but no first maintenance in the 12 months after delivery.
        var wu = await OwnerAsync(owners++, "吴刚", Gender.Male, cancellationToken);
        var wuCar = await BuyAsync(wu, 10, "哈弗H6", 89_000m, Ago(18), cancellationToken);
        await VisitAsync(wuCar, Ago(10), ServiceTypes.MinorRepair, 1_200m, null, cancellationToken);

        // A car sold elsewhere (他销), counted from its first visit here; L1 and Silver from customer-paid visits alone
        // (51,560); the insurer's 32,000 accident repair does not count.
        var zheng = await OwnerAsync(owners++, "郑华", Gender.Male, cancellationToken);
        var camry = await ElsewhereAsync(zheng, 11, Ago(40), Ago(13), cancellationToken);
        await VisitAsync(camry, Ago(13), ServiceTypes.MinorRepair, 2_800m, null, cancellationToken);
        await VisitAsync(camry, Ago(9), ServiceTypes.Maintenance, 980m, null, cancellationToken);
        await VisitAsync(camry, Ago(6), ServiceTypes.InsuranceRepair | ServiceTypes.BodyAndPaint, 32_000m, null,
            cancellationToken);
        await VisitAsync(camry, Ago(4), ServiceTypes.MajorRepair, 46_800m, null, cancellationToken);
        await VisitAsync(camry, Ago(2), ServiceTypes.Maintenance, 980m, null, cancellationToken);

        // L1, Silver at 194,000 — Gold (238,000) only if the manufacturer's 18,000 warranty claim and the insurer's
        // 26,000 were counted, which they must not be.
        var feng = await OwnerAsync(owners++, "冯雪", Gender.Female, cancellationToken);
        var fengCar = await BuyAsync(feng, 12, "魏牌蓝山", 189_000m, Ago(15), cancellationToken);
        await VisitAsync(fengCar, Ago(11), ServiceTypes.FirstMaintenance, 0m, null, cancellationToken);
        await VisitAsync(fengCar, Ago(9), ServiceTypes.Warranty, 18_000m, null, cancellationToken);
        await VisitAsync(fengCar, Ago(7), ServiceTypes.Maintenance, 1_200m, null, cancellationToken);
        await VisitAsync(fengCar, Ago(6), ServiceTypes.InsuranceRepair, 26_000m, null, cancellationToken);
        await VisitAsync(fengCar, Ago(3), ServiceTypes.MinorRepair, 3_800m, null, cancellationToken);

        // A held downgrade (5.4: at most one in 12 months): Diamond until five months ago, when a missed maintenance
        // made them Gold. Now L3 (intervals 2 and 4 missed), which is Silver — but that second downgrade is held until
        // twelve months after the first, and they are listed at risk for it.
        var he = await OwnerAsync(owners++, "何立新", Gender.Male, cancellationToken);
        var heCar = await BuyAsync(he, 13, "坦克700 Hi4-T", 528_000m, Ago(35), cancellationToken);
        await KeptAsync(heCar, Ago(33, -10), hits: [1, 3, 5], runningHit: false, null, 0m, cancellationToken);
        await PastDowngradeAsync(he, Ago(5), MembershipTier.Diamond, MembershipTier.Gold, LoyaltyCategory.L2,
            cancellationToken);

        return owners;
    }

    /// <summary>
    /// What an earlier recalculation would have left for <paramref name="owner"/>: its run, the downgrade in the
    /// history and the owner's stored state after it. Only the recalculation writes <c>customer_loyalty</c>; the demo
    /// writes the row an earlier run would have written, as the data of a store that has run the job for a year has.
    /// </summary>
    private async Task PastDowngradeAsync(Customer owner, DateOnly on, MembershipTier from, MembershipTier to,
        LoyaltyCategory category, CancellationToken cancellationToken)
    {
        var at = At(on, 3);
        var run = new LoyaltyRun(LoyaltyRunTrigger.Schedule, null, Jobs.LoyaltyRecalculationJob.Steps, at);
        run.Finish(1, 1, 0, 1, 0, at.AddMinutes(1));
        db.LoyaltyRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.LoyaltyChanges.Add(new LoyaltyChange(_store.Id, owner.Id, run.Id, on, at, LoyaltyChangeKind.Tier, null, null,
            from, to, LoyaltyChangeCause.Loyalty, owner.CumulativeSpend));
        db.LoyaltyChanges.Add(new LoyaltyChange(_store.Id, owner.Id, run.Id, on, at, LoyaltyChangeKind.Category,
            LoyaltyCategory.L1, category, null, null, LoyaltyChangeCause.Loyalty, owner.CumulativeSpend));
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO customer_loyalty (customer_id, store_id, category, tier, spend, tier_since, last_downgrade_on, risk,
                risk_until, calculated_on, run_id)
            VALUES ({owner.Id}, {_store.Id}, {(short)category}, {(short)to}, {owner.CumulativeSpend}, {on}, {on},
                    {(short)LoyaltyRisk.None}, NULL, {on}, {run.Id})
            """, cancellationToken);
    }

    public static string Mobile(Store store, int n)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (MobileBase + (store.Id * 1_000_000L) + n).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Today minus <paramref name="months"/> calendar months, plus <paramref name="days"/>.</summary>
    private DateOnly Ago(int months, int days = 0) => _today.AddMonths(-months).AddDays(days);

    private DateTimeOffset At(DateOnly day, double hours) => _store.StartOfLocalDay(day).AddHours(hours);

    private async Task<Customer> OwnerAsync(int n, string name, Gender gender, CancellationToken cancellationToken)
    {
        var owner = new Customer(_store.Id, name, gender, Mobile(_store, n), _now);
        owner.SetConsent(marketing: true, callbacks: true, "工作日白天", null, _now);
        db.Customers.Add(owner);
        await db.SaveChangesAsync(cancellationToken);
        return owner;
    }

    private static string VinOf(Store store, int n) =>
        Vin.WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"LGWEF4A56RG{(store.Id % 90 * 10_000) + 9_000 + n:D6}"));

    private string PlateOf(int n) => string.Create(CultureInfo.InvariantCulture, $"沪C{(_store.Id % 9 * 10_000) + 9_000 + n:D5}");

    /// <summary>A car bought here as the showroom sells it: a lead, its order, the delivery (the spend) and the car.</summary>
    private async Task<Vehicle> BuyAsync(Customer owner, int n, string model, decimal price, DateOnly delivered,
        CancellationToken cancellationToken)
    {
        var created = delivered.AddDays(-30);
        var ordered = delivered.AddDays(-20);
        var lead = Lead.Create(new NewLead
        {
            StoreId = _store.Id,
            CustomerId = owner.Id,
            OwnerId = _consultantId,
            Source = SourceChannel.OwnerReferral,
            ArrivedAt = At(created, 10),
            Grade = Grade.H,
            Signs = LeadRules.SignsByGrade[Grade.H].Take(2).ToList(),
            Interest = new LeadInterest { IntendedModel = model, PurchaseType = PurchaseType.First, PaymentMethod = PaymentMethod.Full },
            Needs = new NeedsAnalysis { HeardOfUsFrom = "老车主介绍" },
            FirstPlan = new PlanRequest(_policy.DefaultNextPlanDate(Grade.H, created), null, ContactMethod.Phone,
                PlanPurpose.RelationshipCare, null, null),
        }, _policy, created, At(created, 10));
        db.Leads.Add(lead);
        await db.SaveChangesAsync(cancellationToken);

        var order = lead.PlaceOrder(new OrderRequest(ordered, model, null, "白色", price, 20_000m, PaymentMethod.Full, null,
            delivered, $"HT-L{_store.Id}-{n}"), _policy, ordered, _consultantId, At(ordered, 15));
        await db.SaveChangesAsync(cancellationToken);
        var vin = VinOf(_store, n);
        var delivery = lead.Deliver(new DeliveryRequest(At(delivered, 10), order.AgreedPrice, $"FP-L{_store.Id}-{n}", vin),
            _consultantId, At(delivered, 10));
        var vehicle = new Vehicle(_store.Id, vin, PlateOf(n), "长城", model, "白色", owner.Id, ordered, delivered,
            soldByUs: true, _now);
        owner.AddSpend(delivery.FinalPrice, _now);
        db.Vehicles.Add(vehicle);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        delivery.AttachVehicle(vehicle.Id);
        await db.SaveChangesAsync(cancellationToken);
        _odometer[vehicle.Id] = (delivered, 10);
        return vehicle;
    }

    /// <summary>A car of ours from before the CRM (no delivery on file).</summary>
    private async Task<Vehicle> OldCarAsync(Customer owner, int n, string model, DateOnly bought,
        CancellationToken cancellationToken)
    {
        var vehicle = new Vehicle(_store.Id, VinOf(_store, n), PlateOf(n), "长城", model, "银色", owner.Id, bought, bought,
            soldByUs: true, _now);
        db.Vehicles.Add(vehicle);
        await db.SaveChangesAsync(cancellationToken);
        _odometer[vehicle.Id] = (bought, 10);
        return vehicle;
    }

    /// <summary>A car sold by another dealer, its file opened at its first visit here (首次客户信息登记).</summary>
    private async Task<Vehicle> ElsewhereAsync(Customer owner, int n, DateOnly bought, DateOnly firstVisit,
        CancellationToken cancellationToken)
    {
        var vehicle = Vehicle.RegisterAtFirstVisit(_store.Id, VinOf(_store, n), PlateOf(n), "丰田", "凯美瑞", "黑色",
            owner.Id, bought, _now);
        db.Vehicles.Add(vehicle);
        await db.SaveChangesAsync(cancellationToken);
        _odometer[vehicle.Id] = (firstVisit, 42_000);
        return vehicle;
    }

    /// <summary>
    /// The first maintenance on <paramref name="anchor"/>, then a maintenance 20 days before the end of each interval
    /// in <paramref name="hits"/> (interval k ends on anchor + 6k months: the store's default), and one in the running
    /// interval if asked; a customer-paid repair on <paramref name="repairAt"/> if given. In date order, as the odometer
    /// only goes up.
    /// </summary>
    private async Task KeptAsync(Vehicle car, DateOnly anchor, int[] hits, bool runningHit, DateOnly? repairAt,
        decimal repair, CancellationToken cancellationToken)
    {
        var days = new List<(DateOnly Day, ServiceTypes Types, decimal Amount)> { (anchor, ServiceTypes.FirstMaintenance, 0m) };
        days.AddRange(hits.Select(k => (anchor.AddMonths(6 * k).AddDays(-20), ServiceTypes.Maintenance, 880m + (k * 40m))));
        if (runningHit)
        {
            var complete = 0;
            while (anchor.AddMonths(6 * (complete + 1)) < _today)
            {
                complete++;
            }

            // Inside the running interval, and older than the callback jobs' look-back (no fresh callback from it).
            var day = _today.AddDays(-35);
            if (day <= anchor.AddMonths(6 * complete))
            {
                throw new InvalidOperationException("the running interval began less than 35 days ago");
            }

            days.Add((day, ServiceTypes.Maintenance, 920m));
        }

        if (repairAt is { } at)
        {
            days.Add((at, ServiceTypes.MinorRepair, repair));
        }

        foreach (var (day, types, amount) in days.OrderBy(d => d.Day))
        {
            await VisitAsync(car, day, types, amount, null, cancellationToken);
        }
    }

    /// <summary>A completed repair order opened at 10:00 on <paramref name="day"/>; null payer: as its types imply.</summary>
    private async Task VisitAsync(Vehicle car, DateOnly day, ServiceTypes types, decimal amount, ServicePayer? payer,
        CancellationToken cancellationToken)
    {
        var (from, km) = _odometer[car.Id];
        var mileage = km + (KmPerDay * (day.DayNumber - from.DayNumber));
        var opened = At(day, 10);
        var number = string.Create(CultureInfo.InvariantCulture, $"RL{day:yyyyMMdd}{++_serial:D3}");
        var visit = new ServiceVisit(_store.Id, number, car, car.OwnerCustomerId, opened, mileage, null, types, amount,
            _advisorId, null, null, null, acceptsCallback: true, null, null, _now, payer: payer);
        visit.Complete(opened.AddHours((types & (ServiceTypes.MajorRepair | ServiceTypes.BodyAndPaint)) != 0 ? 30 : 5), _now);
        car.RecordServiceVisit(day, mileage);
        db.ServiceVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
    }
}
