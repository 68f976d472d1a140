using DealerCrm.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Admin;

public sealed class IndexModel(CrmDbContext db) : PageModel
{
    public int StoreCount { get; private set; }

    public int ActiveUserCount { get; private set; }

    public int InactiveUserCount { get; private set; }

    public async Task OnGetAsync()
    {
        StoreCount = await db.Stores.CountAsync();
        var counts = await db.Users.GroupBy(u => u.IsActive)
            .Select(g => new { Active = g.Key, Count = g.Count() })
            .ToListAsync();
        ActiveUserCount = counts.Where(c => c.Active).Sum(c => c.Count);
        InactiveUserCount = counts.Where(c => !c.Active).Sum(c => c.Count);
    }
}
