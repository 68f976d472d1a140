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
    public const string OverdueFollowUps = "overdue-follow-ups";
    public const string OverdueFollowUpsMorning = "overdue-follow-ups-0800";
    public const string ThreeDayCallbacks = "three-day-callbacks";
    public const string DormantCustomers = "dormant-customers";
    public const string Birthdays = "birthdays";
    public const string ComplaintClock = "complaint-clock";
    public const string LoyaltyRecalculation = "loyalty-recalculation";
    public const string ServiceReminders = "service-reminders";
    public const string LeadResponseWatch = "lead-response-watch";
    public const string OverdueOrders = "overdue-orders";
    public const string ReplacementLeads = "replacement-leads";
    public const string DataQualitySnapshot = "data-quality-snapshot";

    public static IReadOnlyList<string> RecurringJobIds { get; } =
        [AuditRetention, OverdueFollowUps, OverdueFollowUpsMorning, ThreeDayCallbacks, DormantCustomers, Birthdays,
            ComplaintClock, LoyaltyRecalculation, ServiceReminders, LeadResponseWatch, OverdueOrders, ReplacementLeads,
            DataQualitySnapshot];

    public static void Register(IRecurringJobManager jobs)
    {
        var options = new RecurringJobOptions { TimeZone = ChinaStandardTime };
        jobs.AddOrUpdate<AuditRetentionJob>(AuditRetention, j => j.RunAsync(CancellationToken.None),
            "30 4 * * *", options);

        // Hourly, and at 08:00 so the managers' morning summary is there when they arrive.
        jobs.AddOrUpdate<OverdueFollowUpsJob>(OverdueFollowUps, j => j.RunAsync(CancellationToken.None), "5 * * * *",
            options);
        jobs.AddOrUpdate<OverdueFollowUpsJob>(OverdueFollowUpsMorning, j => j.RunAsync(CancellationToken.None),
            "0 8 * * *", options);

        // Callbacks (spec 5.1): new-car and after-sales 3-day tasks with their due/overdue alerts and the missed rule
        // every 15 minutes; dormant customers at 02:00; birthday care for the coming week at 06:00.
        jobs.AddOrUpdate<ThreeDayCallbacksJob>(ThreeDayCallbacks, j => j.RunAsync(CancellationToken.None),
            "*/15 * * * *", options);
        jobs.AddOrUpdate<DormantCustomersJob>(DormantCustomers, j => j.RunAsync(CancellationToken.None), "0 2 * * *",
            options);
        jobs.AddOrUpdate<BirthdayCallbacksJob>(Birthdays, j => j.RunAsync(CancellationToken.None), "0 6 * * *",
            options);

        // Grievances and complaints (spec 5.1, 4.4): steps past their limit flagged and their people told.
        jobs.AddOrUpdate<ComplaintClockJob>(ComplaintClock, j => j.RunAsync(CancellationToken.None), "*/15 * * * *",
            options);

        // Loyalty categories and membership tiers (spec 5.1, 5.3, 5.4): the whole group at 03:00; an Admin can run it
        // from /Admin/Loyalty as well.
        jobs.AddOrUpdate<LoyaltyRecalculationJob>(LoyaltyRecalculation, j => j.RunAsync(CancellationToken.None),
            "0 3 * * *", options);

        // Service reminders (spec 5.1, issue 14): the coming week's reminder calls, before the officers start.
        jobs.AddOrUpdate<ServiceRemindersJob>(ServiceReminders, j => j.RunAsync(CancellationToken.None), "0 5 * * *",
            options);

        // Lead response watch (spec 5.1): late unassigned enquiries and leads uncontacted at 48/72/96 hours, every 15
        // minutes; overdue orders daily at 07:00, each store judged by its own today inside the job.
        jobs.AddOrUpdate<LeadResponseWatchJob>(LeadResponseWatch, j => j.RunAsync(CancellationToken.None),
            "*/15 * * * *", options);
        jobs.AddOrUpdate<OverdueOrdersJob>(OverdueOrders, j => j.RunAsync(CancellationToken.None), "0 7 * * *",
            options);

        // Replacement leads (spec 5.1, issue 14): owners due a new car offered to their selling consultant or the
        // store's unassigned queue, weekly on Monday at 04:00.
        jobs.AddOrUpdate<ReplacementLeadsJob>(ReplacementLeads, j => j.RunAsync(CancellationToken.None), "0 4 * * 1",
            options);

        // The data-quality report's stock figures (spec 6.6, issue 15): every store's snapshot of its day, taken before
        // the managers arrive (a store's first view of a day without one takes it then).
        jobs.AddOrUpdate<DataQualitySnapshotJob>(DataQualitySnapshot, j => j.RunAsync(CancellationToken.None),
            "30 5 * * *", options);
    }

    private static TimeZoneInfo ChinaStandardTime => TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
