using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Customers;

/// <summary>
/// Editing the customer file: fixed information, ID number, flags and consent, all validated at once and saved
/// together. The stored ID number is never sent back to the browser; an empty field keeps it.
/// </summary>
public sealed class EditModel(
    CrmDbContext db,
    IAuthorizationService authorization,
    IdNumberProtector protector,
    AuditLog audit,
    StoreCalendar calendar,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CustomerInput Input { get; set; } = new();

    public Customer Customer { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        Input = CustomerInput.From(Customer);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Every field's problem at once: each check runs, whatever the others found.
        var idNumber = string.Empty;
        var now = calendar.Now;
        var hasLeadCard = await db.Leads.AnyAsync(l => l.CustomerId == Customer.Id);
        var callableBefore = Customer.CallbackConsent && !Customer.IsBlacklisted;
        var valid = ModelState.TryDomain(localizer, () => Text.Required(Input.Name, Customer.NameMaxLength, "Name", "Customer.NameRequired"))
            & ModelState.TryDomain(localizer, () => Customer.NormalizeMobile(Input.Mobile, hasLeadCard))
            & ModelState.TryDomain(localizer, () => EmailAddress.NormalizeOptional(Input.Email, "Email"))
            & ModelState.TryDomain(localizer, () => Postcode.NormalizeOptional(Input.HomePostcode, "HomePostcode"))
            & ModelState.TryDomain(localizer, () => Postcode.NormalizeOptional(Input.WorkPostcode, "WorkPostcode"))
            & ModelState.TryDomain(localizer, () => idNumber = string.IsNullOrWhiteSpace(Input.IdNumber)
                ? string.Empty : ResidentIdNumber.Normalize(Input.IdNumber))
            & ModelState.TryDomain(localizer, () => Customer.SetFlags(Input.IsVip, Input.IsKeyAccount, Input.IsBlacklisted,
                Input.BlacklistReason, now));
        if (!valid || !ModelState.TryDomain(localizer, () =>
            {
                Customer.UpdateFixedInformation(Input.ToFixedInformation(), now, hasLeadCard);
                Customer.SetConsent(Input.MarketingConsent, Input.CallbackConsent, Input.PreferredContactTime,
                    Input.PreferredContactNumber, now);
                if (idNumber.Length > 0)
                {
                    Customer.RecordIdNumber(idNumber, protector.Protect, now);
                }
            }))
        {
            return Page();
        }

        // Consent withdrawn or blacklisted (4.7): the customer's open callbacks close with the change.
        if (callableBefore && (!Customer.CallbackConsent || Customer.IsBlacklisted))
        {
            foreach (var task in await db.CallbackTasks
                         .Where(t => t.CustomerId == Customer.Id && t.Status == CallbackStatus.Open).ToListAsync())
            {
                task.Cancel(User.GetUserId(), now);
            }
        }

        db.ExpectVersion(Customer, Input.Version);
        audit.Record(AuditActions.CustomerUpdated, target: $"customer:{Customer.Id}");
        if (!await db.TrySaveAsync(ModelState, localizer,
                new UniqueRefusal("ux_customers_store_mobile", "Input.Mobile", "Customer.MobileTaken")))
        {
            return Page();
        }

        TempData["Message"] = localizer["Customer.Saved"].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var customer = await CustomerQueries.FindAsync(db, User, id);
        if (customer is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, customer, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Customer = customer;
        return null;
    }

    public sealed class CustomerInput
    {
        [Display(Name = "Customer.Kind")]
        public CustomerKind Kind { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Customer.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Name")]
        public string? Name { get; set; }

        [Display(Name = "Customer.Gender")]
        public Gender Gender { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Mobile")]
        public string? Mobile { get; set; }

        [StringLength(Customer.PhoneMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.HomePhone")]
        public string? HomePhone { get; set; }

        [StringLength(Customer.PhoneMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.OfficePhone")]
        public string? OfficePhone { get; set; }

        [StringLength(EmailAddress.MaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Email")]
        public string? Email { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.IdNumber")]
        public string? IdNumber { get; set; }

        [StringLength(Customer.ShortTextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Occupation")]
        public string? Occupation { get; set; }

        [StringLength(Customer.ShortTextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Industry")]
        public string? Industry { get; set; }

        [StringLength(Customer.NameMaxLength * 2, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Employer")]
        public string? Employer { get; set; }

        [Display(Name = "Customer.Birthday")]
        public DateOnly? Birthday { get; set; }

        [StringLength(Customer.AddressMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.HomeAddress")]
        public string? HomeAddress { get; set; }

        [StringLength(10, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.HomePostcode")]
        public string? HomePostcode { get; set; }

        [StringLength(Customer.AddressMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.WorkAddress")]
        public string? WorkAddress { get; set; }

        [StringLength(10, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.WorkPostcode")]
        public string? WorkPostcode { get; set; }

        [StringLength(Customer.ShortTextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Region")]
        public string? Region { get; set; }

        [Display(Name = "Customer.IsVip")]
        public bool IsVip { get; set; }

        [Display(Name = "Customer.KeyAccount")]
        public bool IsKeyAccount { get; set; }

        [Display(Name = "Customer.Blacklisted")]
        public bool IsBlacklisted { get; set; }

        [StringLength(Customer.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.BlacklistReason")]
        public string? BlacklistReason { get; set; }

        [Display(Name = "Customer.MarketingConsent")]
        public bool MarketingConsent { get; set; }

        [Display(Name = "Customer.CallbackConsent")]
        public bool CallbackConsent { get; set; }

        [StringLength(Customer.ShortTextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.PreferredContactTime")]
        public string? PreferredContactTime { get; set; }

        [StringLength(Customer.PhoneMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.PreferredContactNumber")]
        public string? PreferredContactNumber { get; set; }

        public uint Version { get; set; }

        public static CustomerInput From(Customer c) => new()
        {
            Kind = c.Kind,
            Name = c.Name,
            Gender = c.Gender,
            Mobile = c.Mobile,
            HomePhone = c.HomePhone,
            OfficePhone = c.OfficePhone,
            Email = c.Email,
            Occupation = c.Occupation,
            Industry = c.Industry,
            Employer = c.Employer,
            Birthday = c.Birthday,
            HomeAddress = c.HomeAddress,
            HomePostcode = c.HomePostcode,
            WorkAddress = c.WorkAddress,
            WorkPostcode = c.WorkPostcode,
            Region = c.Region,
            IsVip = c.IsVip,
            IsKeyAccount = c.IsKeyAccount,
            IsBlacklisted = c.IsBlacklisted,
            BlacklistReason = c.BlacklistReason,
            MarketingConsent = c.MarketingConsent,
            CallbackConsent = c.CallbackConsent,
            PreferredContactTime = c.PreferredContactTime,
            PreferredContactNumber = c.PreferredContactNumber,
            Version = c.Version,
        };

        public FixedInformation ToFixedInformation() => new()
        {
            Kind = Kind,
            Name = Name,
            Gender = Gender,
            Mobile = Mobile,
            HomePhone = HomePhone,
            OfficePhone = OfficePhone,
            Email = Email,
            Occupation = Occupation,
            Industry = Industry,
            Employer = Employer,
            Birthday = Birthday,
            HomeAddress = HomeAddress,
            HomePostcode = HomePostcode,
            WorkAddress = WorkAddress,
            WorkPostcode = WorkPostcode,
            Region = Region,
        };
    }
}
