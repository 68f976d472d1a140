using Hangfire;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// The one place recurring jobs are registered. Ids are stable: re-registering on every start (or from several
/// instances) updates the same schedule rather than adding another. Cron times are in China Standard Time, the
/// group's default; jobs that depend on a store's own calendar compute it per store inside the job.
/// </summary>
public static class JobSchedule
{
    public const string AuditRetention = "audit-retention";

    public static IReadOnlyList<string> RecurringJobIds { get; } = [AuditRetention];

    public static void Register(IRecurringJobManager jobs)
    {
        var options = new RecurringJobOptions { TimeZone = ChinaStandardTime };
        jobs.AddOrUpdate<AuditRetentionJob>(AuditRetention, j => j.RunAsync(CancellationToken.None),
            "30 4 * * *", options);
    }

    private static TimeZoneInfo ChinaStandardTime => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
