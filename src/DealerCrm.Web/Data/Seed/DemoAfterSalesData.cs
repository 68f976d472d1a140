using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Pages.Admin.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data.Seed;

/// <summary>
/// The after-sales day of a demo store (Development only), relative to the seed instant: owners and their cars (sold
/// here, and three sold elsewhere that came for their first visit), service visits over the past year with today's
/// open repair orders, and a week of callbacks for the store's CRM officer in every state — due today, overdue,
/// upcoming, asked to call later, reached (one with a "no" and its reason), refused, unreachable after three attempts
/// over two days, missed, a dormant customer and a birthday. Due days follow the store's calendar by the one rule of
/// 4.7 (<see cref="WorkingCalendar.CallbackDueDay"/>). Seeded once per store (skipped when it has service visits).
/// </summary>
public sealed class DemoAfterSalesData(CrmDbContext db, TimeProvider time)
{
    private static readonly string[] Models = ["哈弗H6", "哈弗大狗", "坦克300", "魏牌蓝山", "欧拉好猫"];

    private static readonly string[] Owners =
    [
        "钱建国", "孙丽华", "李志强", "周晓燕", "吴海涛", "郑美玲", "王德福", "冯雪梅", "陈立新", "褚秀英",
        "卫国平", "蒋文静", "沈家豪", "韩淑芬", "杨振宇", "朱红霞", "秦永刚", "许佳怡",
    ];

    private readonly Dictionary<long, Customer> _owners = [];
    private Store _store = null!;
    private WorkingCalendar _calendar = null!;
    private DateTimeOffset _now;
    private DateOnly _today;
    private long _officerId;
    private long _advisorId;
    private int _orderSerial;

    /// <summary>A demo holiday: closed on the first Wednesday at least 9 days ahead, a make-up working Sunday after.</summary>
    public static async Task SeedHolidaysAsync(CrmDbContext db, Store store, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (await db.StoreHolidays.AnyAsync(h => h.StoreId == store.Id, cancellationToken))
        {
            return;
        }

        var closed = store.LocalDate(now).AddDays(9);
        while (closed.DayOfWeek != DayOfWeek.Wednesday)
        {
            closed = closed.AddDays(1);
        }

        db.StoreHolidays.Add(new StoreHoliday(store.Id, closed, HolidayKind.Closed, "店庆休息"));
        db.StoreHolidays.Add(new StoreHoliday(store.Id, closed.AddDays(4), HolidayKind.WorkingDay, "店庆调休上班"));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> SeedAsync(Store store, long officerId, long advisorId, CancellationToken cancellationToken)
    {
        if (await db.ServiceVisits.AnyAsync(v => v.StoreId == store.Id, cancellationToken))
        {
            return 0;
        }

        _store = store;
        _now = time.GetUtcNow();
        _today = store.LocalDate(_now);
        _officerId = officerId;
        _advisorId = advisorId;
        var holidays = await db.StoreHolidays.AsNoTracking().Where(h => h.StoreId == store.Id).ToListAsync(cancellationToken);
        _calendar = new WorkingCalendar(store.WorkingHours, holidays);

        var cars = new List<Vehicle>();
        for (var i = 0; i < Owners.Length; i++)
        {
            var owner = new Customer(store.Id, Owners[i], i % 2 == 0 ? Gender.Male : Gender.Female,
                (137_0000_0000L + (store.Id * 1_000_000L) + i).ToString(CultureInfo.InvariantCulture), _now);
            owner.UpdateFixedInformation(new FixedInformation
            {
                Name = owner.Name,
                Gender = owner.Gender,
                Mobile = owner.Mobile,
                Region = "浦东新区",
                // Index 13 has a birthday in three days (1984 is a leap year: 29 February exists).
                Birthday = i == 13 ? new DateOnly(1984, _today.AddDays(3).Month, _today.AddDays(3).Day) : null,
            }, _now);
            // Index 14 refuses callbacks.
            owner.SetConsent(marketing: i % 3 != 0, callbacks: i != 14, i % 2 == 0 ? "工作日18:00以后" : "上午", null, _now);
            db.Customers.Add(owner);
            await db.SaveChangesAsync(cancellationToken);
            _owners[owner.Id] = owner;

            var vin = Vin.WithCheckDigit(string.Create(CultureInfo.InvariantCulture,
                $"LGWEF4A50MG{(store.Id % 90 * 10_000) + 5_000 + i:D6}"));
            var plate = string.Create(CultureInfo.InvariantCulture, $"沪A{(store.Id % 9 * 10_000) + 3_000 + i:D5}");
            var vehicle = i >= 15
                ? Vehicle.RegisterAtFirstVisit(store.Id, vin, plate, "比亚迪", "宋PLUS", "白色", owner.Id,
                    _today.AddYears(-1).AddDays(-20 * i), _now)
                : new Vehicle(store.Id, vin, plate, "长城", Models[i % Models.Length], i % 2 == 0 ? "白色" : "黑色",
                    owner.Id, _today.AddYears(-1 - (i % 3)).AddDays(-7 * i), _today.AddYears(-1 - (i % 3)).AddDays(-7 * i),
                    soldByUs: true, _now);
            vehicle.UpdateInsuranceAndInspection(i % 2 == 0 ? "中国人保" : "平安保险", _today.AddDays(30 + (i * 11)),
                _today.AddMonths(6 + (i % 6)));
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync(cancellationToken);
            cars.Add(vehicle);

            // The file's history: a service about a year ago, and for the cars sold here one about seven months ago
            // (the dormant ones stop there).
            if (i < 15)
            {
                var old = _today.AddDays(-330 - (i * 3));
                await VisitAsync(vehicle, old, ServiceTypes.FirstMaintenance, completed: true,
                    cancellationToken: cancellationToken);
                if (i != 9 && i != 10)
                {
                    await VisitAsync(vehicle, _today.AddDays(-150 - i), ServiceTypes.Maintenance,
                        completed: true, cancellationToken: cancellationToken);
                }
                else
                {
                    await VisitAsync(vehicle, _today.AddDays(-230 - i), ServiceTypes.Maintenance,
                        completed: true, cancellationToken: cancellationToken);
                }
            }
        }

        var tasks = 0;
        // 0: due today (falls back to the nearest open window when today is closed), brought by the owner's wife.
        tasks += await AfterSalesAsync(cars[0], Window(0, 0) ?? Window(1, 3) ?? _today, ServiceTypes.Maintenance,
            "周太太", "13912340001", null, cancellationToken: cancellationToken);
        // 1: overdue, one unanswered attempt yesterday; a company car brought by its driver.
        tasks += await AfterSalesAsync(cars[1], Window(-3, -1) ?? _today.AddDays(-6), ServiceTypes.MinorRepair,
            "司机小刘", "13912340002", "下午", (task, numbers) => task.RecordAttempt(CallOutcome.NoAnswer, numbers[0],
                _officerId, At(_today.AddDays(-1), 16), LocalDate, numbers), cancellationToken);
        // 2: upcoming: completed today (or, just after midnight, at the start of the day).
        tasks += await AfterSalesAsync(cars[2], null, ServiceTypes.Warranty | ServiceTypes.MinorRepair, null, null, null,
            cancellationToken: cancellationToken);
        // 3: asked to call later, tomorrow at 10:00.
        tasks += await AfterSalesAsync(cars[3], Window(-2, 0) ?? _today.AddDays(-4), ServiceTypes.Warranty, null, null,
            null, (task, numbers) => task.RecordAttempt(CallOutcome.CallLater, numbers[0], _officerId,
                _now.AddHours(-1), LocalDate, numbers, callBackAt: At(_today.AddDays(1), 10),
                note: "客户正在开车，约明天上午再打"), cancellationToken);
        // 4: reached: "no" to "work done right the first time", with its reason.
        tasks += await AfterSalesAsync(cars[4], Window(-5, -2) ?? _today.AddDays(-8), ServiceTypes.MajorRepair, null,
            null, null, async (task, numbers) => await ReachAsync(task, numbers[0], At(task.DueDate, 10.5),
                problemAt: 1, Satisfaction.Dissatisfied, "客户反映维修后右前轮仍有异响"), cancellationToken);
        // 5: reached: all well; the son brought the car.
        tasks += await AfterSalesAsync(cars[5], Window(-6, -2) ?? _today.AddDays(-9), ServiceTypes.Maintenance,
            "赵小军", "13912340005", "晚上", async (task, numbers) => await ReachAsync(task, numbers[0],
                At(task.DueDate, 11), problemAt: null, Satisfaction.VerySatisfied, "客户对服务很满意"), cancellationToken);
        // 6: refused.
        tasks += await AfterSalesAsync(cars[6], Window(-4, -1) ?? _today.AddDays(-7),
            ServiceTypes.BodyAndPaint | ServiceTypes.InsuranceRepair, null, null, null,
            (task, numbers) => task.RecordAttempt(CallOutcome.Refused, numbers[0], _officerId, At(task.DueDate, 14),
                LocalDate, numbers, note: "客户表示不需要回访"), cancellationToken);
        // 7: unreachable: three unanswered attempts over two days, the only number tried each time.
        tasks += await AfterSalesAsync(cars[7], Window(-6, -2) ?? _today.AddDays(-9), ServiceTypes.Maintenance, null,
            null, null, (task, numbers) =>
            {
                task.RecordAttempt(CallOutcome.NoAnswer, numbers[0], _officerId, At(task.DueDate, 10), LocalDate, numbers);
                task.RecordAttempt(CallOutcome.Busy, numbers[0], _officerId, At(task.DueDate, 15), LocalDate, numbers);
                task.RecordAttempt(CallOutcome.SwitchedOff, numbers[0], _officerId, At(task.DueDate.AddDays(1), 11),
                    LocalDate, numbers);
            }, cancellationToken);
        // 8: missed: open 7 days past its due day, closed as the job would.
        tasks += await AfterSalesAsync(cars[8], Window(-12, -8) ?? _today.AddDays(-14), ServiceTypes.Maintenance, null,
            null, null, (task, _) => task.MarkMissed(_today, _now), cancellationToken);
        // 9: dormant, due today: no visit for seven months.
        tasks += await PlainTaskAsync(CallbackType.DormantCustomer, cars[9], _today, CallbackOccasions.Dormant(_today), null,
            cancellationToken);
        // 10: dormant, reached yesterday: the customer sold the car; its status follows, with its history.
        tasks += await PlainTaskAsync(CallbackType.DormantCustomer, cars[10], _today.AddDays(-1),
            CallbackOccasions.Dormant(_today.AddDays(-1)), async task =>
            {
                var questions = await QuestionnaireQueries.ForNewCall(db, _store.Id, CallbackType.DormantCustomer)
                    .ToListAsync(cancellationToken);
                task.RecordReached(task.ContactNumber, _officerId, At(_today.AddDays(-1), 15), questions.Select(q => q.Asked).ToList(),
                    questions.Select(q => new AnswerGiven(q.VersionId, AnswerValue.No,
                        q.Kind == QuestionKind.YesNo ? "车已卖掉，不需要保养" : null, null)).ToList(),
                    null, LapseReason.SoldTheCar, "客户半年前已将车辆卖给朋友");
                cars[10].ChangeStatus(VehicleStatus.Sold, _officerId, "休眠客户回访得知：车辆已出售",
                    At(_today.AddDays(-1), 15));
            }, cancellationToken);
        // 13: birthday in three days.
        tasks += await PlainTaskAsync(CallbackType.BirthdayCare, cars[13], _today.AddDays(3),
            CallbackOccasions.Birthday(_today.AddDays(3).Year), null, cancellationToken);

        // The service advisor's day: open repair orders this morning (one brought by the owner's son), a parts sale
        // and an accessory fitting (no callback for either), a customer who declined the callback, and the first
        // visits of cars sold elsewhere.
        await VisitAsync(cars[11], _today, ServiceTypes.Maintenance, completed: false, broughtBy: ("钱小龙", "13912340011"),
            cancellationToken: cancellationToken);
        await VisitAsync(cars[12], _today.AddDays(-1), ServiceTypes.PartsCounter, completed: true,
            cancellationToken: cancellationToken);
        await VisitAsync(cars[12], _today, ServiceTypes.InsuranceRepair | ServiceTypes.BodyAndPaint, completed: false,
            cancellationToken: cancellationToken);
        await VisitAsync(cars[13], _today.AddDays(-2), ServiceTypes.Accessories, completed: true,
            cancellationToken: cancellationToken);
        await VisitAsync(cars[14], _today.AddDays(-2), ServiceTypes.Maintenance, completed: true,
            acceptsCallback: false, cancellationToken: cancellationToken);
        await VisitAsync(cars[15], _today, ServiceTypes.Maintenance, completed: false,
            cancellationToken: cancellationToken);
        tasks += await AfterSalesAsync(cars[16], Window(-1, 1) ?? _today.AddDays(-3), ServiceTypes.Maintenance, null,
            null, null, cancellationToken: cancellationToken);
        tasks += await AfterSalesAsync(cars[17], Window(-25, -15) ?? _today.AddDays(-20), ServiceTypes.MinorRepair,
            null, null, null, async (task, numbers) => await ReachAsync(task, numbers[0], At(task.DueDate, 9.5),
                problemAt: null, Satisfaction.Satisfied, null), cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        return tasks;
    }

    /// <summary>The latest completion day whose due day (4.7) falls between today+<paramref name="from"/> and
    /// today+<paramref name="to"/>, if any.</summary>
    private DateOnly? Window(int from, int to)
    {
        for (var completed = _today.AddDays(-1); completed >= _today.AddDays(-40); completed = completed.AddDays(-1))
        {
            var due = _calendar.CallbackDueDay(completed);
            if (due >= _today.AddDays(from) && due <= _today.AddDays(to))
            {
                return completed;
            }
        }

        return null;
    }

    private DateOnly LocalDate(DateTimeOffset instant) => _store.LocalDate(instant);

    private DateTimeOffset At(DateOnly day, double hours) => _store.StartOfLocalDay(day).AddHours(hours);

    /// <summary>A repair order opened at 09:00 on <paramref name="day"/> (today: earlier this morning, never in the
    /// future) and, when completed, done six hours later (today: just now).</summary>
    private async Task<ServiceVisit> VisitAsync(Vehicle vehicle, DateOnly day, ServiceTypes types,
        bool completed, (string Name, string Mobile)? broughtBy = null, bool acceptsCallback = true,
        CancellationToken cancellationToken = default)
    {
        // A few thousand kilometres since the last reading.
        var mileage = (vehicle.LatestMileage ?? 4_000) + 3_000 + (int)(vehicle.Id % 7 * 400);
        var start = _store.StartOfLocalDay(day);
        var opened = day < _today ? start.AddHours(9) : Max(start, _now.AddHours(-3));
        var owner = _owners[vehicle.OwnerCustomerId];
        var number = string.Create(CultureInfo.InvariantCulture, $"RO{day:yyyyMMdd}{++_orderSerial:D3}");
        var visit = new ServiceVisit(_store.Id, number, vehicle, owner.Id, opened, mileage, null, types,
            completed ? 380m + (mileage % 17 * 150m) : null, _advisorId, null, broughtBy?.Name, broughtBy?.Mobile,
            acceptsCallback, null, acceptsCallback ? owner.PreferredContactTime : null, _now);
        if (completed)
        {
            visit.Complete(day < _today ? opened.AddHours(6) : Max(opened, _now.AddMinutes(-20)), _now);
        }

        vehicle.RecordServiceVisit(day, mileage);
        db.ServiceVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return visit;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// A completed workshop visit and its after-sales callback, due by the rule of 4.7 from the completion day (null:
    /// today), calling the one who brought the car; <paramref name="work"/> then records what the officer did.
    /// </summary>
    private async Task<int> AfterSalesAsync(Vehicle vehicle, DateOnly? completedOn, ServiceTypes types, string? broughtByName,
        string? broughtByMobile, string? callbackTime, Func<CallbackTask, IReadOnlyList<string>, Task>? work = null,
        CancellationToken cancellationToken = default)
    {
        var day = completedOn ?? _today;
        var visit = await VisitAsync(vehicle, day, types, completed: true,
            broughtBy: broughtByName is null ? null : (broughtByName, broughtByMobile!), cancellationToken: cancellationToken);
        if (callbackTime is not null)
        {
            visit.ChangeCallbackConsent(true, null, callbackTime, _now);
        }

        var owner = _owners[vehicle.OwnerCustomerId];
        var task = new CallbackTask(_store.Id, CallbackType.AfterSalesThreeDay, owner.Id, vehicle.Id, null,
            _calendar.CallbackDueDay(LocalDate(visit.CompletedAt!.Value)), _now, visit.Id, CallbackOccasions.AfterSales(vehicle.Id, day),
            visit.BroughtByName ?? owner.Name, visit.NumberToCall(owner.Mobile), visit.CallbackTime, _officerId);
        db.CallbackTasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        if (work is not null)
        {
            var numbers = new[] { task.ContactNumber!, owner.Mobile! }.Distinct().ToList();
            await work(task, numbers);
            await db.SaveChangesAsync(cancellationToken);
        }

        return 1;
    }

    private Task<int> AfterSalesAsync(Vehicle vehicle, DateOnly? completedOn, ServiceTypes types, string? broughtByName,
        string? broughtByMobile, string? callbackTime, Action<CallbackTask, IReadOnlyList<string>> work,
        CancellationToken cancellationToken) =>
        AfterSalesAsync(vehicle, completedOn, types, broughtByName, broughtByMobile, callbackTime, (task, numbers) =>
        {
            work(task, numbers);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>A dormant-customer or birthday callback to the owner.</summary>
    private async Task<int> PlainTaskAsync(CallbackType type, Vehicle vehicle, DateOnly due, string occasion,
        Func<CallbackTask, Task>? work, CancellationToken cancellationToken)
    {
        var owner = _owners[vehicle.OwnerCustomerId];
        var task = new CallbackTask(_store.Id, type, owner.Id, vehicle.Id, null, due, _now, null, occasion, owner.Name,
            owner.Mobile, owner.PreferredContactTime, _officerId);
        db.CallbackTasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        if (work is not null)
        {
            await work(task);
            await db.SaveChangesAsync(cancellationToken);
        }

        return 1;
    }

    /// <summary>The after-sales questionnaire answered: all "yes" (the "other problems" question "no"), except a "no"
    /// with its reason at position <paramref name="problemAt"/>.</summary>
    private async Task ReachAsync(CallbackTask task, string number, DateTimeOffset at, int? problemAt,
        Satisfaction satisfaction, string? reason)
    {
        var questions = await QuestionnaireQueries.ForNewCall(db, _store.Id, task.Type).ToListAsync();
        var answers = questions.Select((q, i) => q.Kind == QuestionKind.OtherProblems
            ? new AnswerGiven(q.VersionId, AnswerValue.No, null, null)
            : i == problemAt
                ? new AnswerGiven(q.VersionId, AnswerValue.No, reason, null)
                : new AnswerGiven(q.VersionId, AnswerValue.Yes, null, null)).ToList();
        task.RecordReached(number, _officerId, at, questions.Select(q => q.Asked).ToList(), answers, satisfaction, null,
            problemAt is null ? "客户对服务满意" : reason, problemAt is null ? null : at.AddDays(1));
    }
}
