using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// The owner's car on a replacement lead's card (issue 14): the car that made the owner eligible, from the offer that
/// made the lead — directly (the selling consultant's card) or through the unassigned queue (the enquiry the manager
/// assigned). Its model, age and latest mileage; the card adds the owner's tier.
/// </summary>
public static class ReplacementCar
{
    public static async Task<Facts?> ForLeadAsync(CrmDbContext db, Lead lead, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.Source != SourceChannel.OwnerReplacement)
        {
            return null;
        }

        var leadId = lead.Id;
        var car = await db.ReplacementOffers.AsNoTracking()
            .Where(o => o.StoreId == lead.StoreId && o.CustomerId == lead.CustomerId
                && (o.LeadId == leadId
                    || db.IncomingLeads.Any(i => i.Id == o.IncomingLeadId && i.LeadId == leadId)))
            .OrderByDescending(o => o.OfferedOn)
            .Join(db.Vehicles, o => o.VehicleId, v => v.Id, (o, v) => new
            {
                o.OfferedOn,
                v.Id,
                v.Brand,
                v.Model,
                Start = v.DeliveryDate ?? v.PurchaseDate ?? v.FirstServiceDate,
                v.LatestMileage,
            })
            .FirstOrDefaultAsync();
        if (car is null)
        {
            return null;
        }

        var months = car.Start is { } start ? ReplacementRules.AgeInMonths(start, today) : (int?)null;
        return new Facts(car.Id, ReplacementRules.CurrentCar(car.Brand, car.Model), months, car.LatestMileage,
            car.OfferedOn);
    }

    /// <param name="AgeMonths">Whole months since delivery (else purchase, else first service); null when unknown.</param>
    public sealed record Facts(long VehicleId, string Model, int? AgeMonths, int? Mileage, DateOnly OfferedOn);
}
