using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// Data and runs for the loyalty recalculation's tests: stores in their own zones, cars, repair orders opened at a
/// store-local day and minute, deliveries through the lead's own steps, and the job run at any instant on a clock of
/// its own (each run on its own scope, as a server would run it). <see cref="Expect"/> says what
/// <see cref="LoyaltyRules"/> gives for the rows in the database at an instant: the reference the job is held to.
/// </summary>
public abstract class LoyaltyJobTestBase(AppFixture app) : WebTest(app)
{
    private static int _counter;

    /// <summary>The instant the test data is made at (its vehicles' files, its leads): after every run of the tests.</summary>
    protected static readonly DateTimeOffset MadeAt = TestClock.ShanghaiInstant(new DateTime(2026, 11, 28, 12, 0, 0));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinClock(MadeAt);
    }

    protected static int Next() => Interlocked.Increment(ref _counter);

    protected static DateTimeOffset LocalInstant(Store store, DateOnly day, int minuteOfDay = 600) =>
        store.StartOfLocalDay(day).AddMinutes(minuteOfDay);

    protected async Task<Store> StoreAsync(string code, string zone = Store.DefaultTimeZoneId)
    {
        var store = new Store(code, $"Store {code}", zone, WorkingHours.Default, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Stores.Add(store);
            await db.SaveChangesAsync();
        });
        return store;
    }

    protected async Task<LoyaltySettings> SettingsAsync(int storeId, Action<LoyaltySettings> change)
    {
        var settings = new LoyaltySettings(storeId);
        change(settings);
        await App.WithDbAsync(async db =>
        {
            db.LoyaltySettings.Add(settings);
            await db.SaveChangesAsync();
        });
        return settings;
    }

    protected Task<Customer> CustomerAsync(Store store, string name) =>
        App.CreateCustomerAsync(store.Id, name, $"139{Next() % 100_000_000:D8}");

    protected async Task<Vehicle> CarAsync(Store store, Customer owner, DateOnly? delivered, bool soldByUs = true,
        DateOnly? purchased = null, VehicleStatus status = VehicleStatus.InUse)
    {
        var vin = Vin.WithCheckDigit($"LSVAU2180N{Next() % 10_000_000:D7}");
        var car = new Vehicle(store.Id, vin, null, "长城", "哈弗H6", null, owner.Id, purchased ?? delivered, delivered,
            soldByUs, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Vehicles.Add(car);
            await db.SaveChangesAsync();
            if (status != VehicleStatus.InUse)
            {
                car.ChangeStatus(status, null, "test", App.Now);
                await db.SaveChangesAsync();
            }
        });
        return car;
    }

    /// <summary>A repair order opened on a store-local day at a minute of it (0 = its first minute).</summary>
    protected static ServiceVisit Visit(Store store, Vehicle car, long customerId, DateOnly day, int mileage,
        ServiceTypes types = ServiceTypes.Maintenance, decimal? amount = 500m, ServicePayer? payer = null,
        int minuteOfDay = 600)
    {
        var opened = LocalInstant(store, day, minuteOfDay);
        return new ServiceVisit(store.Id, $"RO{Next()}", car, customerId, opened, mileage, null, types, amount, null,
            "顾问", null, null, false, null, null, opened, payer: payer);
    }

    protected Task SaveAsync(params ServiceVisit[] visits) => SaveAsync((IEnumerable<ServiceVisit>)visits);

    protected Task SaveAsync(IEnumerable<ServiceVisit> visits) => App.WithDbAsync(async db =>
    {
        db.ServiceVisits.AddRange(visits);
        await db.SaveChangesAsync();
    });

    /// <summary>A delivery through the lead's own steps (lead, order, delivery) at a past instant, for its final price.</summary>
    protected async Task<Lead> DeliveryAsync(Store store, Customer buyer, long consultantId, DateTimeOffset deliveredAt,
        decimal finalPrice)
    {
        var lead = await App.CreateLeadAsync(store, buyer, consultantId);
        var today = App.TodayIn(store);
        await App.ChangeLeadAsync(lead.Id, (l, _) => l.PlaceOrder(
            new OrderRequest(today, "哈弗H6", null, null, finalPrice, 5_000m, PaymentMethod.Full, null, null, null),
            new GradePolicy(store.Id), today, consultantId, App.Now));
        await App.ChangeLeadAsync(lead.Id, (l, db) => db.Deliveries.Add(l.Deliver(
            new DeliveryRequest(deliveredAt, finalPrice, $"FP-{Next()}", Vin.WithCheckDigit($"LSVAU2180N{Next() % 10_000_000:D7}")),
            consultantId, App.Now)));
        return lead;
    }

    /// <summary>The job at <paramref name="at"/>, on its own scope and clock.</summary>
    protected async Task<LoyaltyRunSummary> RunAsync(DateTimeOffset at, long? requestedRunId = null,
        Func<int, Task>? afterStep = null)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var job = new LoyaltyRecalculationJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(),
            App.Factory.Services.GetRequiredService<IServiceScopeFactory>(), new FakeTimeProvider(at),
            NullLogger<LoyaltyRecalculationJob>.Instance)
        {
            AfterStep = afterStep,
        };
        return requestedRunId is { } id
            ? await job.RunRequestedAsync(id, CancellationToken.None)
            : await job.RunAsync(CancellationToken.None);
    }

    protected Task<List<CustomerLoyalty>> OwnersAsync() =>
        App.WithDbAsync(db => db.CustomerLoyalty.AsNoTracking().OrderBy(c => c.CustomerId).ToListAsync());

    protected Task<List<VehicleLoyaltyState>> CarsAsync() =>
        App.WithDbAsync(db => db.VehicleLoyalty.AsNoTracking().OrderBy(v => v.VehicleId).ToListAsync());

    protected Task<List<LoyaltyChange>> HistoryAsync() =>
        App.WithDbAsync(db => db.LoyaltyChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync());

    /// <summary>
    /// What the domain rules give at <paramref name="at"/> for every car and every owner in the database, from the
    /// same rows the job reads: visit days in the visit's store zone, each store's today and settings (defaults
    /// without a row), spend from deliveries and customer-paid orders up to the instant, and the stored tier and last
    /// downgrade as the run found them (<paramref name="before"/>).
    /// </summary>
    protected async Task<Expectation> Expect(DateTimeOffset at, IReadOnlyList<CustomerLoyalty> before)
    {
        return await App.WithDbAsync(async db =>
        {
            var stores = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id);
            var stored = await db.LoyaltySettings.AsNoTracking().ToDictionaryAsync(s => s.StoreId);
            LoyaltySettings SettingsOf(int storeId) => stored.TryGetValue(storeId, out var s) ? s : new LoyaltySettings(storeId);
            var customers = await db.Customers.AsNoTracking().Select(c => new { c.Id, c.StoreId }).ToListAsync();
            var cars = await db.Vehicles.AsNoTracking().ToListAsync();
            var visits = (await db.ServiceVisits.AsNoTracking()
                    .Select(v => new { v.VehicleId, v.StoreId, v.CustomerId, v.OpenedAt, v.Mileage, v.Types, v.Amount, v.Payer })
                    .ToListAsync());
            var deliveries = await db.Deliveries.AsNoTracking()
                .Select(d => new { d.CustomerId, d.DeliveredAt, d.FinalPrice }).ToListAsync();
            var visitsByCar = visits.ToLookup(v => v.VehicleId, v => new LoyaltyVisit(stores[v.StoreId].LocalDate(v.OpenedAt),
                v.Mileage, (v.Types & ServiceTypeRules.MaintenanceTypes) != 0));
            var spend = visits.Where(v => v.Payer == ServicePayer.Customer && v.Amount is not null && v.OpenedAt <= at)
                .Select(v => (v.CustomerId, Amount: v.Amount!.Value))
                .Concat(deliveries.Where(d => d.DeliveredAt <= at).Select(d => (d.CustomerId, Amount: d.FinalPrice)))
                .GroupBy(x => x.CustomerId).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
            var old = before.ToDictionary(b => b.CustomerId);
            var loyaltyOf = cars.ToDictionary(c => c.Id, c => new LoyaltyVehicle(c.Id, c.SoldByUs, c.Status,
                c.DeliveryDate ?? c.PurchaseDate ?? stores[c.StoreId].LocalDate(c.CreatedAt), visitsByCar[c.Id].ToList()));

            var expectedCars = cars.Select(c =>
            {
                var store = stores[c.StoreId];
                var r = LoyaltyRules.Evaluate(loyaltyOf[c.Id], SettingsOf(c.StoreId), store.LocalDate(at));
                return new ExpectedCar(c.Id, c.OwnerCustomerId, r.Category, (short)r.Missed, r.Anchor, r.RunningEnd, r.IntervalDays);
            }).OrderBy(c => c.VehicleId).ToList();

            var carsByOwner = cars.ToLookup(c => c.OwnerCustomerId);
            var expectedOwners = new List<ExpectedOwner>();
            foreach (var customer in customers.OrderBy(c => c.Id))
            {
                var owned = carsByOwner[customer.Id].ToList();
                var hasSpend = spend.TryGetValue(customer.Id, out var paid);
                old.TryGetValue(customer.Id, out var was);
                if (owned.Count == 0 && !hasSpend && was is null)
                {
                    continue;
                }

                var store = stores[customer.StoreId];
                var today = store.LocalDate(at);
                var r = LoyaltyRules.EvaluateOwner(owned.Select(c => loyaltyOf[c.Id]).ToList(), paid,
                    was?.Tier ?? MembershipTier.Standard, was?.LastDowngradeOn, SettingsOf(customer.StoreId), today);
                expectedOwners.Add(new ExpectedOwner(customer.Id, r.Category, r.Tier, paid,
                    r.Downgraded ? today : was?.LastDowngradeOn, r.Risk, r.RiskUntil,
                    was is null || was.Tier != r.Tier ? today : was.TierSince));
            }

            return new Expectation(expectedCars, expectedOwners);
        });
    }

    protected sealed record ExpectedCar(long VehicleId, long CustomerId, LoyaltyCategory? Category, short Missed,
        DateOnly? Anchor, DateOnly? DueBy, int? IntervalDays);

    protected sealed record ExpectedOwner(long CustomerId, LoyaltyCategory? Category, MembershipTier Tier, decimal Spend,
        DateOnly? LastDowngradeOn, LoyaltyRisk Risk, DateOnly? RiskUntil, DateOnly TierSince);

    protected sealed record Expectation(IReadOnlyList<ExpectedCar> Cars, IReadOnlyList<ExpectedOwner> Owners);
}
