using DealerCrm.Domain.Common;
using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Pages.Showroom;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
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

        if (NewOwnerId is null || !await ShowroomQueries.IsConsultantOfAsync(db, NewOwnerId, Lead.StoreId)
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

        if (!User.IsInRole(Roles.SalesManager))
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
            ModelState.AddModelError(ex.Field ?? string.Empty, localizer[ex.MessageKey, [.. ex.Arguments]]);
            return Page();
        }

        db.Entry(Defeat).Property(r => r.Version).OriginalValue = Version;
        audit.Record(AuditActions.DefeatDecided, target: $"lead:{Lead.Id}", details: $"{Defeat.Decision}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, localizer["Defeat.AlreadyDecided"]);
            return Page();
        }

        var decision = localizer[$"Enum.DefeatDecision.{Defeat.Decision}"].Value;
        await notifier.NotifyUserAsync(Lead.StoreId, requester, NotificationKind.DefeatDecided,
            $"Notification.Defeat{Defeat.Decision}", [CustomerName], $"/Leads/{Lead.Id}", $"defeat-decided:{Defeat.Id}");
        if (Defeat.ReassignedToId is null && Lead.OwnerId != requester)
        {
            // The lead was reassigned while the request waited: whoever follows it now must hear the decision too.
            await notifier.NotifyUserAsync(Lead.StoreId, Lead.OwnerId, NotificationKind.DefeatDecided,
                $"Notification.Defeat{Defeat.Decision}", [CustomerName], $"/Leads/{Lead.Id}", $"defeat-decided:{Defeat.Id}");
        }

        if (Defeat.ReassignedToId is { } newOwner)
        {
            await notifier.NotifyUserAsync(Lead.StoreId, newOwner, NotificationKind.LeadAssigned,
                "Notification.LeadAssigned", [CustomerName], $"/Leads/{Lead.Id}", $"lead-assigned:{Lead.Id}:{Defeat.Id}");
        }

        TempData["Message"] = localizer["Defeat.Decided", decision].Value;
        return RedirectToPage("Index");
    }

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
        Consultants = await ShowroomQueries.ConsultantChoicesAsync(db, storeId);
        Policy = await calendar.GradePolicyAsync(storeId);
        var today = (await calendar.StoreOfAsync(User)).LocalDate(calendar.Now);
        DefaultPlanDate = Policy.DefaultNextPlanDate(request.GradeAtRequest, today);
        return null;
    }
}
