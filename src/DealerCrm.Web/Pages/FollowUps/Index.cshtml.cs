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
        await using var plan = await db.PlanForTheseValuesAsync();
        Today = Store.LocalDate(calendar.Now);
        var me = User.GetUserId();
        var (from, to) = View switch
        {
            "tomorrow" => (Today.AddDays(1), Today.AddDays(1)),
            "week" => (Today, Today.AddDays(6)),
            _ => (Today, Today),
        };

        // The rows are the consultant's open plans with their leads. Overdue and due are the domain's rules (LeadRules:
        // a followed lead whose open plan's date, which the lead carries, is before or on these days), asked of the
        // plan: its store, owner and date are the lead's (plans move with their leads), so
        // ix_follow_up_plans_open_by_owner_due reads the consultant's plans in the list's order, only as many as are
        // shown. Asking the lead's owner and date as well would make PostgreSQL expect a handful of rows (it cannot
        // know both sides hold the same values) and sort all of the consultant's overdue plans instead.
        var storeId = Store.Id;
        var myLeads = db.Leads.VisibleTo(User).Where(l => l.OwnerId == me);
        var followedInStore = db.Leads.Where(l => l.StoreId == storeId).Where(LeadRules.Followed);
        IQueryable<PlanOf> PlansOf(IQueryable<Lead> leads) =>
            from p in db.FollowUpPlans
            join l in leads on p.LeadId equals l.Id
            join c in db.Customers on l.CustomerId equals c.Id
            where p.Status == PlanStatus.Open && p.StoreId == storeId && p.OwnerId == me
            select new PlanOf { Plan = p, Lead = l, Customer = c };

        Overdue = await PlansOf(followedInStore)
            .Where(x => x.Plan.DueDate < Today)
            .OrderBy(x => x.Plan.DueDate).ThenBy(x => x.Plan.Id).Take(SectionLimit)
            .Select(x => new PlanRow(x.Lead.Id, x.Customer.Name, x.Customer.Mobile, x.Lead.Grade, x.Lead.Interest.IntendedModel,
                x.Lead.LastFollowUpDate, x.Plan.DueDate, x.Plan.DueTime, x.Plan.Purpose, x.Lead.Source))
            .ToListAsync();
        var due = await PlansOf(followedInStore)
            .Where(x => x.Plan.DueDate >= from && x.Plan.DueDate <= to)
            .Take(SectionLimit * 5)
            .Select(x => new PlanRow(x.Lead.Id, x.Customer.Name, x.Customer.Mobile, x.Lead.Grade, x.Lead.Interest.IntendedModel,
                x.Lead.LastFollowUpDate, x.Plan.DueDate, x.Plan.DueTime, x.Plan.Purpose, x.Lead.Source))
            .ToListAsync();
        Due = due.OrderBy(r => r.DueDate).ThenBy(r => GradeOrder(r.Grade)).ThenBy(r => r.DueTime ?? TimeOnly.MaxValue).ToList();
        DefeatPending = await PlansOf(myLeads.Where(l => l.Status == LeadStatus.DefeatPending)).Take(SectionLimit)
            .Select(x => new PlanRow(x.Lead.Id, x.Customer.Name, x.Customer.Mobile, x.Lead.Grade, x.Lead.Interest.IntendedModel,
                x.Lead.LastFollowUpDate, x.Plan.DueDate, x.Plan.DueTime, x.Plan.Purpose, x.Lead.Source))
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

        OverdueOrders = await (
                from o in db.Orders.Where(o => o.StoreId == storeId).Where(Order.Overdue(Today))
                join l in myLeads on o.LeadId equals l.Id
                join c in db.Customers on l.CustomerId equals c.Id
                orderby o.OrderDate
                select new OrderRow(l.Id, c.Name, c.Mobile, o.Model, o.OrderDate, o.ExpectedDeliveryDate))
            .Take(SectionLimit).ToListAsync();

        // The same open leads as the consultant's row on the manager's board.
        OpenByGrade = await myLeads.Where(LeadRules.Open)
            .GroupBy(l => l.Grade).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    public static int GradeOrder(Grade grade) => grade == Grade.O ? 5 : (int)grade;

    /// <summary>An open plan with its lead and customer (members, not a constructor, so EF can sort and project).</summary>
    private sealed class PlanOf
    {
        public required FollowUpPlan Plan { get; init; }

        public required Lead Lead { get; init; }

        public required Domain.Customers.Customer Customer { get; init; }
    }

    public sealed record PlanRow(long LeadId, string Name, string? Mobile, Grade Grade, string? Model,
        DateOnly? LastContact, DateOnly DueDate, TimeOnly? DueTime, PlanPurpose Purpose, SourceChannel Source);

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
