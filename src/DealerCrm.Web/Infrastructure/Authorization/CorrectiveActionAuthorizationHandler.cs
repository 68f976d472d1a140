using System.Security.Claims;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace DealerCrm.Web.Infrastructure.Authorization;

/// <summary>
/// Who may do what to a corrective or preventive action (spec 4.5, issue 12 "Access"), always inside the action's
/// store. Read: the store's service managers and general managers, the responsible person and the participants.
/// Edit (a progress note): the responsible person and the participants. <see cref="RecordDone"/>: the responsible
/// person. Decide (approve or return): the general manager. Verify (revise and resubmit a returned action, verify and
/// close a done one, or send it back): the service manager. The action's status is the domain's to check, so a
/// second click on a decided action reads "already moved on", not a refusal. Load the action with its participants.
/// </summary>
public sealed class CorrectiveActionAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, CorrectiveAction>
{
    /// <summary>Recording what was done: the responsible person only.</summary>
    public static OperationAuthorizationRequirement RecordDone { get; } = new() { Name = nameof(RecordDone) };

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, CorrectiveAction action)
    {
        var user = context.User;
        if (!user.InStore(action.StoreId))
        {
            return Task.CompletedTask;
        }

        var responsible = user.Owns(action.ResponsibleUserId);
        var takesPart = responsible || action.Participants.Any(p => user.Owns(p.UserId));
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => ActionScopes.SeesStoreActions(user) || takesPart,
            nameof(Operations.Edit) => takesPart,
            nameof(RecordDone) => responsible,
            nameof(Operations.Decide) => ActionScopes.ApprovesActions(user),
            nameof(Operations.Verify) => ActionScopes.VerifiesActions(user),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The list-side twin: the actions a user's /Actions list starts from, and who sees which section.</summary>
public static class ActionScopes
{
    /// <summary>The service manager and the general manager read every action of their store.</summary>
    public static bool SeesStoreActions(ClaimsPrincipal user) =>
        user.IsInRole(Roles.ServiceManager) || user.IsInRole(Roles.GeneralManager);

    /// <summary>The general manager approves or returns (the "waiting for your approval" section).</summary>
    public static bool ApprovesActions(ClaimsPrincipal user) => user.IsInRole(Roles.GeneralManager);

    /// <summary>The service manager opens, revises, verifies and closes.</summary>
    public static bool VerifiesActions(ClaimsPrincipal user) => user.IsInRole(Roles.ServiceManager);

    /// <summary>The store's actions for its managers; those one is responsible for or takes part in for anyone else.</summary>
    public static IQueryable<CorrectiveAction> VisibleTo(this IQueryable<CorrectiveAction> actions, ClaimsPrincipal user)
    {
        var storeId = user.GetStoreId();
        var scoped = actions.Where(a => a.StoreId == storeId);
        if (SeesStoreActions(user))
        {
            return scoped;
        }

        var userId = user.GetUserId();
        return scoped.Where(a => a.ResponsibleUserId == userId || a.Participants.Any(p => p.UserId == userId));
    }
}
