using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Service;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Callbacks;

/// <summary>
/// The CRM officer's home (spec 4.3): the open callbacks due today and overdue first (days overdue shown), then the
/// upcoming ones already callable (from the day after the delivery or visit). An officer sees theirs and the store's
/// unassigned ones and may take one; the service manager and general manager read the whole store's queue.
/// Ordered by due date and id, paged by that key. Service reminders (issue 14) stand beside the callbacks, each with its
/// reasons and their due dates; the list may show only reminders or only callbacks, and reminders of one reason.
/// </summary>
public sealed class IndexModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    /// <summary>What the queue shows: service reminders and callbacks (null), or only one of them.</summary>
    public enum QueueKind
    {
        Callbacks = 0,
        Reminders = 1,
    }

    [BindProperty(SupportsGet = true)]
    public CallbackType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public QueueKind? Kind { get; set; }

    /// <summary>Only the reminders that carry this reason (the other tasks have none).</summary>
    [BindProperty(SupportsGet = true)]
    public ServiceReminderReason? Reason { get; set; }

    /// <summary>Keyset: the due date (yyyyMMdd) and id of the previous page's last row.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Store Store { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public bool IsOfficer { get; private set; }

    public long UserId { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public int DueCount { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostTakeAsync(long id, uint version)
    {
        ModelState.Clear();
        var task = await db.CallbackTasks.SingleOrDefaultAsync(t => t.Id == id && t.StoreId == User.GetStoreId());
        if (task is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, task, CallbackTaskAuthorizationHandler.Take) is { } refusal)
        {
            return refusal;
        }

        if (ModelState.TryDomain(localizer, () => task.Take(User.GetUserId()), _ => string.Empty))
        {
            db.ExpectVersion(task, version);
            try
            {
                await db.SaveChangesAsync();
                TempData["Message"] = localizer["Callbacks.Taken"].Value;
                return RedirectToPage(new { type = Type, kind = Kind, reason = Reason });
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError(string.Empty, localizer["Callback.TakenByOther"]);
            }
        }

        db.ChangeTracker.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        var now = calendar.Now;
        Today = Store.LocalDate(now);
        UserId = User.GetUserId();
        IsOfficer = (await authorization.AuthorizeAsync(User, Policies.CallbackWork)).Succeeded;
        if (Type is { } chosen && !Enum.IsDefined(chosen))
        {
            Type = null;
        }

        if (Kind is { } kind && !Enum.IsDefined(kind))
        {
            Kind = null;
        }

        if (Reason is { } why && !Enum.IsDefined(why))
        {
            Reason = null;
        }

        var today = Today;
        var startOfToday = Store.StartOfLocalDay(today);
        var open = db.CallbackTasks.AsNoTracking().VisibleTo(User).Where(t => t.Status == CallbackStatus.Open);
        if (Type is { } type)
        {
            open = open.Where(t => t.Type == type);
        }

        if (Kind == QueueKind.Reminders)
        {
            open = open.Where(t => t.Type == CallbackType.ServiceReminder);
        }
        else if (Kind == QueueKind.Callbacks)
        {
            open = open.Where(t => t.Type != CallbackType.ServiceReminder);
        }

        if (Reason is { } reason)
        {
            open = open.Where(t => t.Type == CallbackType.ServiceReminder
                && db.ServiceReminders.Any(r => r.CallbackTaskId == t.Id && r.Reason == reason));
        }

        DueCount = await open.CountAsync(t => t.DueDate <= today);

        // Callable from the day after the delivery or the visit's completion (4.7); a task with neither (dormant,
        // birthday) is callable from its creation.
        var callable = open.Where(t => t.DueDate <= today
            || (t.ServiceVisitId == null && t.DeliveryId == null)
            || db.ServiceVisits.Any(v => v.Id == t.ServiceVisitId && v.CompletedAt < startOfToday)
            || db.Deliveries.Any(d => d.Id == t.DeliveryId && d.DeliveredAt < startOfToday));
        if (ParseAfter(After) is var (afterDue, afterId))
        {
            callable = callable.Where(t => t.DueDate > afterDue || (t.DueDate == afterDue && t.Id > afterId));
        }

        var data = await (
                from t in callable
                join c in db.Customers on t.CustomerId equals c.Id
                from v in db.Vehicles.Where(v => v.Id == t.VehicleId).DefaultIfEmpty()
                from s in db.ServiceVisits.Where(s => s.Id == t.ServiceVisitId).DefaultIfEmpty()
                from d in db.Deliveries.Where(d => d.Id == t.DeliveryId).DefaultIfEmpty()
                from u in db.Users.Where(u => u.Id == t.AssignedToId).DefaultIfEmpty()
                orderby t.DueDate, t.Id
                select new RowData(t.Id, t.Type, t.DueDate, t.CustomerId, c.Name, t.ContactNumber, t.PreferredTime,
                    c.PreferredContactTime, c.PreferredContactNumber, c.Mobile, c.HomePhone, c.OfficePhone,
                    t.VehicleId, v == null ? null : v.Plate, v == null ? null : v.Model,
                    s == null ? null : s.OrderNumber, s == null ? null : s.CompletedAt,
                    s == null ? null : s.CallbackNumber, s == null ? null : s.BroughtByMobile,
                    s == null ? null : s.CallbackTime, d == null ? null : d.DeliveredAt,
                    db.CallbackAttempts.Count(a => a.TaskId == t.Id), t.NextAttemptAt, t.AssignedToId,
                    u == null ? null : u.DisplayName, t.Version, t.ComplaintId))
            .Take(PageSize + 1).ToListAsync();
        var page = data.Take(PageSize).ToList();
        var settings = await CallbackQueries.SettingsAsync(db, Store.Id);
        var held = await CallbackQueries.HeldUntilAsync(db, Store, settings,
            page.Select(r => (r.Id, r.CustomerId, r.Type)).ToList(), now);
        var reminders = await ServiceQueries.RemindersOfAsync(db, Store.Id,
            page.Where(r => r.Type == CallbackType.ServiceReminder).Select(r => r.Id).ToList());
        Rows = page.Select(r => new Row(r, FirstNumber(r), r.PreferredTime ?? r.VisitCallbackTime ?? r.CustomerPreferredTime,
            r.DueDate < today ? today.DayNumber - r.DueDate.DayNumber : 0,
            held.TryGetValue(r.Id, out var until) ? until : null, reminders[r.Id].ToList())).ToList();
        NextAfter = data.Count > PageSize
            ? string.Create(CultureInfo.InvariantCulture, $"{page[^1].DueDate:yyyyMMdd}-{page[^1].Id}")
            : null;
    }

    private static string? FirstNumber(RowData r) =>
        new[]
            {
                r.ContactNumber,
                r.Type == CallbackType.AfterSalesThreeDay ? r.VisitCallbackNumber ?? r.BroughtByMobile : r.PreferredNumber,
                r.Mobile, r.HomePhone, r.OfficePhone,
            }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));

    private static (DateOnly Due, long Id)? ParseAfter(string? after)
    {
        var parts = after?.Split('-');
        return parts is [var due, var id]
            && DateOnly.TryParseExact(due, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && UserDates.IsSane(d)
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? (d, i)
            : null;
    }

    public sealed record RowData(long Id, CallbackType Type, DateOnly DueDate, long CustomerId, string CustomerName,
        string? ContactNumber, string? PreferredTime, string? CustomerPreferredTime, string? PreferredNumber,
        string? Mobile, string? HomePhone, string? OfficePhone, long? VehicleId, string? Plate, string? Model,
        string? OrderNumber, DateTimeOffset? CompletedAt, string? VisitCallbackNumber, string? BroughtByMobile,
        string? VisitCallbackTime, DateTimeOffset? DeliveredAt, int Attempts, DateTimeOffset? NextAttemptAt,
        long? AssignedToId, string? AssignedToName, uint Version, long? ComplaintId);

    public sealed record Row(RowData Data, string? Number, string? PreferredTime, int DaysOverdue, DateOnly? HeldUntil,
        IReadOnlyList<ServiceQueries.ReminderLine> Reminders)
    {
        public bool IsDue(DateOnly today) => Data.DueDate <= today;
    }

}
