using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>How the customer of a Dormant lead showed up again.</summary>
public enum DormantWakeUp
{
    WalkIn,
    Call,
    NewCard,
}

/// <summary>
/// 休眠客户 (spec 3.5): which leads the dormancy rule picks (the same rule as <see cref="DormancyRule"/>, written as a
/// query), the manager's bulk move to Dormant in one SQL statement, and the automatic reactivation when the customer
/// walks in, calls or is met by a consultant again.
/// </summary>
public sealed class DormantLeads(CrmDbContext db, AuditLog audit, Notifier notifier, TimeProvider time,
    ILogger<DormantLeads> logger)
{
    /// <summary>
    /// The store's leads that may be made dormant at <paramref name="cutoff"/> (now minus the store's days): Active, C,
    /// no open order, created before the cutoff, no grade change and no walk-in or call (not voided) after it.
    /// </summary>
    public static IQueryable<Lead> Eligible(CrmDbContext db, int storeId, DateTimeOffset cutoff) =>
        db.Leads.Where(l => l.StoreId == storeId && l.Status == LeadStatus.Active && l.Grade == Grade.C
            && l.CreatedAt <= cutoff
            && !db.LeadEvents.Any(e => e.LeadId == l.Id && e.Kind == LeadEventKind.GradeChanged && e.At > cutoff)
            && !db.TrafficEntries.Any(t => (t.CustomerId == l.CustomerId || t.LeadId == l.Id) && !t.IsVoided
                && t.ArrivedAt > cutoff)
            && !db.Orders.Any(o => o.LeadId == l.Id && o.Status == OrderStatus.Open));

    /// <summary>What the rule needs to judge one lead, read from its history and the store's traffic.</summary>
    public static async Task<DormancyFacts> FactsAsync(CrmDbContext db, Lead lead)
    {
        var lastGradeChange = await db.LeadEvents.Where(e => e.LeadId == lead.Id && e.Kind == LeadEventKind.GradeChanged)
            .MaxAsync(e => (DateTimeOffset?)e.At);
        var lastVisit = await db.TrafficEntries
            .Where(t => (t.CustomerId == lead.CustomerId || t.LeadId == lead.Id) && !t.IsVoided)
            .MaxAsync(t => (DateTimeOffset?)t.ArrivedAt);
        var openOrder = await db.Orders.AnyAsync(o => o.LeadId == lead.Id && o.Status == OrderStatus.Open);
        return new DormancyFacts(lead.Status, lead.Grade, openOrder, lead.CreatedAt, lastGradeChange, lastVisit);
    }

    /// <summary>
    /// Moves the eligible leads (of one consultant, or all; only the ticked ones when ids are given) to Dormant: the rule
    /// picks them (<see cref="Eligible"/>, the same query as the page's list), then one statement sets status, next date
    /// and out-of-control flag, cancels their open plans and writes one history line each. The statement checks status
    /// and grade again on the rows it locks, so a lead changed in between stays as it is.
    /// </summary>
    public async Task<int> MakeDormantAsync(int storeId, int days, long? ownerId, IReadOnlyCollection<long>? leadIds,
        long actorId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var eligible = Eligible(db, storeId, DormancyRule.Cutoff(now, days));
        if (ownerId is { } owner)
        {
            eligible = eligible.Where(l => l.OwnerId == owner);
        }

        if (leadIds is not null)
        {
            eligible = eligible.Where(l => leadIds.Contains(l.Id));
        }

        int active = (int)LeadStatus.Active, dormant = (int)LeadStatus.Dormant;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await eligible.Select(l => l.Id).ToArrayAsync(cancellationToken);
        var moved = await db.Database.ExecuteSqlAsync($"""
            WITH updated AS (
                UPDATE leads l SET status = {dormant}, next_follow_up_date = NULL, is_out_of_control = FALSE
                WHERE l.id = ANY({ids}) AND l.store_id = {storeId} AND l.status = {active} AND l.grade = {(int)Grade.C}
                RETURNING l.id
            ), plans AS (
                UPDATE follow_up_plans p SET status = {(int)PlanStatus.Cancelled}, closed_at = {now}
                FROM updated u
                WHERE p.lead_id = u.id AND p.status = {(int)PlanStatus.Open}
                RETURNING p.id
            )
            INSERT INTO lead_events (lead_id, kind, actor_id, at, from_status, to_status)
            SELECT u.id, {(int)LeadEventKind.StatusChanged}, {actorId}, {now}, {active}, {dormant}
            FROM updated u
            """, cancellationToken);

        audit.Record(AuditActions.LeadsMadeDormant, target: ownerId is { } o ? $"user:{o}" : $"store:{storeId}",
            details: $"moved={moved}; days={days}; picked={leadIds?.Count ?? 0}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Made {Count} leads dormant in store {StoreId}", moved, storeId);
        return moved;
    }

    /// <summary>
    /// The customer showed up again: their latest Dormant lead becomes Active with its consultant and a plan due today,
    /// and the consultant is notified (unless it was them). Nothing happens when there is no Dormant lead, or when the customer already has
    /// an open lead (one open lead per customer). Returns the reactivated lead.
    /// </summary>
    public async Task<Lead?> ReactivateOnContactAsync(int storeId, long customerId, DormantWakeUp how, long actorId,
        CancellationToken cancellationToken = default)
    {
        var lead = await db.Leads.Include(l => l.Plans.Where(p => p.Status == PlanStatus.Open))
            .Where(l => l.StoreId == storeId && l.CustomerId == customerId && l.Status == LeadStatus.Dormant)
            .OrderByDescending(l => l.Id).FirstOrDefaultAsync(cancellationToken);
        if (lead is null || await db.Leads.AnyAsync(l => l.CustomerId == customerId
                && LeadRules.OpenStatuses.Contains(l.Status), cancellationToken))
        {
            return null;
        }

        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == storeId, cancellationToken);
        var policy = await db.GradePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.StoreId == storeId, cancellationToken)
            ?? new GradePolicy(storeId);
        var now = time.GetUtcNow();
        var today = store.LocalDate(now);
        lead.Reactivate(actorId, today, null, policy, today, now);
        if (lead.OwnerId != actorId)
        {
            await AddOwnerNotificationAsync(lead, how switch
            {
                DormantWakeUp.WalkIn => "Notification.DormantWalkedIn",
                DormantWakeUp.Call => "Notification.DormantCalled",
                _ => "Notification.DormantMetAgain",
            }, [], now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
        {
            // Someone else woke it (or opened another lead) at the same instant: theirs stands, and with the wake-up
            // its notification is dropped too.
            logger.LogInformation("Automatic reactivation of lead {LeadId} lost a race", lead.Id);
            db.ChangeTracker.Clear();
            return null;
        }

        return lead;
    }

    /// <summary>
    /// A walk-in or call of today whose mobile belongs to a known customer: wakes the customer's Dormant lead. Called
    /// wherever the receptionist's save makes the mobile known (call, check-out, same-day edit), after that save.
    /// </summary>
    public Task<Lead?> ReactivateForVisitAsync(TrafficEntry entry, DateOnly today, long actorId,
        CancellationToken cancellationToken = default) =>
        entry is { CustomerId: { } customerId, IsVoided: false } && entry.BusinessDate == today
            ? ReactivateOnContactAsync(entry.StoreId, customerId,
                entry.Kind == TrafficKind.WalkIn ? DormantWakeUp.WalkIn : DormantWakeUp.Call, actorId, cancellationToken)
            : Task.FromResult<Lead?>(null);

    /// <summary>Tells the consultant their dormant lead is back on their list: added to the reactivation's save.</summary>
    public async Task AddOwnerNotificationAsync(Lead lead, string messageKey, string[] extra, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.Where(c => c.Id == lead.CustomerId).Select(c => c.Name)
            .SingleAsync(cancellationToken);
        await notifier.AddForUserAsync(lead.StoreId, lead.OwnerId, NotificationKind.LeadAssigned, messageKey,
            [customer, .. extra], CrmLinks.Lead(lead.Id), $"dormant-reactivated:{lead.Id}:{now.ToUnixTimeMilliseconds()}",
            cancellationToken);
    }
}
