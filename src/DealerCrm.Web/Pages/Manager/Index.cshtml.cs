using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Leads;
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

    public int Unassigned { get; private set; }

    public int UnassignedLate { get; private set; }

    public int? OldestUnassignedHours { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The store, for its local times on the page.</summary>
    public Store Store { get; private set; } = null!;

    /// <summary>Lead cards from the queue still uncontacted 48 h or more after arrival (<see cref="ResponseWatch"/>),
    /// by threshold reached: how many past 48, 72 and 96 hours.</summary>
    public UncontactedCounts Uncontacted { get; private set; } = new(0, 0, 0);

    /// <summary>The oldest of them, at most <see cref="UncontactedShown"/>.</summary>
    public IReadOnlyList<UncontactedRow> UncontactedOldest { get; private set; } = [];

    public const int UncontactedShown = 20;

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        var store = Store = await calendar.StoreOfAsync(User);
        await using var plan = await db.PlanForTheseValuesAsync();
        var storeId = store.Id;
        Today = store.LocalDate(calendar.Now);
        var dayStart = store.StartOfLocalDay(Today);
        var dayEnd = store.StartOfLocalDay(Today.AddDays(1));
        int open = (int)PlanStatus.Open, openOrder = (int)OrderStatus.Open, pendingDefeat = (int)DefeatDecision.Pending;

        // The rules are the domain's (LeadRules), their statuses and dates passed in: open leads by grade; due today,
        // overdue and out of control among the followed ones; cards made today whatever became of them since.
        int[] openLeads = LeadRules.OpenStatusValues, followed = LeadRules.FollowedStatusValues;
        var outOfControlAsOf = LeadRules.OutOfControlAsOf(Today);

        // One statement, grouped by consultant, one round trip. Each figure reads only its own rows through an index:
        // the open leads from ix_leads_open_board alone (an index-only scan, never the store's closed leads), the
        // cards made today by creation time, open plans from ix_follow_up_plans_open_by_owner_due (spec 7.1: p95 ≤
        // 150 ms on a store of 110,000 leads).
        var figures = await db.Database.SqlQuery<BoardFigures>($"""
            WITH consultants AS (
                SELECT u.id, u.display_name, u.is_active
                FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
                WHERE u.store_id = {storeId} AND r.name = {Roles.SalesConsultant}
            ), lead_figures AS (
                -- The index's filter is the open statuses (LeadRules.OpenStatuses): the same condition, repeated.
                SELECT owner_id,
                       count(*) FILTER (WHERE grade = {(int)Grade.H}) AS h,
                       count(*) FILTER (WHERE grade = {(int)Grade.A}) AS a,
                       count(*) FILTER (WHERE grade = {(int)Grade.B}) AS b,
                       count(*) FILTER (WHERE grade = {(int)Grade.C}) AS c,
                       count(*) FILTER (WHERE grade = {(int)Grade.O}) AS o,
                       count(*) FILTER (WHERE status = ANY({followed}) AND next_follow_up_date = {Today}) AS due_today,
                       count(*) FILTER (WHERE status = ANY({followed}) AND next_follow_up_date < {Today}) AS overdue,
                       count(*) FILTER (WHERE status = ANY({followed}) AND next_follow_up_date < {outOfControlAsOf}) AS out_of_control,
                       count(*) AS open_leads
                FROM leads
                WHERE store_id = {storeId} AND status = ANY({openLeads})
                GROUP BY owner_id
            ), cards AS (
                -- Cards made today whatever became of them since: open or closed.
                SELECT owner_id, count(*) AS n FROM leads
                WHERE store_id = {storeId} AND created_at >= {dayStart} AND created_at < {dayEnd}
                GROUP BY owner_id
            ), plan_figures AS (
                -- Every open lead has exactly one open plan held by the lead's owner (a unique index allows at most
                -- one; plans move with their leads), so open leads minus open plans per consultant is the number of
                -- leads without a plan, without an anti-join over the whole store.
                SELECT owner_id, count(*) AS open_plans
                FROM follow_up_plans WHERE store_id = {storeId} AND status = {open}
                GROUP BY owner_id
            ), traffic AS (
                SELECT consultant_id AS owner_id, count(*) AS n FROM traffic_entries
                WHERE store_id = {storeId} AND business_date = {Today} AND NOT is_voided AND consultant_id IS NOT NULL
                GROUP BY consultant_id
            ), follow_ups AS (
                SELECT author_id AS owner_id, count(*) AS n FROM follow_up_records
                WHERE store_id = {storeId} AND business_date = {Today} GROUP BY author_id
            ), orders AS (
                -- The owner of each open order's lead by its key: a join would hash every lead of the group.
                SELECT (SELECT l.owner_id FROM leads l WHERE l.id = o.lead_id) AS owner_id, count(*) AS n FROM orders o
                WHERE o.store_id = {storeId} AND o.status = {openOrder} GROUP BY 1
            ), deliveries AS (
                SELECT (SELECT l.owner_id FROM leads l WHERE l.id = d.lead_id) AS owner_id, count(*) AS n FROM deliveries d
                WHERE d.store_id = {storeId} AND d.delivered_at >= {dayStart} AND d.delivered_at < {dayEnd} GROUP BY 1
            ), defeats AS (
                SELECT requested_by_id AS owner_id, count(*) AS n FROM defeat_requests
                WHERE store_id = {storeId} AND decision = {pendingDefeat} GROUP BY requested_by_id
            )
            SELECT c.id AS id, c.display_name AS name, c.is_active AS is_active,
                   coalesce(lf.h, 0)::int AS h, coalesce(lf.a, 0)::int AS a, coalesce(lf.b, 0)::int AS b,
                   coalesce(lf.c, 0)::int AS c, coalesce(lf.o, 0)::int AS o,
                   coalesce(lf.due_today, 0)::int AS due_today, coalesce(lf.overdue, 0)::int AS overdue,
                   coalesce(lf.out_of_control, 0)::int AS out_of_control, (coalesce(lf.open_leads, 0) - coalesce(pf.open_plans, 0))::int AS without_plan,
                   coalesce(t.n, 0)::int AS traffic, coalesce(cd.n, 0)::int AS cards,
                   coalesce(f.n, 0)::int AS follow_ups, coalesce(o.n, 0)::int AS orders,
                   coalesce(d.n, 0)::int AS deliveries, coalesce(df.n, 0)::int AS defeats
            FROM consultants c
            LEFT JOIN lead_figures lf ON lf.owner_id = c.id
            LEFT JOIN cards cd ON cd.owner_id = c.id
            LEFT JOIN plan_figures pf ON pf.owner_id = c.id
            LEFT JOIN traffic t ON t.owner_id = c.id
            LEFT JOIN follow_ups f ON f.owner_id = c.id
            LEFT JOIN orders o ON o.owner_id = c.id
            LEFT JOIN deliveries d ON d.owner_id = c.id
            LEFT JOIN defeats df ON df.owner_id = c.id
            """).ToListAsync();

        Rows = figures.Select(f => new ConsultantRow(f.Id, f.Name, f.IsActive, [f.H, f.A, f.B, f.C, f.O], f.DueToday,
                f.Overdue, f.OutOfControl, f.WithoutPlan, f.Traffic, f.Cards, f.FollowUps, f.Orders, f.Deliveries, f.Defeats))
            .OrderBy(r => !r.IsActive).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Where(r => r.IsActive || r.OpenLeads > 0)
            .ToList();
        Total = Rows.Aggregate(ConsultantRow.Empty(0, string.Empty), (sum, r) => sum.Add(r));
        PendingDefeats = Rows.Sum(r => r.Defeats);
        PendingClaims = await db.DuplicateClaims.CountAsync(c => c.StoreId == storeId && c.Status == ClaimStatus.Pending);
        var waiting = db.IncomingLeads.Where(i => i.StoreId == storeId && i.Status == IncomingLeadStatus.Waiting);
        var queue = await waiting.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(i => i.ArrivedAt) })
            .SingleOrDefaultAsync();
        Unassigned = queue?.Count ?? 0;
        UnassignedLate = await waiting.Where(IncomingLead.Late(calendar.Now)).CountAsync();
        OldestUnassignedHours = queue is null ? null : Math.Max(0, (int)(calendar.Now - queue.Oldest).TotalHours);
        OverdueOrders = await db.Orders.Where(o => o.StoreId == storeId).Where(Order.Overdue(Today)).CountAsync();

        // The response watch's one definition (ResponseWatchQueries): counted by threshold, the oldest listed.
        Now = calendar.Now;
        var uncontacted = ResponseWatchQueries.UncontactedFromQueue(db, Now).Where(l => l.StoreId == storeId);
        var arrivedBy = ResponseWatch.ArrivedByEach(Now);
        DateTimeOffset by72 = arrivedBy[1], by96 = arrivedBy[2];
        var counts = await uncontacted.GroupBy(_ => 1)
            .Select(g => new UncontactedCounts(g.Count(), g.Count(l => l.ArrivedAt <= by72), g.Count(l => l.ArrivedAt <= by96)))
            .SingleOrDefaultAsync();
        Uncontacted = counts ?? new UncontactedCounts(0, 0, 0);
        UncontactedOldest = Uncontacted.Past48 == 0
            ? []
            : await (from l in uncontacted
                     join c in db.Customers on l.CustomerId equals c.Id
                     join u in db.Users on l.OwnerId equals u.Id
                     orderby l.ArrivedAt, l.Id
                     select new UncontactedRow(l.Id, c.Name, u.DisplayName, l.ArrivedAt))
                .Take(UncontactedShown).ToListAsync();
    }

    public sealed record UncontactedCounts(int Past48, int Past72, int Past96);

    public sealed record UncontactedRow(long LeadId, string CustomerName, string OwnerName, DateTimeOffset ArrivedAt);

    /// <summary>One consultant's row as the board's SQL returns it.</summary>
    public sealed record BoardFigures(long Id, string Name, bool IsActive, int H, int A, int B, int C, int O, int DueToday,
        int Overdue, int OutOfControl, int WithoutPlan, int Traffic, int Cards, int FollowUps, int Orders, int Deliveries,
        int Defeats);

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
