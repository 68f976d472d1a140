using System.Security.Claims;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace DealerCrm.Web.Infrastructure.Authorization;

/// <summary>
/// Who may do what to a callback task (spec roles: the CRM officer works callbacks, the service manager and general
/// manager read them). Read: those three roles in the task's store. Edit (record a call): a CRM officer of the store
/// on a task that is theirs or the store's unassigned one. Take: a CRM officer of the store (the task decides whether
/// it is still free, so the loser of a race reads "taken by another officer", not a refusal).
/// </summary>
public sealed class CallbackTaskAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, CallbackTask>
{
    public static OperationAuthorizationRequirement Take { get; } = new() { Name = nameof(Take) };

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, CallbackTask task)
    {
        var user = context.User;
        if (!user.InStore(task.StoreId))
        {
            return Task.CompletedTask;
        }

        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => CallbackScopes.ReadsCallbacks(user),
            nameof(Operations.Edit) => user.IsInRole(Roles.CrmOfficer)
                                       && (task.AssignedToId is null || user.Owns(task.AssignedToId.Value)),
            nameof(Take) => user.IsInRole(Roles.CrmOfficer),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The list-side twin: the callback tasks a user's queue starts from.</summary>
public static class CallbackScopes
{
    public static bool ReadsCallbacks(ClaimsPrincipal user) => user.IsInRole(Roles.CrmOfficer)
        || user.IsInRole(Roles.ServiceManager) || user.IsInRole(Roles.GeneralManager);

    /// <summary>An officer's own and the store's unassigned tasks; every task of the store for the managers.</summary>
    public static IQueryable<CallbackTask> VisibleTo(this IQueryable<CallbackTask> tasks, ClaimsPrincipal user)
    {
        var storeId = user.GetStoreId();
        var scoped = tasks.Where(t => t.StoreId == storeId);
        if (user.IsInRole(Roles.ServiceManager) || user.IsInRole(Roles.GeneralManager))
        {
            return scoped;
        }

        if (user.IsInRole(Roles.CrmOfficer))
        {
            var userId = user.GetUserId();
            return scoped.Where(t => t.AssignedToId == null || t.AssignedToId == userId);
        }

        return scoped.Where(_ => false);
    }
}
