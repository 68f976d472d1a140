using System.Security.Claims;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure.Authorization;

/// <summary>
/// Who may do what to a grievance or complaint (spec 4.4, issue 12 "Access"), in the item's store only:
/// <list type="bullet">
/// <item>Read: the service manager, the GM and the CRM officers read every item of their store; a sales manager the
/// Sales department's; a service advisor the items on their own repair orders; anyone the item names as responsible.</item>
/// <item>Edit (work it: record a step, resolve, assign, recategorize): the managers of the item's department, the GM,
/// and the person named responsible.</item>
/// <item><see cref="Note"/>: those who work it, and the CRM officers.</item>
/// <item>Decide (raise a grievance to a complaint, "the officer or a manager raises it"): the CRM officers, the
/// department's managers and the GM.</item>
/// </list>
/// Read is <see cref="ComplaintScopes.VisibleTo"/> asked about one item, so the list and the page cannot disagree.
/// </summary>
public sealed class ComplaintAuthorizationHandler(CrmDbContext db)
    : AuthorizationHandler<OperationAuthorizationRequirement, Complaint>
{
    public static OperationAuthorizationRequirement Note { get; } = new() { Name = nameof(Note) };

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement, Complaint complaint)
    {
        var user = context.User;
        if (!user.InStore(complaint.StoreId))
        {
            return;
        }

        var works = user.IsInRole(Roles.GeneralManager)
                    || user.IsInRole(ComplaintScopes.ManagerRoleOf(complaint.Department))
                    || (complaint.ResponsibleUserId is { } responsible && user.Owns(responsible));
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => ComplaintScopes.SeesWholeStore(user)
                                       || await db.Complaints.VisibleTo(user, db).AnyAsync(c => c.Id == complaint.Id),
            nameof(Operations.Edit) => works,
            nameof(Note) => works || user.IsInRole(Roles.CrmOfficer),
            nameof(Operations.Decide) => user.IsInRole(Roles.CrmOfficer) || user.IsInRole(Roles.GeneralManager)
                                         || user.IsInRole(ComplaintScopes.ManagerRoleOf(complaint.Department)),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>The list-side twin: the items a user's /Complaints list, vehicle file and customer file start from.</summary>
public static class ComplaintScopes
{
    /// <summary>The role that manages a department (the responsible manager of 4.4).</summary>
    public static string ManagerRoleOf(ComplaintDepartment department) =>
        department == ComplaintDepartment.Sales ? Roles.SalesManager : Roles.ServiceManager;

    public static bool SeesWholeStore(ClaimsPrincipal user) => user.IsInRole(Roles.ServiceManager)
        || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.CrmOfficer);

    /// <summary>Whether the user may open a new item (/Complaints/New, the file sections' "new complaint" link).</summary>
    public static bool EntersComplaints(ClaimsPrincipal user) => SeesWholeStore(user) || user.IsInRole(Roles.SalesManager);

    /// <summary>The department a new item starts in: a sales manager's own, after-sales for everyone else.</summary>
    public static ComplaintDepartment DefaultDepartmentFor(ClaimsPrincipal user) =>
        !SeesWholeStore(user) && user.IsInRole(Roles.SalesManager) ? ComplaintDepartment.Sales : ComplaintDepartment.AfterSales;

    /// <summary>The store's items for the service manager, GM and CRM officers; the Sales department's for a sales
    /// manager; those on their own repair orders for a service advisor; plus any item naming the user responsible.</summary>
    public static IQueryable<Complaint> VisibleTo(this IQueryable<Complaint> complaints, ClaimsPrincipal user,
        CrmDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var storeId = user.GetStoreId();
        var scoped = complaints.Where(c => c.StoreId == storeId);
        if (SeesWholeStore(user))
        {
            return scoped;
        }

        var userId = user.GetUserId();
        var sales = user.IsInRole(Roles.SalesManager);
        var advisor = user.IsInRole(Roles.ServiceAdvisor);
        return scoped.Where(c => c.ResponsibleUserId == userId
                                 || (sales && c.Department == ComplaintDepartment.Sales)
                                 || (advisor && db.ServiceVisits.Any(v => v.Id == c.ServiceVisitId && v.AdvisorId == userId)));
    }
}
