using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Every store's calendar for the callback jobs, read in two queries: its today (from its own time zone), its
/// <see cref="WorkingCalendar"/> (working days and the Admin's holidays) and the arrays the set-based statements
/// take, so that the rules stay in the domain types (<see cref="WorkingCalendar.CallbackDueDay"/>,
/// <see cref="Store.StartOfLocalDay"/>) and SQL only joins on their answers.
/// </summary>
public sealed class CallbackCalendars
{
    /// <summary>
    /// The callback jobs' statements work over a whole store's cars and visits: at a million customers one can take
    /// tens of seconds, past Npgsql's 30 s default, which would roll it back and make Hangfire retry the same work.
    /// </summary>
    public static readonly TimeSpan JobCommandTimeout = TimeSpan.FromMinutes(10);

    private readonly Dictionary<int, WorkingCalendar> _calendars;

    private CallbackCalendars(IReadOnlyList<Store> stores, DateTimeOffset now, Dictionary<int, WorkingCalendar> calendars)
    {
        Stores = stores;
        Now = now;
        _calendars = calendars;
        StoreIds = stores.Select(s => s.Id).ToArray();
        Todays = stores.Select(s => s.LocalDate(now)).ToArray();
    }

    public IReadOnlyList<Store> Stores { get; }

    public DateTimeOffset Now { get; }

#pragma warning disable CA1819 // arrays are what Npgsql binds to SQL arrays
    public int[] StoreIds { get; }

    /// <summary>Each store's local date now, in the order of <see cref="StoreIds"/>.</summary>
    public DateOnly[] Todays { get; }
#pragma warning restore CA1819

    /// <summary>The latest of the stores' todays: a constant bound that lets SQL use an index on dates.</summary>
    public DateOnly LatestToday => Todays.DefaultIfEmpty(DateOnly.MinValue).Max();

    /// <summary>Reads the stores and their holidays from <paramref name="daysBack"/> days before the earliest today to
    /// <paramref name="daysAhead"/> days after the latest (plus room for a due day pushed past a closed stretch).</summary>
    public static async Task<CallbackCalendars> LoadAsync(CrmDbContext db, DateTimeOffset now, int daysBack, int daysAhead,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var todays = stores.Select(s => s.LocalDate(now)).ToList();
        var from = todays.DefaultIfEmpty(DateOnly.FromDateTime(now.UtcDateTime)).Min().AddDays(-daysBack - 1);
        var until = todays.DefaultIfEmpty(DateOnly.FromDateTime(now.UtcDateTime)).Max().AddDays(daysAhead + 60);
        var holidays = await db.StoreHolidays.AsNoTracking()
            .Where(h => h.Date >= from && h.Date <= until)
            .Select(h => new { h.StoreId, h.Date, h.Kind })
            .ToListAsync(cancellationToken);
        var byStore = holidays.ToLookup(h => h.StoreId, h => (h.Date, h.Kind));
        var calendars = stores.ToDictionary(s => s.Id, s => new WorkingCalendar(s.WorkingHours, byStore[s.Id]));
        return new CallbackCalendars(stores, now, calendars);
    }

    public WorkingCalendar For(int storeId) => _calendars[storeId];

    /// <summary>
    /// For every store and each of its local days from <paramref name="daysBack"/> days ago to today: the day's
    /// bounds as instants and the 3-day callback due day of something done that day (4.7), from the domain.
    /// </summary>
    public DueDays DueDaysBack(int daysBack)
    {
        var rows = new List<(int Store, DateOnly Day, DateTimeOffset From, DateTimeOffset Until, DateOnly Due)>();
        for (var i = 0; i < Stores.Count; i++)
        {
            var store = Stores[i];
            var calendar = For(store.Id);
            for (var day = Todays[i].AddDays(-daysBack); day <= Todays[i]; day = day.AddDays(1))
            {
                rows.Add((store.Id, day, store.StartOfLocalDay(day), store.StartOfLocalDay(day.AddDays(1)),
                    calendar.CallbackDueDay(day)));
            }
        }

        return new DueDays(rows.Select(r => r.Store).ToArray(), rows.Select(r => r.Day).ToArray(),
            rows.Select(r => r.From).ToArray(), rows.Select(r => r.Until).ToArray(), rows.Select(r => r.Due).ToArray(),
            rows.Count == 0 ? Now : rows.Min(r => r.From));
    }
}

/// <summary>Parallel arrays: store, local day, its start and end instants, the due day of a callback for that day;
/// <see cref="EarliestFrom"/> bounds the scan by a constant.</summary>
#pragma warning disable CA1819 // arrays are what Npgsql binds to SQL arrays
public sealed record DueDays(int[] StoreIds, DateOnly[] Days, DateTimeOffset[] From, DateTimeOffset[] Until,
    DateOnly[] Due, DateTimeOffset EarliestFrom);
#pragma warning restore CA1819
