using System.Linq.Expressions;
using System.Security.Claims;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Complaints;

/// <summary>The reads the complaint pages and the vehicle and customer files share.</summary>
public static class ComplaintQueries
{
    /// <summary>
    /// The rows of a list, each with its next deadline: the earliest deadline among its pending steps with a limit,
    /// computed in SQL over complaint_steps (<see cref="ComplaintStep.PendingWithLimit"/>), so a filter or a keyset
    /// can use it.
    /// </summary>
    public static IQueryable<Row> Rows(CrmDbContext db, IQueryable<Complaint> complaints)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = db.ComplaintSteps.Where(ComplaintStep.PendingWithLimit);
        return from c in complaints
               join customer in db.Customers on c.CustomerId equals customer.Id
               from v in db.Vehicles.Where(v => v.Id == c.VehicleId).DefaultIfEmpty()
               from u in db.Users.Where(u => u.Id == c.ResponsibleUserId).DefaultIfEmpty()
               select new Row
               {
                   Id = c.Id,
                   Kind = c.Kind,
                   Status = c.Status,
                   Source = c.Source,
                   Department = c.Department,
                   CategoryCode = c.CategoryCode,
                   CustomerId = c.CustomerId,
                   CustomerName = customer.Name,
                   VehicleId = c.VehicleId,
                   Plate = v == null ? null : v.Plate,
                   Model = v == null ? null : v.Model,
                   ResponsibleUserId = c.ResponsibleUserId,
                   ResponsibleName = u == null ? null : u.DisplayName,
                   ReceivedAt = c.ReceivedAt,
                   NextDeadline = pending.Where(s => s.ComplaintId == c.Id).Min(s => s.Deadline),
                   CaseNumber = c.ManufacturerCaseNumber,
               };
    }

    public const int FileSectionLimit = 50;

    /// <summary>
    /// The complaints section of the vehicle file and the customer file: the items about the car or the person that
    /// the reader may read, newest first. Null for a reader the Complaints policy does not admit (the section is not
    /// shown); <paramref name="newLink"/> is offered to those who may enter a complaint.
    /// </summary>
    public static async Task<FileSection?> FileSectionAsync(CrmDbContext db, IAuthorizationService authorization,
        ClaimsPrincipal user, Store store, DateTimeOffset now, IStringLocalizer localizer,
        Expression<Func<Complaint, bool>> about, string? newLink)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(store);
        if (!(await authorization.AuthorizeAsync(user, Policies.Complaints)).Succeeded)
        {
            return null;
        }

        var rows = await Rows(db, db.Complaints.AsNoTracking().VisibleTo(user, db).Where(about))
            .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(FileSectionLimit).ToListAsync();
        var canEnter = (await authorization.AuthorizeAsync(user, Policies.ComplaintEntry)).Succeeded;
        return new FileSection(rows, await CategoryNames.ForStoreAsync(db, store.Id, localizer), store, now,
            canEnter ? newLink : null);
    }

    /// <summary>The people an item of <paramref name="department"/> may be given to: active users of the store
    /// holding a role of that department (sales: the sales manager and consultants; after-sales: the service manager
    /// and advisors).</summary>
    public static Task<List<Person>> ResponsibleCandidatesAsync(CrmDbContext db, int storeId,
        ComplaintDepartment department)
    {
        ArgumentNullException.ThrowIfNull(db);
        string[] roles = department == ComplaintDepartment.Sales
            ? [Roles.SalesManager, Roles.SalesConsultant]
            : [Roles.ServiceManager, Roles.ServiceAdvisor];
        return db.Users.AsNoTracking()
            .Where(u => u.StoreId == storeId && u.IsActive
                        && db.UserRoles.Any(ur => ur.UserId == u.Id
                                                  && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new Person(u.Id, u.DisplayName))
            .ToListAsync();
    }

    /// <summary>Everyone who may be named on a store's items (the list's "responsible" filter).</summary>
    public static async Task<List<Person>> AllCandidatesAsync(CrmDbContext db, int storeId)
    {
        var sales = await ResponsibleCandidatesAsync(db, storeId, ComplaintDepartment.Sales);
        var service = await ResponsibleCandidatesAsync(db, storeId, ComplaintDepartment.AfterSales);
        return sales.Concat(service).DistinctBy(p => p.Id).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The store's active categories in their order (what a new item or a recategorization may choose).</summary>
    public static Task<List<string>> ActiveCategoriesAsync(CrmDbContext db, int storeId) =>
        db.ComplaintCategories.AsNoTracking().Where(c => c.StoreId == storeId && c.Active)
            .OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => c.Code).ToListAsync();

    /// <summary>The store's categories, retired ones included (the list's filter: old items keep theirs).</summary>
    public static Task<List<string>> AllCategoriesAsync(CrmDbContext db, int storeId) =>
        db.ComplaintCategories.AsNoTracking().Where(c => c.StoreId == storeId)
            .OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => c.Code).ToListAsync();

    /// <summary>How late, as people say it: "2 h 15 min", "3 d 4 h".</summary>
    public static string LateText(IStringLocalizer localizer, TimeSpan late)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var minutes = Math.Max(1, (int)Math.Floor(Math.Min(late.TotalMinutes, int.MaxValue / 2.0)));
        if (minutes < 24 * 60)
        {
            return localizer.Duration(minutes);
        }

        var (days, hours) = (minutes / (24 * 60), minutes % (24 * 60) / 60);
        return hours == 0 ? localizer["Complaints.Days", days].Value : localizer["Complaints.DaysHours", days, hours].Value;
    }

    public sealed record Person(long Id, string Name);

    public sealed record FileSection(IReadOnlyList<Row> Rows, CategoryNames Names, Store Store, DateTimeOffset Now,
        string? NewLink);

    /// <summary>One item in a list (built by member initialization, so a query can filter and order on it).</summary>
    public sealed record Row
    {
        public long Id { get; init; }

        public ComplaintKind Kind { get; init; }

        public ComplaintStatus Status { get; init; }

        public ComplaintSource Source { get; init; }

        public ComplaintDepartment Department { get; init; }

        public string CategoryCode { get; init; } = string.Empty;

        public long CustomerId { get; init; }

        public string CustomerName { get; init; } = string.Empty;

        public long? VehicleId { get; init; }

        public string? Plate { get; init; }

        public string? Model { get; init; }

        public long? ResponsibleUserId { get; init; }

        public string? ResponsibleName { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public DateTimeOffset? NextDeadline { get; init; }

        public string? CaseNumber { get; init; }

        /// <summary>How far past its next deadline the item is at <paramref name="now"/> (null when not late). A closed
        /// item is no longer late: nothing can be recorded on it any more.</summary>
        public TimeSpan? OverdueBy(DateTimeOffset now) =>
            Status != ComplaintStatus.Closed && NextDeadline is { } d && d < now ? now - d : null;
    }
}
