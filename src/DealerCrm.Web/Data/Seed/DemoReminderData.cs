using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data.Seed;

/// <summary>
/// Issue 14's demo owners (Development only), relative to the seed instant: cars whose first maintenance, maintenance,
/// annual inspection or insurance falls due so that the reminder call lands in the coming week under the default
/// settings (a week before the due date; insurance 30 days before its expiry), and one owner with two reasons on two
/// cars (one call listing both). The seeding ends with the service reminders job itself, so the CRM officer finds the
/// reminders in the queue from the first sign-in. Seeded once per store (skipped when the first owner exists).
/// </summary>
public sealed class DemoReminderData(CrmDbContext db, TimeProvider time)
{
    /// <summary>The demo owners' mobiles start here (+ store × 1,000,000 + n); apart from the other demo data's.</summary>
    public const long MobileBase = 134_0000_0000L;

    private Store _store = null!;
    private DateTimeOffset _now;
    private DateOnly _today;
    private long _advisorId;

    /// <summary>The owners and their cars; returns how many owners were created (0 when already there).</summary>
    public async Task<int> SeedAsync(Store store, long advisorId, CancellationToken cancellationToken)
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
        _advisorId = advisorId;
        var owners = 0;

        // 首保: delivered almost 12 months ago, no maintenance yet — due in 9 days.
        var lin = await OwnerAsync(owners++, "林晓东", Gender.Male, cancellationToken);
        await CarAsync(lin, 1, "哈弗H6", _today.AddDays(9).AddMonths(-12), cancellationToken);

        // 保养: last maintenance almost 6 months ago, 2,500 km in the 6 months before (time comes first) — due in 10 days.
        var he = await OwnerAsync(owners++, "何静", Gender.Female, cancellationToken);
        var heCar = await CarAsync(he, 2, "欧拉好猫", _today.AddMonths(-30), cancellationToken);
        await VisitAsync(heCar, _today.AddDays(10).AddMonths(-12), 12_000, ServiceTypes.Maintenance, cancellationToken);
        await VisitAsync(heCar, _today.AddDays(10).AddMonths(-6), 14_500, ServiceTypes.Maintenance, cancellationToken);

        // 年检: the annual inspection in 11 days.
        var luo = await OwnerAsync(owners++, "罗国平", Gender.Male, cancellationToken);
        var luoCar = await CarAsync(luo, 3, "长城炮", _today.AddYears(-3).AddDays(11), cancellationToken);
        await VisitAsync(luoCar, _today.AddMonths(-2), 61_000, ServiceTypes.Maintenance, cancellationToken);
        luoCar.UpdateInsuranceAndInspection("中国人保", _today.AddMonths(7), _today.AddDays(11));

        // 保险到期: the insurance expires in 33 days (called 30 days before).
        var xu = await OwnerAsync(owners++, "徐丽娜", Gender.Female, cancellationToken);
        var xuCar = await CarAsync(xu, 4, "魏牌蓝山", _today.AddYears(-2).AddDays(40), cancellationToken);
        await VisitAsync(xuCar, _today.AddMonths(-3), 24_500, ServiceTypes.Maintenance, cancellationToken);
        xuCar.UpdateInsuranceAndInspection("平安产险", _today.AddDays(33), _today.AddYears(1).AddDays(40));

        // Two cars, two reasons (inspection of one, insurance of the other): one call listing both.
        var tang = await OwnerAsync(owners++, "唐志远", Gender.Male, cancellationToken);
        var tangTank = await CarAsync(tang, 5, "坦克300", _today.AddYears(-4).AddDays(8), cancellationToken);
        await VisitAsync(tangTank, _today.AddMonths(-1), 70_200, ServiceTypes.Maintenance, cancellationToken);
        tangTank.UpdateInsuranceAndInspection("太平洋保险", _today.AddMonths(5), _today.AddDays(8));
        var tangOra = await CarAsync(tang, 6, "欧拉好猫", _today.AddYears(-1).AddMonths(-3), cancellationToken);
        await VisitAsync(tangOra, _today.AddMonths(-2), 13_100, ServiceTypes.Maintenance, cancellationToken);
        tangOra.UpdateInsuranceAndInspection("太平洋保险", _today.AddDays(35), null);

        await db.SaveChangesAsync(cancellationToken);
        return owners;
    }

    public static string Mobile(Store store, int n)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (MobileBase + (store.Id * 1_000_000L) + n).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<Customer> OwnerAsync(int n, string name, Gender gender, CancellationToken cancellationToken)
    {
        var owner = new Customer(_store.Id, name, gender, Mobile(_store, n), _now);
        owner.SetConsent(marketing: true, callbacks: true, "工作日晚上", null, _now);
        db.Customers.Add(owner);
        await db.SaveChangesAsync(cancellationToken);
        return owner;
    }

    private async Task<Vehicle> CarAsync(Customer owner, int n, string model, DateOnly delivered,
        CancellationToken cancellationToken)
    {
        var vin = Vin.WithCheckDigit(string.Create(CultureInfo.InvariantCulture,
            $"LGWEF4A58SG{(_store.Id % 90 * 10_000) + 7_000 + n:D6}"));
        var plate = string.Create(CultureInfo.InvariantCulture, $"沪D{(_store.Id % 9 * 10_000) + 7_000 + n:D5}");
        var vehicle = new Vehicle(_store.Id, vin, plate, "长城", model, "白色", owner.Id, delivered, delivered,
            soldByUs: true, _now);
        db.Vehicles.Add(vehicle);
        await db.SaveChangesAsync(cancellationToken);
        return vehicle;
    }

    private async Task VisitAsync(Vehicle car, DateOnly day, int mileage, ServiceTypes types,
        CancellationToken cancellationToken)
    {
        var opened = _store.StartOfLocalDay(day).AddHours(9.5);
        var visit = new ServiceVisit(_store.Id, string.Create(CultureInfo.InvariantCulture, $"RM{_store.Id}{car.Id:D6}{day:yyMMdd}"),
            car, car.OwnerCustomerId, opened, mileage, null, types, 680m, _advisorId, null, null, null, false, null, null,
            opened);
        visit.Complete(opened.AddHours(3), opened.AddHours(3));
        db.ServiceVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
    }
}
