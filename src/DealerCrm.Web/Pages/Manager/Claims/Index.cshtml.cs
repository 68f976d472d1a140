using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Manager.Claims;

/// <summary>撞单 (spec 1.5, 3.3): the store's pending duplicate claims, oldest first. Sales managers decide; general managers read.</summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar) : PageModel
{
    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public Domain.Stores.Store Store { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Now = calendar.Now;
        var storeId = User.GetStoreId();
        Pending = await (
                from c in db.DuplicateClaims
                join l in db.Leads on c.LeadId equals l.Id
                join cu in db.Customers on c.CustomerId equals cu.Id
                join owner in db.Users on l.OwnerId equals owner.Id
                join requester in db.Users on c.RequestedById equals requester.Id
                where c.StoreId == storeId && c.Status == ClaimStatus.Pending
                orderby c.CreatedAt, c.Id
                select new Row(c.Id, cu.Name, owner.DisplayName, requester.DisplayName, c.Note, c.CreatedAt))
            .AsNoTracking().Take(500).ToListAsync();
    }

    public sealed record Row(long Id, string Customer, string Owner, string Requester, string Note,
        DateTimeOffset CreatedAt);
}
