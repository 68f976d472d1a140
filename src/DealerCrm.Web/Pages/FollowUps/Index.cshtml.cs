using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.FollowUps;

/// <summary>
/// The consultant's day (我的跟进, spec 2.1), in the spec's order: overdue plans oldest first, plans due today by
/// grade H, A, B, C, O, new leads not contacted yet, today's visitors without a card, leads waiting for a defeat
/// decision, and overdue orders. Tomorrow and this week are views of the plans. Each section is bounded.
/// </summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar) : PageModel
{
    public const int SectionLimit = 200;

    [BindProperty(SupportsGet = true)]
    public string View { get; set; } = "today";

    public Store Store { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<PlanRow> Overdue { get; private set; } = [];

    public IReadOnlyList<PlanRow> Due { get; private set; } = [];

    public IReadOnlyList<NewLeadRow> NotContacted { get; private set; } = [];

    public IReadOnlyList<TrafficRow> TrafficWithoutCard { get; private set; } = [];

    public IReadOnlyList<PlanRow> DefeatPending { get; private set; } = [];

    public IReadOnlyList<OrderRow> OverdueOrders { get; private set; } = [];

    public IReadOnlyDictionary<Grade, int> OpenByGrade { get; private set; } = new Dictionary<Grade, int>();

    public async Task OnGetAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Today = Store.LocalDate(calendar.Now);
        var me = User.GetUserId();
        var (from, to) = View switch
        {
            "tomorrow" => (Today.AddDays(1), Today.AddDays(1)),
            "week" => (Today, Today.AddDays(6)),
            _ => (Today, Today),
        };

        var myPlans =
            from p in db.FollowUpPlans
            join l in db.Leads.VisibleTo(User) on p.LeadId equals l.Id
            join c in db.Customers on l.CustomerId equals c.Id
            where p.Status == PlanStatus.Open && p.OwnerId == me && l.OwnerId == me
            select new { p, l, c };

        Overdue = await myPlans.Where(x => x.p.DueDate < Today && x.l.Status != LeadStatus.DefeatPending)
            .OrderBy(x => x.p.DueDate).ThenBy(x => x.p.Id).Take(SectionLimit)
            .Select(x => new PlanRow(x.l.Id, x.c.Name, x.c.Mobile, x.l.Grade, x.l.Interest.IntendedModel,
                x.l.LastFollowUpDate, x.p.DueDate, x.p.DueTime, x.p.Purpose))
            .ToListAsync();
        var due = await myPlans.Where(x => x.p.DueDate >= from && x.p.DueDate <= to && x.l.Status != LeadStatus.DefeatPending)
            .Take(SectionLimit * 5)
            .Select(x => new PlanRow(x.l.Id, x.c.Name, x.c.Mobile, x.l.Grade, x.l.Interest.IntendedModel,
                x.l.LastFollowUpDate, x.p.DueDate, x.p.DueTime, x.p.Purpose))
            .ToListAsync();
        Due = due.OrderBy(r => r.DueDate).ThenBy(r => GradeOrder(r.Grade)).ThenBy(r => r.DueTime ?? TimeOnly.MaxValue).ToList();
        DefeatPending = await myPlans.Where(x => x.l.Status == LeadStatus.DefeatPending).Take(SectionLimit)
            .Select(x => new PlanRow(x.l.Id, x.c.Name, x.c.Mobile, x.l.Grade, x.l.Interest.IntendedModel,
                x.l.LastFollowUpDate, x.p.DueDate, x.p.DueTime, x.p.Purpose))
            .ToListAsync();

        var now = calendar.Now;
        NotContacted = await (
                from l in db.Leads.VisibleTo(User)
                join c in db.Customers on l.CustomerId equals c.Id
                where l.OwnerId == me && l.Status == LeadStatus.Active && l.FirstContactAt == null
                      // A lead is listed once: one whose plan is already overdue is under Overdue, at the top.
                      && !db.FollowUpPlans.Any(p => p.LeadId == l.Id && p.Status == PlanStatus.Open && p.DueDate < Today)
                orderby l.CreatedAt
                select new NewLeadRow(l.Id, c.Name, c.Mobile, l.Grade, l.Interest.IntendedModel, l.Source, l.CreatedAt))
            .Take(SectionLimit).ToListAsync();
        NotContacted = NotContacted.Select(r => r with { Hours = (int)(now - r.AssignedAt).TotalHours }).ToList();

        TrafficWithoutCard = await db.TrafficEntries.VisibleTo(User)
            .Where(t => t.ConsultantId == me && t.BusinessDate == Today && t.LeadId == null && !t.IsVoided)
            .OrderBy(t => t.ArrivedAt)
            .Select(t => new TrafficRow(t.Id, t.Kind, t.ArrivedAt, t.VisitorName, t.Mobile))
            .ToListAsync();

        var overdueSince = Today.AddDays(-Order.OverdueAfterDays);
        OverdueOrders = await (
                from o in db.Orders
                join l in db.Leads.VisibleTo(User) on o.LeadId equals l.Id
                join c in db.Customers on l.CustomerId equals c.Id
                where o.Status == OrderStatus.Open && l.OwnerId == me
                      && (o.OrderDate < overdueSince || o.ExpectedDeliveryDate < Today)
                orderby o.OrderDate
                select new OrderRow(l.Id, c.Name, c.Mobile, o.Model, o.OrderDate, o.ExpectedDeliveryDate))
            .Take(SectionLimit).ToListAsync();

        OpenByGrade = await db.Leads.VisibleTo(User)
            .Where(l => l.OwnerId == me && (l.Status == LeadStatus.Active || l.Status == LeadStatus.Ordered))
            .GroupBy(l => l.Grade).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    public static int GradeOrder(Grade grade) => grade == Grade.O ? 5 : (int)grade;

    public sealed record PlanRow(long LeadId, string Name, string? Mobile, Grade Grade, string? Model,
        DateOnly? LastContact, DateOnly DueDate, TimeOnly? DueTime, PlanPurpose Purpose);

    public sealed record NewLeadRow(long LeadId, string Name, string? Mobile, Grade Grade, string? Model,
        SourceChannel Source, DateTimeOffset AssignedAt)
    {
        public int Hours { get; init; }
    }

    public sealed record TrafficRow(long Id, TrafficKind Kind, DateTimeOffset ArrivedAt, string? VisitorName,
        string? Mobile);

    public sealed record OrderRow(long LeadId, string Name, string? Mobile, string Model, DateOnly OrderDate,
        DateOnly? ExpectedDelivery);
}
