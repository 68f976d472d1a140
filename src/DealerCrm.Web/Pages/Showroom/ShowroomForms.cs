using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Showroom;

/// <summary>The visitor's details as the check-out, call and edit forms post them.</summary>
public class VisitorInput
{
    [StringLength(TrafficEntry.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Showroom.VisitorName")]
    public string? VisitorName { get; set; }

    [StringLength(30, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Customer.Mobile")]
    public string? Mobile { get; set; }

    [StringLength(TrafficEntry.RegionMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Customer.Region")]
    public string? Region { get; set; }

    [Display(Name = "Showroom.Purpose")]
    public VisitPurpose? Purpose { get; set; }

    [Display(Name = "Showroom.FirstImpression")]
    public Grade? FirstImpression { get; set; }

    [StringLength(TrafficEntry.NotesMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Showroom.Notes")]
    public string? Notes { get; set; }

    [Display(Name = "Showroom.Consultant")]
    public long? ConsultantId { get; set; }

    public VisitorDetails ToDetails() => new()
    {
        VisitorName = VisitorName,
        Mobile = Mobile,
        Region = Region,
        Purpose = Purpose,
        FirstImpression = FirstImpression,
        Notes = Notes,
    };

    public void Fill(TrafficEntry entry)
    {
        VisitorName = entry.VisitorName;
        Mobile = entry.Mobile;
        Region = entry.Region;
        Purpose = entry.Purpose;
        FirstImpression = entry.FirstImpression;
        Notes = entry.Notes;
        ConsultantId = entry.ConsultantId;
    }
}

public static class ShowroomQueries
{
    public static IReadOnlyList<Grade> Impressions { get; } = [Grade.H, Grade.A, Grade.B, Grade.C];

    /// <summary>
    /// The returning-visitor hint (spec 1.1): whether the store knows the mobile, and the display name of the
    /// consultant who follows the customer (owner of the open lead). Nothing else about the customer.
    /// </summary>
    public static async Task<ReturningHint> ReturningAsync(CrmDbContext db, int storeId, string mobile)
    {
        var customerId = await db.Customers.Where(c => c.StoreId == storeId && c.Mobile == mobile)
            .Select(c => (long?)c.Id).SingleOrDefaultAsync();
        if (customerId is null)
        {
            return new ReturningHint(null, false, null);
        }

        var owner = await db.Leads.Where(l => l.CustomerId == customerId && LeadRules.OpenStatuses.Contains(l.Status))
            .Join(db.Users, l => l.OwnerId, u => u.Id, (_, u) => u.DisplayName)
            .SingleOrDefaultAsync();
        return new ReturningHint(customerId, true, owner);
    }

    /// <summary>A time typed as HH:mm on the store's given day, as an instant.</summary>
    public static DateTimeOffset OnDay(Store store, DateOnly day, TimeOnly? time, DateTimeOffset fallback) =>
        time is { } t ? store.StartOfLocalDay(day).Add(t.ToTimeSpan()) : fallback;
}

public sealed record ReturningHint(long? CustomerId, bool Returning, string? Consultant);
