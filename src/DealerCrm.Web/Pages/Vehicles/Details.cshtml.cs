using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Callbacks;
using DealerCrm.Web.Pages.Complaints;
using DealerCrm.Web.Pages.Customers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Vehicles;

/// <summary>
/// The vehicle file (一车一档, spec 4.1): the owner (with their membership tier, benefits and this car's loyalty,
/// issue 13), the sale, insurance and the next annual inspection, the status
/// with its history, every service visit and every callback with its answers. Scoped like the customer file (the
/// record handler decides who reads which car). The service advisor, the service manager and the CRM officer keep
/// the insurance, inspection and status; a car no longer in use (sold, scrapped, transferred) gets no more callbacks,
/// so its open callback tasks are cancelled in the same save as the status change (4.7).
/// </summary>
public sealed class DetailsModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Vehicle Vehicle { get; private set; } = null!;

    public Customer Owner { get; private set; } = null!;

    public bool CanReadOwner { get; private set; }

    public bool CanEdit { get; private set; }

    public VehicleQueries.SaleRow? Sale { get; private set; }

    public IReadOnlyList<VehicleQueries.StatusRow> History { get; private set; } = [];

    public IReadOnlyList<VehicleQueries.VisitRow> Visits { get; private set; } = [];

    public IReadOnlyList<VehicleQueries.CallbackRow> Callbacks { get; private set; } = [];

    public int UserStoreId { get; private set; }

    /// <summary>Whether the reader may open the store's repair orders (the service desk's pages).</summary>
    public bool CanOpenVisits { get; private set; }

    public DealerCrm.Domain.Stores.Store Store { get; private set; } = null!;

    /// <summary>The car's grievances and complaints (issue 12); null for a reader /Complaints does not admit.</summary>
    public ComplaintQueries.FileSection? ComplaintSection { get; private set; }

    /// <summary>The owner's tier and benefits (issue 13); null for a reader who may not see it.</summary>
    public LoyaltyDisplay.OwnerTier? OwnerTier { get; private set; }

    /// <summary>This car's loyalty at the last recalculation; null when not calculated (or not shown).</summary>
    public LoyaltyDisplay.CarLoyalty? CarLoyalty { get; private set; }

    [BindProperty]
    public uint Version { get; set; }

    public InsuranceInput Insurance { get; set; } = new();

    public StatusInput Status { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id, Operations.Read) is { } refusal)
        {
            return refusal;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostInsuranceAsync(long id, [Bind(Prefix = nameof(Insurance))] InsuranceInput insurance)
    {
        if (await LoadAsync(id, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Insurance = insurance;

        if (!ModelState.IsValid || !ModelState.TryDomain(localizer,
                () => Vehicle.UpdateInsuranceAndInspection(Insurance.Insurer, Insurance.InsuranceExpiry,
                    Insurance.NextInspectionDate),
                "Insurance"))
        {
            return Page();
        }

        return await SaveAsync("Vehicle.InsuranceSaved");
    }

    public async Task<IActionResult> OnPostStatusAsync(long id, [Bind(Prefix = nameof(Status))] StatusInput status)
    {
        if (await LoadAsync(id, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Status = status;

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = calendar.Now;
        var userId = User.GetUserId();
        try
        {
            Vehicle.ChangeStatus(Status.Status, userId, Status.Reason, now);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, field => field switch
            {
                "StatusReason" => "Status.Reason",
                null => string.Empty,
                _ => "Status.Status",
            });
            return Page();
        }

        if (Vehicle.Status != VehicleStatus.InUse)
        {
            var open = await CallbackQueries.ClosedByCarLeaving(db, Vehicle.Id).ToListAsync();
            foreach (var task in open)
            {
                task.Cancel(userId, now);
            }
        }

        return await SaveAsync("Vehicle.StatusSaved");
    }

    private async Task<IActionResult> SaveAsync(string doneKey)
    {
        db.ExpectVersion(Vehicle, Version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        TempData["Message"] = localizer[doneKey].Value;
        return RedirectToPage("/Vehicles/Details", new { id = Vehicle.Id });
    }

    private async Task<IActionResult?> LoadAsync(long id, OperationAuthorizationRequirement operation)
    {
        var vehicle = await db.Vehicles.SingleOrDefaultAsync(v => v.Id == id);
        if (vehicle is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, vehicle, operation) is { } refusal)
        {
            return refusal;
        }

        Vehicle = vehicle;
        CanEdit = (await authorization.AuthorizeAsync(User, vehicle, Operations.Edit)).Succeeded;
        Store = await calendar.StoreOfAsync(User);
        UserStoreId = Store.Id;
        CanOpenVisits = (await authorization.AuthorizeAsync(User, Policies.ServiceRead)).Succeeded;
        Owner = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == vehicle.OwnerCustomerId);
        CanReadOwner = (await authorization.AuthorizeAsync(User, Owner, Operations.Read)).Succeeded;
        if ((await authorization.AuthorizeAsync(User, Owner, Operations.ReadTier)).Succeeded)
        {
            OwnerTier = await LoyaltyDisplay.OwnerTierAsync(db, Owner);
            CarLoyalty = await LoyaltyDisplay.CarAsync(db, vehicle.Id, vehicle.StoreId);
        }

        Sale = await VehicleQueries.SaleAsync(db, vehicle.Id);
        History = await VehicleQueries.StatusHistoryAsync(db, vehicle.Id);
        Visits = await VehicleQueries.VisitsAsync(db, vehicle.Id);
        Callbacks = await VehicleQueries.CallbacksAsync(db, vehicle.Id);
        ComplaintSection = await ComplaintQueries.FileSectionAsync(db, authorization, User, Store, calendar.Now,
            localizer, c => c.VehicleId == vehicle.Id,
            vehicle.StoreId == Store.Id ? $"/Complaints/New?vehicleId={vehicle.Id}" : null);
        if (HttpMethods.IsGet(Request.Method))
        {
            Version = vehicle.Version;
        }

        // What the forms show until a handler puts the posted values in their place.
        Insurance = new InsuranceInput
        {
            Insurer = vehicle.Insurer,
            InsuranceExpiry = vehicle.InsuranceExpiry,
            NextInspectionDate = vehicle.NextInspectionDate,
        };
        Status = new StatusInput { Status = vehicle.Status };

        return null;
    }

    public sealed class InsuranceInput
    {
        [StringLength(Vehicle.InsurerMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Vehicle.Insurer")]
        public string? Insurer { get; set; }

        [Display(Name = "Vehicle.InsuranceExpiry")]
        public DateOnly? InsuranceExpiry { get; set; }

        [Display(Name = "Vehicle.NextInspection")]
        public DateOnly? NextInspectionDate { get; set; }
    }

    public sealed class StatusInput
    {
        [Display(Name = "Vehicle.Status")]
        public VehicleStatus Status { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Vehicle.StatusReason")]
        public string? Reason { get; set; }
    }
}
