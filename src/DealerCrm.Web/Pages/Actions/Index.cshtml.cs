using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Actions;

/// <summary>
/// Corrective and preventive actions (spec 4.5: "open and late actions are listed for the service manager and general
/// manager"). The store's managers see every action of the store, anyone else those they are responsible for or take
/// part in. Open actions first (waiting for approval, returned, in progress, done awaiting verification) by due date,
/// late ones marked by the domain's rule; closed ones after, latest closed first. Filters: status, kind, responsible
/// person, late only (the same rule, in SQL). Paged by key. The GM gets the actions waiting for their approval on top.
/// </summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The GM's approval section shows at most this many (oldest first); the list below has them all.</summary>
    public const int PendingShown = 50;

    [BindProperty(SupportsGet = true)]
    public ActionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public ActionKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Responsible { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Late { get; set; }

    /// <summary>Keyset: "o-yyyyMMdd-id" (open: due date and id) or "c-ticks-id" (closed: closing instant and id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public DateOnly Today { get; private set; }

    public Domain.Stores.Store Store { get; private set; } = null!;

    public bool SeesStore { get; private set; }

    public bool OpensActions { get; private set; }

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<ActionQueries.Person> People { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public async Task OnGetAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Today = Store.LocalDate(calendar.Now);
        SeesStore = ActionScopes.SeesStoreActions(User);
        OpensActions = ActionScopes.VerifiesActions(User);
        Status = Status is { } s && Enum.IsDefined(s) ? s : null;
        Kind = Kind is { } k && Enum.IsDefined(k) ? k : null;
        People = SeesStore ? await ActionQueries.PeopleAsync(db, Store.Id) : [];

        var visible = db.CorrectiveActions.AsNoTracking().VisibleTo(User);
        if (ActionScopes.ApprovesActions(User))
        {
            Pending = await RowsAsync(visible.Where(a => a.Status == ActionStatus.PendingApproval)
                .OrderBy(a => a.OpenedAt).ThenBy(a => a.Id).Take(PendingShown));
        }

        var filtered = visible;
        if (Status is { } status)
        {
            filtered = filtered.Where(a => a.Status == status);
        }

        if (Kind is { } kind)
        {
            filtered = filtered.Where(a => a.Kind == kind);
        }

        if (Responsible is { } responsible)
        {
            filtered = filtered.Where(a => a.ResponsibleUserId == responsible);
        }

        if (Late)
        {
            filtered = filtered.Where(CorrectiveAction.Late(Today));
        }

        var open = filtered.Where(a => a.Status != ActionStatus.Closed);
        var closed = filtered.Where(a => a.Status == ActionStatus.Closed);
        var rows = new List<Row>();
        var key = ParseAfter(After);
        if (key is null or { Closed: false })
        {
            if (key is { } o)
            {
                open = open.Where(a => a.DueDate > o.Due || (a.DueDate == o.Due && a.Id > o.Id));
            }

            rows.AddRange(await RowsAsync(open.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Take(PageSize + 1)));
        }

        if (rows.Count <= PageSize)
        {
            if (key is { Closed: true } c)
            {
                closed = closed.Where(a => a.ClosedAt < c.ClosedAt || (a.ClosedAt == c.ClosedAt && a.Id < c.Id));
            }

            rows.AddRange(await RowsAsync(closed.OrderByDescending(a => a.ClosedAt).ThenByDescending(a => a.Id)
                .Take(PageSize + 1 - rows.Count)));
        }

        Rows = rows.Take(PageSize).ToList();
        NextAfter = rows.Count > PageSize ? KeyOf(Rows[^1].Action) : null;
    }

    private async Task<List<Row>> RowsAsync(IQueryable<CorrectiveAction> actions) =>
        (await (from a in actions
                join u in db.Users on a.ResponsibleUserId equals u.Id
                select new { Action = a, u.DisplayName }).ToListAsync())
        .Select(x => new Row(x.Action, x.DisplayName, x.Action.IsLate(Today))).ToList();

    private static string KeyOf(CorrectiveAction a) => a.Status == ActionStatus.Closed
        ? string.Create(CultureInfo.InvariantCulture, $"c-{a.ClosedAt!.Value.UtcTicks}-{a.Id}")
        : string.Create(CultureInfo.InvariantCulture, $"o-{a.DueDate:yyyyMMdd}-{a.Id}");

    private static AfterKey? ParseAfter(string? after)
    {
        var parts = after?.Split('-');
        if (parts is not [var segment, var value, var idText]
            || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        if (segment == "o" && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var due) && UserDates.IsSane(due))
        {
            return new AfterKey(false, due, default, id);
        }

        if (segment == "c" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
        {
            return new AfterKey(true, default, new DateTimeOffset(ticks, TimeSpan.Zero), id);
        }

        return null;
    }

    private sealed record AfterKey(bool Closed, DateOnly Due, DateTimeOffset ClosedAt, long Id);

    public sealed record Row(CorrectiveAction Action, string ResponsibleName, bool IsLate);
}
