using System.Diagnostics;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Deletes audit entries older than the group's retention (at least 6 months, default 36). One set-based DELETE;
/// running it twice deletes nothing the second time.
/// </summary>
public sealed class AuditRetentionJob(CrmDbContext db, TimeProvider time, ILogger<AuditRetentionJob> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var months = await db.DealerGroups.Where(g => g.Id == DealerGroup.SingletonId)
            .Select(g => (int?)g.AuditRetentionMonths)
            .SingleOrDefaultAsync(cancellationToken) ?? 36;
        var cutoff = time.GetUtcNow().AddMonths(-months);
        var deleted = await db.AuditEntries.Where(a => a.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation(
            "Audit retention: deleted {Deleted} entries older than {Cutoff:O} ({Months} months) in {ElapsedMs} ms",
            deleted, cutoff, months, watch.ElapsedMilliseconds);
        return deleted;
    }
}
