using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Customers;

/// <summary>
/// The loyalty state the recalculation job writes (customer_loyalty, vehicle_loyalty, loyalty_changes), set up the way
/// the job writes it: with SQL for the state rows (their entities have no public constructor on purpose) and through
/// the domain's constructors for a run, a history row and a store's settings.
/// </summary>
public static class LoyaltyStateBuilders
{
    /// <summary>A finished recalculation run; each history row of one customer and kind needs its own.</summary>
    public static async Task<long> CreateLoyaltyRunAsync(this AppFixture app)
    {
        var run = new LoyaltyRun(LoyaltyRunTrigger.Schedule, null, 5, app.Now);
        run.Finish(0, 0, 0, 0, 0, app.Now);
        await app.WithDbAsync(async db =>
        {
            db.LoyaltyRuns.Add(run);
            await db.SaveChangesAsync();
        });
        return run.Id;
    }

    /// <summary>The owner's row as the job writes it.</summary>
    public static async Task SetOwnerLoyaltyAsync(this AppFixture app, Customer owner, LoyaltyCategory? category,
        MembershipTier tier, decimal spend, DateOnly tierSince, DateOnly calculatedOn,
        LoyaltyRisk risk = LoyaltyRisk.None, DateOnly? riskUntil = null, DateOnly? lastDowngradeOn = null)
    {
        var runId = await app.CreateLoyaltyRunAsync();
        short? categoryValue = category is { } c ? (short)c : null;
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO customer_loyalty (customer_id, store_id, category, tier, spend, tier_since, last_downgrade_on,
                risk, risk_until, calculated_on, run_id)
            VALUES ({owner.Id}, {owner.StoreId}, {categoryValue}, {(short)tier}, {spend}, {tierSince}, {lastDowngradeOn},
                {(short)risk}, {riskUntil}, {calculatedOn}, {runId})
            """));
    }

    /// <summary>A car's row as the job writes it (a null category: sold, transferred or scrapped).</summary>
    public static Task SetCarLoyaltyAsync(this AppFixture app, Vehicle car, LoyaltyCategory? category, short missed,
        DateOnly? anchor, DateOnly? dueBy, DateOnly calculatedOn)
    {
        short? categoryValue = category is { } c ? (short)c : null;
        return app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO vehicle_loyalty (vehicle_id, store_id, customer_id, category, missed, anchor, due_by, calculated_on)
            VALUES ({car.Id}, {car.StoreId}, {car.OwnerCustomerId}, {categoryValue}, {missed}, {anchor}, {dueBy}, {calculatedOn})
            """));
    }

    /// <summary>A history row of the owner, recorded by its own run on <paramref name="on"/>.</summary>
    public static async Task AddLoyaltyChangeAsync(this AppFixture app, Customer owner, DateOnly on,
        LoyaltyChangeKind kind, LoyaltyChangeCause cause, LoyaltyCategory? oldCategory = null,
        LoyaltyCategory? newCategory = null, MembershipTier? oldTier = null, MembershipTier? newTier = null)
    {
        var runId = await app.CreateLoyaltyRunAsync();
        await app.WithDbAsync(async db =>
        {
            db.LoyaltyChanges.Add(new LoyaltyChange(owner.StoreId, owner.Id, runId, on, app.Now, kind, oldCategory,
                newCategory, oldTier, newTier, cause, 0m));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>The store's settings with a benefits text for every tier.</summary>
    public static Task SetBenefitsAsync(this AppFixture app, int storeId, string standard, string silver, string gold,
        string diamond) =>
        app.WithDbAsync(async db =>
        {
            var settings = new LoyaltySettings(storeId);
            settings.ChangeBenefits(standard, silver, gold, diamond);
            db.LoyaltySettings.Add(settings);
            await db.SaveChangesAsync();
        });
}
