using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data.Seed;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Seed;

/// <summary>
/// Issue 13's demo data: the seeded rows, read back as the recalculation reads them (each car's visits by store-local
/// day, deliveries and customer-paid visits as spend) and judged by the one definition, <see cref="LoyaltyRules"/>,
/// give every loyalty category and every tier, an owner at risk, and leave warranty and insurer-paid work out.
/// </summary>
public sealed class DemoLoyaltyDataTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task The_demo_owners_cover_every_category_and_tier_with_one_at_risk()
    {
        await SeedAsync();
        var store = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "DEMO1"));

        var owners = await EvaluateAsync(store);

        owners.Values.Select(o => o.Result.Category).Should().Contain(
            [LoyaltyCategory.L1, LoyaltyCategory.L2, LoyaltyCategory.L3, LoyaltyCategory.L4, LoyaltyCategory.L5,
             LoyaltyCategory.New, LoyaltyCategory.NeverReturned]);
        owners.Values.Select(o => o.Result.Tier).Distinct().Should().BeEquivalentTo(
            [MembershipTier.Standard, MembershipTier.Silver, MembershipTier.Gold, MembershipTier.Diamond]);
        owners.Values.Should().Contain(o => o.Result.Risk == LoyaltyRisk.MaintenanceDue);

        // Each owner as the data's comments promise.
        var expected = new Dictionary<string, (LoyaltyCategory, MembershipTier, LoyaltyRisk)>
        {
            ["高建华"] = (LoyaltyCategory.L1, MembershipTier.Diamond, LoyaltyRisk.None),
            ["刘德明"] = (LoyaltyCategory.L1, MembershipTier.Gold, LoyaltyRisk.None),
            ["王志刚"] = (LoyaltyCategory.L2, MembershipTier.Gold, LoyaltyRisk.MaintenanceDue),
            ["赵丽"] = (LoyaltyCategory.L3, MembershipTier.Silver, LoyaltyRisk.None),
            ["孙强"] = (LoyaltyCategory.L4, MembershipTier.Standard, LoyaltyRisk.None),
            ["钱伟"] = (LoyaltyCategory.L5, MembershipTier.Standard, LoyaltyRisk.None),
            ["周敏"] = (LoyaltyCategory.New, MembershipTier.Silver, LoyaltyRisk.None),
            ["吴刚"] = (LoyaltyCategory.NeverReturned, MembershipTier.Standard, LoyaltyRisk.None),
            ["郑华"] = (LoyaltyCategory.L1, MembershipTier.Silver, LoyaltyRisk.None),
            ["冯雪"] = (LoyaltyCategory.L1, MembershipTier.Silver, LoyaltyRisk.None),

            // Evaluated here as a first calculation: Silver. Stored (below) after their downgrade five months ago:
            // still Gold, the second downgrade held.
            ["何立新"] = (LoyaltyCategory.L3, MembershipTier.Silver, LoyaltyRisk.None),
        };
        owners.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (name, (category, tier, risk)) in expected)
        {
            var result = owners[name].Result;
            (result.Category, result.Tier, result.Risk).Should().Be((category, tier, risk), name);
        }

        // The seeding ends with the recalculation itself: the stored state is what the rules give.
        var stored = await App.WithDbAsync(db => db.CustomerLoyalty.Join(db.Customers, l => l.CustomerId, c => c.Id,
                (l, c) => new { c.Name, l.Category, l.Tier, l.Risk })
            .Where(x => expected.Keys.Contains(x.Name)).ToListAsync());
        expected["何立新"] = (LoyaltyCategory.L3, MembershipTier.Gold, LoyaltyRisk.DowngradeHeld);
        stored.Select(x => (x.Name, x.Category, x.Tier, x.Risk)).Should().BeEquivalentTo(
            expected.Select(e => (e.Key, (LoyaltyCategory?)e.Value.Item1, e.Value.Item2, e.Value.Item3)));

        // The held owner's history shows the first downgrade, five months ago; the hold lasts 12 months from it.
        var held = await App.WithDbAsync(db => db.CustomerLoyalty.AsNoTracking()
            .SingleAsync(l => l.CustomerId == owners["何立新"].CustomerId));
        var today = App.TodayIn(store);
        held.LastDowngradeOn.Should().Be(today.AddMonths(-5));
        held.RiskUntil.Should().Be(today.AddMonths(-5).AddMonths(LoyaltyRules.DowngradeHoldMonths));
        (await App.WithDbAsync(db => db.LoyaltyChanges.CountAsync(c => c.CustomerId == owners["何立新"].CustomerId
                && c.Kind == LoyaltyChangeKind.Tier && c.OldTier == MembershipTier.Diamond
                && c.NewTier == MembershipTier.Gold)))
            .Should().Be(1);

        // The running interval's end: 20 days away (a day or two either way when a month end clamps the dates).
        owners["王志刚"].Result.RiskUntil.Should().BeOnOrAfter(App.TodayIn(store).AddDays(17))
            .And.BeOnOrBefore(App.TodayIn(store).AddDays(LoyaltyRules.DueSoonDays));
    }

    [Fact]
    public async Task The_demo_cars_include_several_of_one_owner_a_scrapped_one_and_one_sold_elsewhere()
    {
        await SeedAsync();
        var store = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "DEMO1"));

        var owners = await EvaluateAsync(store);

        var gao = owners["高建华"].Vehicles;
        gao.Should().HaveCount(3);
        gao.Should().ContainSingle(v => v.Status == DealerCrm.Domain.Vehicles.VehicleStatus.Scrapped);
        owners["郑华"].Vehicles.Should().ContainSingle().Which.SoldByUs.Should().BeFalse("a car sold elsewhere");
        owners["郑华"].Spend.Should().Be(51_560m, "customer-paid visits only: the insurer's 32,000 does not count");
    }

    [Fact]
    public async Task Warranty_and_insurer_paid_work_is_left_out_of_the_spend()
    {
        await SeedAsync();
        var store = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "DEMO1"));
        var settings = await SettingsAsync(store);

        var feng = (await EvaluateAsync(store))["冯雪"];
        var everyPayer = await App.WithDbAsync(db => db.ServiceVisits.Where(v => v.CustomerId == feng.CustomerId)
            .SumAsync(v => v.Amount ?? 0));
        var payers = await App.WithDbAsync(db => db.ServiceVisits.Where(v => v.CustomerId == feng.CustomerId)
            .Select(v => v.Payer).Distinct().ToListAsync());

        feng.Spend.Should().Be(194_000m);
        payers.Should().Contain([ServicePayer.Customer, ServicePayer.Manufacturer, ServicePayer.Insurer]);
        LoyaltyRules.Tier(189_000m + everyPayer, feng.Result.Category, settings)
            .Should().Be(MembershipTier.Gold, "counting what the manufacturer and the insurer paid would make them Gold");
        feng.Result.Tier.Should().Be(MembershipTier.Silver);
        (await App.WithDbAsync(db => db.ServiceVisits.AnyAsync(v => v.Payer == ServicePayer.Internal)))
            .Should().BeTrue("an internal order is there too");
    }

    [Fact]
    public async Task Each_demo_store_has_its_benefits_texts_and_seeding_again_adds_no_owner()
    {
        await SeedAsync();
        var before = await App.WithDbAsync(db => db.Customers.CountAsync());

        await SeedAsync();

        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(before);
        var settings = await App.WithDbAsync(db => db.LoyaltySettings.ToListAsync());
        settings.Should().HaveCount(2);
        settings.Should().OnlyContain(s => s.StandardBenefits != null && s.SilverBenefits != null
            && s.GoldBenefits != null && s.DiamondBenefits != null);
        settings.Select(s => s.SilverBenefits).Distinct().Should().HaveCount(2, "each store has its own texts");
    }

    private async Task SeedAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }

    private Task<LoyaltySettings> SettingsAsync(Store store) => App.WithDbAsync(async db =>
        await db.LoyaltySettings.AsNoTracking().SingleOrDefaultAsync(s => s.StoreId == store.Id)
        ?? new LoyaltySettings(store.Id));

    private sealed record Owner(long CustomerId, IReadOnlyList<LoyaltyVehicle> Vehicles, decimal Spend, OwnerLoyalty Result);

    /// <summary>The demo owners of the store (their mobiles), evaluated as a first calculation (Standard, no downgrade).</summary>
    private async Task<Dictionary<string, Owner>> EvaluateAsync(Store store)
    {
        var prefix = DemoLoyaltyData.Mobile(store, 0)[..7];
        var settings = await SettingsAsync(store);
        var today = App.TodayIn(store);
        return await App.WithDbAsync(async db =>
        {
            var customers = await db.Customers.AsNoTracking()
                .Where(c => c.StoreId == store.Id && EF.Functions.Like(c.Mobile!, prefix + "%")).ToListAsync();
            var ids = customers.Select(c => c.Id).ToList();
            var cars = await db.Vehicles.AsNoTracking().Where(v => ids.Contains(v.OwnerCustomerId)).ToListAsync();
            var carIds = cars.Select(c => c.Id).ToList();
            var visits = await db.ServiceVisits.AsNoTracking().Where(v => carIds.Contains(v.VehicleId)).ToListAsync();
            var paid = await db.ServiceVisits.AsNoTracking()
                .Where(v => ids.Contains(v.CustomerId) && v.Payer == ServicePayer.Customer)
                .GroupBy(v => v.CustomerId).Select(g => new { g.Key, Sum = g.Sum(v => v.Amount ?? 0) })
                .ToDictionaryAsync(g => g.Key, g => g.Sum);
            var delivered = await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.CustomerId))
                .GroupBy(d => d.CustomerId).Select(g => new { g.Key, Sum = g.Sum(d => d.FinalPrice) })
                .ToDictionaryAsync(g => g.Key, g => g.Sum);
            var result = new Dictionary<string, Owner>();
            foreach (var customer in customers)
            {
                var vehicles = cars.Where(c => c.OwnerCustomerId == customer.Id).Select(c => new LoyaltyVehicle(c.Id,
                        c.SoldByUs, c.Status, c.DeliveryDate ?? c.PurchaseDate ?? store.LocalDate(c.CreatedAt),
                        visits.Where(v => v.VehicleId == c.Id).Select(v => new LoyaltyVisit(store.LocalDate(v.OpenedAt),
                            v.Mileage, (v.Types & ServiceTypeRules.MaintenanceTypes) != 0)).ToList()))
                    .ToList();
                var spend = paid.GetValueOrDefault(customer.Id) + delivered.GetValueOrDefault(customer.Id);
                result[customer.Name] = new Owner(customer.Id, vehicles, spend,
                    LoyaltyRules.EvaluateOwner(vehicles, spend, MembershipTier.Standard, null, settings, today));
            }

            return result;
        });
    }
}
