using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>What the conversion report knows of one lead created in the period (6.2).</summary>
/// <param name="OrderDate">Its first order that was not cancelled (an order counts once per lead).</param>
/// <param name="DeliveredAt">Its delivery, if any.</param>
/// <param name="TestDrive">It has a test drive (<see cref="TestDrives"/>).</param>
public sealed record ConversionLead(SourceChannel Source, LeadProject Project, DateTimeOffset CreatedAt,
    DateOnly? OrderDate, DateTimeOffset? DeliveredAt, bool TestDrive);

/// <summary>The filters beyond store and period: a source channel, an intended model, a consultant (the lead's owner).</summary>
public sealed record ConversionFilter(SourceChannel? Source, string? IntendedModel, long? ConsultantId);

/// <summary>The figures of a group of leads: the funnel, the two windows and the medians (<see cref="ConversionRules"/>).</summary>
public sealed record ConversionFigures(int Leads, int TestDrives, int Orders, int Deliveries, int Within1, int Pending1,
    int Within3, int Pending3, double? MedianDaysToOrder, double? MedianDaysToDelivery)
{
    /// <summary>The figures of <paramref name="leads"/> as the store's clock counts them at <paramref name="now"/>.</summary>
    public static ConversionFigures Of(IReadOnlyCollection<ConversionLead> leads, Store store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(store);
        var zone = store.TimeZone;
        int Within(int months) => leads.Count(l => ConversionRules.DeliveredWithin(l.CreatedAt, l.DeliveredAt, zone, months));
        int Pending(int months) => leads.Count(l => ConversionRules.Pending(l.CreatedAt, l.DeliveredAt, zone, months, now));
        return new ConversionFigures(
            leads.Count,
            leads.Count(l => l.TestDrive),
            leads.Count(l => l.OrderDate is not null),
            leads.Count(l => l.DeliveredAt is not null),
            Within(1),
            Pending(1),
            Within(3),
            Pending(3),
            ConversionRules.Median(leads.Where(l => l.OrderDate is not null)
                .Select(l => ConversionRules.DaysFromCard(store.LocalDate(l.CreatedAt), l.OrderDate!.Value)).ToList()),
            ConversionRules.Median(leads.Where(l => l.DeliveredAt is not null)
                .Select(l => ConversionRules.DaysFromCard(store.LocalDate(l.CreatedAt), store.LocalDate(l.DeliveredAt!.Value)))
                .ToList()));
    }
}

/// <summary>The conversion report's reads: one row per lead created in the store's period (index: leads (store_id,
/// created_at); orders by lead; deliveries by order; follow-up records by lead).</summary>
public static class ConversionReportQueries
{
    public static async Task<IReadOnlyList<ConversionLead>> LeadsAsync(CrmDbContext db, int storeId, DateTimeOffset from,
        DateTimeOffset to, ConversionFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var leads = db.Leads.AsNoTracking().Where(l => l.StoreId == storeId && l.CreatedAt >= from && l.CreatedAt < to);
        if (filter.Source is { } source)
        {
            leads = leads.Where(l => l.Source == source);
        }

        if (filter.IntendedModel is { } model)
        {
            leads = leads.Where(l => l.Interest.IntendedModel == model);
        }

        if (filter.ConsultantId is { } consultant)
        {
            leads = leads.Where(l => l.OwnerId == consultant);
        }

        return await leads.Select(l => new ConversionLead(
                l.Source,
                l.Project,
                l.CreatedAt,
                l.Orders.Where(o => o.Status != OrderStatus.Cancelled).Min(o => (DateOnly?)o.OrderDate),
                l.Orders.Join(db.Deliveries, o => o.Id, d => d.OrderId, (o, d) => (DateTimeOffset?)d.DeliveredAt).Min(),
                db.FollowUpRecords.Any(r => r.LeadId == l.Id && r.Result == TestDrives.Result)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The intended models of the store's leads created in the period, for the model filter.</summary>
    public static async Task<IReadOnlyList<string>> ModelsAsync(CrmDbContext db, int storeId, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Leads.AsNoTracking()
            .Where(l => l.StoreId == storeId && l.CreatedAt >= from && l.CreatedAt < to && l.Interest.IntendedModel != null)
            .Select(l => l.Interest.IntendedModel!).Distinct().OrderBy(m => m).ToListAsync(cancellationToken);
    }
}
