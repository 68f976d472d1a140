using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Customers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Service.Visits;

/// <summary>
/// The repair order (spec 4.2): every field, the car and its owner (with the owner's membership tier and benefits,
/// issue 13), and the advisor's two later acts — completing it
/// (a separate step: not before it was opened, not in the future) and correcting the callback consent and who brought
/// the car (the data-fix a wrong-number callback asks for; the warning shows until it is done). Both are saved with
/// the row version the advisor saw. Managers and CRM officers of the store read it; only advisors change it.
/// </summary>
public sealed class DetailsModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public ServiceVisit Visit { get; private set; } = null!;

    public Vehicle Vehicle { get; private set; } = null!;

    public Customer Owner { get; private set; } = null!;

    public bool CanReadOwner { get; private set; }

    /// <summary>The owner's tier and benefits (issue 13); null for a reader who may not see it.</summary>
    public LoyaltyDisplay.OwnerTier? OwnerTier { get; private set; }

    public bool CanEdit { get; private set; }

    public string? AdvisorName { get; private set; }

    public DealerCrm.Domain.Stores.Store Store { get; private set; } = null!;

    [BindProperty]
    public uint Version { get; set; }

    public CompleteInput Completion { get; set; } = new();

    public ContactInput Contact { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id, Operations.Read) is { } refusal)
        {
            return refusal;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(long id, [Bind(Prefix = nameof(Completion))] CompleteInput completion)
    {
        if (await LoadAsync(id, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Completion = completion;

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = calendar.Now;
        var completedAt = Completion.CompletedAt is { } local
            ? Store.StartOfLocalDay(DateOnly.FromDateTime(local)).Add(local.TimeOfDay)
            : now;
        if (!ModelState.TryDomain(localizer, () => Visit.Complete(completedAt, now),
                field => field is "CompletedAt" ? "Completion" : string.Empty))
        {
            return Page();
        }

        return await SaveAsync("Service.CompletedSaved");
    }

    public async Task<IActionResult> OnPostContactAsync(long id, [Bind(Prefix = nameof(Contact))] ContactInput contact)
    {
        if (await LoadAsync(id, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Contact = contact;

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = calendar.Now;
        // A refused value leaves the page without saving, so a half-applied change is never written.
        var valid = ModelState.TryDomain(localizer,
            () =>
            {
                var mobile = string.IsNullOrWhiteSpace(Contact.BroughtByMobile)
                    ? null
                    : ChineseMobile.Normalize(Contact.BroughtByMobile, nameof(ServiceVisit.BroughtByMobile));
                var name = string.IsNullOrWhiteSpace(Contact.BroughtByName) ? null : Contact.BroughtByName.Trim();
                if (name != Visit.BroughtByName || mobile != Visit.BroughtByMobile)
                {
                    Visit.CorrectContact(name, mobile, now);
                }

                Visit.ChangeCallbackConsent(Contact.AcceptsCallback, Contact.CallbackNumber, Contact.CallbackTime, now);
            },
            _ => "Contact");
        return valid ? await SaveAsync("Service.ContactSaved") : Page();
    }

    private async Task<IActionResult> SaveAsync(string doneKey)
    {
        db.ExpectVersion(Visit, Version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        TempData["Message"] = localizer[doneKey].Value;
        return RedirectToPage("/Service/Visits/Details", new { id = Visit.Id });
    }

    private async Task<IActionResult?> LoadAsync(long id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation)
    {
        var visit = await db.ServiceVisits.SingleOrDefaultAsync(v => v.Id == id);
        if (visit is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, visit, operation) is { } refusal)
        {
            return refusal;
        }

        Visit = visit;
        Store = await calendar.StoreOfAsync(User);
        CanEdit = (await authorization.AuthorizeAsync(User, visit, Operations.Edit)).Succeeded;
        Vehicle = await db.Vehicles.AsNoTracking().SingleAsync(v => v.Id == visit.VehicleId);
        Owner = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == visit.CustomerId);
        CanReadOwner = (await authorization.AuthorizeAsync(User, Owner, Operations.Read)).Succeeded;
        OwnerTier = (await authorization.AuthorizeAsync(User, Owner, Operations.ReadTier)).Succeeded
            ? await LoyaltyDisplay.OwnerTierAsync(db, Owner)
            : null;
        AdvisorName = visit.AdvisorId is { } advisorId
            ? await db.Users.Where(u => u.Id == advisorId).Select(u => u.DisplayName).SingleOrDefaultAsync()
            : visit.AdvisorName;
        if (HttpMethods.IsGet(Request.Method))
        {
            Version = visit.Version;
        }

        // What the forms show until a handler puts the posted values in their place.
        Completion.CompletedAt = TrimToMinute(Store.LocalTime(calendar.Now));
        Contact = new ContactInput
        {
            BroughtByName = visit.BroughtByName,
            BroughtByMobile = visit.BroughtByMobile,
            AcceptsCallback = visit.AcceptsCallback,
            CallbackNumber = visit.CallbackNumber,
            CallbackTime = visit.CallbackTime,
        };

        return null;
    }

    private static DateTime TrimToMinute(DateTime value) =>
        new(value.Year, value.Month, value.Day, value.Hour, value.Minute, 0, DateTimeKind.Unspecified);

    public sealed class CompleteInput
    {
        [Display(Name = "Service.CompletedAt")]
        public DateTime? CompletedAt { get; set; }
    }

    public sealed class ContactInput
    {
        [StringLength(ServiceVisit.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.BroughtByName")]
        public string? BroughtByName { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.BroughtByMobile")]
        public string? BroughtByMobile { get; set; }

        [Display(Name = "Service.AcceptsCallback")]
        public bool AcceptsCallback { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.CallbackNumber")]
        public string? CallbackNumber { get; set; }

        [StringLength(ServiceVisit.PreferredTimeMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.CallbackTime")]
        public string? CallbackTime { get; set; }
    }
}
