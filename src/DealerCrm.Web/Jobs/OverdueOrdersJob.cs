using System.Diagnostics;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Overdue orders (spec 5.1, 2.3), daily at 07:00: one statement over every store flags the orders that are overdue on
/// the store's own today (<see cref="Order.OverdueRule"/>: open, more than <see cref="Order.OverdueAfterDays"/> days
/// old or past the expected delivery date — the rule the board, the follow-up list and the order page show) and not
/// flagged yet (<see cref="Order.OverdueFlaggedAt"/>), and tells the order's consultant (its lead's owner) and the
/// store's sales managers, once. The SQL restates the rule with each store's today and age limit passed in from the
/// domain; a test holds it to the expression. Rows are picked with <c>FOR UPDATE SKIP LOCKED</c>, flagged and
/// notified in the same statement: a run killed half-way leaves nothing half done, a second server skips or finds
/// them flagged, and the notifications' (user, dedupe key) refuses a repeat. The time is a parameter.
/// </summary>
public sealed class OverdueOrdersJob(CrmDbContext db, TimeProvider time, ILogger<OverdueOrdersJob> logger)
{
    public const string DedupePrefix = "order-overdue:";
    public const string MessageKey = "Notification.Watch.OrderOverdue";

    public async Task<OverdueOrdersRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var stores = await db.Stores.AsNoTracking().ToListAsync(cancellationToken);
        var storeIds = stores.Select(s => s.Id).ToArray();
        var todays = stores.Select(s => s.LocalDate(now)).ToArray();

        // Order.OverdueRule: OrderDate < today.AddDays(-OverdueAfterDays) || ExpectedDeliveryDate < today.
        var orderedBefore = todays.Select(t => t.AddDays(-Order.OverdueAfterDays)).ToArray();
        var open = (int)OrderStatus.Open;

        var counts = (await db.Database.SqlQuery<Counts>($"""
            WITH calendar AS (
                SELECT * FROM unnest({storeIds}::integer[], {todays}::date[], {orderedBefore}::date[])
                    AS c(store_id, today, ordered_before)
            ), overdue AS MATERIALIZED (
                SELECT o.id FROM orders o
                JOIN calendar c ON c.store_id = o.store_id
                WHERE o.status = {open} AND o.overdue_flagged_at IS NULL
                  AND (o.order_date < c.ordered_before OR o.expected_delivery_date < c.today)
                FOR UPDATE OF o SKIP LOCKED
            ), flagged AS (
                UPDATE orders o SET overdue_flagged_at = {now}
                FROM overdue WHERE o.id = overdue.id AND o.overdue_flagged_at IS NULL AND o.status = {open}
                RETURNING o.id, o.store_id, o.lead_id, o.order_date, o.model
            ), items AS (
                SELECT f.*, l.owner_id, cu.name FROM flagged f
                JOIN leads l ON l.id = f.lead_id
                JOIN customers cu ON cu.id = l.customer_id
            ), recipients AS (
                SELECT i.id, u.id AS user_id FROM items i
                JOIN users u ON u.id = i.owner_id AND u.store_id = i.store_id AND u.is_active
                UNION
                SELECT i.id, m.id FROM items i
                JOIN users m ON m.store_id = i.store_id AND m.is_active
                JOIN user_roles ur ON ur.user_id = m.id
                JOIN roles r ON r.id = ur.role_id AND r.name = {Roles.SalesManager}
            ), inserted AS (
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT i.store_id, r.user_id, {(int)NotificationKind.OrderOverdue}, {MessageKey},
                       ARRAY[i.name, i.model, to_char(i.order_date, 'YYYY-MM-DD')], {CrmLinks.LeadPrefix} || i.lead_id,
                       {DedupePrefix} || i.id, {now}
                FROM recipients r JOIN items i ON i.id = r.id
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*)::integer FROM flagged) AS flagged, (SELECT count(*)::integer FROM inserted) AS notified
            """).ToListAsync(cancellationToken)).Single();

        var run = new OverdueOrdersRun(counts.Flagged, counts.Notified, watch.Elapsed);
        logger.LogInformation(
            "Overdue orders: {Flagged} orders flagged overdue, {Notifications} notifications in 1 statement, {ElapsedMs} ms",
            run.OrdersFlagged, run.Notifications, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }

    private sealed record Counts(int Flagged, int Notified);
}

/// <summary>What one run of <see cref="OverdueOrdersJob"/> did.</summary>
public sealed record OverdueOrdersRun(int OrdersFlagged, int Notifications, TimeSpan Elapsed);
