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
    /// <summary>How many years of holidays a calendar carries on each side of the store's current year.</summary>
    public const int HolidayYearsAround = 1;

    private readonly Dictionary<int, WorkingCalendar> _calendars = [];
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

    /// <summary>
    /// The store's working calendar (spec 4.4, 4.7): its weekly days and hours with the Admin's holidays of last year,
    /// this year and next year (store-local); outside that window only the weekly days count. Read once per
    /// request (or job scope) and store.
    /// </summary>
    public async Task<WorkingCalendar> WorkingCalendarAsync(int storeId)
    {
        if (_calendars.TryGetValue(storeId, out var cached))
        {
            return cached;
        }

        var store = _store is { } known && known.Id == storeId
            ? known
            : await db.Stores.AsNoTracking().SingleAsync(s => s.Id == storeId);
        var year = store.LocalDate(Now).Year;
        var from = new DateOnly(year - HolidayYearsAround, 1, 1);
        var until = new DateOnly(year + HolidayYearsAround, 12, 31);
        var holidays = await db.StoreHolidays.AsNoTracking()
            .Where(h => h.StoreId == storeId && h.Date >= from && h.Date <= until)
            .Select(h => new { h.Date, h.Kind })
            .ToListAsync();
        var calendar = new WorkingCalendar(store.WorkingHours, holidays.Select(h => (h.Date, h.Kind)));
        _calendars[storeId] = calendar;
        return calendar;
    }

    /// <summary>The store's grade policy; the spec's standard table when an Admin has not set one.</summary>
    public async Task<GradePolicy> GradePolicyAsync(int storeId) =>
        await db.GradePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.StoreId == storeId)
        ?? new GradePolicy(storeId);
}
