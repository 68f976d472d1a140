using System.Globalization;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Export;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>The data-quality report's tables (page, .xlsx and CSV alike), made from <see cref="DataQualityFigures"/>.</summary>
public static class DataQualityTables
{
    public const string Summary = "summary";
    public const string Levels = "levels";
    public const string SharedMobiles = "shared-mobiles";
    public const string NoPlan = "no-plan";
    public const string LateEntries = "late-entries";
    public const string Invoices = "invoices";
    public const string NotContacted = "not-contacted";

    /// <summary>The file a list row links to (its key up to '#'; the index keeps keys unique).</summary>
    public static string LinkOf(ReportRow row) => row?.Key.Split('#')[0] ?? string.Empty;

    private static string Key(string path, long id, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}{id}#{index}");

    public static IReadOnlyList<ReportSection> Build(DataQualityFigures f, Store store, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(localizer);
        var count = ReportCell.Count;
        var share = ReportCell.Share;
        var label = ReportCell.Label;
        string L(string key) => localizer[key].Value;
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var summary = new List<ReportRow>
        {
            new("valid-mobile", [label(L("DataQuality.ValidMobile")), count(f.ValidMobile), count(f.Customers), share(f.ValidMobile, f.Customers)]),
            new("complete-address", [label(L("DataQuality.CompleteAddress")), count(f.CompleteAddress), count(f.Customers), share(f.CompleteAddress, f.Customers)]),
            new("shared-mobile", [label(L("DataQuality.SharedMobileNumbers")), count(f.SharedMobileGroups), label(ReportCell.NoValue), label(ReportCell.NoValue)]),
            new("no-plan", [label(L("DataQuality.LeadsWithoutPlan")), count(f.LeadsWithoutPlanCount), label(ReportCell.NoValue), label(ReportCell.NoValue)]),
            new("late-orders", [label(L("DataQuality.LateOrders")), count(f.LateOrders), count(f.OrdersInPeriod), share(f.LateOrders, f.OrdersInPeriod)]),
            new("late-deliveries", [label(L("DataQuality.LateDeliveries")), count(f.LateDeliveries), count(f.DeliveriesInPeriod), share(f.LateDeliveries, f.DeliveriesInPeriod)]),
            new("duplicate-invoices", [label(L("DataQuality.DuplicateInvoices")), count(f.DuplicateInvoiceGroups), label(ReportCell.NoValue), label(ReportCell.NoValue)]),
            new("not-contacted", [label(L("DataQuality.OwnersNotContacted")), count(f.OwnersNotContacted), count(f.Owners), share(f.OwnersNotContacted, f.Owners)]),
            new("contacted-enough", [label(L("DataQuality.OwnersContactedEnough")), count(f.OwnersContactedEnough), count(f.Owners), share(f.OwnersContactedEnough, f.Owners)]),
        };

        var levels = f.Levels.Select((n, level) => new ReportRow(level.ToString(CultureInfo.InvariantCulture),
                [label(level == 0 ? L("DataQuality.LevelBelowOne") : localizer["DataQuality.Level", level].Value), count(n), share(n, f.Customers)]))
            .Append(new ReportRow("total", [label(L("Common.Total")), count(f.Customers), share(f.Customers, f.Customers)], IsTotal: true))
            .ToList();

        return
        [
            new ReportSection(Summary, L("DataQuality.Section.Summary"),
                [L("DataQuality.Figure"), L("DataQuality.Count"), L("DataQuality.Of"), L("DataQuality.Share")], summary),
            new ReportSection(Levels, L("DataQuality.Section.Levels"),
                [L("DataQuality.Level.Header"), L("DataQuality.Customers"), L("DataQuality.Share")], levels),
            new ReportSection(SharedMobiles, L("DataQuality.Section.SharedMobiles"),
                [L("Customer.Mobile"), L("DataQuality.Customers"), L("DataQuality.Names")],
                f.SharedMobiles.Select((r, i) => new ReportRow(Key("/Customers/", r.FirstId, i),
                    [label(r.Mobile), count(r.Customers), label(r.Names)])).ToList()),
            new ReportSection(NoPlan, L("DataQuality.Section.NoPlan"),
                [L("DataQuality.Lead"), L("DataQuality.Customer"), L("DataQuality.Owner")],
                f.LeadsWithoutPlan.Select((r, i) => new ReportRow(Key("/Leads/", r.LeadId, i),
                    [label(r.LeadId.ToString(CultureInfo.InvariantCulture)), label(r.CustomerName), label(r.OwnerName ?? ReportCell.NoValue)])).ToList()),
            new ReportSection(LateEntries, L("DataQuality.Section.LateEntries"),
                [L("DataQuality.Entry"), L("DataQuality.Customer"), L("DataQuality.BusinessDay"), L("DataQuality.EnteredDay")],
                f.LateEntries.Select((r, i) => new ReportRow(Key("/Leads/", r.LeadId, i),
                    [label(L(r.Kind == 0 ? "DataQuality.Order" : "DataQuality.Delivery")), label(r.CustomerName), label(Day(r.BusinessDay)),
                        label(Day(r.EnteredDay))])).ToList()),
            new ReportSection(Invoices, L("DataQuality.Section.Invoices"),
                [L("DataQuality.InvoiceNumber"), L("DataQuality.Deliveries")],
                f.DuplicateInvoices.Select((r, i) => new ReportRow(Key("/Leads/", r.FirstLeadId, i),
                    [label(r.InvoiceNumber), count(r.Deliveries)])).ToList()),
            new ReportSection(NotContacted, L("DataQuality.Section.NotContacted"),
                [L("DataQuality.Customer"), L("DataQuality.ContactsInYear"), L("DataQuality.LastContact")],
                f.NotContactedOwners.Select((r, i) => new ReportRow(Key("/Customers/", r.CustomerId, i),
                    [label(r.CustomerName), count(r.Contacts),
                        label(r.LastContact is { } at ? Day(store.LocalDate(at)) : ReportCell.NoValue)])).ToList()),
        ];
    }
}
