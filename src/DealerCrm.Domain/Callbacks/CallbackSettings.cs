using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Callbacks;

/// <summary>
/// A store's callback settings (4.7): the hours customers may be called (quiet hours outside them), the least days
/// between two calls to one customer, the dormant period, and where the next new task goes among the officers.
/// </summary>
public sealed class CallbackSettings
{
    public const int ScriptMaxLength = 1000;

    private CallbackSettings()
    {
    }

    public CallbackSettings(int storeId)
    {
        StoreId = storeId;
        CallFrom = new TimeOnly(9, 0);
        CallUntil = new TimeOnly(20, 0);
        ContactGapDays = 7;
        DormantMonths = 6;
        InsuranceReminderDays = 30;
        ReplacementAfterMonths = 24;
        ReplacementAfterKm = 100_000;
        ReplacementWeeklyPerConsultant = 25;
        ReplacementWeeklyToQueue = 100;
    }

    public int StoreId { get; private set; }

    /// <summary>Calls are made from this local time...</summary>
    public TimeOnly CallFrom { get; private set; }

    /// <summary>...until this one; outside is the store's quiet hours.</summary>
    public TimeOnly CallUntil { get; private set; }

    /// <summary>At most one call per customer in this many days, across all types.</summary>
    public int ContactGapDays { get; private set; }

    /// <summary>No service visit for this many months makes a dormant customer (5.1).</summary>
    public int DormantMonths { get; private set; }

    /// <summary>Insurance expiring: the reminder call falls due this many days before the expiry (5.1, issue 14).</summary>
    public int InsuranceReminderDays { get; private set; }

    /// <summary>Replacement leads (004: 售后客户转化为销售客户): an owner whose car is this many months old...</summary>
    public int ReplacementAfterMonths { get; private set; }

    /// <summary>...or has this many km is offered a replacement lead.</summary>
    public int ReplacementAfterKm { get; private set; }

    /// <summary>At most this many replacement cards per consultant in a store-local week (Monday to Sunday): a store
    /// going live phases its owner base in weekly batches instead of all at once (issue 14).</summary>
    public int ReplacementWeeklyPerConsultant { get; private set; }

    /// <summary>At most this many replacement enquiries to the store's unassigned queue in a week; 0 sends none.</summary>
    public int ReplacementWeeklyToQueue { get; private set; }

    /// <summary>Round-robin position: new tasks go to the store's active CRM officers in turn.</summary>
    public int NextOfficerIndex { get; private set; }

    public uint Version { get; private set; }

    public bool IsQuietTime(TimeOnly local) => local < CallFrom || local >= CallUntil;

    public void Change(TimeOnly callFrom, TimeOnly callUntil, int contactGapDays, int dormantMonths)
    {
        if (callUntil <= callFrom)
        {
            throw new DomainException("CallbackSettings.HoursReversed", nameof(CallUntil));
        }

        if (contactGapDays is < 0 or > 60)
        {
            throw new DomainException("CallbackSettings.GapRange", nameof(ContactGapDays), 0, 60);
        }

        if (dormantMonths is < 1 or > 60)
        {
            throw new DomainException("CallbackSettings.DormantRange", nameof(DormantMonths), 1, 60);
        }

        CallFrom = callFrom;
        CallUntil = callUntil;
        ContactGapDays = contactGapDays;
        DormantMonths = dormantMonths;
    }

    /// <summary>The service reminder and replacement lead settings (5.1, issue 14), with the replacement leads' weekly
    /// caps.</summary>
    public void ChangeReminders(int insuranceReminderDays, int replacementAfterMonths, int replacementAfterKm,
        int replacementWeeklyPerConsultant, int replacementWeeklyToQueue)
    {
        if (insuranceReminderDays is < 1 or > 90)
        {
            throw new DomainException("CallbackSettings.InsuranceDaysRange", nameof(InsuranceReminderDays), 1, 90);
        }

        if (replacementAfterMonths is < 6 or > 240)
        {
            throw new DomainException("CallbackSettings.ReplacementMonthsRange", nameof(ReplacementAfterMonths), 6, 240);
        }

        if (replacementAfterKm is < 1_000 or > 1_000_000)
        {
            throw new DomainException("CallbackSettings.ReplacementKmRange", nameof(ReplacementAfterKm), 1_000,
                1_000_000);
        }

        if (replacementWeeklyPerConsultant is < 1 or > 500)
        {
            throw new DomainException("CallbackSettings.ReplacementPerConsultantRange",
                nameof(ReplacementWeeklyPerConsultant), 1, 500);
        }

        if (replacementWeeklyToQueue is < 0 or > 5_000)
        {
            throw new DomainException("CallbackSettings.ReplacementToQueueRange", nameof(ReplacementWeeklyToQueue), 0,
                5_000);
        }

        InsuranceReminderDays = insuranceReminderDays;
        ReplacementAfterMonths = replacementAfterMonths;
        ReplacementAfterKm = replacementAfterKm;
        ReplacementWeeklyPerConsultant = replacementWeeklyPerConsultant;
        ReplacementWeeklyToQueue = replacementWeeklyToQueue;
    }
}

/// <summary>
/// The store's call script for one callback type (4.7): greeting, purpose, closing, in both languages, with fields
/// {dealer}, {officer}, {title}, {name}, {date}, {service} filled in on the call form.
/// </summary>
public sealed class CallbackScript
{
    public const int TextMaxLength = 1000;

    private CallbackScript()
    {
        GreetingEn = PurposeEn = ClosingEn = GreetingZh = PurposeZh = ClosingZh = string.Empty;
    }

    public CallbackScript(int storeId, CallbackType type, string? greetingEn, string? purposeEn, string? closingEn,
        string? greetingZh, string? purposeZh, string? closingZh)
        : this()
    {
        StoreId = storeId;
        Type = type;
        Change(greetingEn, purposeEn, closingEn, greetingZh, purposeZh, closingZh);
    }

    public int StoreId { get; private set; }

    public CallbackType Type { get; private set; }

    public string GreetingEn { get; private set; }

    public string PurposeEn { get; private set; }

    public string ClosingEn { get; private set; }

    public string GreetingZh { get; private set; }

    public string PurposeZh { get; private set; }

    public string ClosingZh { get; private set; }

    public uint Version { get; private set; }

    public void Change(string? greetingEn, string? purposeEn, string? closingEn, string? greetingZh, string? purposeZh,
        string? closingZh)
    {
        GreetingEn = Text.Required(greetingEn, TextMaxLength, nameof(GreetingEn), "Script.TextRequired");
        PurposeEn = Text.Required(purposeEn, TextMaxLength, nameof(PurposeEn), "Script.TextRequired");
        ClosingEn = Text.Required(closingEn, TextMaxLength, nameof(ClosingEn), "Script.TextRequired");
        GreetingZh = Text.Required(greetingZh, TextMaxLength, nameof(GreetingZh), "Script.TextRequired");
        PurposeZh = Text.Required(purposeZh, TextMaxLength, nameof(PurposeZh), "Script.TextRequired");
        ClosingZh = Text.Required(closingZh, TextMaxLength, nameof(ClosingZh), "Script.TextRequired");
    }
}
