using System.Diagnostics;
using DealerCrm.Web.Data;
using DealerCrm.Web.Pages.Reports;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// The data-quality report's stock figures (spec 6.6, issue 15), nightly at 05:30 before the managers arrive: each
/// store's <see cref="DataQualitySnapshot"/> of its day taken from the records by
/// <see cref="DataQualityQueries.SnapshotAsync"/> — the very computation the report falls back on when a day has none,
/// two set-based statements per store (every customer's completeness; every owner's contacts of the year). A store at a
/// time, each in its own transaction: a run killed half-way has stored the stores it finished and the next run (or the
/// store's first view) takes the rest; a second run or a second server replaces a day's row with its own later one,
/// never with an older one. The time is a parameter.
/// </summary>
public sealed class DataQualitySnapshotJob(CrmDbContext db, TimeProvider time, ILogger<DataQualitySnapshotJob> logger)
{
    public async Task<DataQualitySnapshotRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(CallbackCalendars.JobCommandTimeout);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        foreach (var store in stores)
        {
            await DataQualityQueries.SnapshotAsync(db, store, time.GetUtcNow(), recalculate: true, cancellationToken);
        }

        var run = new DataQualitySnapshotRun(stores.Count, watch.Elapsed);
        logger.LogInformation("Data-quality snapshots: {Stores} stores in {ElapsedMs} ms", run.Stores,
            (long)run.Elapsed.TotalMilliseconds);
        return run;
    }
}

/// <summary>What one run of <see cref="DataQualitySnapshotJob"/> did: the stores whose figures it took.</summary>
public sealed record DataQualitySnapshotRun(int Stores, TimeSpan Elapsed);
