using DealerCrm.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Admin.Users;

/// <summary>Accounts of the whole group, paged by keyset on the (unique) normalized user name.</summary>
public sealed class IndexModel(CrmDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Store { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public async Task OnGetAsync()
    {
        StoreChoices = await UserQueries.StoreChoicesAsync(db);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.StartsWith(q) || u.DisplayName.Contains(Q.Trim()));
        }

        if (Store is { } storeId)
        {
            query = query.Where(u => u.StoreId == storeId);
        }

        if (!string.IsNullOrEmpty(After))
        {
            query = query.Where(u => u.NormalizedUserName!.CompareTo(After) > 0);
        }

        var page = await query.OrderBy(u => u.NormalizedUserName)
            .Take(PageSize + 1)
            .Select(u => new UserRow(u.Id, u.UserName!, u.NormalizedUserName!, u.DisplayName,
                db.Stores.Where(s => s.Id == u.StoreId).Select(s => s.Code).Single(),
                u.IsActive,
                db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                    .OrderBy(n => n).ToList()))
            .ToListAsync();
        Rows = page.Take(PageSize).ToList();
        NextAfter = page.Count > PageSize ? Rows[^1].NormalizedUserName : null;
    }

    public sealed record UserRow(long Id, string UserName, string NormalizedUserName, string DisplayName,
        string StoreCode, bool IsActive, List<string> Roles);
}
