using System.Globalization;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Service;

/// <summary>The service desk's reads: the cars a store may find, its repair orders, its service advisors.</summary>
public static class ServiceQueries
{
    /// <summary>Where the store's upcoming bookings are listed (the booking notification links here).</summary>
    public const string BookingsLink = "/Service#bookings";

    /// <summary>The cars a store's desk reaches: those on its files and those it has serviced.</summary>
    public static IQueryable<Vehicle> InReachOfStore(this IQueryable<Vehicle> vehicles, CrmDbContext db, int storeId) =>
        vehicles.Where(v => v.StoreId == storeId || db.ServiceVisits.Any(s => s.VehicleId == v.Id && s.StoreId == storeId));

    /// <summary>
    /// A car by plate, VIN or owner (name of 2 characters or more, 3 digits or more of the mobile), as the customer
    /// search parses what was typed (<see cref="CustomerSearch"/>). Nothing is listed for an empty or too short search.
    /// </summary>
    public static IQueryable<Vehicle> Find(CrmDbContext db, CustomerSearch search, int storeId)
    {
        var vehicles = db.Vehicles.AsNoTracking().InReachOfStore(db, storeId);
        switch (search.Kind)
        {
            case SearchKind.Plate:
                var plate = search.Value;
                return vehicles.Where(v => v.Plate == plate);
            case SearchKind.Vin:
                var vin = search.Value;
                return vehicles.Where(v => v.Vin == vin);
            case SearchKind.Name or SearchKind.Mobile:
                var owners = search.Apply(db.Customers.Where(c => c.StoreId == storeId), db, storeId);
                return vehicles.Where(v => owners.Any(c => c.Id == v.OwnerCustomerId));
            default:
                return vehicles.Where(_ => false);
        }
    }

    public static IQueryable<VisitRow> Rows(this IQueryable<ServiceVisit> visits, CrmDbContext db) =>
        from s in visits
        join v in db.Vehicles on s.VehicleId equals v.Id
        join c in db.Customers on s.CustomerId equals c.Id
        select new VisitRow(s.Id, s.OrderNumber, s.OpenedAt, s.CompletedAt, s.Types, s.Mileage, s.Amount,
            v.Id, v.Plate, v.Vin, v.Brand, v.Model, c.Id, c.Name,
            db.Users.Where(u => u.Id == s.AdvisorId).Select(u => u.DisplayName).FirstOrDefault() ?? s.AdvisorName,
            s.WrongNumberReportedAt != null);

    /// <summary>The store's active service advisors, for the repair order's advisor select.</summary>
    public static Task<List<Advisor>> AdvisorsAsync(CrmDbContext db, int storeId) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where u.StoreId == storeId && u.IsActive && r.Name == Roles.ServiceAdvisor
         orderby u.DisplayName
         select new Advisor(u.Id, u.DisplayName)).ToListAsync();

    /// <summary>The order's service types in the reader's language, in the list's order.</summary>
    public static string TypesText(IStringLocalizer localizer, ServiceTypes types) =>
        string.Join(" · ", ServiceTypeRules.Each.Where(t => (types & t) != 0).Select(t => localizer.Text(t)));

    /// <summary>
    /// The reasons of the given service reminder calls (<c>service_reminders</c> rows pointing at them), each with its
    /// car, in the order they are read out on the call: by task, reason, due date. Scoped to the store.
    /// </summary>
    public static async Task<ILookup<long, ReminderLine>> RemindersOfAsync(CrmDbContext db, int storeId,
        IReadOnlyCollection<long> taskIds)
    {
        if (taskIds.Count == 0)
        {
            return Array.Empty<ReminderLine>().ToLookup(r => r.TaskId);
        }

        var ids = taskIds.Distinct().ToList();
        var lines = await (
                from r in db.ServiceReminders.AsNoTracking()
                where r.StoreId == storeId && ids.Contains(r.CallbackTaskId)
                join v in db.Vehicles on r.VehicleId equals v.Id
                orderby r.CallbackTaskId, r.Reason, r.DueDate, r.Id
                select new ReminderLine(r.CallbackTaskId, r.Reason, r.DueDate, v.Id, v.Plate, v.Vin, v.Model))
            .ToListAsync();
        return lines.ToLookup(r => r.TaskId);
    }

    public sealed record Advisor(long Id, string Name);

    /// <summary>One reason of a service reminder call: what falls due when, for which car.</summary>
    public sealed record ReminderLine(long TaskId, ServiceReminderReason Reason, DateOnly DueDate, long VehicleId,
        string? Plate, string Vin, string Model)
    {
        /// <summary>The car as the officer and the advisor name it: the plate, else the VIN, and the model.</summary>
        public string Car => (Plate ?? Vin) + " " + Model;
    }

    /// <summary>What the repair-order table partial shows.</summary>
    public sealed record VisitTable(IReadOnlyList<VisitRow> Rows, DealerCrm.Domain.Stores.Store Store, string TestId,
        bool Completed);

    public sealed record VisitRow(long Id, string OrderNumber, DateTimeOffset OpenedAt, DateTimeOffset? CompletedAt,
        ServiceTypes Types, int Mileage, decimal? Amount, long VehicleId, string? Plate, string Vin, string? Brand,
        string Model, long CustomerId, string CustomerName, string? AdvisorName, bool WrongNumber);
}

/// <summary>
/// A keyset position in a list ordered by an instant and then the id, newest first ("ticks.id" in the URL). Anything
/// else in the URL is no position: the list starts at the top.
/// </summary>
public readonly record struct TimeCursor(DateTimeOffset At, long Id)
{
    public static TimeCursor? Parse(string? text)
    {
        var parts = text?.Split('.') ?? [];
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
               && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new TimeCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}.{Id}");
}
