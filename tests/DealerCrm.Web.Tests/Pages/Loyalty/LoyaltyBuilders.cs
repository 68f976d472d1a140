using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Loyalty;

/// <summary>
/// The state the recalculation job writes, set up directly: the state rows have private setters on purpose (only the
/// job writes them, with SQL), so the tests write them with SQL too; runs and history rows through their constructors.
/// </summary>
public static class LoyaltyBuilders
{
    /// <summary>A finished recalculation run at the given instant (default now).</summary>
    public static async Task<LoyaltyRun> CreateFinishedRunAsync(this AppFixture app, DateTimeOffset? finishedAt = null)
    {
        var at = finishedAt ?? app.Now;
        var run = new LoyaltyRun(LoyaltyRunTrigger.Schedule, null, 4, at.AddMinutes(-1));
        run.Finish(0, 0, 0, 0, 0, at);
        await app.WithDbAsync(async db =>
        {
            db.LoyaltyRuns.Add(run);
            await db.SaveChangesAsync();
        });
        return run;
    }

    /// <summary>An owner's state row as the job would have written it.</summary>
    public static Task SetLoyaltyAsync(this AppFixture app, Customer customer, long runId, LoyaltyCategory? category,
        MembershipTier tier, decimal spend = 0m, LoyaltyRisk risk = LoyaltyRisk.None, DateOnly? riskUntil = null,
        DateOnly? tierSince = null, int? storeId = null)
    {
        var since = tierSince ?? new DateOnly(2026, 1, 5);
        var store = storeId ?? customer.StoreId;
        short? categoryValue = category is { } c ? (short)c : null;
        return app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO customer_loyalty (customer_id, store_id, category, tier, spend, tier_since, last_downgrade_on,
                                          risk, risk_until, calculated_on, run_id)
            VALUES ({customer.Id}, {store}, {categoryValue}::smallint, {(short)tier}, {spend}, {since}, NULL, {(short)risk},
                    {riskUntil}::date, {since}, {runId})
            """));
    }

    /// <summary>A car's state row (the vehicle-file link of the lists picks a counting car).</summary>
    public static Task SetVehicleLoyaltyAsync(this AppFixture app, long vehicleId, Customer owner, LoyaltyCategory? category,
        DateOnly? dueBy = null)
    {
        short? categoryValue = category is { } c ? (short)c : null;
        var day = new DateOnly(2026, 1, 5);
        return app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO vehicle_loyalty (vehicle_id, store_id, customer_id, category, missed, anchor, due_by, calculated_on)
            VALUES ({vehicleId}, {owner.StoreId}, {owner.Id}, {categoryValue}::smallint, 0, {day}, {dueBy}::date, {day})
            """));
    }

    /// <summary>A tier history row recorded by a run on a store-local day.</summary>
    public static async Task<LoyaltyChange> RecordTierChangeAsync(this AppFixture app, Customer customer, long runId,
        DateOnly onDate, MembershipTier? oldTier, MembershipTier newTier, LoyaltyChangeCause cause, decimal spend = 0m,
        Store? store = null)
    {
        var change = new LoyaltyChange(store?.Id ?? customer.StoreId, customer.Id, runId, onDate, app.Now,
            LoyaltyChangeKind.Tier, null, null, oldTier, newTier, cause, spend);
        await app.WithDbAsync(async db =>
        {
            db.LoyaltyChanges.Add(change);
            await db.SaveChangesAsync();
        });
        return change;
    }

    /// <summary>A category history row (not a tier change: the week's list must leave it out).</summary>
    public static async Task RecordCategoryChangeAsync(this AppFixture app, Customer customer, long runId, DateOnly onDate)
    {
        await app.WithDbAsync(async db =>
        {
            db.LoyaltyChanges.Add(new LoyaltyChange(customer.StoreId, customer.Id, runId, onDate, app.Now,
                LoyaltyChangeKind.Category, LoyaltyCategory.L1, LoyaltyCategory.L2, null, null, LoyaltyChangeCause.Loyalty,
                0m));
            await db.SaveChangesAsync();
        });
    }
}

/// <summary>Many owners at once: customers in one save, their state rows in one statement.</summary>
public static class LoyaltyBulk
{
    public static async Task<IReadOnlyList<Customer>> CreateOwnersAsync(this AppFixture app, int storeId, int count,
        string prefix, int firstMobile)
    {
        var customers = Enumerable.Range(0, count)
            .Select(i => new Customer(storeId, $"{prefix}{i:D3}", Gender.Female,
                $"139{(firstMobile + i).ToString("D8", System.Globalization.CultureInfo.InvariantCulture)}", app.Now))
            .ToList();
        await app.WithDbAsync(async db =>
        {
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
        });
        return customers;
    }

    public static Task SetLoyaltyAsync(this AppFixture app, IEnumerable<Customer> customers, long runId,
        LoyaltyCategory? category, MembershipTier tier, decimal spend = 0m)
    {
        var list = customers.ToList();
        var ids = list.Select(c => c.Id).ToArray();
        var storeId = list[0].StoreId;
        short? categoryValue = category is { } c ? (short)c : null;
        var since = new DateOnly(2026, 1, 5);
        return app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO customer_loyalty (customer_id, store_id, category, tier, spend, tier_since, last_downgrade_on,
                                          risk, risk_until, calculated_on, run_id)
            SELECT id, {storeId}, {categoryValue}::smallint, {(short)tier}, {spend}, {since}, NULL::date, 0, NULL::date, {since}, {runId}
            FROM unnest({ids}) AS id
            """));
    }
}
