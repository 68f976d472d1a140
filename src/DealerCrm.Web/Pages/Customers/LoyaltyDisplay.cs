using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Customers;

/// <summary>
/// The loyalty and membership an owner's pages show (issue 13, spec 5.3 and 5.4): the one read of the state the
/// recalculation wrote (<c>customer_loyalty</c>, <c>vehicle_loyalty</c>, <c>loyalty_changes</c>) and of the tier's
/// benefits in the owner's store's settings, used by the customer file, the vehicle file and the repair order (shown
/// through <c>Pages/Shared/_TierBadge.cshtml</c>). It only reads: whether the reader may see it is
/// <c>Operations.ReadTier</c> on the owner, decided by the customer's authorization handler. Every read is scoped to the
/// owner's store; no row means "not calculated yet".
/// </summary>
public static class LoyaltyDisplay
{
    /// <summary>The most history rows the customer file lists (a customer changes a few times a year).</summary>
    public const int HistoryLimit = 100;

    /// <summary>The owner's tier with its benefits, or "not calculated yet" (<see cref="OwnerTier.Calculated"/> false).</summary>
    public static async Task<OwnerTier> OwnerTierAsync(CrmDbContext db, Customer owner)
    {
        var state = await db.CustomerLoyalty.AsNoTracking()
            .Where(l => l.CustomerId == owner.Id && l.StoreId == owner.StoreId)
            .SingleOrDefaultAsync();
        if (state is null)
        {
            return OwnerTier.NotCalculated;
        }

        var settings = await SettingsAsync(db, owner.StoreId);
        return new OwnerTier(true, state.Tier, settings.BenefitsFor(state.Tier), state.Category, state.Spend,
            state.TierSince, state.Risk, state.RiskUntil, state.CalculatedOn);
    }

    /// <summary>The store's settings, or the defaults for a store an Admin never configured.</summary>
    public static async Task<LoyaltySettings> SettingsAsync(CrmDbContext db, int storeId) =>
        await db.LoyaltySettings.AsNoTracking().SingleOrDefaultAsync(s => s.StoreId == storeId)
        ?? new LoyaltySettings(storeId);

    /// <summary>One car's loyalty at the last recalculation, or null when it has not been calculated.</summary>
    public static Task<CarLoyalty?> CarAsync(CrmDbContext db, long vehicleId, int storeId) =>
        db.VehicleLoyalty.AsNoTracking().Where(v => v.VehicleId == vehicleId && v.StoreId == storeId)
            .Select(v => new CarLoyalty(v.VehicleId, v.Category, v.Missed, v.Anchor, v.DueBy))
            .SingleOrDefaultAsync();

    /// <summary>
    /// The customer file's section: the owner's tier, each car they own with its category (a car not yet calculated
    /// has none), and the history of category and tier changes, newest first.
    /// </summary>
    public static async Task<FileSection> FileSectionAsync(CrmDbContext db, Customer owner)
    {
        var tier = await OwnerTierAsync(db, owner);
        var cars = await (from v in db.Vehicles
                          where v.OwnerCustomerId == owner.Id && v.StoreId == owner.StoreId
                          join s in db.VehicleLoyalty.Where(s => s.StoreId == owner.StoreId) on v.Id equals s.VehicleId into states
                          from s in states.DefaultIfEmpty()
                          orderby v.Id descending
                          select new FileCar(v.Id, v.Plate ?? v.Vin, v.Model, s != null,
                              s == null ? null : s.Category, s == null ? (short)0 : s.Missed, s == null ? null : s.DueBy))
            .AsNoTracking().ToListAsync();
        var history = await db.LoyaltyChanges.AsNoTracking()
            .Where(c => c.CustomerId == owner.Id && c.StoreId == owner.StoreId)
            .OrderByDescending(c => c.OnDate).ThenByDescending(c => c.Id)
            .Take(HistoryLimit)
            .Select(c => new HistoryRow(c.Id, c.OnDate, c.Kind, c.OldCategory, c.NewCategory, c.OldTier, c.NewTier,
                c.Cause))
            .ToListAsync();
        return new FileSection(tier, cars, history);
    }

    /// <summary>The causes of a history row, each flag once, in their declared order.</summary>
    public static IEnumerable<LoyaltyChangeCause> Causes(LoyaltyChangeCause cause) =>
        Enum.GetValues<LoyaltyChangeCause>().Where(c => c != LoyaltyChangeCause.None && cause.HasFlag(c));

    /// <summary>The badge's Bootstrap colour for a tier (never the only sign: the tier's name is written in it).</summary>
    public static string BadgeClass(MembershipTier tier) => tier switch
    {
        MembershipTier.Diamond => "text-bg-primary",
        MembershipTier.Gold => "text-bg-warning",
        MembershipTier.Silver => "text-bg-secondary",
        _ => "text-bg-light border",
    };

    public sealed record OwnerTier(bool Calculated, MembershipTier Tier, string? Benefits, LoyaltyCategory? Category,
        decimal Spend, DateOnly TierSince, LoyaltyRisk Risk, DateOnly? RiskUntil, DateOnly CalculatedOn)
    {
        public static OwnerTier NotCalculated { get; } = new(false, MembershipTier.Standard, null, null, 0m, default,
            LoyaltyRisk.None, null, default);
    }

    public sealed record CarLoyalty(long VehicleId, LoyaltyCategory? Category, short Missed, DateOnly? Anchor,
        DateOnly? DueBy);

    public sealed record FileCar(long VehicleId, string Name, string Model, bool Calculated, LoyaltyCategory? Category,
        short Missed, DateOnly? DueBy);

    public sealed record HistoryRow(long Id, DateOnly OnDate, LoyaltyChangeKind Kind, LoyaltyCategory? OldCategory,
        LoyaltyCategory? NewCategory, MembershipTier? OldTier, MembershipTier? NewTier, LoyaltyChangeCause Cause);

    public sealed record FileSection(OwnerTier Tier, IReadOnlyList<FileCar> Cars, IReadOnlyList<HistoryRow> History);
}
