using System.Globalization;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Staff;

/// <summary>
/// The store's people as the other capabilities pick them: the reception hands a visitor to a consultant, the manager
/// assigns, reassigns and rescues leads to one. Only active consultants of the user's own store are offered or
/// accepted.
/// </summary>
public static class StaffQueries
{
    /// <summary>The store's active consultants, by name, for a picker.</summary>
    public static async Task<List<SelectListItem>> ConsultantChoicesAsync(CrmDbContext db, int storeId) =>
        (await Consultants(db, storeId).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync())
        .Select(u => new SelectListItem(u.DisplayName, u.Id.ToString(CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>A consultant id posted by a form must be an active consultant of this store (no over-posting).</summary>
    public static async Task<bool> IsConsultantOfAsync(CrmDbContext db, long? consultantId, int storeId) =>
        consultantId is null || await Consultants(db, storeId).AnyAsync(u => u.Id == consultantId);

    private static IQueryable<StaffUser> Consultants(CrmDbContext db, int storeId) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where u.StoreId == storeId && u.IsActive && r.Name == Roles.SalesConsultant
        select u;
}
