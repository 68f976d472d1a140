using System.Globalization;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Complaints;

/// <summary>
/// The service manager's home (spec 4.4): the grievances and complaints the user may read, the open ones first by
/// their nearest deadline (computed in SQL over the pending steps; those past it marked with how late), then the
/// resolved and closed ones, newest first. Filters: kind, status, category, department, responsible person. Paged by
/// keyset: the open section by (next deadline, id), then the rest by (received, id) descending.
/// </summary>
public sealed class IndexModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public ComplaintKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public ComplaintStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public ComplaintDepartment? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Responsible { get; set; }

    /// <summary>Keyset: "o-{deadline ticks or n}-{id}" within the open section, "c-{received ticks}-{id}" after it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Store Store { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<ComplaintQueries.Row> Rows { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<ComplaintQueries.Person> People { get; private set; } = [];

    public CategoryNames Names { get; private set; } = null!;

    public bool CanEnter { get; private set; }

    public async Task OnGetAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Now = calendar.Now;
        CanEnter = (await authorization.AuthorizeAsync(User, Policies.ComplaintEntry)).Succeeded;
        Names = await CategoryNames.ForStoreAsync(db, Store.Id, localizer);
        Categories = await ComplaintQueries.AllCategoriesAsync(db, Store.Id);
        People = await ComplaintQueries.AllCandidatesAsync(db, Store.Id);
        Kind = Kind is { } k && Enum.IsDefined(k) ? k : null;
        Status = Status is { } s && Enum.IsDefined(s) ? s : null;
        Department = Department is { } d && Enum.IsDefined(d) ? d : null;
        Category = Category is { } c && Categories.Contains(c, StringComparer.Ordinal) ? c : null;

        var items = db.Complaints.AsNoTracking().VisibleTo(User, db);
        if (Kind is { } kind)
        {
            items = items.Where(i => i.Kind == kind);
        }

        if (Status is { } status)
        {
            items = items.Where(i => i.Status == status);
        }

        if (Category is { } category)
        {
            items = items.Where(i => i.CategoryCode == category);
        }

        if (Department is { } department)
        {
            items = items.Where(i => i.Department == department);
        }

        if (Responsible is { } responsible)
        {
            items = items.Where(i => i.ResponsibleUserId == responsible);
        }

        var rows = new List<ComplaintQueries.Row>();
        var key = Parse(After);
        if (key is null || key.Value.Open)
        {
            var open = ComplaintQueries.Rows(db, items.Where(i => i.Status == ComplaintStatus.Open));
            if (key is { } k2)
            {
                open = k2.At is { } at
                    ? open.Where(r => r.NextDeadline == null || r.NextDeadline > at || (r.NextDeadline == at && r.Id > k2.Id))
                    : open.Where(r => r.NextDeadline == null && r.Id > k2.Id);
            }

            // Nulls last: an open item with no running limit comes after every item with one.
            rows.AddRange(await open.OrderBy(r => r.NextDeadline == null).ThenBy(r => r.NextDeadline).ThenBy(r => r.Id)
                .Take(PageSize + 1).ToListAsync());
        }

        if (rows.Count <= PageSize)
        {
            var done = ComplaintQueries.Rows(db, items.Where(i => i.Status != ComplaintStatus.Open));
            if (key is { Open: false } k3)
            {
                var at = k3.At!.Value;
                done = done.Where(r => r.ReceivedAt < at || (r.ReceivedAt == at && r.Id < k3.Id));
            }

            rows.AddRange(await done.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
                .Take(PageSize + 1 - rows.Count).ToListAsync());
        }

        Rows = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            var last = Rows[^1];
            NextAfter = last.Status == ComplaintStatus.Open
                ? string.Create(CultureInfo.InvariantCulture,
                    $"o-{(last.NextDeadline is { } d2 ? d2.UtcTicks.ToString(CultureInfo.InvariantCulture) : "n")}-{last.Id}")
                : string.Create(CultureInfo.InvariantCulture, $"c-{last.ReceivedAt.UtcTicks}-{last.Id}");
        }
    }

    private static (bool Open, DateTimeOffset? At, long Id)? Parse(string? after)
    {
        var parts = after?.Split('-');
        if (parts is not [var section and ("o" or "c"), var at, var id]
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            return null;
        }

        if (at == "n" && section == "o")
        {
            return (true, null, i);
        }

        return long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? (section == "o", new DateTimeOffset(ticks, TimeSpan.Zero), i)
            : null;
    }
}
