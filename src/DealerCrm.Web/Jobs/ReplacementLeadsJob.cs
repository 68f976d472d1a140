using System.Diagnostics;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Replacement leads (保有客户 / 基盘, spec 5.1, issue 14), weekly on Monday 04:00, set-based over every store at once.
/// An owner qualifies when a car of theirs in use is the store's <see cref="CallbackSettings.ReplacementAfterMonths"/>
/// old (<see cref="ReplacementRules.IsOldEnough"/>) or has <see cref="CallbackSettings.ReplacementAfterKm"/> on its
/// latest mileage, they are not blacklisted, have marketing consent, have no open lead (Active, Ordered, defeat pending)
/// and were not offered one in the last 12 months (<see cref="ReplacementRules.OfferBlocksIfAfter"/>). One statement (one
/// transaction: a run killed half-way leaves nothing, and the next run does it all) makes:
/// <list type="number">
/// <item>owners whose selling consultant (the consultant of the car's latest delivery: the delivered lead's owner) is
/// still an active consultant of the store get a lead card — the rows <see cref="Lead.Create"/> of
/// <see cref="ReplacementRules.Card"/> makes: the lead, its first open plan, the Created and PlanScheduled events — its
/// offer row and the consultant's notification.
/// The one-open-lead-per-customer index is the key: a second server's card for the same owner is not inserted;</item>
/// <item>the others (the consultant left, or the car was sold elsewhere) go to the store's unassigned queue as an
/// enquiry, with the offer row (unique per customer and day: a second server's offer, and so its enquiry, is not
/// inserted) and one notification per run to each of the store's sales managers.</item>
/// </list>
/// Weekly batches (decisions: "Replacement leads come in weekly batches"): a store going live would otherwise get its
/// whole owner base in one morning. Each consultant gets at most the store's
/// <see cref="CallbackSettings.ReplacementWeeklyPerConsultant"/> cards and the queue at most
/// <see cref="CallbackSettings.ReplacementWeeklyToQueue"/> enquiries per store-local week (Monday to Sunday,
/// <see cref="ReplacementRules.WeekStart"/>), counting the week's offers already made (a card's consultant is its lead's
/// owner), so a second run in the week adds nothing once a cap is reached. The oldest car goes first, then the highest
/// mileage, then the lower customer id; an owner beyond the cap gets no offer and qualifies again the next week.
/// Each store's today is its own (time zone); the time is a parameter.
/// </summary>
public sealed class ReplacementLeadsJob(CrmDbContext db, TimeProvider time, ILogger<ReplacementLeadsJob> logger)
{
    public async Task<ReplacementRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(CallbackCalendars.JobCommandTimeout);
        var now = time.GetUtcNow();
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var settings = await db.CallbackSettings.AsNoTracking().ToDictionaryAsync(s => s.StoreId, cancellationToken);
        if (stores.Count == 0)
        {
            return Log(new ReplacementRun(0, 0, 0, 2, watch.Elapsed));
        }

        var days = new StoreDays(stores.Select(s =>
        {
            var today = s.LocalDate(now);
            var rule = settings.GetValueOrDefault(s.Id) ?? new CallbackSettings(s.Id);
            return (s.Id, today, ReplacementRules.OldEnoughIfStartedBy(today, rule.ReplacementAfterMonths),
                rule.ReplacementAfterKm, ReplacementRules.OfferBlocksIfAfter(today), ReplacementRules.WeekStart(today),
                rule.ReplacementWeeklyPerConsultant, rule.ReplacementWeeklyToQueue);
        }).ToList());

        // The statement in a transaction of its own only to set, for it alone, what the other set-based jobs set: no JIT
        // (it compiled ~240 functions for ~0.3 s at 1M) and work_mem for its sorts of the backlog (two spilled 68 MB).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)", cancellationToken);
        var counts = await OfferAsync(days, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Log(new ReplacementRun(counts.Cards, counts.Queued, counts.ManagerNotices, 4, watch.Elapsed));
    }

    /// <summary>
    /// One statement, so a run killed half-way leaves nothing half-made. <c>eligible</c>: the owners who qualify today,
    /// one car each (the oldest, then the one with the most kilometres), with the consultant a card goes to — the
    /// selling consultant when still an active consultant of the store. <c>chosen</c>: of those, per consultant (and per
    /// store's queue) the first in line up to what the week's cap leaves after the week's offers. Cards: the lead, its plan, its two events, its
    /// offer and the consultant's notification. Queue: the offer row first (unique per customer and day) with an enquiry
    /// id drawn from its sequence, then the enquiry for each offer inserted (the offer's key to it is checked at the
    /// statement's end), and one notification per run to each active sales manager of a store that got some. Owners
    /// without a mobile number cannot be queued (the queue matches enquiries to customers by it) and are left.
    /// </summary>
    private async Task<RunCounts> OfferAsync(StoreDays d, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var card = ReplacementRules.Card(0, 0, 0, null, "-", DateOnly.MinValue);
        var plan = card.FirstPlan;
        var rows = await db.Database.SqlQuery<RunCounts>($"""
            WITH cal AS (
                SELECT * FROM unnest({d.StoreIds}::integer[], {d.Todays}::date[], {d.StartedBy}::date[], {d.Km}::integer[],
                    {d.BlocksIfAfter}::date[], {d.WeekStarts}::date[], {d.PerConsultant}::integer[], {d.ToQueue}::integer[])
                    AS c(store_id, today, started_by, km, blocks_if_after, week_start, per_consultant, to_queue)
            ), cars AS (
                SELECT DISTINCT ON (v.owner_customer_id) v.id AS vehicle_id, v.store_id, v.owner_customer_id AS customer_id,
                       v.brand, v.model, c.today, c.blocks_if_after,
                       coalesce(v.delivery_date, v.purchase_date, v.first_service_date) AS car_start,
                       v.latest_mileage AS car_km, v.sold_by_us
                FROM vehicles v
                JOIN cal c ON c.store_id = v.store_id
                WHERE v.status = {(int)VehicleStatus.InUse}
                  AND (coalesce(v.delivery_date, v.purchase_date, v.first_service_date) <= c.started_by
                       OR v.latest_mileage >= c.km)
                ORDER BY v.owner_customer_id, coalesce(v.delivery_date, v.purchase_date, v.first_service_date) NULLS LAST,
                         v.latest_mileage DESC NULLS LAST, v.id
            ), eligible AS MATERIALIZED (
                SELECT ca.*, cu.name, cu.mobile,
                       -- only a car sold here has a delivery (a delivery makes its car, sold_by_us): at 1M this
                       -- skips ~160k lookups of cars sold elsewhere; the delivery's consultant comes from the index
                       -- alone (reading each delivered lead for its owner was ~34k random page reads on a cold run)
                       CASE WHEN ca.sold_by_us THEN
                           (SELECT dl.consultant_id FROM deliveries dl
                            WHERE dl.vehicle_id = ca.vehicle_id AND dl.store_id = ca.store_id
                            ORDER BY dl.delivered_at DESC, dl.id DESC LIMIT 1) END AS seller_id
                FROM cars ca
                JOIN customers cu ON cu.id = ca.customer_id AND cu.store_id = ca.store_id
                WHERE NOT cu.is_blacklisted AND cu.marketing_consent
                  AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.customer_id = ca.customer_id
                                  AND l.status = ANY({LeadRules.OpenStatusValues}))
                  AND NOT EXISTS (SELECT 1 FROM replacement_offers o WHERE o.customer_id = ca.customer_id
                                  AND o.offered_on > ca.blocks_if_after)
            ), routed AS MATERIALIZED (
                SELECT e.*, CASE WHEN EXISTS (
                           SELECT 1 FROM users u
                           JOIN user_roles ur ON ur.user_id = u.id
                           JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.SalesConsultant}
                           WHERE u.id = e.seller_id AND u.is_active AND u.store_id = e.store_id)
                       THEN e.seller_id END AS consultant_id
                FROM eligible e
            ), week_cards AS (
                SELECT o.store_id, l.owner_id AS consultant_id, count(*)::integer AS n
                FROM replacement_offers o
                JOIN cal c ON c.store_id = o.store_id AND o.offered_on BETWEEN c.week_start AND c.today
                JOIN leads l ON l.id = o.lead_id
                GROUP BY o.store_id, l.owner_id
            ), week_queue AS (
                SELECT o.store_id, count(*)::integer AS n
                FROM replacement_offers o
                JOIN cal c ON c.store_id = o.store_id AND o.offered_on BETWEEN c.week_start AND c.today
                WHERE o.incoming_lead_id IS NOT NULL
                GROUP BY o.store_id
            ), ranked AS (
                SELECT r.*, row_number() OVER (PARTITION BY r.store_id, r.consultant_id
                           ORDER BY r.car_start NULLS LAST, r.car_km DESC NULLS LAST, r.customer_id) AS place
                FROM routed r
                WHERE r.consultant_id IS NOT NULL OR r.mobile IS NOT NULL
            ), chosen AS MATERIALIZED (
                SELECT k.*
                FROM ranked k
                JOIN cal c ON c.store_id = k.store_id
                LEFT JOIN week_cards wc ON wc.store_id = k.store_id AND wc.consultant_id = k.consultant_id
                LEFT JOIN week_queue wq ON wq.store_id = k.store_id AND k.consultant_id IS NULL
                WHERE k.place <= CASE WHEN k.consultant_id IS NULL THEN c.to_queue - coalesce(wq.n, 0)
                                      ELSE c.per_consultant - coalesce(wc.n, 0) END
            ), new_leads AS (
                INSERT INTO leads (store_id, customer_id, owner_id, source, traffic_entry_id, grade, grade_signs, status,
                    arrived_at, first_contact_at, next_follow_up_date, last_follow_up_date, created_at, is_out_of_control,
                    interest_purchase_type, interest_has_trade_in, interest_trade_in_car, interest_payment_method)
                SELECT r.store_id, r.customer_id, r.consultant_id, {(int)card.Source}, NULL, {(int)card.Grade},
                       ARRAY[]::integer[], {(int)LeadStatus.Active}, {now}, NULL, r.today, NULL, {now}, false,
                       {(int)card.Interest.PurchaseType}, {card.Interest.HasTradeIn},
                       rtrim(left(concat_ws(' ', nullif(btrim(r.brand), ''), btrim(r.model)), {LeadInterest.TextMaxLength})),
                       {(int)card.Interest.PaymentMethod}
                FROM chosen r
                WHERE r.consultant_id IS NOT NULL
                ORDER BY r.store_id, r.customer_id
                ON CONFLICT DO NOTHING
                RETURNING id, store_id, customer_id, owner_id, next_follow_up_date
            ), plans AS (
                INSERT INTO follow_up_plans (lead_id, store_id, owner_id, due_date, due_time, method, purpose, note,
                    late_reason, status, created_at, overdue_notified)
                SELECT n.id, n.store_id, n.owner_id, n.next_follow_up_date, NULL, {(int)plan.Method}, {(int)plan.Purpose},
                       NULL, NULL, {(int)PlanStatus.Open}, {now}, false
                FROM new_leads n
            ), events AS (
                INSERT INTO lead_events (lead_id, kind, actor_id, at, to_grade, to_owner_id, to_status, plan_date)
                SELECT n.id, k.kind, n.owner_id, {now},
                       CASE WHEN k.kind = {(int)LeadEventKind.Created} THEN {(int)card.Grade} END,
                       CASE WHEN k.kind = {(int)LeadEventKind.Created} THEN n.owner_id END,
                       CASE WHEN k.kind = {(int)LeadEventKind.Created} THEN {(int)LeadStatus.Active} END,
                       CASE WHEN k.kind = {(int)LeadEventKind.PlanScheduled} THEN n.next_follow_up_date END
                FROM new_leads n
                CROSS JOIN (VALUES ({(int)LeadEventKind.Created}), ({(int)LeadEventKind.PlanScheduled})) AS k(kind)
                ORDER BY n.id, k.kind
            ), card_offers AS (
                INSERT INTO replacement_offers (store_id, customer_id, vehicle_id, offered_on, lead_id, created_at)
                SELECT n.store_id, n.customer_id, r.vehicle_id, r.today, n.id, {now}
                FROM new_leads n JOIN chosen r ON r.customer_id = n.customer_id
                ON CONFLICT DO NOTHING
            ), card_notices AS (
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT n.store_id, n.owner_id, {(int)NotificationKind.ReplacementLead}, {"Replacement.Notification"},
                       ARRAY[r.name, btrim(r.model)], {CrmLinks.LeadPrefix} || n.id, 'replacement-lead:' || n.id, {now}
                FROM new_leads n JOIN chosen r ON r.customer_id = n.customer_id
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
            ), numbered AS MATERIALIZED (
                SELECT r.*, nextval(pg_get_serial_sequence('incoming_leads', 'id')) AS incoming_id
                FROM chosen r
                WHERE r.consultant_id IS NULL AND r.mobile IS NOT NULL
            ), queue_offers AS (
                INSERT INTO replacement_offers (store_id, customer_id, vehicle_id, offered_on, incoming_lead_id, created_at)
                SELECT n.store_id, n.customer_id, n.vehicle_id, n.today, n.incoming_id, {now}
                FROM numbered n
                ON CONFLICT DO NOTHING
                RETURNING incoming_lead_id, store_id, customer_id
            ), queued AS (
                -- the owner's name and mobile from customers by key: joined to the CTE numbered instead, the planner
                -- (a CTE is estimated at one row) nested-looped the queue's offers over it, 2,000 × 2,000 rows at 1M
                INSERT INTO incoming_leads (id, store_id, name, mobile, intended_model, source, arrived_at, status, created_at)
                SELECT o.incoming_lead_id, o.store_id, cu.name, cu.mobile, NULL, {(int)SourceChannel.OwnerReplacement},
                       {now}, {(int)IncomingLeadStatus.Waiting}, {now}
                FROM queue_offers o JOIN customers cu ON cu.id = o.customer_id
                RETURNING id, store_id
            ), per_store AS (
                SELECT store_id, count(*)::integer AS n, min(id) AS first_id FROM queued GROUP BY store_id
            ), queue_notices AS (
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT p.store_id, u.id, {(int)NotificationKind.ReplacementLead}, {"Replacement.QueueNotification"},
                       ARRAY[p.n::text], {UnassignedLink}, 'replacement-queue:' || p.store_id || ':' || p.first_id, {now}
                FROM per_store p
                JOIN users u ON u.store_id = p.store_id AND u.is_active
                JOIN user_roles ur ON ur.user_id = u.id
                JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.SalesManager}
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*)::integer FROM new_leads) AS cards, (SELECT count(*)::integer FROM queued) AS queued,
                   (SELECT count(*)::integer FROM queue_notices) AS manager_notices
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }

    /// <summary>The manager's unassigned queue, where a queued replacement lead is assigned.</summary>
    public const string UnassignedLink = "/Manager/Unassigned";

    private ReplacementRun Log(ReplacementRun run)
    {
        logger.LogInformation(
            "Replacement leads: {Cards} cards for selling consultants, {Queued} to the unassigned queue, {ManagerNotices} manager notifications in {Statements} statements, {ElapsedMs} ms",
            run.Cards, run.Queued, run.ManagerNotifications, run.Statements, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }

    private sealed record RunCounts(int Cards, int Queued, int ManagerNotices);

    /// <summary>Parallel arrays per store: today, the latest start of a car old enough, the mileage, the date after
    /// which an earlier offer still blocks, the Monday of today's week, and the week's caps.</summary>
    private sealed class StoreDays(IReadOnlyList<(int Store, DateOnly Today, DateOnly StartedBy, int Km, DateOnly BlocksIfAfter,
        DateOnly WeekStart, int PerConsultant, int ToQueue)> rows)
    {
#pragma warning disable CA1819 // arrays are what Npgsql binds to SQL arrays
        public int[] StoreIds { get; } = rows.Select(r => r.Store).ToArray();

        public DateOnly[] Todays { get; } = rows.Select(r => r.Today).ToArray();

        public DateOnly[] StartedBy { get; } = rows.Select(r => r.StartedBy).ToArray();

        public int[] Km { get; } = rows.Select(r => r.Km).ToArray();

        public DateOnly[] BlocksIfAfter { get; } = rows.Select(r => r.BlocksIfAfter).ToArray();

        public DateOnly[] WeekStarts { get; } = rows.Select(r => r.WeekStart).ToArray();

        public int[] PerConsultant { get; } = rows.Select(r => r.PerConsultant).ToArray();

        public int[] ToQueue { get; } = rows.Select(r => r.ToQueue).ToArray();
#pragma warning restore CA1819
    }
}

/// <summary>What one run of <see cref="ReplacementLeadsJob"/> did: cards made for selling consultants, enquiries put in
/// the unassigned queue, and the managers' notifications about them.</summary>
public sealed record ReplacementRun(int Cards, int Queued, int ManagerNotifications, int Statements, TimeSpan Elapsed);
