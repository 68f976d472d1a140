using DealerCrm.Domain.Defeats;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Manager.Defeats;

/// <summary>The store's pending defeat requests, oldest first (spec 3.2).</summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar) : PageModel
{
    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public Domain.Stores.Store Store { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        var storeId = User.GetStoreId();
        Pending = await (
                from d in db.DefeatRequests
                join l in db.Leads on d.LeadId equals l.Id
                join c in db.Customers on l.CustomerId equals c.Id
                join u in db.Users on d.RequestedById equals u.Id
                where d.StoreId == storeId && d.Decision == DefeatDecision.Pending
                orderby d.CreatedAt, d.Id
                select new Row(d.Id, c.Name, u.DisplayName, d.Reason, d.CompetitorBrand, d.CompetitorModel, d.Explanation,
                    d.GradeAtRequest.ToString(), d.CreatedAt))
            .Take(500).ToListAsync();
    }

    public sealed record Row(long Id, string Customer, string Consultant, DefeatReason Reason, string? Brand,
        string? Model, string Explanation, string Grade, DateTimeOffset CreatedAt);
}
