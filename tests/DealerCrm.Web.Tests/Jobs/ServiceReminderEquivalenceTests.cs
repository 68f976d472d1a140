using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// The service reminders job's SQL against <see cref="ServiceReminderRules"/> (docs/decisions.md, "Issue 14 — service
/// reminders job"): a few hundred seeded-random cars in two stores — Shanghai with the default settings, Los Angeles
/// (another calendar day for part of every day) with its own intervals and insurance lead — new cars around the end of
/// their first-maintenance window, maintained cars around the end of their interval, cars driven far enough for the
/// mileage to come first (and held to the 30-day minimum), cars with one reading, cars with no known hand-over,
/// inspection and insurance dates around the weeks, cars sold, scrapped and transferred, owners who refused or are
/// blacklisted, visits at every minute of the day. The job runs weekly and on consecutive days at instants on both
/// sides of Los Angeles' midnight; after every run the reasons recorded must be exactly the union of what the rules
/// give for the weeks of the runs so far.
/// </summary>
public sealed class ServiceReminderEquivalenceTests(AppFixture app) : LoyaltyJobTestBase(app)
{
    private static readonly DateTimeOffset FirstRun = TestClock.ShanghaiInstant(new DateTime(2026, 9, 30, 5, 0, 0));

    private static readonly ServiceTypes[] Repairs =
        [ServiceTypes.MinorRepair, ServiceTypes.Warranty, ServiceTypes.BodyAndPaint, ServiceTypes.MajorRepair];

    [Fact]
    public async Task Every_reason_recorded_after_every_run_is_what_the_rules_give_for_the_weeks_run()
    {
        var shanghai = await StoreAsync("SH");
        var losAngeles = await StoreAsync("LA", "America/Los_Angeles");
        var laLoyalty = await SettingsAsync(losAngeles.Id, s => s.ChangeIntervals(4, 3_000, 4, 6));
        await App.WithDbAsync(async db =>
        {
            var settings = new CallbackSettings(losAngeles.Id);
            settings.ChangeReminders(20, 24, 100_000, 25, 100);
            db.CallbackSettings.Add(settings);
            await db.SaveChangesAsync();
        });
        await App.CreateUserAsync("crm.sh", shanghai.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("crm.la", losAngeles.Id, Roles.CrmOfficer);
        var loyalty = new Dictionary<int, LoyaltySettings>
        {
            [shanghai.Id] = new LoyaltySettings(shanghai.Id),
            [losAngeles.Id] = laLoyalty,
        };
        var random = new Random(20_261_202);
        var visits = new List<ServiceVisit>();
        foreach (var store in new[] { shanghai, losAngeles })
        {
            for (var i = 0; i < 140; i++)
            {
                await OwnerAsync(store, loyalty[store.Id], random, visits, $"{store.Code}{i}");
            }
        }

        await SaveAsync(visits);

        // Weekly, then daily; Shanghai 05:00 is the afternoon of the day before in Los Angeles; 14:30 and 15:30 (PDT) are
        // either side of its midnight.
        var runs = new[] { 0, 7, 14, 21, 28 }.Select(d => FirstRun.AddDays(d))
            .Concat([FirstRun.AddDays(29).AddHours(9.5), FirstRun.AddDays(29).AddHours(10.5), FirstRun.AddDays(31)])
            .ToList();
        var expected = new HashSet<(long, ServiceReminderReason, DateOnly)>();
        foreach (var at in runs)
        {
            var before = await RowsAsync();
            await RunAsync(at);
            expected.UnionWith(await ExpectAsync(at));

            var actual = await RowsAsync();
            actual.Except(expected).Should().BeEmpty($"the job made no reason the rules do not give (run at {at:u})");
            expected.Except(actual).Should().BeEmpty($"the job made every reason the rules give (run at {at:u})");
            actual.Except(before).Should().NotBeEmpty($"each run has something to do (run at {at:u})");
        }

        // The generated set reaches every edge the comparison is meant to cover.
        expected.Select(e => e.Item2).Distinct().Should().BeEquivalentTo(Enum.GetValues<ServiceReminderReason>());
        var shortened = await App.WithDbAsync(db => db.ServiceReminders.AsNoTracking()
            .Where(r => r.Reason == ServiceReminderReason.Maintenance).Select(r => r.DueDate).ToListAsync());
        shortened.Should().NotBeEmpty();
        (await ShortenedAsync()).Should().BePositive("some reminded cars were driven far enough for mileage to come first");
        var tasks = await App.WithDbAsync(db => db.CallbackTasks.AsNoTracking().ToListAsync());
        tasks.Should().OnlyContain(t => t.Type == CallbackType.ServiceReminder);
        tasks.Should().HaveCountLessThan(expected.Count, "several reasons of one customer make one call");
    }

    private async Task OwnerAsync(Store store, LoyaltySettings settings, Random random, List<ServiceVisit> visits,
        string name)
    {
        var refused = random.NextDouble() < 0.05;
        var blacklisted = random.NextDouble() < 0.04;
        var customer = await App.CreateCustomerAsync(store.Id, name, $"139{Next() % 100_000_000:D8}", c =>
        {
            if (refused)
            {
                c.RecordCallbackConsent(false, App.Now);
            }

            if (blacklisted)
            {
                c.SetFlags(false, false, true, "测试", App.Now);
            }
        });
        var first = store.LocalDate(FirstRun);
        var lastVisitDay = first.AddDays(-1);
        var cars = random.NextDouble() < 0.2 ? 2 : 1;
        for (var c = 0; c < cars; c++)
        {
            var status = random.NextDouble() switch
            {
                < 0.04 => VehicleStatus.Sold,
                < 0.07 => VehicleStatus.Scrapped,
                < 0.09 => VehicleStatus.Transferred,
                _ => VehicleStatus.InUse,
            };
            var pattern = random.NextDouble();
            var fast = random.NextDouble() < 0.3;
            var kmPerDay = fast ? random.Next(60, 260) : random.Next(5, 40);
            DateOnly? handedOver = pattern < 0.3
                ? first.AddMonths(-settings.FirstMaintenanceMonths).AddDays(random.Next(-5, 45))
                : pattern < 0.8 ? first.AddDays(-random.Next(400, 1_500)) : null;
            var car = await CarAsync(store, customer, handedOver, soldByUs: handedOver is not null, purchased: handedOver,
                status: status);
            if (random.NextDouble() < 0.6)
            {
                await DatesAsync(car, inspection: first.AddDays(random.Next(-10, 50)),
                    insurance: first.AddDays(random.Next(10, 90)));
            }

            var mileage = random.Next(10, 5_000);
            var readings = new List<(DateOnly Day, ServiceTypes Types)>();
            if (pattern < 0.3)
            {
                // A new car: repairs only (none, one reading or several), some driven far enough for mileage to come first.
                var from = handedOver!.Value.AddDays(random.Next(5, 40));
                for (var day = from; day <= lastVisitDay && readings.Count < random.Next(0, 4); day = day.AddDays(random.Next(10, 60)))
                {
                    readings.Add((day, Repairs[random.Next(Repairs.Length)]));
                }
            }
            else if (pattern < 0.95)
            {
                // Maintained: the last maintenance an interval (or, driven far, a few weeks) before the runs' weeks.
                var last = fast
                    ? first.AddDays(-random.Next(5, 70))
                    : first.AddMonths(-settings.IntervalMonths).AddDays(random.Next(-5, 45));
                if (last > lastVisitDay)
                {
                    last = lastVisitDay;
                }

                if (random.NextDouble() < 0.8)
                {
                    readings.Add((last.AddDays(-random.Next(15, 120)), random.NextDouble() < 0.5
                        ? ServiceTypes.FirstMaintenance : Repairs[random.Next(Repairs.Length)]));
                }

                readings.Add((last, random.NextDouble() < 0.2
                    ? ServiceTypes.Maintenance | ServiceTypes.MinorRepair : ServiceTypes.Maintenance));
            }

            foreach (var (day, types) in readings.OrderBy(r => r.Day))
            {
                var km = mileage + (kmPerDay * (day.DayNumber - readings.Min(r => r.Day).DayNumber));
                visits.Add(Visit(store, car, customer.Id, day, km, types, 500m, null, random.Next(0, 1440)));
            }
        }
    }

    private Task DatesAsync(Vehicle car, DateOnly inspection, DateOnly insurance) => App.WithDbAsync(async db =>
    {
        var stored = await db.Vehicles.SingleAsync(v => v.Id == car.Id);
        stored.UpdateInsuranceAndInspection("平安", insurance, inspection);
        await db.SaveChangesAsync();
    });

    private Task<List<(long, ServiceReminderReason, DateOnly)>> RowsAsync() => App.WithDbAsync(async db =>
        (await db.ServiceReminders.AsNoTracking().Select(r => new { r.VehicleId, r.Reason, r.DueDate }).ToListAsync())
        .Select(r => (r.VehicleId, r.Reason, r.DueDate)).ToList());

    private async Task RunAsync(DateTimeOffset at)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await new ServiceRemindersJob(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), new FakeTimeProvider(at),
            NullLogger<ServiceRemindersJob>.Instance).RunAsync(CancellationToken.None);
    }

    /// <summary>What the rules give at <paramref name="at"/> for every car in the database, from the rows the job reads:
    /// each store's today and settings (defaults without a row), visit days in the visit's store zone.</summary>
    private Task<List<(long, ServiceReminderReason, DateOnly)>> ExpectAsync(DateTimeOffset at) => App.WithDbAsync(async db =>
    {
        var (stores, loyaltyOf, callbacksOf, cars, byCar, allowed) = await ReadAsync(db);
        return cars.Where(c => allowed.Contains(c.OwnerCustomerId))
            .SelectMany(c => ServiceReminderRules.DueThisWeek(
                    new ReminderVehicle(c.Id, c.Status, c.DeliveryDate ?? c.PurchaseDate, c.NextInspectionDate,
                        c.InsuranceExpiry, byCar[c.Id].ToList()),
                    loyaltyOf(c.StoreId), callbacksOf(c.StoreId), stores[c.StoreId].LocalDate(at))
                .Select(r => (c.Id, r.Reason, r.DueDate)))
            .ToList();
    });

    /// <summary>Reminded maintenance whose due date came from the mileage (not the time interval).</summary>
    private Task<int> ShortenedAsync() => App.WithDbAsync(async db =>
    {
        var (_, loyaltyOf, _, cars, byCar, _) = await ReadAsync(db);
        var reminded = await db.ServiceReminders.AsNoTracking()
            .Where(r => r.Reason == ServiceReminderReason.Maintenance).ToListAsync();
        var storeOf = cars.ToDictionary(c => c.Id, c => c.StoreId);
        return reminded.Count(r =>
            r.DueDate != byCar[r.VehicleId].Where(v => v.IsMaintenance).Max(v => v.Date)
                .AddMonths(loyaltyOf(storeOf[r.VehicleId]).IntervalMonths));
    });

    private static async Task<(Dictionary<int, Store> Stores, Func<int, LoyaltySettings> Loyalty,
        Func<int, CallbackSettings> Callbacks, List<Vehicle> Cars, ILookup<long, LoyaltyVisit> ByCar,
        HashSet<long> Allowed)> ReadAsync(CrmDbContext db)
    {
        var stores = await db.Stores.AsNoTracking().ToDictionaryAsync(s => s.Id);
        var loyalty = await db.LoyaltySettings.AsNoTracking().ToDictionaryAsync(s => s.StoreId);
        var callbacks = await db.CallbackSettings.AsNoTracking().ToDictionaryAsync(s => s.StoreId);
        var cars = await db.Vehicles.AsNoTracking().ToListAsync();
        var visits = await db.ServiceVisits.AsNoTracking()
            .Select(v => new { v.VehicleId, v.StoreId, v.OpenedAt, v.Mileage, v.Types }).ToListAsync();
        var byCar = visits.ToLookup(v => v.VehicleId, v => new LoyaltyVisit(stores[v.StoreId].LocalDate(v.OpenedAt),
            v.Mileage, (v.Types & ServiceTypeRules.MaintenanceTypes) != 0));
        var allowed = (await db.Customers.AsNoTracking().ToListAsync())
            .Where(c => !c.IsBlacklisted && !c.RefusesCallbacks).Select(c => c.Id).ToHashSet();
        return (stores, id => loyalty.GetValueOrDefault(id) ?? new LoyaltySettings(id),
            id => callbacks.GetValueOrDefault(id) ?? new CallbackSettings(id), cars, byCar, allowed);
    }
}
