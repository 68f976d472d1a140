using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Customers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Service;

/// <summary>
/// The service advisor's home (spec 4.1–4.2): find a car by plate, VIN or owner and open a repair order for it (or
/// for a car sold elsewhere); the store's open repair orders and today's completed ones, newest first, each list
/// paged by keyset. The search is POSTed like the customer search: a mobile typed into the box stays out of URLs.
/// Service and general managers read the page; only advisors see the buttons that change something. The store's
/// upcoming bookings (issue 14: reached service reminder calls that booked a visit, from today on, by booked time) are
/// listed with their customer, car, reasons and the officer who booked them.
/// </summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 30;

    [BindProperty]
    public string? Q { get; set; }

    [BindProperty]
    public long? Before { get; set; }

    [BindProperty(SupportsGet = true, Name = "open")]
    public string? OpenCursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? DoneCursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "booked")]
    public string? BookedCursor { get; set; }

    public bool Searched { get; private set; }

    public bool TooShort { get; private set; }

    public IReadOnlyList<CarRow> Cars { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public IReadOnlyList<ServiceQueries.VisitRow> Open { get; private set; } = [];

    public string? NextOpen { get; private set; }

    public IReadOnlyList<ServiceQueries.VisitRow> Done { get; private set; } = [];

    public string? NextDone { get; private set; }

    public IReadOnlyList<BookingRow> Bookings { get; private set; } = [];

    public string? NextBooked { get; private set; }

    public bool CanWork { get; private set; }

    public DealerCrm.Domain.Stores.Store Store { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Q = null;
        Before = null;
        await LoadAsync();
    }

    public async Task OnPostAsync()
    {
        await LoadAsync();
        var search = CustomerSearch.Parse(Q);
        Searched = !search.IsEmpty;
        TooShort = search.Kind == SearchKind.TooShort;
        if (!Searched)
        {
            return;
        }

        await using var plan = await db.PlanForTheseValuesAsync();
        var query = ServiceQueries.Find(db, search, Store.Id);
        if (Before is { } before)
        {
            query = query.Where(v => v.Id < before);
        }

        var page = await (from v in query
                          join c in db.Customers on v.OwnerCustomerId equals c.Id
                          orderby v.Id descending
                          select new CarRow(v.Id, v.Plate, v.Vin, v.Brand, v.Model, v.Colour, v.Status, v.SoldByUs,
                              c.Id, c.Name, c.Mobile))
            .Take(PageSize + 1).ToListAsync();
        Cars = page.Take(PageSize).ToList();
        NextBefore = page.Count > PageSize ? Cars[^1].Id : null;
    }

    private async Task LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        CanWork = (await authorization.AuthorizeAsync(User, Policies.ServiceDesk)).Succeeded;
        var storeId = Store.Id;

        var open = db.ServiceVisits.AsNoTracking().Where(s => s.StoreId == storeId && s.CompletedAt == null);
        if (TimeCursor.Parse(OpenCursor) is { } o)
        {
            open = open.Where(s => s.OpenedAt < o.At || (s.OpenedAt == o.At && s.Id < o.Id));
        }

        var openPage = await open.OrderByDescending(s => s.OpenedAt).ThenByDescending(s => s.Id)
            .Take(PageSize + 1).Rows(db).ToListAsync();

        // The join after the page's Take does not keep its order: the page is put back in order here.
        Open = openPage.OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id).Take(PageSize).ToList();
        NextOpen = openPage.Count > PageSize ? new TimeCursor(Open[^1].OpenedAt, Open[^1].Id).ToString() : null;

        var today = Store.LocalDate(calendar.Now);
        var from = Store.StartOfLocalDay(today);
        var until = Store.StartOfLocalDay(today.AddDays(1));
        var done = db.ServiceVisits.AsNoTracking()
            .Where(s => s.StoreId == storeId && s.CompletedAt >= from && s.CompletedAt < until);
        if (TimeCursor.Parse(DoneCursor) is { } d)
        {
            done = done.Where(s => s.CompletedAt < d.At || (s.CompletedAt == d.At && s.Id < d.Id));
        }

        var donePage = await done.OrderByDescending(s => s.CompletedAt).ThenByDescending(s => s.Id)
            .Take(PageSize + 1).Rows(db).ToListAsync();
        Done = donePage.OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).Take(PageSize).ToList();
        NextDone = donePage.Count > PageSize ? new TimeCursor(Done[^1].CompletedAt!.Value, Done[^1].Id).ToString() : null;
        await LoadBookingsAsync(from);
    }

    /// <summary>The booked reminder calls from the start of the store's today on, earliest first (keyset on time, id).</summary>
    private async Task LoadBookingsAsync(DateTimeOffset startOfToday)
    {
        var storeId = Store.Id;
        var booked = db.CallbackTasks.AsNoTracking().Where(t => t.StoreId == storeId
            && t.Type == CallbackType.ServiceReminder && t.Status == CallbackStatus.Reached && t.BookedFor >= startOfToday);
        if (TimeCursor.Parse(BookedCursor) is { } b)
        {
            booked = booked.Where(t => t.BookedFor > b.At || (t.BookedFor == b.At && t.Id > b.Id));
        }

        var page = await (
                from t in booked
                join c in db.Customers on t.CustomerId equals c.Id
                from v in db.Vehicles.Where(v => v.Id == t.VehicleId).DefaultIfEmpty()
                from u in db.Users.Where(u => u.Id == t.ClosedById).DefaultIfEmpty()
                orderby t.BookedFor, t.Id
                select new BookingData(t.Id, t.BookedFor!.Value, c.Id, c.Name, v == null ? null : v.Id,
                    v == null ? null : v.Plate, v == null ? null : v.Vin, v == null ? null : v.Model,
                    u == null ? null : u.DisplayName))
            .Take(PageSize + 1).ToListAsync();
        var rows = page.OrderBy(r => r.BookedFor).ThenBy(r => r.TaskId).Take(PageSize).ToList();
        var reasons = await ServiceQueries.RemindersOfAsync(db, storeId, rows.Select(r => r.TaskId).ToList());
        Bookings = rows.Select(r => new BookingRow(r, reasons[r.TaskId].ToList())).ToList();
        NextBooked = page.Count > PageSize ? new TimeCursor(rows[^1].BookedFor, rows[^1].TaskId).ToString() : null;
    }

    public sealed record BookingData(long TaskId, DateTimeOffset BookedFor, long CustomerId, string CustomerName,
        long? VehicleId, string? Plate, string? Vin, string? Model, string? BookedBy);

    /// <summary>A booking with its reasons; the car is the task's, else the reasons' (a reminder always names one).</summary>
    public sealed record BookingRow(BookingData Data, IReadOnlyList<ServiceQueries.ReminderLine> Reasons)
    {
        public IEnumerable<(long Id, string Name)> Cars => Data.VehicleId is { } id
            ? [(id, (Data.Plate ?? Data.Vin) + " " + Data.Model)]
            : Reasons.Select(r => (r.VehicleId, r.Car)).Distinct();
    }

    public sealed record CarRow(long Id, string? Plate, string Vin, string? Brand, string Model, string? Colour,
        VehicleStatus Status, bool SoldByUs, long OwnerId, string OwnerName, string? OwnerMobile);
}
