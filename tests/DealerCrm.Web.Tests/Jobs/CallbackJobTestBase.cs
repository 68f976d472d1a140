using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>Data and runs for the callback jobs' tests, with the jobs' clock in the test's hands (store-local times).</summary>
public abstract class CallbackJobTestBase(AppFixture app) : WebTest(app)
{
    private static int _vinCounter;

    protected FakeTimeProvider Clock { get; } = new();

    protected Store Store { get; private set; } = null!;

    protected StaffUser OfficerA { get; private set; } = null!;

    protected StaffUser OfficerB { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Store = await App.CreateStoreAsync();
        OfficerA = await App.CreateUserAsync("crm.a", Store.Id, Roles.CrmOfficer);
        OfficerB = await App.CreateUserAsync("crm.b", Store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("advisor", Store.Id, Roles.ServiceAdvisor);
    }

    /// <summary>The instant of a wall time in the store's own zone.</summary>
    protected static DateTimeOffset LocalInstant(Store store, DateOnly day, int hour, int minute = 0) =>
        store.StartOfLocalDay(day).AddHours(hour).AddMinutes(minute);

    protected void SetLocal(DateOnly day, int hour, int minute = 0, Store? store = null) =>
        Clock.SetUtcNow(LocalInstant(store ?? Store, day, hour, minute));

    protected async Task<(Customer Customer, Vehicle Vehicle)> OwnerAsync(string name, string mobile,
        DateOnly? deliveredOn = null, Action<Customer>? configure = null, Store? store = null)
    {
        var at = store ?? Store;
        var customer = await App.CreateCustomerAsync(at.Id, name, mobile, configure);
        var vehicle = await VehicleAsync(customer, deliveredOn, at);
        return (customer, vehicle);
    }

    protected async Task<Vehicle> VehicleAsync(Customer owner, DateOnly? deliveredOn = null, Store? store = null)
    {
        var number = Interlocked.Increment(ref _vinCounter);
        var vin = Vin.WithCheckDigit($"LSVAU2180N{number % 10_000_000:D7}");
        var vehicle = new Vehicle((store ?? Store).Id, vin, null, "长城", "哈弗H6", null, owner.Id, deliveredOn, deliveredOn,
            soldByUs: deliveredOn is not null, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync();
        });
        return vehicle;
    }

    /// <summary>A repair order opened at 09:00 and completed at <paramref name="hour"/> store time on the day.</summary>
    protected async Task<ServiceVisit> VisitAsync(Vehicle vehicle, Customer customer, DateOnly completedOn,
        ServiceTypes types = ServiceTypes.Maintenance, bool acceptsCallback = true, string? broughtByName = null,
        string? broughtByMobile = null, int hour = 15, string? orderNumber = null, Store? store = null, bool complete = true)
    {
        var at = store ?? Store;
        var number = Interlocked.Increment(ref _vinCounter);
        var opened = LocalInstant(at, completedOn, 9);
        var completed = LocalInstant(at, completedOn, hour);
        var visit = new ServiceVisit(at.Id, orderNumber ?? $"RO{number}", vehicle, customer.Id, opened, 1000 + number, null,
            types, 500m, null, "顾问", broughtByName, broughtByMobile, acceptsCallback, null, null, opened);
        if (complete)
        {
            visit.Complete(completed, completed);
        }

        await App.WithDbAsync(async db =>
        {
            db.ServiceVisits.Add(visit);
            await db.SaveChangesAsync();
        });
        return visit;
    }

    protected async Task AddHolidayAsync(DateOnly day, HolidayKind kind, Store? store = null) =>
        await App.WithDbAsync(async db =>
        {
            db.StoreHolidays.Add(new StoreHoliday((store ?? Store).Id, day, kind, kind.ToString()));
            await db.SaveChangesAsync();
        });

    protected Task<ThreeDayRun> RunThreeDayAsync() => RunAsync(db => new ThreeDayCallbacksJob(db, Clock,
        NullLogger<ThreeDayCallbacksJob>.Instance).RunAsync(CancellationToken.None));

    protected Task<CallbackJobRun> RunDormantAsync() => RunAsync(db => new DormantCustomersJob(db, Clock,
        NullLogger<DormantCustomersJob>.Instance).RunAsync(CancellationToken.None));

    protected Task<CallbackJobRun> RunBirthdaysAsync() => RunAsync(db => new BirthdayCallbacksJob(db, Clock,
        NullLogger<BirthdayCallbacksJob>.Instance).RunAsync(CancellationToken.None));

    /// <summary>Each run on its own scope: its own DbContext and connection, as two servers would.</summary>
    private async Task<T> RunAsync<T>(Func<CrmDbContext, Task<T>> run)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }
}
