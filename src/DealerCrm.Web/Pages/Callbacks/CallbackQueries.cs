using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Callbacks;

/// <summary>
/// What the queue and the call form share: the store's settings, the contact limit of 4.7 (a customer who was on the
/// line on another task within the store's gap is held), and the numbers a task may dial, in the order they are tried.
/// </summary>
public static class CallbackQueries
{
    /// <summary>The outcomes that were a conversation with the customer (<see cref="CallOutcomeRules.IsConversation"/>),
    /// as a list SQL takes: the contact limit counts only these.</summary>
    public static IReadOnlyList<CallOutcome> Conversations { get; } =
        Enum.GetValues<CallOutcome>().Where(o => o.IsConversation()).ToArray();

    /// <summary>
    /// The open callbacks a car leaving its owner (sold, transferred, scrapped) closes: those about the car, except a
    /// service reminder that also carries reasons of the customer's other cars — it stays for them (the service
    /// reminders job cancels one only when none of its cars is still the customer's and in use).
    /// </summary>
    public static IQueryable<CallbackTask> ClosedByCarLeaving(CrmDbContext db, long vehicleId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CallbackTasks.Where(t => t.VehicleId == vehicleId && t.Status == CallbackStatus.Open
            && !(t.Type == CallbackType.ServiceReminder
                 && db.ServiceReminders.Any(r => r.CallbackTaskId == t.Id && r.VehicleId != vehicleId)));
    }

    public static async Task<CallbackSettings> SettingsAsync(CrmDbContext db, int storeId) =>
        await db.CallbackSettings.AsNoTracking().SingleOrDefaultAsync(s => s.StoreId == storeId)
        ?? new CallbackSettings(storeId);

    /// <summary>
    /// Whether the contact limit of 4.7 holds a task of this type. A complaint's follow-up call (4.4) does not wait: the
    /// customer expects it, and the item stays open until it is made. Its conversation still counts as the customer's
    /// call for the other types (decisions.md, issue 12).
    /// </summary>
    public static bool IsHeldByContactLimit(CallbackType type) => type != CallbackType.ComplaintFollowUp;

    /// <summary>
    /// For each task given, the first store day its customer may be called again when a conversation on another task
    /// of theirs holds it (4.7: one call per customer per <see cref="CallbackSettings.ContactGapDays"/> days, across
    /// types): the day of that conversation plus the gap. Tasks that are not held (and follow-up calls, which the limit
    /// never holds: <see cref="IsHeldByContactLimit"/>) are left out.
    /// </summary>
    public static async Task<Dictionary<long, DateOnly>> HeldUntilAsync(CrmDbContext db, Store store,
        CallbackSettings settings, IReadOnlyCollection<(long TaskId, long CustomerId, CallbackType Type)> candidates,
        DateTimeOffset now)
    {
        var held = new Dictionary<long, DateOnly>();
        var tasks = candidates.Where(t => IsHeldByContactLimit(t.Type)).Select(t => (t.TaskId, t.CustomerId)).ToList();
        if (settings.ContactGapDays == 0 || tasks.Count == 0)
        {
            return held;
        }

        var customers = tasks.Select(t => t.CustomerId).Distinct().ToList();
        var since = now.AddDays(-(settings.ContactGapDays + 2));
        var conversations = await (
                from a in db.CallbackAttempts
                join t in db.CallbackTasks on a.TaskId equals t.Id
                where t.StoreId == store.Id && customers.Contains(t.CustomerId) && a.At >= since
                      && Conversations.Contains(a.Outcome)
                select new { t.CustomerId, a.TaskId, a.At })
            .AsNoTracking().ToListAsync();
        var today = store.LocalDate(now);
        foreach (var (taskId, customerId) in tasks)
        {
            var last = conversations.Where(c => c.CustomerId == customerId && c.TaskId != taskId)
                .Select(c => (DateTimeOffset?)c.At).Max();
            if (last is { } at && store.LocalDate(at).AddDays(settings.ContactGapDays) is var until && until > today)
            {
                held[taskId] = until;
            }
        }

        return held;
    }

    /// <summary>
    /// The numbers a task may dial, first the one to try first (4.7 "who is called"): for an after-sales callback the
    /// number the repair order gave for the callback and the mobile of whoever brought the car (送修人), then the
    /// owner's mobile, home and office phone; for the other types the buyer's or owner's preferred number, then the
    /// same three. The task's own contact number comes first when the job set one. Duplicates are dropped.
    /// </summary>
    public static IReadOnlyList<string> NumbersToCall(CallbackTask task, ServiceVisit? visit, Customer customer)
    {
        var numbers = new List<string?> { task.ContactNumber };
        if (task.Type == CallbackType.AfterSalesThreeDay && visit is not null)
        {
            numbers.Add(visit.CallbackNumber);
            numbers.Add(visit.BroughtByMobile);
        }
        else
        {
            numbers.Add(customer.PreferredContactNumber);
        }

        numbers.Add(customer.Mobile);
        numbers.Add(customer.HomePhone);
        numbers.Add(customer.OfficePhone);
        return numbers.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
