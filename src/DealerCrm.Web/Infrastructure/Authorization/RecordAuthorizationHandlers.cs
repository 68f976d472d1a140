using System.Security.Claims;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure.Authorization;

/// <summary>
/// Spec 7.2 [1.4.5, 4.2.1]: who may do what to a loaded record. Nobody but an Admin crosses stores; consultants
/// reach only their own leads and those leads' customers; receptionists only showroom entries.
/// Pages call <c>IAuthorizationService.AuthorizeAsync(User, record, Operations.X)</c> after loading the record.
/// </summary>
public sealed class LeadAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Lead>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, Lead lead)
    {
        var user = context.User;
        if (!user.InStore(lead.StoreId))
        {
            return Task.CompletedTask;
        }

        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => user.IsInRole(Roles.SalesManager) || user.IsInRole(Roles.GeneralManager)
                                       || user.IsInRole(Roles.CrmOfficer) || user.Owns(lead.OwnerId),
            nameof(Operations.Edit) => user.IsInRole(Roles.SalesManager) || user.Owns(lead.OwnerId),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public sealed class CustomerAuthorizationHandler(CrmDbContext db)
    : AuthorizationHandler<OperationAuthorizationRequirement, Customer>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, Customer customer)
    {
        var user = context.User;
        if (requirement.Name == nameof(Operations.RevealIdNumber))
        {
            if (user.IsInRole(Roles.Admin) || (user.InStore(customer.StoreId) && user.IsInRole(Roles.CrmOfficer)))
            {
                context.Succeed(requirement);
            }

            return;
        }

        // The tier (issue 13): the service desk of the owner's store sees it on the car and the repair order;
        // everyone else exactly when they read the customer file.
        var operation = requirement.Name;
        if (operation == nameof(Operations.ReadTier))
        {
            if (user.InStore(customer.StoreId) && (user.IsInRole(Roles.ServiceAdvisor) || user.IsInRole(Roles.ServiceManager)))
            {
                context.Succeed(requirement);
                return;
            }

            operation = nameof(Operations.Read);
        }

        if (operation == nameof(Operations.Read) && user.IsInRole(Roles.Admin))
        {
            context.Succeed(requirement);
            return;
        }

        if (!user.InStore(customer.StoreId) || operation is not (nameof(Operations.Read) or nameof(Operations.Edit)))
        {
            return;
        }

        if (user.IsInRole(Roles.SalesManager) || user.IsInRole(Roles.CrmOfficer)
            || (operation == nameof(Operations.Read) && user.IsInRole(Roles.GeneralManager)))
        {
            context.Succeed(requirement);
            return;
        }

        if (user.IsInRole(Roles.SalesConsultant))
        {
            var userId = user.GetUserId();
            if (await db.Leads.AnyAsync(l => l.CustomerId == customer.Id && l.OwnerId == userId))
            {
                context.Succeed(requirement);
            }
        }
    }
}

public sealed class TrafficEntryAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, TrafficEntry>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, TrafficEntry entry)
    {
        var user = context.User;
        if (!user.InStore(entry.StoreId))
        {
            return Task.CompletedTask;
        }

        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => user.IsInRole(Roles.Receptionist) || user.IsInRole(Roles.SalesManager)
                                       || user.IsInRole(Roles.GeneralManager)
                                       || (entry.ConsultantId is { } c && user.Owns(c)),
            nameof(Operations.Edit) => user.IsInRole(Roles.Receptionist) || user.IsInRole(Roles.SalesManager),
            nameof(Operations.Correct) => user.IsInRole(Roles.SalesManager),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

internal static class ScopeClaims
{
    public static bool InStore(this ClaimsPrincipal user, int storeId) =>
        user.FindFirstValue(CrmClaimTypes.StoreId) is { } claim && claim == storeId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool Owns(this ClaimsPrincipal user, long ownerId) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && id == ownerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Who decides a request raised on a lead (<see cref="Operations.Decide"/>): the sales manager of the lead's store. Read
/// stays with the lead's own rules, so a general manager may look at a request without deciding it.
/// </summary>
public sealed class DefeatRequestAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, Domain.Defeats.DefeatRequest>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, Domain.Defeats.DefeatRequest request)
    {
        if (requirement.Name == nameof(Operations.Decide) && context.User.InStore(request.StoreId)
            && context.User.IsInRole(Roles.SalesManager))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The same rule for a duplicate claim (spec 1.5): the store's sales manager decides it.</summary>
public sealed class DuplicateClaimAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, DuplicateClaim>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, DuplicateClaim claim)
    {
        if (requirement.Name == nameof(Operations.Decide) && context.User.InStore(claim.StoreId)
            && context.User.IsInRole(Roles.SalesManager))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
