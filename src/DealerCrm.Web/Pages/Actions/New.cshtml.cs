using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Actions;

/// <summary>
/// The service manager opens a corrective or preventive action (spec 4.5): from a complaint of their store
/// (<c>?complaintId=</c>, its summary shown) or from a recurring problem of the monthly callback report
/// (<c>?kind=Preventive&amp;category={code}&amp;problem={text}</c>, prefilled), or on its own. The responsible person and
/// the participants are the store's active people; the due date lies between today and a year from now. Saved with
/// the general managers' "waiting for your approval" notifications in one transaction.
/// </summary>
[Authorize(Policy = Policies.ActionOpening)]
public sealed class NewModel(
    CrmDbContext db,
    StoreCalendar calendar,
    Notifier notifier,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>A new action is due a week from today unless the manager says otherwise.</summary>
    public const int DefaultDueDays = 7;

    [BindProperty]
    public ActionInput Input { get; set; } = new();

    public DateOnly Today { get; private set; }

    public ComplaintSummary? Complaint { get; private set; }

    public IReadOnlyList<ActionQueries.Person> People { get; private set; } = [];

    public IReadOnlyList<ActionQueries.Category> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? complaintId, ActionKind? kind, string? category, string? problem)
    {
        await LoadAsync();
        if (complaintId is { } id)
        {
            Input.ComplaintId = id;
            if (await LoadComplaintAsync() is { } refusal)
            {
                return refusal;
            }
        }

        Input.Kind = kind is { } k && Enum.IsDefined(k) ? k : complaintId is null ? ActionKind.Preventive : ActionKind.Corrective;
        Input.ProblemCategoryCode = Categories.Any(c => c.Code == category) ? category : null;
        var named = problem?.Trim();
        Input.Problem = string.IsNullOrEmpty(named) ? null
            : named.Length > CorrectiveAction.ProblemMaxLength ? named[..CorrectiveAction.ProblemMaxLength] : named;
        Input.DueDate = Today.AddDays(DefaultDueDays);
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Input.ComplaintId is not null && await LoadComplaintAsync() is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var participants = Input.ParticipantIds.Distinct().ToList();
        var valid = ActionQueries.CheckPeople(ModelState, localizer, People, Input.ResponsibleUserId, participants, "Input");
        if (Input.ProblemCategoryCode is { } code && Categories.All(c => c.Code != code))
        {
            ModelState.AddModelError("Input.ProblemCategoryCode", localizer["Actions.CategoryUnknown"]);
            valid = false;
        }

        CorrectiveAction? action = null;
        var now = calendar.Now;
        valid &= ModelState.TryDomain(localizer, () => action = new CorrectiveAction(User.GetStoreId(), Input.Kind,
            Input.ComplaintId, Input.ProblemCategoryCode, Input.Problem, Input.Description ?? string.Empty,
            Input.ResponsibleUserId ?? 0, participants, Input.DueDate!.Value, Today, User.GetUserId(), now));
        if (!valid)
        {
            return Page();
        }

        // The action's id is in the notifications' link: save it first, both in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.CorrectiveActions.Add(action!);
        await db.SaveChangesAsync();
        await ActionNotices.StepTakenAsync(notifier, action!);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = localizer["Actions.Opened"].Value;
        return RedirectToPage("Details", new { id = action!.Id });
    }

    private async Task LoadAsync()
    {
        var store = await calendar.StoreOfAsync(User);
        Today = store.LocalDate(calendar.Now);
        People = await ActionQueries.PeopleAsync(db, store.Id);
        Categories = await ActionQueries.CategoriesAsync(db, store.Id, localizer);
    }

    /// <summary>The complaint the action corrects: of the user's store, else 404 as if it did not exist.</summary>
    private async Task<IActionResult?> LoadComplaintAsync()
    {
        var storeId = User.GetStoreId();
        Complaint = await db.Complaints.AsNoTracking()
            .Where(c => c.Id == Input.ComplaintId && c.StoreId == storeId)
            .Select(c => new ComplaintSummary(c.Id, c.Kind, c.Status, c.CategoryCode, c.Description, c.ReceivedAt,
                db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefault()))
            .SingleOrDefaultAsync();
        return Complaint is null ? NotFound() : null;
    }

    public sealed record ComplaintSummary(long Id, ComplaintKind Kind, ComplaintStatus Status, string CategoryCode,
        string Description, DateTimeOffset ReceivedAt, string? CustomerName);

    public sealed class ActionInput
    {
        [Display(Name = "Actions.Kind")]
        public ActionKind Kind { get; set; }

        public long? ComplaintId { get; set; }

        [Display(Name = "Actions.Category")]
        public string? ProblemCategoryCode { get; set; }

        [Display(Name = "Actions.Problem")]
        public string? Problem { get; set; }

        [Display(Name = "Actions.Description")]
        public string? Description { get; set; }

        [Display(Name = "Actions.Responsible")]
        public long? ResponsibleUserId { get; set; }

        [Display(Name = "Actions.Participants")]
        public List<long> ParticipantIds { get; set; } = [];

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Actions.DueDate")]
        public DateOnly? DueDate { get; set; }
    }
}
