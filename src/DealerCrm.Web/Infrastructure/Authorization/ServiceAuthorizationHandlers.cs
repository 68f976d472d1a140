using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure.Authorization;

/// <summary>
/// The vehicle file (一车一档, spec 4.1) is scoped like the customer file: its store's managers, CRM officers and
/// service staff read it, a consultant only the cars of their own leads' customers, an Admin any. A car serviced at
/// another store of the group is readable there too (its visits are that store's work). The insurance, inspection
/// and status are kept by the service advisor, the service manager and the CRM officer of those stores.
/// </summary>
public sealed class VehicleAuthorizationHandler(CrmDbContext db)
    : AuthorizationHandler<OperationAuthorizationRequirement, Vehicle>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, Vehicle vehicle)
    {
        var user = context.User;
        if (requirement.Name == nameof(Operations.Read) && user.IsInRole(Roles.Admin))
        {
            context.Succeed(requirement);
            return;
        }

        if (requirement.Name is not (nameof(Operations.Read) or nameof(Operations.Edit)) || user.FindFirst(CrmClaimTypes.StoreId) is null)
        {
            return;
        }

        var storeId = user.GetStoreId();
        var ownStore = vehicle.StoreId == storeId;
        var servicedHere = !ownStore && await db.ServiceVisits.AnyAsync(v => v.VehicleId == vehicle.Id && v.StoreId == storeId);
        if (!ownStore && !servicedHere)
        {
            return;
        }

        var keepsFile = user.IsInRole(Roles.ServiceAdvisor) || user.IsInRole(Roles.ServiceManager)
                        || user.IsInRole(Roles.CrmOfficer);
        if (requirement.Name == nameof(Operations.Edit))
        {
            if (keepsFile)
            {
                context.Succeed(requirement);
            }

            return;
        }

        if (keepsFile || user.IsInRole(Roles.GeneralManager) || (ownStore && user.IsInRole(Roles.SalesManager)))
        {
            context.Succeed(requirement);
            return;
        }

        if (ownStore && user.IsInRole(Roles.SalesConsultant))
        {
            var userId = user.GetUserId();
            if (await db.Leads.AnyAsync(l => l.CustomerId == vehicle.OwnerCustomerId && l.OwnerId == userId))
            {
                context.Succeed(requirement);
            }
        }
    }
}

/// <summary>A repair order: read by its store's service staff, managers and CRM officers; changed by its advisors.</summary>
public sealed class ServiceVisitAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, ServiceVisit>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, ServiceVisit visit)
    {
        var user = context.User;
        if (!user.InStore(visit.StoreId))
        {
            return Task.CompletedTask;
        }

        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => user.IsInRole(Roles.ServiceAdvisor) || user.IsInRole(Roles.ServiceManager)
                                       || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.CrmOfficer),
            nameof(Operations.Edit) => user.IsInRole(Roles.ServiceAdvisor),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
