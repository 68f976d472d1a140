using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Manager;

/// <summary>
/// The sales manager's board (spec 3.3), today in the store's calendar: per consultant, open leads by grade, plans
/// due today and overdue, leads out of control, open leads without a plan (must be zero), traffic received, cards,
/// follow-ups, orders, deliveries and defeat requests; and the queues. Each figure is one grouped query.
/// </summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar) : PageModel
{
    public IReadOnlyList<ConsultantRow> Rows { get; private set; } = [];

    public ConsultantRow Total { get; private set; } = ConsultantRow.Empty(0, string.Empty);

    public int PendingDefeats { get; private set; }

    public int PendingClaims { get; private set; }

    public int OverdueOrders { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var store = await calendar.StoreOfAsync(User);
        var storeId = store.Id;
        Today = store.LocalDate(calendar.Now);
        var dayStart = store.StartOfLocalDay(Today);
        var dayEnd = store.StartOfLocalDay(Today.AddDays(1));
        var leads = db.Leads.Where(l => l.StoreId == storeId);
        var open = leads.Where(l => l.Status == LeadStatus.Active || l.Status == LeadStatus.Ordered || l.Status == LeadStatus.DefeatPending);

        var consultants = await (from u in db.Users
                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where u.StoreId == storeId && r.Name == Roles.SalesConsultant
                                 select new { u.Id, u.DisplayName, u.IsActive }).ToListAsync();
        var byGrade = await open.GroupBy(l => new { l.OwnerId, l.Grade }).Select(g => new { g.Key.OwnerId, g.Key.Grade, Count = g.Count() }).ToListAsync();
        var plans = await db.FollowUpPlans.Where(p => p.StoreId == storeId && p.Status == PlanStatus.Open && p.DueDate <= Today)
            .GroupBy(p => p.OwnerId)
            .Select(g => new { OwnerId = g.Key, Due = g.Count(p => p.DueDate == Today), Overdue = g.Count(p => p.DueDate < Today) })
            .ToListAsync();
        var outOfControl = await open.Where(l => l.IsOutOfControl).GroupBy(l => l.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var withoutPlan = await open.Where(l => l.Status != LeadStatus.DefeatPending && !db.FollowUpPlans.Any(p => p.LeadId == l.Id && p.Status == PlanStatus.Open))
            .GroupBy(l => l.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var traffic = await db.TrafficEntries.Where(t => t.StoreId == storeId && t.BusinessDate == Today && !t.IsVoided && t.ConsultantId != null)
            .GroupBy(t => t.ConsultantId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var cards = await leads.Where(l => l.CreatedAt >= dayStart && l.CreatedAt < dayEnd).GroupBy(l => l.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var followUps = await db.FollowUpRecords.Where(r => r.StoreId == storeId && r.BusinessDate == Today).GroupBy(r => r.AuthorId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var orders = await (from o in db.Orders join l in leads on o.LeadId equals l.Id where o.Status == OrderStatus.Open group o by l.OwnerId into g select new { g.Key, Count = g.Count() }).ToListAsync();
        var deliveries = await (from d in db.Deliveries join l in leads on d.LeadId equals l.Id where d.DeliveredAt >= dayStart && d.DeliveredAt < dayEnd group d by l.OwnerId into g select new { g.Key, Count = g.Count() }).ToListAsync();
        var defeats = await db.DefeatRequests.Where(d => d.StoreId == storeId && d.Decision == DefeatDecision.Pending).GroupBy(d => d.RequestedById).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();

        int Of<T>(IEnumerable<T> rows, Func<T, long> key, Func<T, int> count, long owner) => rows.Where(r => key(r) == owner).Sum(count);

        Rows = consultants.OrderBy(c => !c.IsActive).ThenBy(c => c.DisplayName).Select(c => new ConsultantRow(c.Id, c.DisplayName, c.IsActive,
                [.. new[] { Grade.H, Grade.A, Grade.B, Grade.C, Grade.O }.Select(g => byGrade.Where(x => x.OwnerId == c.Id && x.Grade == g).Sum(x => x.Count))],
                Of(plans, p => p.OwnerId, p => p.Due, c.Id), Of(plans, p => p.OwnerId, p => p.Overdue, c.Id),
                Of(outOfControl, x => x.Key, x => x.Count, c.Id), Of(withoutPlan, x => x.Key, x => x.Count, c.Id),
                Of(traffic, x => x.Key, x => x.Count, c.Id), Of(cards, x => x.Key, x => x.Count, c.Id),
                Of(followUps, x => x.Key, x => x.Count, c.Id), Of(orders, x => x.Key, x => x.Count, c.Id),
                Of(deliveries, x => x.Key, x => x.Count, c.Id), Of(defeats, x => x.Key, x => x.Count, c.Id)))
            .Where(r => r.IsActive || r.OpenLeads > 0)
            .ToList();
        Total = Rows.Aggregate(ConsultantRow.Empty(0, string.Empty), (sum, r) => sum.Add(r));

        PendingDefeats = defeats.Sum(d => d.Count);
        PendingClaims = await db.DuplicateClaims.CountAsync(c => c.StoreId == storeId && c.Status == ClaimStatus.Pending);
        var overdueSince = Today.AddDays(-Order.OverdueAfterDays);
        OverdueOrders = await (from o in db.Orders join l in leads on o.LeadId equals l.Id
                               where o.Status == OrderStatus.Open && (o.OrderDate < overdueSince || o.ExpectedDeliveryDate < Today)
                               select o.Id).CountAsync();
    }

    public sealed record ConsultantRow(long Id, string Name, bool IsActive, int[] ByGrade, int DueToday, int Overdue,
        int OutOfControl, int WithoutPlan, int Traffic, int Cards, int FollowUps, int Orders, int Deliveries, int Defeats)
    {
        public int OpenLeads => ByGrade.Sum();

        public static ConsultantRow Empty(long id, string name) => new(id, name, true, new int[5], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public ConsultantRow Add(ConsultantRow o) => this with
        {
            ByGrade = ByGrade.Zip(o.ByGrade, (a, b) => a + b).ToArray(),
            DueToday = DueToday + o.DueToday,
            Overdue = Overdue + o.Overdue,
            OutOfControl = OutOfControl + o.OutOfControl,
            WithoutPlan = WithoutPlan + o.WithoutPlan,
            Traffic = Traffic + o.Traffic,
            Cards = Cards + o.Cards,
            FollowUps = FollowUps + o.FollowUps,
            Orders = Orders + o.Orders,
            Deliveries = Deliveries + o.Deliveries,
            Defeats = Defeats + o.Defeats,
        };
    }
}
