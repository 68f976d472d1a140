using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Infrastructure.Auditing;

/// <summary>
/// The audit-log viewer (spec 7.2: who, when, what, from where), shared by the sales manager's page (their own
/// store's entries) and the Admin's (the whole group, with a store filter). Filters are plain query parameters: no
/// personal data is typed here. Keyset paging by id, newest first. Times are UTC, and labelled so.
/// </summary>
public abstract class AuditViewerModel(CrmDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Act { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Audit.User")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Audit.From")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Audit.To")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "store")]
    public int? StoreFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    /// <summary>True on the Admin's page: every store of the group, with a store filter.</summary>
    public abstract bool WholeGroup { get; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public IReadOnlyList<SelectListItem> Actions { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Stores { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Actions = AuditCatalog.Known.Select(a => new SelectListItem(AuditCatalog.Label(localizer, a), a))
            .OrderBy(i => i.Text, StringComparer.CurrentCulture).ToList();
        var entries = db.AuditEntries.AsNoTracking();
        if (WholeGroup)
        {
            Stores = (await db.Stores.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Id, s.Code, s.Name })
                    .ToListAsync())
                .Select(s => new SelectListItem($"{s.Code} {s.Name}", s.Id.ToString(CultureInfo.InvariantCulture)))
                .ToList();
            if (StoreFilter is { } store)
            {
                entries = entries.Where(e => e.StoreId == store);
            }
        }
        else
        {
            // Entries without a store (failed sign-ins of unknown names, group settings) are the Admin's to read.
            var storeId = User.GetStoreId();
            entries = entries.Where(e => e.StoreId == storeId);
        }

        if (DateRange.IsReversed(ModelState, localizer, From, To, nameof(To), localizer["Audit.From"], localizer["Audit.To"]))
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(Act))
        {
            entries = entries.Where(e => e.Action == Act);
        }

        if (!string.IsNullOrWhiteSpace(UserName))
        {
            var pattern = LikePattern.Containing(UserName.Trim());
            entries = entries.Where(e => EF.Functions.ILike(e.UserName!, pattern, "\\"));
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(e => e.At < end);
        }

        if (Before is { } before)
        {
            entries = entries.Where(e => e.Id < before);
        }

        var page = await entries.OrderByDescending(e => e.Id).Take(PageSize + 1)
            .Select(e => new Row(e.Id, e.At, e.StoreId, e.UserName, e.Action, e.Target, e.Details, e.IpAddress))
            .ToListAsync();
        Rows = page.Take(PageSize).ToList();
        NextBefore = page.Count > PageSize ? Rows[^1].Id : null;
    }

    /// <summary>The current filters with the next page's keyset, for the "next page" link.</summary>
    public Dictionary<string, string> NextPageValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value;
            }
        }

        Add("act", Act);
        Add("userName", UserName);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("store", WholeGroup ? StoreFilter?.ToString(CultureInfo.InvariantCulture) : null);
        Add("before", NextBefore?.ToString(CultureInfo.InvariantCulture));
        return values;
    }

    public sealed record Row(long Id, DateTimeOffset At, int? StoreId, string? UserName, string Action,
        string? Target, string? Details, string? IpAddress);
}

/// <summary>Every audit action the code writes, read from the one catalogue (<see cref="AuditActions"/>), with its label.</summary>
public static class AuditCatalog
{
    public static IReadOnlyList<string> Known { get; } =
        typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct()
            .ToList();

    public static string LabelKey(string action) => $"Audit.Action.{action}";

    /// <summary>The localized label; the action's own name for one added without a text yet.</summary>
    public static string Label(IStringLocalizer localizer, string action)
    {
        var text = localizer[LabelKey(action)];
        return text.ResourceNotFound ? action : text.Value;
    }
}
