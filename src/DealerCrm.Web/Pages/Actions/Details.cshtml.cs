using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Actions;

/// <summary>
/// One corrective or preventive action (spec 4.5): what it is, where it came from (a complaint or a recurring problem),
/// who carries it out, its timeline of steps (from → to, who, when, comment), and the forms the user may use now: the
/// GM approves or returns it; the service manager revises a returned one, or verifies a done one and closes it or
/// sends it back; the responsible person records what was done; the responsible person and participants add notes.
/// Every step is the domain's (it refuses a wrong starting status) and is saved with the row version the user's page
/// was built from and with its notifications, so two clicks at the same instant have one winner.
/// </summary>
public sealed class DetailsModel(
    CrmDbContext db,
    StoreCalendar calendar,
    Notifier notifier,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CorrectiveAction Item { get; private set; } = null!;

    public Store Store { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();

    public IReadOnlyList<ActionQueries.Person> People { get; private set; } = [];

    public IReadOnlyList<ActionQueries.Category> Categories { get; private set; } = [];

    public ComplaintSummary? Complaint { get; private set; }

    public bool CanDecide { get; private set; }

    public bool CanVerify { get; private set; }

    public bool CanRecordDone { get; private set; }

    public bool CanNote { get; private set; }

    [BindProperty]
    public uint Version { get; set; }

    /// <summary>The comment of a decision, a resubmission, a verification or a sending back.</summary>
    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? WhatWasDone { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public ReviseInput Revise { get; set; } = new();

    public string Name(long userId) => Names.GetValueOrDefault(userId) ?? "—";

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        Version = Item.Version;
        Revise = new ReviseInput
        {
            Description = Item.Description,
            ResponsibleUserId = Item.ResponsibleUserId,
            ParticipantIds = Item.Participants.Select(p => p.UserId).ToList(),
            DueDate = Item.DueDate,
        };
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(long id) =>
        StepAsync(id, Operations.Decide, (action, now) => action.Approve(User.GetUserId(), Comment, now), "Actions.Approved");

    public Task<IActionResult> OnPostReturnAsync(long id) =>
        StepAsync(id, Operations.Decide, (action, now) => action.Return(User.GetUserId(), Comment, now), "Actions.Returned");

    public Task<IActionResult> OnPostDoneAsync(long id) =>
        StepAsync(id, CorrectiveActionAuthorizationHandler.RecordDone,
            (action, now) => action.RecordDone(User.GetUserId(), WhatWasDone ?? string.Empty, now), "Actions.DoneSaved");

    public Task<IActionResult> OnPostVerifyAsync(long id) =>
        StepAsync(id, Operations.Verify, (action, now) => action.Verify(User.GetUserId(), Comment, now), "Actions.ClosedSaved");

    public Task<IActionResult> OnPostSendBackAsync(long id) =>
        StepAsync(id, Operations.Verify, (action, now) => action.SendBack(User.GetUserId(), Comment, now), "Actions.SentBack");

    public async Task<IActionResult> OnPostResubmitAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (await authorization.RefusalAsync(User, Item, Operations.Verify) is { } forbidden)
        {
            return forbidden;
        }

        var participants = Revise.ParticipantIds.Distinct().ToList();
        if (!ModelState.IsValid
            | !ActionQueries.CheckPeople(ModelState, localizer, People, Revise.ResponsibleUserId, participants, "Revise"))
        {
            return await RedisplayAsync(id);
        }

        if (Revise.DueDate is not { } due)
        {
            ModelState.AddModelError("Revise.DueDate", localizer["Validation.Required", localizer["Actions.DueDate"]]);
            return await RedisplayAsync(id);
        }

        return await StepAsync(id, Operations.Verify, (action, now) => action.Resubmit(Revise.Description ?? string.Empty,
            Revise.ResponsibleUserId!.Value, participants, due, Today, User.GetUserId(), Comment, now), "Actions.Resubmitted",
            loaded: true);
    }

    /// <summary>A progress note: no status change, so no version to keep apart (two notes are two notes).</summary>
    public async Task<IActionResult> OnPostNoteAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (await authorization.RefusalAsync(User, Item, Operations.Edit) is { } forbidden)
        {
            return forbidden;
        }

        if (!ModelState.IsValid
            || !TryStep(() => Item.AddNote(User.GetUserId(), Note ?? string.Empty, calendar.Now),
                field => field is null ? string.Empty : nameof(Note)))
        {
            return await RedisplayAsync(id);
        }

        await db.SaveChangesAsync();
        TempData["Message"] = localizer["Actions.NoteSaved"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> StepAsync(long id, OperationAuthorizationRequirement operation,
        Action<CorrectiveAction, DateTimeOffset> step, string messageKey, bool loaded = false)
    {
        if (!loaded && await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (await authorization.RefusalAsync(User, Item, operation) is { } forbidden)
        {
            return forbidden;
        }

        if (!ModelState.IsValid
            || !TryStep(() => step(Item, calendar.Now), FormField))
        {
            return await RedisplayAsync(id);
        }

        await ActionNotices.StepTakenAsync(notifier, Item);

        // The step changes the action's row, so the save checks the version the user's page was built from: of two
        // clicks at the same instant, the second finds the row moved on and saves nothing (its event included).
        db.Entry(Item).Property(a => a.Status).IsModified = true;
        db.ExpectVersion(Item, Version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            var redisplay = await RedisplayAsync(id);
            Version = Item.Version;
            return redisplay;
        }

        TempData["Message"] = localizer[messageKey].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Runs one domain step; a refusal goes beside the form field <paramref name="fieldFor"/> names.</summary>
    private bool TryStep(System.Action step, Func<string?, string> fieldFor)
    {
        try
        {
            step();
            return true;
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, fieldFor);
            return false;
        }
    }

    /// <summary>The form field a domain refusal belongs beside.</summary>
    private static string FormField(string? field) => field switch
    {
        null => string.Empty,
        nameof(CorrectiveAction.Description) or nameof(CorrectiveAction.DueDate) => $"Revise.{field}",
        "Comment" => nameof(Comment),
        nameof(CorrectiveAction.WhatWasDone) => nameof(WhatWasDone),
        _ => string.Empty,
    };

    /// <summary>Shows the action as it now is (a refused step left nothing behind), with the user's input kept.</summary>
    private async Task<IActionResult> RedisplayAsync(long id)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(id) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var action = await ActionQueries.LoadAsync(db, id, User.GetStoreId());
        if (action is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, action, Operations.Read) is { } refusal)
        {
            return refusal;
        }

        Item = action;
        Store = await calendar.StoreOfAsync(User);
        Today = Store.LocalDate(calendar.Now);
        CanDecide = action.Status == ActionStatus.PendingApproval && await AllowedAsync(Operations.Decide);
        CanVerify = action.Status is ActionStatus.Returned or ActionStatus.Done && await AllowedAsync(Operations.Verify);
        CanRecordDone = action.Status == ActionStatus.Approved
                        && await AllowedAsync(CorrectiveActionAuthorizationHandler.RecordDone);
        CanNote = action.Status != ActionStatus.Closed && await AllowedAsync(Operations.Edit);

        var userIds = action.Events.Select(e => e.ByUserId).Append(action.ResponsibleUserId).Append(action.OpenedById)
            .Concat(action.Participants.Select(p => p.UserId)).Distinct().ToList();
        Names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        People = CanVerify ? await ActionQueries.PeopleAsync(db, action.StoreId) : [];
        Categories = await ActionQueries.CategoriesAsync(db, action.StoreId, localizer);
        Complaint = action.ComplaintId is { } complaintId
            ? await db.Complaints.AsNoTracking().Where(c => c.Id == complaintId)
                .Select(c => new ComplaintSummary(c.Id, c.Kind, c.Status, c.CategoryCode, c.Description,
                    db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefault()))
                .SingleOrDefaultAsync()
            : null;
        return null;
    }

    private async Task<bool> AllowedAsync(OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, Item, operation)).Succeeded;

    public sealed record ComplaintSummary(long Id, ComplaintKind Kind, ComplaintStatus Status, string CategoryCode,
        string Description, string? CustomerName);

    public sealed class ReviseInput
    {
        public string? Description { get; set; }

        public long? ResponsibleUserId { get; set; }

        public List<long> ParticipantIds { get; set; } = [];

        public DateOnly? DueDate { get; set; }
    }
}
