using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Loyalty;

/// <summary>
/// The reads of the loyalty pages (issue 13), over the state the recalculation wrote (<c>customer_loyalty</c>,
/// <c>vehicle_loyalty</c>, <c>loyalty_changes</c>, <c>loyalty_runs</c>), always of one store. The page, the
/// drill-down list and the exports read the same queries, so a count and its list cannot disagree.
/// </summary>
public static class LoyaltyQueries
{
    /// <summary>Rows shown on /Loyalty for the week's changes and the at-risk list; the exports hold them all.</summary>
    public const int ShownOnPage = 100;

    /// <summary>The matrix rows, in the order of the spec's table; null: the owner has no counting car.</summary>
    public static IReadOnlyList<LoyaltyCategory?> CategoryRows { get; } =
    [
        LoyaltyCategory.L1, LoyaltyCategory.L2, LoyaltyCategory.L3, LoyaltyCategory.L4, LoyaltyCategory.L5,
        LoyaltyCategory.New, LoyaltyCategory.NeverReturned, null,
    ];

    public static IReadOnlyList<MembershipTier> TierColumns { get; } = Enum.GetValues<MembershipTier>();

    /// <summary>Owners of the store by category and tier: one grouped count over the store's state rows.</summary>
    public static async Task<LoyaltyMatrix> MatrixAsync(CrmDbContext db, int storeId)
    {
        var counts = await db.CustomerLoyalty.AsNoTracking().Where(l => l.StoreId == storeId)
            .GroupBy(l => new { l.Category, l.Tier })
            .Select(g => new MatrixCount(g.Key.Category, g.Key.Tier, g.Count()))
            .ToListAsync();
        return new LoyaltyMatrix(counts);
    }

    /// <summary>When the last recalculation finished (runs are group-wide); null: never.</summary>
    public static Task<DateTimeOffset?> LastCalculatedAsync(CrmDbContext db) =>
        db.LoyaltyRuns.AsNoTracking().Where(r => r.Status == LoyaltyRunStatus.Finished && r.FinishedAt != null)
            .OrderByDescending(r => r.FinishedAt).Select(r => r.FinishedAt).FirstOrDefaultAsync();

    /// <summary>The store's tier changes (upgrades and downgrades) recorded on a day of the week, newest first.</summary>
    public static IQueryable<ChangeRow> WeekChanges(CrmDbContext db, int storeId, StoreWeek week) =>
        from ch in db.LoyaltyChanges.AsNoTracking()
        where ch.StoreId == storeId && ch.Kind == LoyaltyChangeKind.Tier
              && ch.OnDate >= week.Monday && ch.OnDate <= week.Sunday
        join c in db.Customers on ch.CustomerId equals c.Id
        orderby ch.OnDate descending, ch.Id descending
        select new ChangeRow(ch.Id, c.Id, c.Name, c.Mobile, ch.OldTier, ch.NewTier, ch.Cause, ch.OnDate, ch.Spend);

    /// <summary>The store's owners on the at-risk list, the soonest deadline first (call them first).</summary>
    public static IQueryable<OwnerRow> AtRisk(CrmDbContext db, int storeId) =>
        Owners(db, storeId, db.CustomerLoyalty.AsNoTracking().Where(l => l.StoreId == storeId && l.Risk != LoyaltyRisk.None))
            .OrderBy(r => r.RiskUntil).ThenBy(r => r.CustomerId);

    /// <summary>The drill-down list: the store's owners matching the filter, by customer id (keyset).</summary>
    public static IQueryable<OwnerRow> Owners(CrmDbContext db, int storeId, OwnerFilter filter, long? after)
    {
        var states = filter.Apply(db.CustomerLoyalty.AsNoTracking().Where(l => l.StoreId == storeId));
        if (after is { } id)
        {
            states = states.Where(l => l.CustomerId > id);
        }

        return Owners(db, storeId, states).OrderBy(r => r.CustomerId);
    }

    /// <summary>
    /// State rows with the customer's name and mobile, and one of their counting cars (the one whose maintenance is due
    /// at the risk date first): the vehicle file is the link for a reader who may not open customer files.
    /// </summary>
    private static IQueryable<OwnerRow> Owners(CrmDbContext db, int storeId, IQueryable<CustomerLoyalty> states) =>
        from l in states
        join c in db.Customers on l.CustomerId equals c.Id
        where c.StoreId == storeId
        select new OwnerRow
        {
            CustomerId = l.CustomerId,
            Name = c.Name,
            Mobile = c.Mobile,
            Category = l.Category,
            Tier = l.Tier,
            Spend = l.Spend,
            TierSince = l.TierSince,
            Risk = l.Risk,
            RiskUntil = l.RiskUntil,
            // The owner's cars by vehicles.owner_customer_id (vehicle_loyalty has no index by customer), still theirs
            // when the job last judged them.
            VehicleId = (from v in db.Vehicles
                         where v.OwnerCustomerId == l.CustomerId
                         join s in db.VehicleLoyalty on v.Id equals s.VehicleId
                         where s.CustomerId == l.CustomerId && s.StoreId == storeId && s.Category != null
                         orderby s.DueBy == l.RiskUntil ? 0 : 1, s.VehicleId
                         select (long?)s.VehicleId).FirstOrDefault(),
        };

    /// <summary>The causes of a change as the user reads them: each flag's text, joined.</summary>
    public static string CauseText(IStringLocalizer localizer, LoyaltyChangeCause cause)
    {
        var parts = new[] { LoyaltyChangeCause.Loyalty, LoyaltyChangeCause.Spend, LoyaltyChangeCause.HoldEnded }
            .Where(flag => cause.HasFlag(flag)).Select(flag => localizer.Text(flag)).ToList();
        return parts.Count == 0 ? localizer.Text(LoyaltyChangeCause.None) : string.Join(" · ", parts);
    }

    /// <summary>A category's name; "no counting car" for an owner without one.</summary>
    public static string CategoryText(IStringLocalizer localizer, LoyaltyCategory? category) =>
        category is { } c ? localizer.Text(c) : localizer["Loyalty.NoCountingCar"].Value;

    /// <summary>Why an owner is at risk, with the day it matters by.</summary>
    public static string RiskText(IStringLocalizer localizer, LoyaltyRisk risk, DateOnly? until) => risk switch
    {
        LoyaltyRisk.DowngradeHeld => localizer["Loyalty.HeldUntil", Date(until)].Value,
        LoyaltyRisk.MaintenanceDue => localizer["Loyalty.MaintenanceDueBy", Date(until)].Value,
        _ => localizer.Text(risk),
    };

    public static string Date(DateOnly? day) =>
        day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Amount(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string? Masked(string? mobile) => mobile is null ? null : ChineseMobile.Mask(mobile);
}

/// <summary>A store-local week, Monday to Sunday (docs/decisions.md "Issue 13 — loyalty pages").</summary>
public readonly record struct StoreWeek(DateOnly Monday)
{
    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The week holding a day; a day past the last whole week of the calendar gives that last week.</summary>
    public static StoreWeek Of(DateOnly day)
    {
        var monday = day.MondayOfWeek();
        return new StoreWeek(monday > DateOnly.MaxValue.AddDays(-13) ? DateOnly.MaxValue.AddDays(-13) : monday);
    }

    public StoreWeek Previous => new(Monday.AddDays(-7));

    public StoreWeek Next => new(Monday.AddDays(7));
}

public sealed record MatrixCount(LoyaltyCategory? Category, MembershipTier Tier, int Count);

/// <summary>The owners-by-category-and-tier counts with their row and column totals.</summary>
public sealed class LoyaltyMatrix(IReadOnlyList<MatrixCount> counts)
{
    public int this[LoyaltyCategory? category, MembershipTier tier] =>
        counts.Where(c => c.Category == category && c.Tier == tier).Sum(c => c.Count);

    public int Row(LoyaltyCategory? category) => counts.Where(c => c.Category == category).Sum(c => c.Count);

    public int Column(MembershipTier tier) => counts.Where(c => c.Tier == tier).Sum(c => c.Count);

    public int Total => counts.Sum(c => c.Count);
}

public sealed record ChangeRow(long Id, long CustomerId, string Name, string? Mobile, MembershipTier? OldTier,
    MembershipTier? NewTier, LoyaltyChangeCause Cause, DateOnly OnDate, decimal Spend)
{
    /// <summary>A first calculation (no old tier) above Standard counts as an upgrade.</summary>
    public bool IsDowngrade => NewTier < (OldTier ?? MembershipTier.Standard);
}

/// <summary>An owner's line in the lists (member-initialised, so the queries can order and page by its members).</summary>
public sealed record OwnerRow
{
    public long CustomerId { get; init; }

    public string Name { get; init; } = string.Empty;

    public string? Mobile { get; init; }

    public LoyaltyCategory? Category { get; init; }

    public MembershipTier Tier { get; init; }

    public decimal Spend { get; init; }

    public DateOnly TierSince { get; init; }

    public LoyaltyRisk Risk { get; init; }

    public DateOnly? RiskUntil { get; init; }

    /// <summary>One of the owner's counting cars (the one due at the risk date first), for the vehicle-file link.</summary>
    public long? VehicleId { get; init; }
}

/// <summary>
/// The drill-down filter as the query string gives it: <c>category</c> (L1 … NeverReturned, or <c>none</c> for owners
/// with no counting car), <c>tier</c>, <c>risk</c>. A value that names nothing is refused beside its field and the
/// list runs without it.
/// </summary>
public sealed record OwnerFilter(LoyaltyCategory? Category, bool NoCategory, MembershipTier? Tier, LoyaltyRisk? Risk)
{
    public const string NoCategoryValue = "none";

    public static OwnerFilter None { get; } = new(null, false, null, null);

    /// <summary>The category parameter's value for a matrix row.</summary>
    public static string CategoryValue(LoyaltyCategory? category) => category?.ToString() ?? NoCategoryValue;

    /// <summary>Reads the category parameter: null when it names no category (or is empty).</summary>
    public static (LoyaltyCategory? Category, bool NoCategory, bool Refused) ParseCategory(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, false, false);
        }

        if (string.Equals(value, NoCategoryValue, StringComparison.OrdinalIgnoreCase))
        {
            return (null, true, false);
        }

        return !value.All(char.IsAsciiLetterOrDigit) || value.All(char.IsAsciiDigit)
               || !Enum.TryParse<LoyaltyCategory>(value, ignoreCase: true, out var category) || !Enum.IsDefined(category)
            ? (null, false, true)
            : (category, false, false);
    }

    public IQueryable<CustomerLoyalty> Apply(IQueryable<CustomerLoyalty> states)
    {
        if (NoCategory)
        {
            states = states.Where(l => l.Category == null);
        }
        else if (Category is { } category)
        {
            states = states.Where(l => l.Category == category);
        }

        if (Tier is { } tier)
        {
            states = states.Where(l => l.Tier == tier);
        }

        if (Risk is { } risk)
        {
            states = states.Where(l => l.Risk == risk);
        }

        return states;
    }

    /// <summary>The filter as query-string pairs (for the next page and the export links).</summary>
    public IEnumerable<KeyValuePair<string, string>> Query()
    {
        if (NoCategory || Category is not null)
        {
            yield return new("category", NoCategory ? NoCategoryValue : Category!.Value.ToString());
        }

        if (Tier is { } tier)
        {
            yield return new("tier", tier.ToString());
        }

        if (Risk is { } risk)
        {
            yield return new("risk", risk.ToString());
        }
    }

    /// <summary>For the export's audit entry: what was filtered, no personal data.</summary>
    public string Describe() => string.Join("; ", Query().Select(p => $"{p.Key}={p.Value}"));
}
