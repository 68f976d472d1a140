using System.Security.Claims;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure;

/// <summary>
/// "Now" and "today" as the signed-in user's store sees them (spec README: store-local calendar), and the store's
/// grade policy. One per request.
/// </summary>
public sealed class StoreCalendar(CrmDbContext db, TimeProvider time)
{
    private Store? _store;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<Store> StoreOfAsync(ClaimsPrincipal user)
    {
        var storeId = user.GetStoreId();
        return _store is { } cached && cached.Id == storeId
            ? cached
            : _store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == storeId);
    }

    /// <summary>
    /// The store row as the session check read it at the start of this request (same statement as the user and
    /// session rows): the pages then need no query of their own for it. Never kept beyond the request.
    /// </summary>
    internal void Remember(Store store) => _store = store;

    public async Task<DateOnly> TodayAsync(ClaimsPrincipal user) => (await StoreOfAsync(user)).LocalDate(Now);

    /// <summary>The store's grade policy; the spec's standard table when an Admin has not set one.</summary>
    public async Task<GradePolicy> GradePolicyAsync(int storeId) =>
        await db.GradePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.StoreId == storeId)
        ?? new GradePolicy(storeId);
}
