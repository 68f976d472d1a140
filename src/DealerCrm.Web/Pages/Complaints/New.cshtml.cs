using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
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

namespace DealerCrm.Web.Pages.Complaints;

/// <summary>
/// A complaint entered directly (spec 4.4): by phone, walk-in or from the manufacturer's hotline (with its case number
/// and the time the manufacturer sent it, which is the receipt). The customer is found by mobile or name within the
/// store (the search is POSTed, so a number never lands in a URL), or comes from the customer or vehicle file
/// (<c>?customerId=</c>, <c>?vehicleId=</c>); one of their cars and repair orders may be named. The item and the
/// escalation's notifications are saved in one transaction; a refused field keeps what was typed.
/// </summary>
[Authorize(Policy = Policies.ComplaintEntry)]
public sealed class NewModel(
    CrmDbContext db,
    StoreCalendar calendar,
    ComplaintWorkflow workflow,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int SearchLimit = 20;

    [BindProperty(SupportsGet = true)]
    public long? CustomerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? VehicleId { get; set; }

    [BindProperty]
    [StringLength(CustomerSearch.MaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Complaints.FindCustomer")]
    public string? Q { get; set; }

    [BindProperty]
    public ComplaintInput Input { get; set; } = new();

    public Store Store { get; private set; } = null!;

    public CustomerView? Customer { get; private set; }

    public IReadOnlyList<CustomerView> Found { get; private set; } = [];

    public bool Searched { get; private set; }

    public IReadOnlyList<Choice> Vehicles { get; private set; } = [];

    public IReadOnlyList<Choice> Visits { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public CategoryNames Names { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        var local = Store.LocalTime(calendar.Now);
        Input.ReceivedAt = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        Input.VehicleId = VehicleId;
        Input.Department = ComplaintScopes.DefaultDepartmentFor(User);
        Input.CategoryCode = Categories.Count > 0 ? Categories[0] : null;
        return Page();
    }

    public async Task<IActionResult> OnPostFindAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        // Only the search box is this form's; the complaint's fields are not posted with it.
        if (ModelState.GetFieldValidationState(nameof(Q)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            return Page();
        }

        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        var search = CustomerSearch.Parse(Q);
        Searched = true;
        if (search.Kind is SearchKind.TooShort or SearchKind.None)
        {
            ModelState.AddModelError(nameof(Q), localizer["Complaints.SearchTooShort"]);
            return Page();
        }

        Found = await search.Apply(db.Customers.AsNoTracking().Where(c => c.StoreId == Store.Id), db, Store.Id)
            .OrderByDescending(c => c.Id).Take(SearchLimit)
            .Select(c => new CustomerView(c.Id, c.Name, c.Mobile)).ToListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        if (Customer is null)
        {
            ModelState.AddModelError(nameof(Q), localizer["Complaints.CustomerRequired"]);
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var valid = true;
        if (Input.VehicleId is { } vehicleId && Vehicles.All(v => v.Id != vehicleId))
        {
            ModelState.AddModelError("Input.VehicleId", localizer["Complaints.VehicleInvalid"]);
            valid = false;
        }

        long? vehicle = Input.VehicleId;
        if (Input.ServiceVisitId is { } visitId)
        {
            if (Visits.FirstOrDefault(v => v.Id == visitId) is not { } visit)
            {
                ModelState.AddModelError("Input.ServiceVisitId", localizer["Complaints.VisitInvalid"]);
                valid = false;
            }
            else if (vehicle is null)
            {
                vehicle = visit.VehicleId;
            }
        }

        if (Input.CategoryCode is not { } category || !Categories.Contains(category, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Input.CategoryCode", localizer["Complaint.CategoryRequired"]);
            valid = false;
        }

        DateTimeOffset? received = null;
        if (Input.ReceivedAt is { } local)
        {
            if (!UserDates.IsSane(local))
            {
                ModelState.AddModelError("Input.ReceivedAt", localizer["Complaints.DateInvalid"]);
                valid = false;
            }
            else
            {
                received = Store.StartOfLocalDay(DateOnly.FromDateTime(local)).Add(local.TimeOfDay);
            }
        }

        if (!valid)
        {
            return Page();
        }

        var now = calendar.Now;
        var clock = await workflow.ClockAsync(Store);
        Complaint? item = null;
        if (!ModelState.TryDomain(localizer, () => item = Complaint.OpenComplaint(Store.Id, Customer.Id, vehicle,
                Input.ServiceVisitId, null, Input.Source ?? ComplaintSource.Phone, Input.Department ?? ComplaintDepartment.AfterSales,
                Input.CategoryCode!, Input.Description ?? string.Empty, received, Input.ManufacturerCaseNumber,
                User.GetUserId(), now, clock)))
        {
            return Page();
        }

        // The item, then its escalation's notifications (they carry its id): one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Complaints.Add(item!);
        await db.SaveChangesAsync();
        await workflow.NotifyRaisedAsync(item!);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = localizer["Complaints.Opened"].Value;
        return RedirectToPage("Details", new { id = item!.Id });
    }

    private async Task<IActionResult?> LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Names = await CategoryNames.ForStoreAsync(db, Store.Id, localizer);
        Categories = await ComplaintQueries.ActiveCategoriesAsync(db, Store.Id);
        if (VehicleId is { } vehicleId)
        {
            var owner = await db.Vehicles.AsNoTracking().Where(v => v.Id == vehicleId && v.StoreId == Store.Id)
                .Select(v => (long?)v.OwnerCustomerId).SingleOrDefaultAsync();
            if (owner is null || (CustomerId is { } given && given != owner))
            {
                return NotFound();
            }

            CustomerId = owner;
        }

        if (CustomerId is not { } customerId)
        {
            return null;
        }

        Customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId && c.StoreId == Store.Id)
            .Select(c => new CustomerView(c.Id, c.Name, c.Mobile)).SingleOrDefaultAsync();
        if (Customer is null)
        {
            return NotFound();
        }

        Vehicles = await db.Vehicles.AsNoTracking().Where(v => v.OwnerCustomerId == customerId && v.StoreId == Store.Id)
            .OrderByDescending(v => v.Id)
            .Select(v => new Choice(v.Id, (v.Plate ?? v.Vin) + " " + v.Model, v.Id)).ToListAsync();
        Visits = await db.ServiceVisits.AsNoTracking().Where(s => s.CustomerId == customerId && s.StoreId == Store.Id)
            .OrderByDescending(s => s.OpenedAt).ThenByDescending(s => s.Id).Take(50)
            .Select(s => new Choice(s.Id, s.OrderNumber, s.VehicleId)).ToListAsync();
        return null;
    }

    public sealed record CustomerView(long Id, string Name, string? Mobile);

    public sealed record Choice(long Id, string Text, long? VehicleId);

    public sealed class ComplaintInput
    {
        [Display(Name = "Complaints.Vehicle")]
        public long? VehicleId { get; set; }

        [Display(Name = "Complaints.RepairOrder")]
        public long? ServiceVisitId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [EnumDataType(typeof(ComplaintSource), ErrorMessage = "Complaint.SourceInvalid")]
        [Display(Name = "Complaints.Source")]
        public ComplaintSource? Source { get; set; } = ComplaintSource.Phone;

        [Required(ErrorMessage = "Validation.Required")]
        [EnumDataType(typeof(ComplaintDepartment), ErrorMessage = "Complaint.DepartmentInvalid")]
        [Display(Name = "Complaints.Department")]
        public ComplaintDepartment? Department { get; set; }

        [StringLength(ComplaintCategory.CodeMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Complaints.Category")]
        public string? CategoryCode { get; set; }

        [StringLength(Complaint.DescriptionMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Complaints.Description")]
        public string? Description { get; set; }

        [Display(Name = "Complaints.ReceivedAt")]
        public DateTime? ReceivedAt { get; set; }

        [StringLength(Complaint.CaseNumberMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Complaints.CaseNumber")]
        public string? ManufacturerCaseNumber { get; set; }
    }
}
