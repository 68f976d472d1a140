using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>Which of a consultant's open leads move: by grade, status, overdue plan, or only the ticked ones.</summary>
/// <param name="OverdueBefore">With a date: only leads whose plan is due before it (the store's today).</param>
/// <param name="LeadIds">With ids: only these (still open, still the consultant's) leads.</param>
public sealed record ReassignFilter(Grade? Grade = null, LeadStatus? Status = null, DateOnly? OverdueBefore = null,
    IReadOnlyCollection<long>? LeadIds = null);

/// <summary>
/// Bulk reassignment (spec 3.1): the open leads of one consultant (all, or those a filter or the manager's ticks pick)
/// move to one or several consultants, split evenly, with their open plans, in one SQL statement; each move is kept
/// in the lead's history, the move is audited and every new owner is notified once.
/// </summary>
public sealed class LeadReassignment(CrmDbContext db, AuditLog audit, Notifier notifier, TimeProvider time)
{
    public async Task<int> MoveOpenLeadsAsync(int storeId, long fromOwnerId, IReadOnlyList<long> toOwnerIds,
        ReassignFilter filter, string reason, long actorId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var targets = toOwnerIds.Distinct().Where(id => id != fromOwnerId).ToArray();
        if (targets.Length == 0)
        {
            return 0;
        }

        int active = (int)LeadStatus.Active, ordered = (int)LeadStatus.Ordered, pending = (int)LeadStatus.DefeatPending;
        var gradeFilter = filter.Grade is { } g ? (int)g : -1;
        var statusFilter = filter.Status is { } st ? (int)st : -1;
        var overdue = filter.OverdueBefore is not null;
        var before = filter.OverdueBefore ?? DateOnly.MaxValue;
        var picked = filter.LeadIds is not null;
        var ids = filter.LeadIds?.ToArray() ?? [];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.Database.ExecuteSqlAsync($"""
            WITH moving AS (
                SELECT l.id, (row_number() OVER (ORDER BY l.id) - 1) % {targets.Length} AS slot
                FROM leads l
                WHERE l.store_id = {storeId} AND l.owner_id = {fromOwnerId}
                  AND l.status IN ({active}, {ordered}, {pending})
                  AND ({gradeFilter} = -1 OR l.grade = {gradeFilter})
                  AND ({statusFilter} = -1 OR l.status = {statusFilter})
                  AND (NOT {overdue} OR l.next_follow_up_date < {before})
                  AND (NOT {picked} OR l.id = ANY({ids}))
            ), targets AS (
                SELECT t.user_id, t.ord - 1 AS slot FROM unnest({targets}::bigint[]) WITH ORDINALITY AS t(user_id, ord)
            ), updated AS (
                UPDATE leads l SET owner_id = t.user_id
                FROM moving m JOIN targets t ON t.slot = m.slot
                WHERE l.id = m.id
                RETURNING l.id, l.owner_id
            ), plans AS (
                UPDATE follow_up_plans p SET owner_id = u.owner_id
                FROM updated u
                WHERE p.lead_id = u.id AND p.status = {(int)PlanStatus.Open}
                RETURNING p.id
            )
            INSERT INTO lead_events (lead_id, kind, actor_id, at, from_owner_id, to_owner_id, reason)
            SELECT u.id, {(int)LeadEventKind.OwnerChanged}, {actorId}, {now}, {fromOwnerId}, u.owner_id, {reason}
            FROM updated u
            """, cancellationToken);

        audit.Record(AuditActions.LeadsReassigned, target: $"user:{fromOwnerId}",
            details: $"moved={moved}; to={string.Join(',', targets)}; grade={filter.Grade?.ToString() ?? "all"}; "
                + $"status={filter.Status?.ToString() ?? "open"}; overdue={overdue}; picked={(picked ? ids.Length : 0)}");
        if (moved > 0)
        {
            // Saved with the move. Leads go round the targets in order, so the first `moved` targets received some.
            var fromName = await db.Users.Where(u => u.Id == fromOwnerId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            foreach (var target in targets.Take(moved))
            {
                await notifier.AddForUserAsync(storeId, target, NotificationKind.LeadAssigned, "Notification.LeadsAssigned",
                    [fromName], CrmLinks.FollowUps, $"bulk-reassign:{fromOwnerId}:{target}:{now.ToUnixTimeMilliseconds()}",
                    cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }
}
