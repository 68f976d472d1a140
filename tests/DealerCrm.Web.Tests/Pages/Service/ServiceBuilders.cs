using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Service;

/// <summary>Cars and repair orders for the service tests, through the domain's own constructors and methods.</summary>
public static class ServiceBuilders
{
    /// <summary>A valid VIN (check digit included) numbered <paramref name="n"/>.</summary>
    public static string TestVin(int n) =>
        Vin.WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"LSVAU2180N2{n:D6}"));

    /// <summary>A car on the store's file (sold by another dealer), owned by the customer.</summary>
    public static async Task<Vehicle> CreateVehicleAsync(this AppFixture app, Store store, Customer owner, int n = 1,
        string? plate = "粤B12345", int? latestMileage = null)
    {
        var vehicle = Vehicle.RegisterAtFirstVisit(store.Id, TestVin(n), plate, "大众", "朗逸", "白", owner.Id, null,
            app.Now);
        if (latestMileage is { } km)
        {
            vehicle.RecordServiceVisit(app.TodayIn(store).AddDays(-100), km);
        }

        await app.WithDbAsync(async db =>
        {
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync();
        });
        return vehicle;
    }

    /// <summary>A repair order opened <paramref name="openedAgo"/> before now (completed when asked).</summary>
    public static async Task<ServiceVisit> CreateVisitAsync(this AppFixture app, Store store, Vehicle vehicle,
        string orderNumber, TimeSpan openedAgo, bool completed = false, long? advisorId = null, int mileage = 10_000,
        ServiceTypes types = ServiceTypes.Maintenance)
    {
        ServiceVisit visit = null!;
        await app.WithDbAsync(async db =>
        {
            var car = await db.Vehicles.SingleAsync(v => v.Id == vehicle.Id);
            visit = new ServiceVisit(store.Id, orderNumber, car, car.OwnerCustomerId, app.Now - openedAgo, mileage,
                "test", types, 450m, advisorId, advisorId is null ? "DMS 张" : null, "李师傅", "13900139000",
                acceptsCallback: true, null, "下午", app.Now);
            if (completed)
            {
                visit.Complete(app.Now.AddMinutes(-1), app.Now);
            }

            car.RecordServiceVisit(store.LocalDate(app.Now - openedAgo), mileage);
            db.ServiceVisits.Add(visit);
            await db.SaveChangesAsync();
        });
        return visit;
    }
}
