using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Validation;
using DealerCrm.Web.Pages.Customers;
using DealerCrm.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// The lead list (spec 3.4): the leads the user may see (consultants their own, managers the store's), filtered by
/// grade, status, source, model, owner, created and last-contact dates, overdue, and the customer search box. Keyset
/// paging by lead id, newest first, no COUNT. The search text is POSTed, never put in a URL; the other filters may
/// come as query parameters (links from the board). Managers export the same rows to CSV or .xlsx, audited.
/// </summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar, AuditLog audit,
    IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Grade? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public LeadStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public SourceChannel? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CarModel { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Owner { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "List.CreatedFrom")]
    public DateOnly? CreatedFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "List.CreatedTo")]
    public DateOnly? CreatedTo { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "List.ContactFrom")]
    public DateOnly? ContactFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "List.ContactTo")]
    public DateOnly? ContactTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<LeadListRow> Rows { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public bool TooShort { get; private set; }

    public bool CanExport { get; private set; }

    public bool CanFilterOwner { get; private set; }

    public IReadOnlyList<SelectListItem> Owners { get; private set; } = [];

    public Store Store { get; private set; } = null!;

    public LeadListFilter Filter { get; private set; } = new();

    public async Task OnGetAsync()
    {
        Q = null;
        await ListAsync();
    }

    public Task OnPostAsync() => ListAsync();

    public Task<IActionResult> OnPostCsvAsync() => ExportAsync(ExportFormat.Csv);

    public Task<IActionResult> OnPostXlsxAsync() => ExportAsync(ExportFormat.Xlsx);

    private async Task ListAsync()
    {
        CanExport = (await authorization.AuthorizeAsync(User, Policies.Export)).Succeeded;
        await PrepareAsync();
        TooShort = Filter.Search.Kind == SearchKind.TooShort;
        if (CanFilterOwner)
        {
            Owners = await StaffQueries.ConsultantChoicesAsync(db, Store.Id);
        }

        var today = Store.LocalDate(calendar.Now);
        var page = await Filter.Rows(db.Leads.VisibleTo(User).AsNoTracking(), db, Store, today, Before)
            .Take(PageSize + 1).ToListAsync();
        Rows = page.Take(PageSize).ToList();
        NextBefore = page.Count > PageSize ? Rows[^1].Id : null;
    }

    private async Task PrepareAsync()
    {
        Store = await calendar.StoreOfAsync(User);

        // Consultants see their own leads only; an owner filter would say nothing more, so it is not offered.
        CanFilterOwner = DataScopes.SeesAllLeadsOfStore(User);
        DateRange.IsReversed(ModelState, localizer, CreatedFrom, CreatedTo, nameof(CreatedTo),
            localizer["List.CreatedFrom"], localizer["List.CreatedTo"]);
        DateRange.IsReversed(ModelState, localizer, ContactFrom, ContactTo, nameof(ContactTo),
            localizer["List.ContactFrom"], localizer["List.ContactTo"]);
        Filter = new LeadListFilter
        {
            Grade = Grade,
            Status = Status,
            Source = Source,
            CarModel = CarModel?.Trim() is { Length: > 0 } model ? model[..Math.Min(model.Length, 50)] : null,
            Owner = CanFilterOwner ? Owner : null,
            CreatedFrom = CreatedFrom,
            CreatedTo = CreatedTo,
            ContactFrom = ContactFrom,
            ContactTo = ContactTo,
            Overdue = Overdue,
            Search = CustomerSearch.Parse(Q),
        };
    }

    private async Task<IActionResult> ExportAsync(ExportFormat format)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Export)).Succeeded)
        {
            return Forbid();
        }

        await PrepareAsync();
        var store = Store;
        var today = store.LocalDate(calendar.Now);
        var rows = Filter.Rows(db.Leads.VisibleTo(User).AsNoTracking(), db, store, today, before: null)
            .Take(TableExport.MaxRows + 1).AsAsyncEnumerable();
        static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
        ExportColumn<LeadListRow>[] columns =
        [
            new(localizer["Lead.Customer"], r => r.Name),
            new(localizer["Customer.Mobile"], r => r.Mobile),
            new(localizer["Customer.IdNumber"], r => r.IdNumberMasked),
            new(localizer["Lead.Grade"], r => r.Grade.ToString()),
            new(localizer["List.Status"], r => localizer.Text(r.Status)),
            new(localizer["Lead.Source"], r => localizer.Text(r.Source)),
            new(localizer["Lead.IntendedModel"], r => r.IntendedModel),
            new(localizer["Lead.Owner"], r => r.Owner),
            new(localizer["Lead.NextPlan"], r => Date(r.NextFollowUpDate)),
            new(localizer["List.LastFollowUp"], r => Date(r.LastFollowUpDate)),
            new(localizer["List.Created"], r => Date(store.LocalDate(r.CreatedAt))),
        ];
        var fileName = $"leads-{calendar.Now.UtcDateTime:yyyyMMdd-HHmm}";
        var filter = Filter.Describe();
        return new ExportResult<LeadListRow>(format, fileName, localizer["List.Leads"], columns, rows,
            outcome => audit.RecordNowAsync(AuditActions.LeadsExported, target: "leads",
                details: ExportAudit.Details(outcome, filter)));
    }
}
