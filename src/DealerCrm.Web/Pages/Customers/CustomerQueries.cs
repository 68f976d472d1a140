using System.Security.Claims;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Pages.Leads;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Customers;

public static class CustomerQueries
{
    /// <summary>
    /// The customer, if it exists where the user may look: their own store, or any store for an Admin. Whether the
    /// user may read it is then the authorization handler's decision.
    /// </summary>
    public static Task<Customer?> FindAsync(CrmDbContext db, ClaimsPrincipal user, long id) =>
        db.Customers.InReachOf(user).Where(c => c.Id == id).SingleOrDefaultAsync();

    /// <summary>Completeness from the customer and their most recent lead (spec 1.2; of two made at the same instant,
    /// the one recorded last, as the data-quality report counts).</summary>
    public static async Task<int> CompletenessAsync(CrmDbContext db, Customer customer)
    {
        var lead = await db.Leads.AsNoTracking().Where(l => l.CustomerId == customer.Id)
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).FirstOrDefaultAsync();
        return InformationCompleteness.Level(LeadQueries.CompletenessFacts(customer, lead));
    }

    /// <summary>The customer's leads the user may open.</summary>
    public static Task<List<LeadRow>> LeadsAsync(CrmDbContext db, ClaimsPrincipal user, long customerId) =>
        db.Leads.VisibleTo(user).Where(l => l.CustomerId == customerId)
            .OrderByDescending(l => l.CreatedAt)
            .Join(db.Users, l => l.OwnerId, u => u.Id, (l, u) => new LeadRow(l.Id, l.Grade, l.Status, u.DisplayName,
                l.Interest.IntendedModel, l.CreatedAt))
            .ToListAsync();

    /// <summary>The vehicles the customer owns (spec 1.2, changing information), newest delivery first.</summary>
    public static Task<List<VehicleRow>> VehiclesAsync(CrmDbContext db, Customer customer) =>
        db.Vehicles.AsNoTracking().Where(v => v.OwnerCustomerId == customer.Id && v.StoreId == customer.StoreId)
            .OrderByDescending(v => v.DeliveryDate ?? v.PurchaseDate).ThenByDescending(v => v.Id)
            .Select(v => new VehicleRow(v.Id, v.Vin, v.Plate, v.Brand, v.Model, v.Colour, v.PurchaseDate, v.DeliveryDate,
                v.SoldByUs))
            .ToListAsync();

    public sealed record VehicleRow(long Id, string Vin, string? Plate, string? Brand, string Model, string? Colour,
        DateOnly? PurchaseDate, DateOnly? DeliveryDate, bool SoldByUs);

    public sealed record LeadRow(long Id, Grade Grade, LeadStatus Status, string Owner, string? IntendedModel,
        DateTimeOffset CreatedAt);
}
