using System.Security.Claims;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;

namespace DealerCrm.Web.Infrastructure.Authorization;

/// <summary>
/// The list-side twin of the record handlers: every list, count, search and export starts from one of these, so a
/// query can never run unscoped. A user without a store claim gets an exception, never every store's rows.
/// </summary>
public static class DataScopes
{
    /// <summary>Whether the user reads every lead of their store (managers and CRM officers), not only their own.</summary>
    public static bool SeesAllLeadsOfStore(ClaimsPrincipal user) =>
        user.IsInRole(Roles.SalesManager) || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.CrmOfficer);

    /// <summary>
    /// Customers a user may load by id before the record handler decides: their own store's, any store's for an
    /// Admin (who reads files across the group).
    /// </summary>
    public static IQueryable<Customer> InReachOf(this IQueryable<Customer> customers, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return customers;
        }

        var storeId = user.GetStoreId();
        return customers.Where(c => c.StoreId == storeId);
    }

    /// <summary>Leads the user may see: the store's for managers and CRM officers, their own for consultants.</summary>
    public static IQueryable<Lead> VisibleTo(this IQueryable<Lead> leads, ClaimsPrincipal user)
    {
        var storeId = user.GetStoreId();
        var scoped = leads.Where(l => l.StoreId == storeId);
        if (SeesAllLeadsOfStore(user))
        {
            return scoped;
        }

        if (user.IsInRole(Roles.SalesConsultant))
        {
            var userId = user.GetUserId();
            return scoped.Where(l => l.OwnerId == userId);
        }

        return scoped.Where(_ => false);
    }

    /// <summary>Customers the user may see: the store's for managers and CRM officers; consultants' leads' customers.</summary>
    public static IQueryable<Customer> VisibleTo(this IQueryable<Customer> customers, ClaimsPrincipal user,
        CrmDbContext db)
    {
        var storeId = user.GetStoreId();
        var scoped = customers.Where(c => c.StoreId == storeId);
        if (user.IsInRole(Roles.SalesManager) || user.IsInRole(Roles.GeneralManager) || user.IsInRole(Roles.CrmOfficer))
        {
            return scoped;
        }

        if (user.IsInRole(Roles.SalesConsultant))
        {
            var userId = user.GetUserId();
            return scoped.Where(c => db.Leads.Any(l => l.CustomerId == c.Id && l.OwnerId == userId));
        }

        return scoped.Where(_ => false);
    }

    /// <summary>Showroom entries: the store's for receptionists and managers; the ones they received for consultants.</summary>
    public static IQueryable<TrafficEntry> VisibleTo(this IQueryable<TrafficEntry> entries, ClaimsPrincipal user)
    {
        var storeId = user.GetStoreId();
        var scoped = entries.Where(t => t.StoreId == storeId);
        if (user.IsInRole(Roles.Receptionist) || user.IsInRole(Roles.SalesManager) || user.IsInRole(Roles.GeneralManager))
        {
            return scoped;
        }

        if (user.IsInRole(Roles.SalesConsultant))
        {
            var userId = user.GetUserId();
            return scoped.Where(t => t.ConsultantId == userId);
        }

        return scoped.Where(_ => false);
    }
}
