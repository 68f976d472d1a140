using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Pages.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Complaints;

/// <summary>
/// The one place the effects of grievances and complaints happen (spec 4.4), added to the caller's unit of work so they
/// are saved with the change that causes them: a grievance raised from a saved callback and its notifications; a
/// complaint's escalation; a resolution creating the CRM officer's follow-up callback; that call closing or reopening
/// the item. Pages (the call form, /Complaints) call these; none of them saves. A new item's notifications carry its
/// id, so the caller saves the item first and then calls <see cref="NotifyRaisedAsync"/>, both in one transaction.
/// </summary>
public sealed class ComplaintWorkflow(CrmDbContext db, StoreCalendar calendar, Notifier notifier)
{
    /// <summary>The store's complaint clock: its working calendar in its time zone.</summary>
    public async Task<ComplaintClock> ClockAsync(Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new ComplaintClock(await calendar.WorkingCalendarAsync(store.Id), store.TimeZone);
    }

    /// <summary>
    /// After a callback was recorded as reached: raises its grievance when an answer is a problem or the rating is
    /// dissatisfied (4.4), notifying the GM and the responsible department's managers; returns it (null when none).
    /// The description lists the problems as the customer gave them; the category is the "other problems" answer's
    /// when there is one, else "Other" (the manager recategorizes it).
    /// </summary>
    public async Task<Complaint?> RaiseGrievanceIfAnyAsync(Store store, CallbackTask task,
        IReadOnlyCollection<(QuestionKind Kind, string QuestionText, CallbackAnswer Answer)> answers, string? ratingText,
        long officerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(answers);
        var problems = answers.Where(a => a.Answer.IsProblem(a.Kind)).ToList();
        if (!Complaint.CallbackRaisesGrievance(task.Type, problems.Count > 0, task.OverallSatisfaction))
        {
            return null;
        }

        var lines = problems.Select(p => p.Answer.Reason is { } reason ? $"{p.QuestionText}: {reason}" : p.QuestionText).ToList();
        if (ratingText is not null && task.OverallSatisfaction is Satisfaction.Dissatisfied or Satisfaction.VeryDissatisfied)
        {
            lines.Add(ratingText);
        }

        if (task.Comments is { } comments)
        {
            lines.Add(comments);
        }

        var description = string.Join("\n", lines);
        if (description.Length > Complaint.DescriptionMaxLength)
        {
            description = description[..Complaint.DescriptionMaxLength];
        }

        var category = problems.Select(p => p.Answer.ProblemCategory).FirstOrDefault(c => c is not null) ?? "Other";
        var grievance = Complaint.RaiseGrievance(task, category, description, officerId, now, await ClockAsync(store));
        db.Complaints.Add(grievance);
        return grievance;
    }

    /// <summary>
    /// Resolves the item and creates the CRM officer's follow-up call (4.4): due the next working day, to the
    /// customer's mobile, assigned by the store's round-robin (unassigned when it has no officer).
    /// </summary>
    public async Task<CallbackTask> ResolveAsync(Store store, Complaint complaint, long byUserId, string resolution,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(complaint);
        complaint.Resolve(byUserId, resolution, now);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == complaint.CustomerId)
            .Select(c => new { c.Name, c.Mobile }).SingleAsync(cancellationToken);
        var working = await calendar.WorkingCalendarAsync(store.Id);
        var due = working.NextWorkingDay(store.LocalDate(now));
        var officer = await CallbackAssignment.NextOfficerAsync(db, store.Id, cancellationToken);
        var followUp = new CallbackTask(store.Id, CallbackType.ComplaintFollowUp, complaint.CustomerId, complaint.VehicleId,
            null, due, now, complaint.ServiceVisitId, FollowUpOccasion(complaint), customer.Name, customer.Mobile,
            null, officer, complaint.Id);
        db.CallbackTasks.Add(followUp);
        return followUp;
    }

    /// <summary>
    /// The follow-up call ended: reached and satisfied (very satisfied or satisfied) closes the item; reached and not
    /// satisfied reopens it and tells the department's managers and the GM; unreachable closes it (4.4). Anything
    /// else (call later, busy) leaves it waiting.
    /// </summary>
    public async Task FollowUpEndedAsync(Store store, CallbackTask followUp, long officerId, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(followUp);
        if (followUp.Type != CallbackType.ComplaintFollowUp || followUp.ComplaintId is not { } complaintId)
        {
            return;
        }

        var complaint = await db.Complaints.Include(c => c.Steps).SingleAsync(c => c.Id == complaintId, cancellationToken);
        if (complaint.Status != ComplaintStatus.Resolved)
        {
            return;
        }

        switch (followUp.Status)
        {
            case CallbackStatus.Reached when followUp.OverallSatisfaction is Satisfaction.Satisfied or Satisfaction.VerySatisfied:
                complaint.Close(officerId, followUp.Comments, now);
                break;
            case CallbackStatus.Reached:
                complaint.Reopen(officerId, followUp.Comments, now, await ClockAsync(store));
                await NotifyAsync(complaint, NotificationKind.ComplaintReopened, "Complaints.Notify.Reopened",
                    "reopened:" + complaint.ReopenCount.ToString(CultureInfo.InvariantCulture), cancellationToken);
                break;
            case CallbackStatus.Unreachable:
                complaint.Close(officerId, null, now);
                break;
        }
    }

    /// <summary>The follow-up's occasion key: one per item and round of handling.</summary>
    public static string FollowUpOccasion(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return string.Create(CultureInfo.InvariantCulture, $"cf:{complaint.Id}:{complaint.ReopenCount}");
    }

    /// <summary>The role that manages a department (the responsible manager of 4.4).</summary>
    public static string ManagerRoleOf(ComplaintDepartment department) => ComplaintScopes.ManagerRoleOf(department);

    public static string LinkOf(long complaintId) =>
        "/Complaints/" + complaintId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A grievance submitted, or a complaint escalated (entered, or raised from a grievance): the GM and the responsible
    /// department's managers are told, once per item and kind. Call after the item was saved (its id is in the link).
    /// </summary>
    public Task NotifyRaisedAsync(Complaint complaint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return complaint.Kind == ComplaintKind.Grievance
            ? NotifyAsync(complaint, NotificationKind.GrievanceRaised, "Complaints.Notify.GrievanceRaised", "raised", cancellationToken)
            : NotifyAsync(complaint, NotificationKind.ComplaintRaised, "Complaints.Notify.ComplaintRaised", "escalated", cancellationToken);
    }

    private async Task NotifyAsync(Complaint complaint, NotificationKind kind, string messageKey, string eventKey,
        CancellationToken cancellationToken)
    {
        if (complaint.Id == 0)
        {
            throw new InvalidOperationException("Save the item before notifying about it.");
        }

        var id = complaint.Id.ToString(CultureInfo.InvariantCulture);
        var dedupe = $"complaint:{id}:{eventKey}";
        string[] arguments = [id];
        await notifier.AddForRoleAsync(complaint.StoreId, Roles.GeneralManager, kind, messageKey, arguments,
            LinkOf(complaint.Id), dedupe, cancellationToken);
        await notifier.AddForRoleAsync(complaint.StoreId, ManagerRoleOf(complaint.Department), kind, messageKey,
            arguments, LinkOf(complaint.Id), dedupe, cancellationToken);
    }
}
