using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Jobs;

/// <summary>
/// The recalculation's SQL against the domain's rules (docs/decisions.md, "Issue 13 — loyalty rules"): a few hundred
/// seeded-random owners in two stores — Shanghai with the default settings, Los Angeles (another calendar day for
/// part of every day) with its own — with cars sold by us and elsewhere, sold, scrapped and transferred ones, several
/// per owner, orders of every kind at every minute of the day (so near a store's midnight), visits on interval
/// boundaries and the day after, cars driven far enough to shorten the interval, no first maintenance inside and past
/// the window, deliveries and paid, warranty and insurer-paid orders with spend exactly at the thresholds. The job runs
/// at seven instants over fifteen months (so tiers rise, fall, are held and released); after every run each car's and
/// each owner's stored result must be what <see cref="LoyaltyRules.Evaluate"/> and
/// <see cref="LoyaltyRules.EvaluateOwner"/> give from the same rows and the state the run started from.
/// </summary>
public sealed class LoyaltyEquivalenceTests(AppFixture app) : LoyaltyJobTestBase(app)
{
    private static readonly DateTimeOffset Final = TestClock.ShanghaiInstant(new DateTime(2026, 11, 20, 3, 0, 0));

    private static readonly decimal[] Prices =
        [50_000m, 49_999.99m, 200_000m, 199_999.99m, 500_000m, 30_000m, 100_000m, 300_000m, 120_000m, 260_000m];

    private static readonly ServiceTypes[] Repairs =
    [
        ServiceTypes.MinorRepair, ServiceTypes.Warranty, ServiceTypes.InsuranceRepair, ServiceTypes.BodyAndPaint,
        ServiceTypes.Accessories, ServiceTypes.MajorRepair, ServiceTypes.Warranty | ServiceTypes.MinorRepair,
    ];

    [Fact]
    public async Task Every_car_and_owner_after_every_run_is_what_the_domain_rules_give()
    {
        var shanghai = await StoreAsync("SH");
        var losAngeles = await StoreAsync("LA", "America/Los_Angeles");
        var laSettings = await SettingsAsync(losAngeles.Id, s =>
        {
            s.ChangeIntervals(4, 3_000, 4, 6);
            s.ChangeTiers(30_000m, LoyaltyCategory.L4, 100_000m, LoyaltyCategory.L2, 300_000m, LoyaltyCategory.L1);
        });
        var settings = new Dictionary<int, LoyaltySettings>
        {
            [shanghai.Id] = new LoyaltySettings(shanghai.Id),
            [losAngeles.Id] = laSettings,
        };
        var consultants = new Dictionary<int, long>
        {
            [shanghai.Id] = (await App.CreateUserAsync("consultant.sh", shanghai.Id, Roles.SalesConsultant)).Id,
            [losAngeles.Id] = (await App.CreateUserAsync("consultant.la", losAngeles.Id, Roles.SalesConsultant)).Id,
        };
        var random = new Random(20_261_202);
        var visits = new List<ServiceVisit>();
        foreach (var store in new[] { shanghai, losAngeles })
        {
            for (var i = 0; i < 150; i++)
            {
                await OwnerAsync(store, settings[store.Id], consultants[store.Id], random, visits, $"{store.Code}{i}");
            }
        }

        // One owner certain to be held: Diamond, down to Gold at the third run, and lower again within 12 months.
        var held = await CustomerAsync(losAngeles, "held");
        var anchor = losAngeles.LocalDate(Final).AddMonths(-16).AddDays(-15);
        var heldCar = await CarAsync(losAngeles, held, anchor.AddMonths(-1));
        await DeliveryAsync(losAngeles, held, consultants[losAngeles.Id], LocalInstant(losAngeles, anchor.AddMonths(-1)), 350_000m);
        visits.Add(Visit(losAngeles, heldCar, held.Id, anchor, 1_000, ServiceTypes.FirstMaintenance, 0m));
        visits.Add(Visit(losAngeles, heldCar, held.Id, anchor.AddMonths(3), 2_000, ServiceTypes.Maintenance, 0m));
        await SaveAsync(visits);

        var runs = new[] { -15, -11, -8, -5, -3, -1, 0 }.Select(m => Final.AddMonths(m)).ToList();
        var seenCategories = new HashSet<LoyaltyCategory?>();
        var seenTiers = new HashSet<MembershipTier>();
        var seenRisks = new HashSet<LoyaltyRisk>();
        var shortened = 0;
        var downgrades = 0;
        foreach (var at in runs)
        {
            var before = await OwnersAsync();
            var summary = await RunAsync(at);
            var expected = await Expect(at, before);

            var owners = (await OwnersAsync()).Select(o => new ExpectedOwner(o.CustomerId, o.Category, o.Tier, o.Spend,
                o.LastDowngradeOn, o.Risk, o.RiskUntil, o.TierSince)).ToList();
            var cars = (await CarsAsync()).Select(c => (c.VehicleId, c.CustomerId, c.Category, c.Missed, c.Anchor, c.DueBy))
                .ToList();
            Mismatches(owners, expected.Owners).Should().BeEmpty($"the owners after the run at {at:u}");
            Mismatches(cars, expected.Cars.Select(c => (c.VehicleId, c.CustomerId, c.Category, c.Missed, c.Anchor, c.DueBy))
                .ToList()).Should().BeEmpty($"the cars after the run at {at:u}");
            summary.Customers.Should().Be(expected.Owners.Count);

            seenCategories.UnionWith(owners.Select(o => o.Category));
            seenTiers.UnionWith(owners.Select(o => o.Tier));
            seenRisks.UnionWith(owners.Select(o => o.Risk));
            shortened += expected.Cars.Count(c => c.IntervalDays is not null);
            downgrades += summary.Downgrades;
        }

        // The generated set reaches every edge the comparison is meant to cover.
        seenCategories.Should().Contain([LoyaltyCategory.L1, LoyaltyCategory.L2, LoyaltyCategory.L3, LoyaltyCategory.L4,
            LoyaltyCategory.L5, LoyaltyCategory.New, LoyaltyCategory.NeverReturned, null]);
        seenTiers.Should().BeEquivalentTo(Enum.GetValues<MembershipTier>());
        seenRisks.Should().BeEquivalentTo(Enum.GetValues<LoyaltyRisk>());
        shortened.Should().BePositive("some cars are driven far enough to shorten their interval");
        downgrades.Should().BePositive();
    }

    private static List<string> Mismatches<T>(IReadOnlyList<T> actual, IReadOnlyList<T> expected)
    {
        var byKey = new List<string>();
        if (actual.Count != expected.Count)
        {
            byKey.Add($"{actual.Count} rows, expected {expected.Count}");
        }

        for (var i = 0; i < Math.Min(actual.Count, expected.Count) && byKey.Count < 8; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(actual[i], expected[i]))
            {
                byKey.Add($"job {actual[i]} ≠ rules {expected[i]}");
            }
        }

        return byKey;
    }

    private async Task OwnerAsync(Store store, LoyaltySettings settings, long consultantId, Random random,
        List<ServiceVisit> visits, string name)
    {
        var customer = await CustomerAsync(store, name);
        var finalDay = store.LocalDate(Final);
        var lastDay = store.LocalDate(MadeAt).AddDays(-1);
        var thresholdOnly = random.NextDouble() < 0.12;
        if (thresholdOnly || random.NextDouble() < 0.15)
        {
            var deliveredOn = finalDay.AddDays(-random.Next(0, 600));
            await DeliveryAsync(store, customer, consultantId, LocalInstant(store, deliveredOn, random.Next(0, 1440)),
                Prices[random.Next(Prices.Length)]);
        }

        var carCount = random.NextDouble() switch
        {
            < 0.06 => 0,
            < 0.62 => 1,
            < 0.9 => 2,
            _ => 3,
        };
        var loyalty = random.NextDouble();
        for (var c = 0; c < carCount; c++)
        {
            var soldByUs = random.NextDouble() < 0.7;
            var handedOver = finalDay.AddDays(-random.Next(10, 1_900));
            DateOnly? purchased = soldByUs || random.NextDouble() < 0.5 ? handedOver : null;
            var status = random.NextDouble() switch
            {
                < 0.05 => VehicleStatus.Sold,
                < 0.09 => VehicleStatus.Scrapped,
                < 0.12 => VehicleStatus.Transferred,
                _ => VehicleStatus.InUse,
            };
            var car = await CarAsync(store, customer, soldByUs ? handedOver : null, soldByUs, purchased, status);
            var pattern = random.NextDouble();
            if (pattern < 0.14)
            {
                continue; // no visit: New, or Never returned past the window
            }

            var kmPerDay = random.NextDouble() < 0.3 ? random.Next(30, 140) : random.Next(3, 25);
            var start = handedOver.AddDays(random.Next(15, 420));
            var mileage = random.Next(5, 3_000);
            ServicePayer? Payer() => thresholdOnly ? ServicePayer.Manufacturer
                : random.NextDouble() < 0.1 ? (ServicePayer)random.Next(0, 4) : null;
            void Add(DateOnly day, ServiceTypes types, decimal amount)
            {
                if (day > lastDay)
                {
                    return;
                }

                var km = mileage + (kmPerDay * (day.DayNumber - start.DayNumber));
                visits.Add(Visit(store, car, customer.Id, day, Math.Max(0, km), types, amount, Payer(), random.Next(0, 1440)));
            }

            if (pattern < 0.24)
            {
                // Repairs only: a car we sold has no first maintenance; a car sold elsewhere counts from its first visit.
                for (var day = start; day <= lastDay; day = day.AddDays(random.Next(60, 400)))
                {
                    Add(day, Repairs[random.Next(Repairs.Length)], random.Next(200, 20_000));
                }

                continue;
            }

            Add(start, random.NextDouble() < 0.7 ? ServiceTypes.FirstMaintenance : ServiceTypes.Maintenance,
                random.Next(0, 800));
            for (var k = 1; start.AddMonths(k * settings.IntervalMonths).AddMonths(-settings.IntervalMonths) <= lastDay; k++)
            {
                var end = start.AddMonths(k * settings.IntervalMonths);
                var from = start.AddMonths((k - 1) * settings.IntervalMonths).AddDays(1);
                if (random.NextDouble() < loyalty)
                {
                    var day = random.NextDouble() switch
                    {
                        < 0.15 => end,
                        < 0.25 => end.AddDays(1),
                        < 0.3 => from,
                        _ => from.AddDays(random.Next(0, Math.Max(1, end.DayNumber - from.DayNumber))),
                    };
                    var types = random.NextDouble() < 0.2 ? ServiceTypes.Maintenance | ServiceTypes.MinorRepair : ServiceTypes.Maintenance;
                    Add(day, types, random.NextDouble() < 0.05 ? random.Next(20_000, 80_000) : random.Next(300, 1_500));
                }

                if (random.NextDouble() < 0.3)
                {
                    Add(from.AddDays(random.Next(0, 120)), Repairs[random.Next(Repairs.Length)],
                        random.NextDouble() < 0.1 ? random.Next(20_000, 120_000) : random.Next(100, 9_000));
                }
            }
        }
    }
}
