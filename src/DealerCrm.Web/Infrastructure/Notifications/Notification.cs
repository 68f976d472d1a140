namespace DealerCrm.Web.Infrastructure.Notifications;

public enum NotificationKind
{
    PlanOverdue = 0,
    StoreOverdueSummary = 1,
    LeadAssigned = 2,
    DefeatDecided = 3,
    ClaimRequested = 4,
    CallbackDue = 5,
    DefeatRequested = 6,
    ClaimDecided = 7,
    LeadReassigned = 8,

    /// <summary>A callback past its due date (once per task).</summary>
    CallbackOverdue = 9,

    /// <summary>A callback found a repair order's number wrong: the advisor's data-fix task.</summary>
    ServiceDataFix = 10,

    /// <summary>A DMS import read in the background has finished.</summary>
    ImportFinished = 11,

    /// <summary>A grievance raised from a callback: the GM and the responsible manager (4.4).</summary>
    GrievanceRaised = 12,

    /// <summary>A complaint entered or raised from a grievance: escalated to the GM and the responsible manager.</summary>
    ComplaintRaised = 13,

    /// <summary>A grievance or complaint step past its limit (the complaint clock job, once per step).</summary>
    ComplaintStepLate = 14,

    /// <summary>A corrective or preventive action waiting for the GM's approval.</summary>
    ActionPendingApproval = 15,

    /// <summary>An action approved or returned: the service manager who opened it and the responsible person.</summary>
    ActionDecided = 16,

    /// <summary>An action recorded as done: the GM and the service manager.</summary>
    ActionDone = 17,

    /// <summary>An action verified and closed (or sent back): the GM and the responsible person.</summary>
    ActionClosed = 18,

    /// <summary>The month's callback report submitted to the GM.</summary>
    CallbackReportSubmitted = 19,

    /// <summary>A resolved item's follow-up call found the customer dissatisfied: reopened.</summary>
    ComplaintReopened = 20,

    /// <summary>A loyalty recalculation changed categories or tiers in a store: its CRM officers, once per run.</summary>
    LoyaltyChanges = 21,

    /// <summary>A customer's loyalty category or tier changed: their sales consultant (000: 动态变化通知销售顾问).</summary>
    CustomerLoyaltyChanged = 22,

    /// <summary>Service reminder calls created for the coming week: the store's CRM officers, once per store per run.</summary>
    ServiceRemindersDue = 23,

    /// <summary>A replacement lead (保有客户) given to its consultant, or put in the unassigned queue: the consultant,
    /// or the store's sales managers.</summary>
    ReplacementLead = 24,

    /// <summary>Lead response watch: an unassigned lead older than 2 days, or a lead still uncontacted at 48, 72 or 96
    /// hours — the store's sales managers, once per lead and threshold.</summary>
    LeadResponseLate = 25,

    /// <summary>An order older than 2 months not delivered: its consultant and the store's sales managers, once.</summary>
    OrderOverdue = 26,

    /// <summary>A service reminder call booked a visit: the store's service advisors.</summary>
    ServiceBooked = 27,
}

/// <summary>
/// One line of a user's inbox (spec 5.2). The text is a resource key with arguments, shown in the reader's language;
/// <see cref="DedupeKey"/> is unique per user, so the same event never notifies twice (jobs run at least once).
/// </summary>
public sealed class Notification
{
    private Notification()
    {
        MessageKey = string.Empty;
        DedupeKey = string.Empty;
        Arguments = [];
    }

    public Notification(int storeId, long userId, NotificationKind kind, string messageKey, string[] arguments,
        string? link, string dedupeKey, DateTimeOffset now)
    {
        StoreId = storeId;
        UserId = userId;
        Kind = kind;
        MessageKey = messageKey;
        Arguments = arguments;
        Link = link;
        DedupeKey = dedupeKey;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public long UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string MessageKey { get; private set; }

    public string[] Arguments { get; private set; }

    public string? Link { get; private set; }

    public string DedupeKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now.ToUniversalTime();
}
