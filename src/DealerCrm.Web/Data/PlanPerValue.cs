using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DealerCrm.Web.Data;

/// <summary>
/// For the pages whose parameters are skewed (one consultant holds 22,000 of a store's leads, a name matches 7
/// customers of 110,000): their statements are planned for the values of this request, in a transaction of their own.
/// The app's connections prepare their frequent statements, and after five runs PostgreSQL may switch a prepared
/// statement to a generic plan that cannot see the skew — at a million customers that made the daily list 190 ms and a
/// 2-character name search 141 ms instead of a few (docs/benchmarks.md, "The million-customer run, read"). Only these
/// pages pay for planning every time: doing it for every statement halved the lead list's throughput.
/// <c>SET LOCAL</c> ends with the transaction, so nothing is left on the pooled connection.
/// </summary>
public static class PlanPerValue
{
    public static async Task<IDbContextTransaction> PlanForTheseValuesAsync(this CrmDbContext db,
        CancellationToken cancellationToken = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", cancellationToken);
        return transaction;
    }

    /// <summary>
    /// For the chapter-6 reports: their statements planned for this store and period (a generic plan cannot tell "changes
    /// since yesterday" from "since a year ago") and without JIT, which their estimated costs start and which spent more
    /// compiling (0.2–1 s at 1M) than it saved. In a transaction of their own, or the caller's when there is one.
    /// </summary>
    public static async Task<IDbContextTransaction?> PlanReportAsync(this CrmDbContext db,
        CancellationToken cancellationToken = default)
    {
        var own = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL jit = off",
            cancellationToken);
        return own;
    }
}
