using DealerCrm.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Admin.Stores;

/// <summary>All stores of the group. A group has tens of stores, so one page lists them all.</summary>
public sealed class IndexModel(CrmDbContext db) : PageModel
{
    public IReadOnlyList<StoreRow> Stores { get; private set; } = [];

    public async Task OnGetAsync() =>
        Stores = await db.Stores.AsNoTracking()
            .OrderBy(s => s.Code)
            .Select(s => new StoreRow(s.Id, s.Code, s.Name, s.TimeZoneId, s.WorkingHours.Opens, s.WorkingHours.Closes,
                db.Users.Count(u => u.StoreId == s.Id && u.IsActive)))
            .ToListAsync();

    public sealed record StoreRow(int Id, string Code, string Name, string TimeZoneId, TimeOnly Opens, TimeOnly Closes,
        int ActiveUsers);
}
