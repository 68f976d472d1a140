using System.Diagnostics;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Pages.Complaints;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// The complaint clock (spec 5.1, 4.4), every 15 minutes: one statement flags every step of a grievance or complaint
/// that is past its limit — still pending after its deadline, or done after it — and not yet flagged, not superseded,
/// of an item not closed, and tells the people who answer for it: the named responsible person, the department's
/// managers (<see cref="ComplaintWorkflow.ManagerRoleOf"/>), the store's GM(s) and its CRM officers. Each step is
/// flagged once (<see cref="ComplaintStep.BreachNotifiedAt"/>): the flag and the notifications are one statement, the
/// rows are locked while they are flagged (a second server running at the same instant skips them, or finds them
/// flagged), and the notifications' dedupe key (one per step and user) refuses a repeat. The time is a parameter.
/// </summary>
public sealed class ComplaintClockJob(CrmDbContext db, TimeProvider time, ILogger<ComplaintClockJob> logger)
{
    /// <summary>The notifications' dedupe key prefix; the step's id follows.</summary>
    public const string DedupePrefix = "complaint-step-late:";

    /// <summary>The message key prefix; the step type's name follows (args: item id, hours and minutes late).</summary>
    public const string MessagePrefix = "Jobs.ComplaintClock.";

    /// <summary>The link of an item, as <see cref="ComplaintWorkflow.LinkOf"/> writes it (a test holds them equal).</summary>
    public const string LinkPrefix = "/Complaints/";

    public async Task<ComplaintClockRun> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        var stepTypes = Enum.GetValues<ComplaintStepType>();
        var typeIds = stepTypes.Select(t => (int)t).ToArray();
        var typeKeys = stepTypes.Select(t => MessagePrefix + t).ToArray();
        var departments = Enum.GetValues<ComplaintDepartment>();
        var departmentIds = departments.Select(d => (int)d).ToArray();
        var managerRoles = departments.Select(ComplaintWorkflow.ManagerRoleOf).ToArray();
        var kind = (int)NotificationKind.ComplaintStepLate;
        var closed = (int)ComplaintStatus.Closed;

        var counts = (await db.Database.SqlQuery<ClockCounts>($"""
            WITH keys AS (
                SELECT * FROM unnest({typeIds}::integer[], {typeKeys}::text[]) AS k(type, message_key)
            ), managers AS (
                SELECT * FROM unnest({departmentIds}::integer[], {managerRoles}::text[]) AS m(department, role)
            ), late AS MATERIALIZED (
                SELECT s.id FROM complaint_steps s
                JOIN complaints c ON c.id = s.complaint_id
                WHERE s.deadline IS NOT NULL AND s.breach_notified_at IS NULL AND NOT s.superseded
                  AND c.status <> {closed}
                  AND ((s.done_at IS NULL AND s.deadline < {now}) OR s.done_at > s.deadline)
                FOR UPDATE OF s SKIP LOCKED
            ), flagged AS (
                UPDATE complaint_steps s SET breach_notified_at = {now}
                FROM late l WHERE s.id = l.id AND s.breach_notified_at IS NULL
                RETURNING s.id, s.complaint_id, s.type, coalesce(s.done_at, {now}) - s.deadline AS late_by
            ), items AS (
                SELECT f.*, c.store_id, c.department, c.responsible_user_id FROM flagged f JOIN complaints c ON c.id = f.complaint_id
            ), recipients AS (
                SELECT i.id, u.id AS user_id FROM items i
                JOIN users u ON u.id = i.responsible_user_id AND u.store_id = i.store_id AND u.is_active
                UNION
                SELECT i.id, u.id FROM items i
                JOIN managers m ON m.department = i.department
                JOIN users u ON u.store_id = i.store_id AND u.is_active
                JOIN user_roles ur ON ur.user_id = u.id
                JOIN roles r ON r.id = ur.role_id
                WHERE r.name IN (m.role, {Roles.GeneralManager}, {Roles.CrmOfficer})
            ), inserted AS (
                INSERT INTO notifications (store_id, user_id, kind, message_key, arguments, link, dedupe_key, created_at)
                SELECT i.store_id, r.user_id, {kind}, k.message_key,
                       ARRAY[i.complaint_id::text, (extract(epoch FROM i.late_by)::bigint / 3600)::text,
                             ((extract(epoch FROM i.late_by)::bigint % 3600) / 60)::text],
                       {LinkPrefix} || i.complaint_id, {DedupePrefix} || i.id, {now}
                FROM recipients r
                JOIN items i ON i.id = r.id
                JOIN keys k ON k.type = i.type
                ON CONFLICT (user_id, dedupe_key) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*)::integer FROM flagged) AS steps, (SELECT count(*)::integer FROM inserted) AS notifications
            """).ToListAsync(cancellationToken)).Single();

        var run = new ComplaintClockRun(counts.Steps, counts.Notifications, watch.Elapsed);
        logger.LogInformation(
            "Complaint clock: {Steps} late steps flagged, {Notifications} notifications in 1 statement, {ElapsedMs} ms",
            run.StepsFlagged, run.Notifications, (long)run.Elapsed.TotalMilliseconds);
        return run;
    }

    private sealed record ClockCounts(int Steps, int Notifications);
}

/// <summary>What one run of <see cref="ComplaintClockJob"/> did: steps flagged late, inbox lines written.</summary>
public sealed record ComplaintClockRun(int StepsFlagged, int Notifications, TimeSpan Elapsed);
