using DealerCrm.Domain.Customers;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Security;
using DealerCrm.Web.Pages.Complaints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Customers;

/// <summary>
/// The customer file (spec 1.2): fixed information, flags, consent, completeness, the customer's leads, and their
/// loyalty and membership tier with its history (issue 13). The ID
/// number is shown masked; a CRM officer (or an Admin) reveals it by an explicit, audited POST, and the full number
/// appears in that one response only.
/// </summary>
public sealed class DetailsModel(
    CrmDbContext db,
    IAuthorizationService authorization,
    IdNumberProtector protector,
    AuditLog audit,
    StoreCalendar calendar,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Customer Customer { get; private set; } = null!;

    public int Completeness { get; private set; }

    public IReadOnlyList<CustomerQueries.LeadRow> Leads { get; private set; } = [];

    public IReadOnlyList<CustomerQueries.VehicleRow> Vehicles { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public bool CanReveal { get; private set; }

    public string? RevealedIdNumber { get; private set; }

    public DealerCrm.Domain.Stores.Store Store { get; private set; } = null!;

    /// <summary>The customer's grievances and complaints (issue 12); null for a reader /Complaints does not admit.</summary>
    public ComplaintQueries.FileSection? ComplaintSection { get; private set; }

    /// <summary>Loyalty and membership (issue 13); null for a reader who may not see the tier.</summary>
    public LoyaltyDisplay.FileSection? Loyalty { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostRevealAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!CanReveal)
        {
            return Forbid();
        }

        if (Customer.IdNumberProtected is { } cipher)
        {
            RevealedIdNumber = protector.Unprotect(cipher);
            await audit.RecordNowAsync(AuditActions.CustomerIdRevealed, target: $"customer:{Customer.Id}");
        }
        else
        {
            ModelState.AddModelError(string.Empty, localizer["Customer.NoIdNumber"]);
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var customer = await CustomerQueries.FindAsync(db, User, id);
        if (customer is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, customer, Operations.Read) is { } refusal)
        {
            return refusal;
        }

        Customer = customer;
        CanEdit = (await authorization.AuthorizeAsync(User, customer, Operations.Edit)).Succeeded;
        CanReveal = (await authorization.AuthorizeAsync(User, customer, Operations.RevealIdNumber)).Succeeded;
        Completeness = await CustomerQueries.CompletenessAsync(db, customer);
        Leads = await CustomerQueries.LeadsAsync(db, User, customer.Id);
        Vehicles = await CustomerQueries.VehiclesAsync(db, customer);
        Store = await calendar.StoreOfAsync(User);
        Loyalty = (await authorization.AuthorizeAsync(User, customer, Operations.ReadTier)).Succeeded
            ? await LoyaltyDisplay.FileSectionAsync(db, customer)
            : null;
        ComplaintSection = await ComplaintQueries.FileSectionAsync(db, authorization, User, Store, calendar.Now, localizer,
            c => c.CustomerId == customer.Id, customer.StoreId == Store.Id ? $"/Complaints/New?customerId={customer.Id}" : null);
        return null;
    }
}
