namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The data-quality report's stock figures of one store (spec 6.6) as they were at <see cref="TakenAt"/>: the customers'
/// completeness levels, valid mobiles and complete addresses, the owners contacted enough and not contacted, and the
/// first <see cref="DataQualityQueries.ListCap"/> owners not contacted in the report's order. Computed from the records
/// by <see cref="DataQualityQueries.ComputeStockAsync"/> (the same SQL the report ran live before) — by the nightly
/// <c>data-quality-snapshot</c> job, by the first view of a store's day without one, or by "Recalculate now"; one row
/// per store and store-local day, replaced when recalculated. Nothing here is counted by hand: a row is only ever the
/// result of one computation.
/// </summary>
public sealed class DataQualitySnapshot
{
    public long Id { get; private set; }

    public int StoreId { get; private set; }

    /// <summary>The store-local day it was taken on (one row per store and day).</summary>
    public DateOnly LocalDay { get; private set; }

    public DateTimeOffset TakenAt { get; private set; }

    public int Customers { get; private set; }

    public int ValidMobile { get; private set; }

    public int CompleteAddress { get; private set; }

#pragma warning disable CA1819 // arrays are what Npgsql maps to PostgreSQL arrays
    /// <summary>Customers at each completeness level, 0 to <c>InformationCompleteness.MaxLevel</c>.</summary>
    public int[] Levels { get; private set; } = [];

    /// <summary>The first owners not contacted, in the report's order (never contacted first, then the longest ago).</summary>
    public long[] NotContactedIds { get; private set; } = [];
#pragma warning restore CA1819

    public int Owners { get; private set; }

    public int OwnersContactedEnough { get; private set; }

    public int OwnersNotContacted { get; private set; }
}
