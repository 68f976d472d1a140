using System.Globalization;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;

namespace DealerCrm.Web.Pages.Actions;

/// <summary>
/// Who hears of an action's step (spec 4.5, issue 12), added to the caller's unit of work so they are saved with the
/// step: opened or resubmitted → the store's general managers (pending approvals reach the GM's inbox); approved or
/// returned → the service manager who opened it and the responsible person; done → the general managers and the
/// service managers; closed → the general managers; sent back → the responsible person. Each step is one event of
/// the action, so the dedupe key carries the event's position: a resubmitted action notifies the GM again, a
/// repeated save of the same step does not. Call after the step and before saving; the action must have its id.
/// </summary>
public static class ActionNotices
{
    public static async Task StepTakenAsync(Notifier notifier, CorrectiveAction action)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(action);
        if (action.Id == 0)
        {
            throw new InvalidOperationException("Save the action before notifying about it.");
        }

        var step = action.Events[^1];
        var id = action.Id.ToString(CultureInfo.InvariantCulture);
        var dedupe = string.Create(CultureInfo.InvariantCulture, $"action:{id}:{action.Events.Count}");
        var link = ActionQueries.LinkOf(action.Id);
        string[] about = [id, ActionQueries.Brief(action.Description)];
        string[] withComment = [id, step.Comment ?? string.Empty];

        Task ToRole(string role, NotificationKind kind, string key, string[] arguments) =>
            notifier.AddForRoleAsync(action.StoreId, role, kind, key, arguments, link, dedupe);
        Task ToUser(long userId, NotificationKind kind, string key, string[] arguments) =>
            notifier.AddForUserAsync(action.StoreId, userId, kind, key, arguments, link, dedupe);

        switch (step.From, step.To)
        {
            case (null, ActionStatus.PendingApproval):
                await ToRole(Roles.GeneralManager, NotificationKind.ActionPendingApproval, "Actions.Notify.PendingApproval", about);
                break;
            case (_, ActionStatus.PendingApproval):
                await ToRole(Roles.GeneralManager, NotificationKind.ActionPendingApproval, "Actions.Notify.Resubmitted", about);
                break;
            case (ActionStatus.PendingApproval, ActionStatus.Approved):
                await ToUser(action.OpenedById, NotificationKind.ActionDecided, "Actions.Notify.Approved", about);
                await ToUser(action.ResponsibleUserId, NotificationKind.ActionDecided, "Actions.Notify.Approved", about);
                break;
            case (ActionStatus.PendingApproval, ActionStatus.Returned):
                await ToUser(action.OpenedById, NotificationKind.ActionDecided, "Actions.Notify.Returned", withComment);
                await ToUser(action.ResponsibleUserId, NotificationKind.ActionDecided, "Actions.Notify.Returned", withComment);
                break;
            case (ActionStatus.Approved, ActionStatus.Done):
                await ToRole(Roles.GeneralManager, NotificationKind.ActionDone, "Actions.Notify.Done", about);
                await ToRole(Roles.ServiceManager, NotificationKind.ActionDone, "Actions.Notify.Done", about);
                break;
            case (ActionStatus.Done, ActionStatus.Closed):
                await ToRole(Roles.GeneralManager, NotificationKind.ActionClosed, "Actions.Notify.Closed", about);
                break;
            case (ActionStatus.Done, ActionStatus.Approved):
                await ToUser(action.ResponsibleUserId, NotificationKind.ActionClosed, "Actions.Notify.SentBack", withComment);
                break;
        }
    }
}
