using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Complaints;

/// <summary>
/// One grievance or complaint (spec 4.4): what it is about, who answers for it, and its timeline — every step with its
/// deadline in store time, who did it and when, and how late. Those who work it (the department's managers, the GM,
/// the person named) record the limited steps, resolve it (which creates the CRM officer's follow-up call), assign
/// and recategorize it; CRM officers add notes; the officer or a manager raises a grievance to a complaint. Each act
/// is one small form saved with the row version it was shown, so of two managers clicking at once one wins and the
/// other reads that it changed meanwhile.
/// </summary>
public sealed class DetailsModel(
    CrmDbContext db,
    StoreCalendar calendar,
    ComplaintWorkflow workflow,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The steps with a limit a person records as done here (resolution has its own form).</summary>
    public static readonly ComplaintStepType[] RecordableSteps =
    [
        ComplaintStepType.ManagerCalled, ComplaintStepType.FirstContact, ComplaintStepType.PortalUpdated,
        ComplaintStepType.ResultReported,
    ];

    public Complaint Item { get; private set; } = null!;

    public Store Store { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public ItemView View { get; private set; } = null!;

    public IReadOnlyList<StepView> Timeline { get; private set; } = [];

    public CategoryNames Names { get; private set; } = null!;

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyDictionary<ComplaintDepartment, List<ComplaintQueries.Person>> Candidates { get; private set; } =
        new Dictionary<ComplaintDepartment, List<ComplaintQueries.Person>>();

    public bool CanWork { get; private set; }

    public bool CanNote { get; private set; }

    public bool CanRaise { get; private set; }

    public bool CanOpenActions { get; private set; }

    /// <summary>The limited steps still pending that a person records here, in timeline order.</summary>
    public IReadOnlyList<ComplaintStepType> Recordable { get; private set; } = [];

    public StepInput Step { get; set; } = new();

    public ResolveInput Resolve { get; set; } = new();

    public RaiseInput Raise { get; set; } = new();

    public AssignInput Assign { get; set; } = new();

    public CategoryInput Category { get; set; } = new();

    public NoteInput Note { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id, Operations.Read) ?? Page();

    public async Task<IActionResult> OnPostStepAsync(long id, [Bind(Prefix = nameof(Step))] StepInput step)
    {
        if (await LoadAsync(id, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Step = step;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (step.Type is not { } type || !RecordableSteps.Contains(type))
        {
            ModelState.AddModelError("Step.Type", localizer["Complaint.StepNotPending"]);
            return Page();
        }

        if (!Try(() => Item.CompleteStep(type, User.GetUserId(), step.Note, calendar.Now), "Step",
                f => f == "Step" ? "Type" : "Note"))
        {
            return Page();
        }

        return await SaveAsync(id, step.Version, localizer["Complaints.StepSaved", localizer.Text(type)].Value);
    }

    public async Task<IActionResult> OnPostResolveAsync(long id, [Bind(Prefix = nameof(Resolve))] ResolveInput resolve)
    {
        if (await LoadAsync(id, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Resolve = resolve;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Checked first, so a refused resolution adds no follow-up call to the unit of work.
        if (!Try(() => Text.Required(resolve.Resolution, Complaint.NoteMaxLength, "Resolution", "Complaint.ResolutionRequired"),
                "Resolve", _ => "Resolution"))
        {
            return Page();
        }

        try
        {
            await workflow.ResolveAsync(Store, Item, User.GetUserId(), resolve.Resolution!, calendar.Now);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, f => f is null ? string.Empty : "Resolve.Resolution");
            return Page();
        }

        return await SaveAsync(id, resolve.Version, localizer["Complaints.Resolved"].Value);
    }

    public async Task<IActionResult> OnPostRaiseAsync(long id, [Bind(Prefix = nameof(Raise))] RaiseInput raise)
    {
        if (await LoadAsync(id, Operations.Decide) is { } refusal)
        {
            return refusal;
        }

        Raise = raise;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var clock = await workflow.ClockAsync(Store);
        if (!Try(() => Item.RaiseToComplaint(User.GetUserId(), raise.Note, calendar.Now, clock), "Raise", _ => "Note"))
        {
            return Page();
        }

        // The item and the GM's and managers' notifications in one transaction (the notifications carry its id).
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.ExpectVersion(Item, raise.Version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            await transaction.RollbackAsync();
            return await ReloadAsync(id);
        }

        await workflow.NotifyRaisedAsync(Item);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = localizer["Complaints.RaisedToComplaint"].Value;
        return RedirectToPage("Details", new { id });
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, [Bind(Prefix = nameof(Assign))] AssignInput assign)
    {
        if (await LoadAsync(id, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Assign = assign;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (assign.Department is not { } department || !Enum.IsDefined(department))
        {
            ModelState.AddModelError("Assign.Department", localizer["Complaint.DepartmentInvalid"]);
            return Page();
        }

        if (assign.ResponsibleUserId is { } person && Candidates[department].All(p => p.Id != person))
        {
            ModelState.AddModelError("Assign.ResponsibleUserId", localizer["Complaints.ResponsibleInvalid"]);
            return Page();
        }

        if (!Try(() => Item.AssignResponsible(assign.ResponsibleUserId, department, User.GetUserId(), calendar.Now),
                "Assign", f => f ?? string.Empty))
        {
            return Page();
        }

        return await SaveAsync(id, assign.Version, localizer["Complaints.Assigned"].Value);
    }

    public async Task<IActionResult> OnPostCategoryAsync(long id, [Bind(Prefix = nameof(Category))] CategoryInput category)
    {
        if (await LoadAsync(id, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Category = category;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (category.Code is not { } code || !Categories.Contains(code, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Category.Code", localizer["Complaint.CategoryRequired"]);
            return Page();
        }

        if (!Try(() => Item.Recategorize(code), "Category", _ => "Code"))
        {
            return Page();
        }

        return await SaveAsync(id, category.Version, localizer["Complaints.Recategorized"].Value);
    }

    public async Task<IActionResult> OnPostNoteAsync(long id, [Bind(Prefix = nameof(Note))] NoteInput note)
    {
        if (await LoadAsync(id, ComplaintAuthorizationHandler.Note) is { } refusal)
        {
            return refusal;
        }

        Note = note;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!Try(() => Item.AddNote(User.GetUserId(), note.Text!, calendar.Now), "Note", _ => "Text"))
        {
            return Page();
        }

        return await SaveAsync(id, note.Version, localizer["Complaints.NoteAdded"].Value);
    }

    /// <summary>One domain act; a refusal goes beside the form's field (<paramref name="field"/> names it from the
    /// domain's field) or above the form when it concerns none.</summary>
    private bool Try(Action step, string prefix, Func<string?, string> field)
    {
        try
        {
            step();
            return true;
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, f => f is null ? string.Empty : $"{prefix}.{field(f)}");
            return false;
        }
    }

    /// <summary>Saves with the version the form was built from (the item's row is always updated, so a second
    /// click from the same version cannot pass); a refusal shows the item as it now is, with the message.</summary>
    private async Task<IActionResult> SaveAsync(long id, uint version, string message)
    {
        db.Entry(Item).Property(c => c.Status).IsModified = true;
        db.ExpectVersion(Item, version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return await ReloadAsync(id);
        }

        TempData["Message"] = message;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> ReloadAsync(long id)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(id, Operations.Read) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, OperationAuthorizationRequirement operation)
    {
        var storeId = User.GetStoreId();
        var item = await db.Complaints.Include(c => c.Steps).SingleOrDefaultAsync(c => c.Id == id && c.StoreId == storeId);
        if (item is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, item, operation) is { } refusal)
        {
            return refusal;
        }

        Item = item;
        Store = await calendar.StoreOfAsync(User);
        Now = calendar.Now;
        CanWork = item.Status != ComplaintStatus.Closed
                  && (await authorization.AuthorizeAsync(User, item, Operations.Edit)).Succeeded;
        CanNote = (await authorization.AuthorizeAsync(User, item, ComplaintAuthorizationHandler.Note)).Succeeded;
        CanRaise = item.Kind == ComplaintKind.Grievance && item.Status != ComplaintStatus.Closed
                   && (await authorization.AuthorizeAsync(User, item, Operations.Decide)).Succeeded;
        CanOpenActions = (await authorization.AuthorizeAsync(User, Policies.Actions)).Succeeded;
        Names = await CategoryNames.ForStoreAsync(db, Store.Id, localizer);
        var active = await ComplaintQueries.ActiveCategoriesAsync(db, Store.Id);
        Categories = active.Contains(item.CategoryCode, StringComparer.Ordinal) ? active : [.. active, item.CategoryCode];
        Candidates = new Dictionary<ComplaintDepartment, List<ComplaintQueries.Person>>
        {
            [ComplaintDepartment.AfterSales] = await ComplaintQueries.ResponsibleCandidatesAsync(db, Store.Id, ComplaintDepartment.AfterSales),
            [ComplaintDepartment.Sales] = await ComplaintQueries.ResponsibleCandidatesAsync(db, Store.Id, ComplaintDepartment.Sales),
        };
        Recordable = item.Steps.Where(s => s.IsPending && RecordableSteps.Contains(s.Type)
                                           && (s.Type != ComplaintStepType.ResultReported || item.ResolvedAt is not null))
            .OrderBy(s => s.Position).Select(s => s.Type).Distinct().ToList();

        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == item.CustomerId);
        var canReadCustomer = (await authorization.AuthorizeAsync(User, customer, Operations.Read)).Succeeded;
        var vehicle = item.VehicleId is { } vehicleId
            ? await db.Vehicles.AsNoTracking().Where(v => v.Id == vehicleId)
                .Select(v => new VehicleView(v.Id, v.Plate, v.Vin, v.Brand, v.Model)).SingleAsync()
            : null;
        var visit = item.ServiceVisitId is { } visitId
            ? await db.ServiceVisits.AsNoTracking().Where(v => v.Id == visitId)
                .Select(v => new VisitView(v.Id, v.OrderNumber, v.CompletedAt ?? v.OpenedAt)).SingleAsync()
            : null;
        var delivered = item.DeliveryId is { } deliveryId
            ? await db.Deliveries.AsNoTracking().Where(d => d.Id == deliveryId).Select(d => (DateTimeOffset?)d.DeliveredAt).SingleAsync()
            : null;
        var people = item.Steps.Where(s => s.DoneById != null).Select(s => s.DoneById!.Value)
            .Append(item.ResponsibleUserId ?? 0).Append(item.CreatedById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        View = new ItemView(customer.Id, customer.Name, customer.Mobile, canReadCustomer, vehicle, visit, delivered,
            item.ResponsibleUserId is { } r ? names.GetValueOrDefault(r) : null, names.GetValueOrDefault(item.CreatedById));
        Timeline = item.Steps.OrderBy(s => s.Position)
            .Select(s => new StepView(s.Type, s.Deadline, s.DoneAt, s.DoneById is { } by ? names.GetValueOrDefault(by) : null,
                s.Note, s.Superseded, s.LateBy(item.ClosedAt is { } closed && item.Status == ComplaintStatus.Closed ? closed : Now), s.DoneAt is null && !s.Superseded && s.Deadline is not null))
            .ToList();

        // What every form shows; a handler then puts its own posted form in its place.
        Step = new StepInput { Version = item.Version, Type = Recordable.Count > 0 ? Recordable[0] : null };
        Resolve = new ResolveInput { Version = item.Version };
        Raise = new RaiseInput { Version = item.Version };
        Assign = new AssignInput { Version = item.Version, Department = item.Department, ResponsibleUserId = item.ResponsibleUserId };
        Category = new CategoryInput { Version = item.Version, Code = item.CategoryCode };
        Note = new NoteInput { Version = item.Version };

        return null;
    }

    public sealed record VehicleView(long Id, string? Plate, string Vin, string? Brand, string Model);

    public sealed record VisitView(long Id, string OrderNumber, DateTimeOffset At);

    public sealed record ItemView(long CustomerId, string CustomerName, string? Mobile, bool CanReadCustomer,
        VehicleView? Vehicle, VisitView? Visit, DateTimeOffset? DeliveredAt, string? ResponsibleName, string? CreatedBy);

    /// <summary>One line of the timeline. <see cref="Running"/>: pending with a limit (late shows "overdue by").</summary>
    public sealed record StepView(ComplaintStepType Type, DateTimeOffset? Deadline, DateTimeOffset? DoneAt, string? By,
        string? Note, bool Superseded, TimeSpan? Late, bool Running);

    public sealed class StepInput
    {
        public uint Version { get; set; }

        [Display(Name = "Complaints.Step")]
        public ComplaintStepType? Type { get; set; }

        [StringLength(Complaint.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Complaints.NoteText")]
        public string? Note { get; set; }
    }

    public sealed class ResolveInput
    {
        public uint Version { get; set; }

        [StringLength(Complaint.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Complaints.Resolution")]
        public string? Resolution { get; set; }
    }

    public sealed class RaiseInput
    {
        public uint Version { get; set; }

        [StringLength(Complaint.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Complaints.NoteText")]
        public string? Note { get; set; }
    }

    public sealed class AssignInput
    {
        public uint Version { get; set; }

        [Display(Name = "Complaints.Department")]
        public ComplaintDepartment? Department { get; set; }

        [Display(Name = "Complaints.Responsible")]
        public long? ResponsibleUserId { get; set; }
    }

    public sealed class CategoryInput
    {
        public uint Version { get; set; }

        [StringLength(ComplaintCategory.CodeMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Complaints.Category")]
        public string? Code { get; set; }
    }

    public sealed class NoteInput
    {
        public uint Version { get; set; }

        [StringLength(Complaint.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Complaints.NoteText")]
        public string? Text { get; set; }
    }
}
