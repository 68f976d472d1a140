using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Manager.Defeats;

/// <summary>
/// The sales manager decides a defeat request: approve (Defeated, plan cancelled), reject (Active with the same
/// consultant, instructions and a new plan) or reassign (Active with another consultant and a plan). Decided once:
/// a second manager deciding the same request at once is told it was already decided. Audited and notified.
/// </summary>
public sealed class DecideModel(
    CrmDbContext db,
    StoreCalendar calendar,
    AuditLog audit,
    Notifier notifier,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public DefeatRequest Defeat { get; private set; } = null!;

    public Lead Lead { get; private set; } = null!;

    public string CustomerName { get; private set; } = string.Empty;

    public string Consultant { get; private set; } = string.Empty;

    public IReadOnlyList<SelectListItem> Consultants { get; private set; } = [];

    public DateOnly DefaultPlanDate { get; private set; }

    [BindProperty]
    public uint Version { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public DateOnly? PlanDate { get; set; }

    [BindProperty]
    public long? NewOwnerId { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        Version = Defeat.Version;
        PlanDate = DefaultPlanDate;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(long id) =>
        DecideAsync(id, today => Lead.ApproveDefeat(Defeat, User.GetUserId(), Comment, calendar.Now));

    public Task<IActionResult> OnPostRejectAsync(long id) =>
        DecideAsync(id, today => Lead.ReturnFromDefeat(Defeat, User.GetUserId(), Comment, null,
            PlanDate ?? DefaultPlanDate, Policy!, today, calendar.Now));

    public async Task<IActionResult> OnPostReassignAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (NewOwnerId is null || !await StaffQueries.IsConsultantOfAsync(db, NewOwnerId, Lead.StoreId)
            || NewOwnerId == Lead.OwnerId)
        {
            ModelState.AddModelError(nameof(NewOwnerId), localizer["Defeat.ChooseConsultant"]);
            return Page();
        }

        return await DecideAsync(id, today => Lead.ReturnFromDefeat(Defeat, User.GetUserId(), Comment, NewOwnerId,
            PlanDate ?? DefaultPlanDate, Policy!, today, calendar.Now), loaded: true);
    }

    private GradePolicy? Policy { get; set; }

    private async Task<IActionResult> DecideAsync(long id, Action<DateOnly> decide, bool loaded = false)
    {
        if (!loaded && await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!(await authorization.AuthorizeAsync(User, Defeat, Operations.Decide)).Succeeded)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var today = (await calendar.StoreOfAsync(User)).LocalDate(calendar.Now);
        var requester = Defeat.RequestedById;
        try
        {
            decide(today);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, string.Empty);
            return Page();
        }

        db.ExpectVersion(Defeat, Version);
        audit.Record(AuditActions.DefeatDecided, target: $"lead:{Lead.Id}", details: $"{Defeat.Decision}");
        var (messageKey, arguments) = DecisionMessage();
        await notifier.AddForUserAsync(Lead.StoreId, requester, NotificationKind.DefeatDecided, messageKey, arguments,
            CrmLinks.Lead(Lead.Id), $"defeat-decided:{Defeat.Id}");
        if (Defeat.ReassignedToId is null && Lead.OwnerId != requester)
        {
            // The lead was reassigned while the request waited: whoever follows it now must hear the decision too.
            await notifier.AddForUserAsync(Lead.StoreId, Lead.OwnerId, NotificationKind.DefeatDecided, messageKey,
                arguments, CrmLinks.Lead(Lead.Id), $"defeat-decided:{Defeat.Id}");
        }

        if (Defeat.ReassignedToId is { } newOwner)
        {
            await notifier.AddForUserAsync(Lead.StoreId, newOwner, NotificationKind.LeadAssigned,
                "Notification.LeadAssigned", [CustomerName], CrmLinks.Lead(Lead.Id), $"lead-assigned:{Lead.Id}:{Defeat.Id}");
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.IsLostRace())
        {
            ModelState.AddModelError(string.Empty, localizer["Defeat.AlreadyDecided"]);
            return Page();
        }

        var decision = localizer[$"Enum.DefeatDecision.{Defeat.Decision}"].Value;
        TempData["Message"] = localizer["Defeat.Decided", decision].Value;
        return RedirectToPage("Index");
    }

    /// <summary>
    /// What the consultant is told. A rejection carries the manager's instructions and the new plan date (spec 3.2:
    /// "the decision carries the manager's instructions and a new plan date"); its key is new, so notifications
    /// stored before with the one-argument text still read as they did.
    /// </summary>
    private (string Key, string[] Arguments) DecisionMessage() => Defeat.Decision switch
    {
        DefeatDecision.Rejected => ("Notification.DefeatRejectedWithInstructions",
            [CustomerName, Defeat.DecisionComment ?? string.Empty,
                Lead.NextFollowUpDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty]),
        _ => ($"Notification.Defeat{Defeat.Decision}", [CustomerName]),
    };

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var storeId = User.GetStoreId();
        var request = await db.DefeatRequests.SingleOrDefaultAsync(r => r.Id == id && r.StoreId == storeId);
        if (request is null)
        {
            return NotFound();
        }

        Defeat = request;
        Lead = await db.Leads.Include(l => l.Plans.Where(p => p.Status == Domain.FollowUps.PlanStatus.Open))
            .Include(l => l.Orders.Where(o => o.Status == OrderStatus.Open)).AsSplitQuery()
            .SingleAsync(l => l.Id == request.LeadId);
        CustomerName = await db.Customers.Where(c => c.Id == Lead.CustomerId).Select(c => c.Name).SingleAsync();
        Consultant = await db.Users.Where(u => u.Id == request.RequestedById).Select(u => u.DisplayName).SingleAsync();
        Consultants = await StaffQueries.ConsultantChoicesAsync(db, storeId);
        Policy = await calendar.GradePolicyAsync(storeId);
        var today = (await calendar.StoreOfAsync(User)).LocalDate(calendar.Now);
        DefaultPlanDate = Policy.DefaultNextPlanDate(request.GradeAtRequest, today);
        return null;
    }
}
