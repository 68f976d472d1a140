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
/// Service and general managers read the page; only advisors see the buttons that change something.
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

    public bool Searched { get; private set; }

    public bool TooShort { get; private set; }

    public IReadOnlyList<CarRow> Cars { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public IReadOnlyList<ServiceQueries.VisitRow> Open { get; private set; } = [];

    public string? NextOpen { get; private set; }

    public IReadOnlyList<ServiceQueries.VisitRow> Done { get; private set; } = [];

    public string? NextDone { get; private set; }

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
    }

    public sealed record CarRow(long Id, string? Plate, string Vin, string? Brand, string Model, string? Colour,
        VehicleStatus Status, bool SoldByUs, long OwnerId, string OwnerName, string? OwnerMobile);
}
