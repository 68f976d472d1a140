using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Customers;

/// <summary>
/// Customer search (spec 3.4): any part of the name, any part of the mobile number (3 digits or more), or a plate or
/// VIN on the customer's file, within what the user may see. Keyset paging by id, newest first; no COUNT over the
/// table. The trigram indexes on name and mobile keep "contains" searches fast at a million customers. Searches are
/// POSTed: a mobile number typed into the box must not end up in a URL, a browser history or a proxy log (spec 7.2,
/// ASVS 8.3.1). Managers export the same search to CSV or .xlsx, audited. The list filters by loyalty category and
/// membership tier (issue 13) and shows each customer's tier.
/// </summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar, AuditLog audit,
    IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    [BindProperty]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    /// <summary>Only owners of this loyalty category at the last recalculation (issue 13).</summary>
    [BindProperty(SupportsGet = true)]
    public LoyaltyCategory? Category { get; set; }

    /// <summary>Only owners of this membership tier at the last recalculation (issue 13).</summary>
    [BindProperty(SupportsGet = true)]
    public MembershipTier? Tier { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public bool TooShort { get; private set; }

    public bool CanExport { get; private set; }

    /// <summary>For a plate or VIN search: the matching car of each customer listed.</summary>
    public IReadOnlyDictionary<long, long> MatchedVehicles { get; private set; } = new Dictionary<long, long>();

    public async Task OnGetAsync()
    {
        Q = null;
        await SearchAsync();
    }

    public Task OnPostAsync() => SearchAsync();

    public Task<IActionResult> OnPostCsvAsync() => ExportAsync(ExportFormat.Csv);

    public Task<IActionResult> OnPostXlsxAsync() => ExportAsync(ExportFormat.Xlsx);

    private async Task SearchAsync()
    {
        CanExport = (await authorization.AuthorizeAsync(User, Policies.Export)).Succeeded;
        var search = CustomerSearch.Parse(Q);
        TooShort = search.Kind == SearchKind.TooShort;
        DropUnknownFilters();
        await using var plan = await db.PlanForTheseValuesAsync();
        var query = Matching(search);
        List<Row> page;
        if (LoyaltyFilter() is { } loyalty)
        {
            // Filtered by category or tier: walk the loyalty index (store, category or tier, customer id) newest
            // customer first and join each to the customer, so a rare tier does not scan the whole customer table.
            // The page bound goes on both sides: PostgreSQL carries equality across a join, not "<", and a merge
            // join would otherwise read the customers from the newest down to the page (1.8 s at page 14 of 1M).
            if (Before is { } before)
            {
                loyalty = loyalty.Where(l => l.CustomerId < before);
                query = query.Where(c => c.Id < before);
            }

            page = await (from l in loyalty
                          join c in query on l.CustomerId equals c.Id
                          orderby l.CustomerId descending
                          select new Row(c.Id, c.Name, c.Gender, c.Mobile, c.Region, c.IsVip, c.IsKeyAccount,
                              c.IsBlacklisted, l.Tier))
                .Take(PageSize + 1).ToListAsync();
        }
        else
        {
            if (Before is { } before)
            {
                query = query.Where(c => c.Id < before);
            }

            page = await query.OrderByDescending(c => c.Id).Take(PageSize + 1)
                .Select(c => new Row(c.Id, c.Name, c.Gender, c.Mobile, c.Region, c.IsVip, c.IsKeyAccount,
                    c.IsBlacklisted, db.CustomerLoyalty.Where(l => l.CustomerId == c.Id).Select(l => (MembershipTier?)l.Tier).FirstOrDefault()))
                .ToListAsync();
        }

        Rows = page.Take(PageSize).ToList();
        NextBefore = page.Count > PageSize ? Rows[^1].Id : null;
        if (search.Kind is SearchKind.Plate or SearchKind.Vin && Rows.Count > 0)
        {
            // A plate or VIN names a car: each result links to the vehicle file that matched.
            var ids = Rows.Select(r => r.Id).ToList();
            var value = search.Value;
            MatchedVehicles = await db.Vehicles.AsNoTracking()
                .Where(v => ids.Contains(v.OwnerCustomerId) && (search.Kind == SearchKind.Plate ? v.Plate == value : v.Vin == value))
                .GroupBy(v => v.OwnerCustomerId).Select(g => new { g.Key, Id = g.Max(v => v.Id) })
                .ToDictionaryAsync(x => x.Key, x => x.Id);
        }
    }

    private IQueryable<Customer> Matching(CustomerSearch search) =>
        search.Apply(db.Customers.VisibleTo(User, db).AsNoTracking(), db, User.GetStoreId());

    private string FiltersDescribed() =>
        (Category is null ? string.Empty : $" category={Category}") + (Tier is null ? string.Empty : $" tier={Tier}");

    /// <summary>A value no select offers (typed into the URL) filters nothing rather than listing no one.</summary>
    private void DropUnknownFilters()
    {
        if (Category is { } category && !Enum.IsDefined(category))
        {
            Category = null;
        }

        if (Tier is { } tier && !Enum.IsDefined(tier))
        {
            Tier = null;
        }
    }

    /// <summary>The user's store's loyalty rows of the chosen category and tier; null when neither is chosen.</summary>
    private IQueryable<CustomerLoyalty>? LoyaltyFilter()
    {
        if (Category is null && Tier is null)
        {
            return null;
        }

        var storeId = User.GetStoreId();
        var loyalty = db.CustomerLoyalty.AsNoTracking().Where(l => l.StoreId == storeId);
        if (Category is { } category)
        {
            loyalty = loyalty.Where(l => l.Category == category);
        }

        if (Tier is { } tier)
        {
            loyalty = loyalty.Where(l => l.Tier == tier);
        }

        return loyalty;
    }

    private async Task<IActionResult> ExportAsync(ExportFormat format)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Export)).Succeeded)
        {
            return Forbid();
        }

        var store = await calendar.StoreOfAsync(User);
        var search = CustomerSearch.Parse(Q);
        DropUnknownFilters();
        var matching = Matching(search);
        if (LoyaltyFilter() is { } loyalty)
        {
            matching = matching.Where(c => loyalty.Any(l => l.CustomerId == c.Id));
        }

        var rows = matching.OrderByDescending(c => c.Id).Take(TableExport.MaxRows + 1)
            .Select(c => new ExportRow(c.Name, c.Gender, c.Mobile, c.IdNumberMasked, c.Region, c.IsVip,
                c.IsKeyAccount, c.IsBlacklisted, c.CreatedAt))
            .AsAsyncEnumerable();
        string YesNo(bool value) => value ? localizer["Common.Yes"].Value : string.Empty;
        ExportColumn<ExportRow>[] columns =
        [
            new(localizer["Customer.Name"], r => r.Name),
            new(localizer["Customer.Gender"], r => localizer.Text(r.Gender)),
            new(localizer["Customer.Mobile"], r => r.Mobile),
            new(localizer["Customer.IdNumber"], r => r.IdNumberMasked),
            new(localizer["Customer.Region"], r => r.Region),
            new(localizer["Customer.IsVip"], r => YesNo(r.IsVip)),
            new(localizer["Customer.KeyAccount"], r => YesNo(r.IsKeyAccount)),
            new(localizer["Customer.Blacklisted"], r => YesNo(r.IsBlacklisted)),
            new(localizer["List.Created"], r => store.LocalDate(r.CreatedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ];
        var fileName = $"customers-{calendar.Now.UtcDateTime:yyyyMMdd-HHmm}";
        return new ExportResult<ExportRow>(format, fileName, localizer["Nav.Customers"], columns, rows,
            outcome => audit.RecordNowAsync(AuditActions.CustomersExported, target: "customers",
                details: ExportAudit.Details(outcome, $"{search.Describe()}{FiltersDescribed()}")));
    }

    /// <summary>A listed customer; <paramref name="Tier"/> null when not calculated yet.</summary>
    public sealed record Row(long Id, string Name, Gender Gender, string? Mobile, string? Region, bool IsVip,
        bool IsKeyAccount, bool IsBlacklisted, MembershipTier? Tier);

    public sealed record ExportRow(string Name, Gender Gender, string? Mobile, string? IdNumberMasked, string? Region,
        bool IsVip, bool IsKeyAccount, bool IsBlacklisted, DateTimeOffset CreatedAt);
}
