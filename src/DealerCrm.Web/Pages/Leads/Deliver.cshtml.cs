using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Security;
using DealerCrm.Web.Pages.Callbacks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// 交车 (spec 2.4), one transaction: the vehicle (sold by us) owned by the buyer, the lead Won and its plan closed,
/// the buyer's answer to "may we call you?" (4.7, default yes), the new-car 3-day callback (if they agreed and are not
/// blacklisted) due on the 4.7 due day of the store's <see cref="WorkingCalendar"/> and given to the next CRM officer
/// in turn (<see cref="CallbackAssignment"/>), and the price added to the customer's spend. If any part fails, nothing
/// is saved. The callback job creates the same task for a delivery saved without it (unique per delivery).
/// </summary>
public sealed class DeliverModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IdNumberProtector protector,
    IStringLocalizer<SharedResource> localizer) : LeadPageBase(db, calendar, authorization, localizer)
{
    [BindProperty]
    public DeliveryInput Input { get; set; } = new();

    public Order? OpenOrder => Lead.OpenOrder;

    public string? IdNumberMasked { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        var customer = await Db.Customers.AsNoTracking().SingleAsync(c => c.Id == Lead.CustomerId);
        Input.DeliveredOn = Today;
        Input.DeliveredAt = TimeOnly.FromDateTime(Store.LocalTime(Calendar.Now));
        Input.FinalPrice = OpenOrder!.AgreedPrice;
        Input.BuyerName = customer.Name;
        Input.BuyerMobile = customer.Mobile;
        Input.BuyerAddress = customer.HomeAddress;
        Input.CallbackConsent = !customer.RefusesCallbacks;
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

        // Every identifier checked at once, before anything changes.
        var vin = string.Empty;
        string? plate = null;
        string? mobile = null;
        var idNumber = string.Empty;
        var valid = ModelState.TryDomain(Localizer, () => vin = Vin.Normalize(Input.Vin))
            & ModelState.TryDomain(Localizer, () => plate = PlateNumber.NormalizeOptional(Input.Plate))
            & ModelState.TryDomain(Localizer, () => mobile = ChineseMobile.Normalize(Input.BuyerMobile, "BuyerMobile"))
            & ModelState.TryDomain(Localizer, () => idNumber = string.IsNullOrWhiteSpace(Input.BuyerIdNumber)
                ? string.Empty : ResidentIdNumber.Normalize(Input.BuyerIdNumber, "BuyerIdNumber"));
        if (!valid)
        {
            return Page();
        }

        var now = Calendar.Now;
        var day = Input.DeliveredOn ?? Today;
        var deliveredAt = Input.DeliveredAt is { } t ? Store.StartOfLocalDay(day).Add(t.ToTimeSpan()) : now;
        var order = OpenOrder!;
        var customer = await Db.Customers.SingleAsync(c => c.Id == Lead.CustomerId);

        await using var transaction = await Db.Database.BeginTransactionAsync();
        Delivery? delivery = null;
        Vehicle? vehicle = null;
        try
        {
            delivery = Lead.Deliver(new DeliveryRequest(deliveredAt, Input.FinalPrice ?? 0, Input.InvoiceNumber, vin),
                User.GetUserId(), now);
            vehicle = new Vehicle(Store.Id, vin, plate, null, order.Model, order.Colour, customer.Id,
                order.OrderDate, Store.LocalDate(deliveredAt), soldByUs: true, now);
            customer.UpdateFixedInformation(BuyerDetails(customer, mobile), now);
            if (idNumber.Length > 0)
            {
                customer.RecordIdNumber(idNumber, protector.Protect, now);
            }

            customer.AddSpend(delivery.FinalPrice, now);
            customer.RecordCallbackConsent(Input.CallbackConsent, now);
        }
        catch (DomainException ex)
        {
            // The buyer's name and address are the customer's fields under other names on this form.
            var key = ex.Field switch
            {
                null => string.Empty,
                "Name" => "Input.BuyerName",
                "HomeAddress" => "Input.BuyerAddress",
                var field => $"Input.{field}",
            };
            ModelState.AddModelError(key, Localizer[ex.MessageKey, [.. ex.Arguments]]);
            return Page();
        }

        Db.Vehicles.Add(vehicle!);
        Db.Deliveries.Add(delivery!);
        Db.Entry(Lead).Property(l => l.Version).OriginalValue = Version;
        try
        {
            await Db.SaveChangesAsync();
            delivery!.AttachVehicle(vehicle!.Id);
            if (!customer.RefusesCallbacks && !customer.IsBlacklisted)
            {
                var deliveredOn = Store.LocalDate(deliveredAt);
                var holidays = await Db.StoreHolidays.AsNoTracking()
                    .Where(h => h.StoreId == Store.Id && h.Date > deliveredOn && h.Date <= deliveredOn.AddDays(60))
                    .ToListAsync();
                var dueDay = new WorkingCalendar(Store.WorkingHours, holidays).CallbackDueDay(deliveredOn);
                var officer = await CallbackAssignment.NextOfficerAsync(Db, Store.Id, HttpContext.RequestAborted);
                Db.CallbackTasks.Add(new CallbackTask(Store.Id, CallbackType.NewCarThreeDay, customer.Id, vehicle.Id,
                    delivery.Id, dueDay, now, contactName: customer.Name,
                    contactNumber: customer.PreferredContactNumber ?? customer.Mobile,
                    preferredTime: customer.PreferredContactTime, assignedToId: officer));
            }

            await Db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, Localizer["Error.Concurrency"]);
            return Page();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            ModelState.AddModelError("Input.Vin", Localizer["Vin.Taken"]);
            return Page();
        }

        TempData["Message"] = Localizer["Delivery.Saved"].Value;
        return RedirectToPage("/Leads/Details", new { id = Lead.Id });
    }

    private FixedInformation BuyerDetails(Customer customer, string? mobile) => new()
    {
        Kind = customer.Kind,
        Name = Input.BuyerName,
        Gender = customer.Gender,
        Mobile = mobile,
        HomePhone = customer.HomePhone,
        OfficePhone = customer.OfficePhone,
        Email = customer.Email,
        Occupation = customer.Occupation,
        Industry = customer.Industry,
        Employer = customer.Employer,
        Birthday = customer.Birthday,
        HomeAddress = Input.BuyerAddress,
        HomePostcode = customer.HomePostcode,
        WorkAddress = customer.WorkAddress,
        WorkPostcode = customer.WorkPostcode,
        Region = customer.Region,
    };

    private async Task<IActionResult?> LoadAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (OpenOrder is null)
        {
            TempData["Message"] = Localizer["Delivery.NoOrder"].Value;
            return RedirectToPage("/Leads/Details", new { id });
        }

        return null;
    }

    public sealed class DeliveryInput
    {
        [Display(Name = "Delivery.Date")]
        public DateOnly? DeliveredOn { get; set; }

        [Display(Name = "Delivery.Time")]
        public TimeOnly? DeliveredAt { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.Vin")]
        public string? Vin { get; set; }

        [StringLength(15, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.Plate")]
        public string? Plate { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Delivery.FinalPrice")]
        public decimal? FinalPrice { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(50, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.InvoiceNumber")]
        public string? InvoiceNumber { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Customer.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.BuyerName")]
        public string? BuyerName { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.BuyerMobile")]
        public string? BuyerMobile { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.BuyerIdNumber")]
        public string? BuyerIdNumber { get; set; }

        [StringLength(Customer.AddressMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.BuyerAddress")]
        public string? BuyerAddress { get; set; }

        /// <summary>"May we call you after delivery?" (4.7): asked here, default yes.</summary>
        [Display(Name = "Delivery.CallbackConsent")]
        public bool CallbackConsent { get; set; } = true;
    }
}
