using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Customers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Service.Visits;

/// <summary>
/// Opening a repair order (维修委托书, spec 4.2) for a car on file (<c>?vehicleId=</c>), or for a car sold elsewhere
/// together with its file and owner (首次客户信息登记, 4.1). One transaction: the owner (an owner already on file in
/// this store with that mobile is reused, never overwritten), the vehicle, the order, and what the order tells the
/// vehicle's file (first visit, latest mileage). Every field is checked before anything is saved; the order number
/// is unique per store, and a second order with the same number at the same instant is refused by the index.
/// </summary>
[Authorize(Policy = Policies.ServiceDesk)]
public sealed class NewModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string OrderNumberIndex = "ix_service_visits_store_id_order_number";
    public const string VinIndex = "ix_vehicles_vin";
    public const string OwnerMobileIndex = "ux_customers_store_mobile";

    [BindProperty(SupportsGet = true)]
    public long? VehicleId { get; set; }

    [BindProperty]
    public VisitInput Input { get; set; } = new();

    public Vehicle? Vehicle { get; private set; }

    public string? OwnerName { get; private set; }

    public string? OwnerMobile { get; private set; }

    /// <summary>Once the car is chosen: its owner's tier and benefits (issue 13), for the advisor serving them.</summary>
    public LoyaltyDisplay.OwnerTier? OwnerTier { get; private set; }

    /// <summary>Set when the VIN typed for a car "sold elsewhere" is already on file: the page links to it.</summary>
    public long? VehicleOnFileId { get; private set; }

    public IReadOnlyList<ServiceQueries.Advisor> Advisors { get; private set; } = [];

    public DealerCrm.Domain.Stores.Store Store { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        Input.OpenedAt = TrimToMinute(Store.LocalTime(calendar.Now));
        var me = User.GetUserId();
        Input.AdvisorId = Advisors.Any(a => a.Id == me) ? me : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        // A payer not in the list (payer=99) fails binding with a generic message: say which choice is wrong.
        if (ModelState["Input.Payer"] is { Errors.Count: > 0 } payer)
        {
            payer.Errors.Clear();
            payer.Errors.Add(localizer["Service.PayerInvalid"].Value);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = calendar.Now;
        var types = Input.Types.Aggregate(ServiceTypes.None, (all, t) => all | t);
        var valid = CheckAdvisor() & ModelState.TryDomain(localizer, () => ServiceVisit.CheckTypes(types));
        var openedAt = now;
        if (Input.OpenedAt is { } local)
        {
            openedAt = Store.StartOfLocalDay(DateOnly.FromDateTime(local)).Add(local.TimeOfDay);
        }

        // The car sold elsewhere: its identifiers and its owner are checked before anything changes.
        string? vin = null, plate = null, ownerMobile = null;
        Customer? owner = null;
        if (Vehicle is null)
        {
            valid &= ModelState.TryDomain(localizer, () => vin = Vin.Normalize(Input.Vin))
                     & ModelState.TryDomain(localizer, () => plate = PlateNumber.NormalizeOptional(Input.Plate))
                     & ModelState.TryDomain(localizer, () => ownerMobile = ChineseMobile.Normalize(Input.OwnerMobile, "OwnerMobile"))
                     & ModelState.TryDomain(localizer, () => Text.Required(Input.OwnerName, Customer.NameMaxLength, "OwnerName", "Customer.NameRequired"))
                     & ModelState.TryDomain(localizer, () => Text.Required(Input.Model, 100, "Model", "Order.ModelRequired"));
            if (Input.PurchaseDate is { } bought && bought > Store.LocalDate(now))
            {
                ModelState.AddModelError("Input.PurchaseDate", localizer["Service.PurchaseInFuture"]);
                valid = false;
            }

            if (vin is not null && await db.Vehicles.Where(v => v.Vin == vin).Select(v => (long?)v.Id).FirstOrDefaultAsync() is { } onFile)
            {
                VehicleOnFileId = onFile;
                ModelState.AddModelError("Input.Vin", localizer["Service.VinOnFile"]);
                valid = false;
            }

            if (ownerMobile is not null)
            {
                owner = await db.Customers.SingleOrDefaultAsync(c => c.StoreId == Store.Id && c.Mobile == ownerMobile);
            }
        }

        if (!valid)
        {
            return Page();
        }

        var vehicle = Vehicle;
        if (vehicle is null && !ModelState.TryDomain(localizer, () => vehicle = Vehicle.RegisterAtFirstVisit(Store.Id, vin,
                plate, Input.Brand, Input.Model, Input.Colour, 0, Input.PurchaseDate, now)))
        {
            return Page();
        }

        // Every field of the order checked against the car before anything is saved (the probe is not kept).
        if (!ModelState.TryDomain(localizer, () => NewVisit(vehicle!, 0, openedAt, types, now)))
        {
            return Page();
        }

        if (await db.ServiceVisits.AnyAsync(s => s.StoreId == Store.Id && s.OrderNumber == ServiceVisit.NormalizeOrderNumber(Input.OrderNumber)))
        {
            ModelState.AddModelError("Input.OrderNumber", localizer["Service.OrderNumberTaken"]);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            long ownerId;
            if (Vehicle is null)
            {
                if (owner is null)
                {
                    owner = new Customer(Store.Id, Input.OwnerName, Gender.Unknown, ownerMobile, now);
                    db.Customers.Add(owner);
                    await db.SaveChangesAsync();
                }

                vehicle = Vehicle.RegisterAtFirstVisit(Store.Id, vin, plate, Input.Brand, Input.Model, Input.Colour,
                    owner.Id, Input.PurchaseDate, now);
                db.Vehicles.Add(vehicle);
                await db.SaveChangesAsync();
                ownerId = owner.Id;
            }
            else
            {
                ownerId = vehicle!.OwnerCustomerId;
            }

            var visit = NewVisit(vehicle!, ownerId, openedAt, types, now);
            vehicle!.RecordServiceVisit(Store.LocalDate(openedAt), visit.Mileage);
            db.ServiceVisits.Add(visit);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            TempData["Message"] = localizer["Service.Opened", visit.OrderNumber].Value;
            return RedirectToPage("/Service/Visits/Details", new { id = visit.Id });
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(OrderNumberIndex))
        {
            ModelState.AddModelError("Input.OrderNumber", localizer["Service.OrderNumberTaken"]);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(VinIndex))
        {
            ModelState.AddModelError("Input.Vin", localizer["Service.VinOnFile"]);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation(OwnerMobileIndex))
        {
            ModelState.AddModelError(string.Empty, localizer["Error.Concurrency"]);
        }

        return Page();
    }

    private ServiceVisit NewVisit(Vehicle vehicle, long ownerId, DateTimeOffset openedAt, ServiceTypes types,
        DateTimeOffset now) =>
        new(Store.Id, Input.OrderNumber, vehicle, ownerId, openedAt, Input.Mileage ?? -1, Input.MileageReason, types,
            Input.Amount, Input.AdvisorId, null, Input.BroughtByName, Input.BroughtByMobile, Input.AcceptsCallback,
            Input.CallbackNumber, Input.CallbackTime, now, payer: Input.Payer);

    private bool CheckAdvisor()
    {
        if (Input.AdvisorId is { } id && Advisors.All(a => a.Id != id))
        {
            ModelState.AddModelError("Input.AdvisorId", localizer["Service.AdvisorInvalid"]);
            return false;
        }

        return true;
    }

    private async Task<IActionResult?> LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Advisors = await ServiceQueries.AdvisorsAsync(db, Store.Id);
        if (VehicleId is not { } id)
        {
            return null;
        }

        var vehicle = await db.Vehicles.InReachOfStore(db, Store.Id).SingleOrDefaultAsync(v => v.Id == id);
        if (vehicle is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, vehicle, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Vehicle = vehicle;
        var owner = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == vehicle.OwnerCustomerId);
        (OwnerName, OwnerMobile) = (owner.Name, owner.Mobile);
        OwnerTier = (await authorization.AuthorizeAsync(User, owner, Operations.ReadTier)).Succeeded
            ? await LoyaltyDisplay.OwnerTierAsync(db, owner)
            : null;
        return null;
    }

    private static DateTime TrimToMinute(DateTime value) =>
        new(value.Year, value.Month, value.Day, value.Hour, value.Minute, 0, DateTimeKind.Unspecified);

    public sealed class VisitInput
    {
        [StringLength(40, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.Vin")]
        public string? Vin { get; set; }

        [StringLength(20, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Delivery.Plate")]
        public string? Plate { get; set; }

        [StringLength(50, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Vehicle.Brand")]
        public string? Brand { get; set; }

        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Order.Model")]
        public string? Model { get; set; }

        [StringLength(50, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Vehicle.Colour")]
        public string? Colour { get; set; }

        [Display(Name = "Vehicle.PurchaseDate")]
        public DateOnly? PurchaseDate { get; set; }

        [StringLength(Customer.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.OwnerName")]
        public string? OwnerName { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.OwnerMobile")]
        public string? OwnerMobile { get; set; }

        [StringLength(ServiceVisit.OrderNumberMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.OrderNumber")]
        public string? OrderNumber { get; set; }

        [Display(Name = "Service.OpenedAt")]
        public DateTime? OpenedAt { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Service.Mileage")]
        public int? Mileage { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.MileageReason")]
        public string? MileageReason { get; set; }

        [Display(Name = "Service.Types")]
        public List<ServiceTypes> Types { get; set; } = [];

        [Display(Name = "Service.Amount")]
        public decimal? Amount { get; set; }

        /// <summary>结算方式; empty: what the types imply (<see cref="ServiceVisit.DefaultPayer"/>).</summary>
        [Display(Name = "Service.Payer")]
        public ServicePayer? Payer { get; set; }

        [Display(Name = "Service.Advisor")]
        public long? AdvisorId { get; set; }

        [StringLength(ServiceVisit.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.BroughtByName")]
        public string? BroughtByName { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.BroughtByMobile")]
        public string? BroughtByMobile { get; set; }

        [Display(Name = "Service.AcceptsCallback")]
        public bool AcceptsCallback { get; set; } = true;

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.CallbackNumber")]
        public string? CallbackNumber { get; set; }

        [StringLength(ServiceVisit.PreferredTimeMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Service.CallbackTime")]
        public string? CallbackTime { get; set; }
    }
}
