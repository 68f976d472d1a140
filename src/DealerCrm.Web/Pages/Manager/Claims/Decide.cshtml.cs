using DealerCrm.Domain.Common;
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
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Manager.Claims;

/// <summary>
/// The sales manager decides a duplicate claim (撞单, spec 1.5): approve gives the lead and its plan to the consultant
/// who asked; reject (with a comment) leaves it where it is. Decided once: a second manager deciding at the same
/// time is told it was already decided. Audited; the requester and the owner are notified.
/// </summary>
public sealed class DecideModel(
    CrmDbContext db,
    StoreCalendar calendar,
    AuditLog audit,
    Notifier notifier,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public DuplicateClaim Claim { get; private set; } = null!;

    public Lead Lead { get; private set; } = null!;

    public string CustomerName { get; private set; } = string.Empty;

    public string OwnerName { get; private set; } = string.Empty;

    public string RequesterName { get; private set; } = string.Empty;

    public string? DecidedByName { get; private set; }

    public Domain.Stores.Store Store { get; private set; } = null!;

    /// <summary>Why approving is not possible any more (the lead closed or changed hands, the requester left), else null.</summary>
    public string? CannotApprove { get; private set; }

    /// <summary>Whether this user decides the claim (<see cref="Operations.Decide"/>); a general manager only reads it.</summary>
    public bool MayDecide { get; private set; }

    [BindProperty]
    public uint Version { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        Version = Claim.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(long id)
    {
        if (await LoadForDecisionAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Claim.Status == ClaimStatus.Pending && CannotApprove is not null)
        {
            ModelState.AddModelError(string.Empty, CannotApprove);
            return Page();
        }

        var from = Lead.OwnerId;
        if (!TryDecide(() => Lead.ApproveClaim(Claim, User.GetUserId(), Comment, calendar.Now)))
        {
            return Page();
        }

        audit.Record(AuditActions.ClaimDecided, target: $"claim:{Claim.Id}",
            details: $"decision={Claim.Status}; lead={Lead.Id}; from=user:{from}; to=user:{Claim.RequestedById}");
        await notifier.AddForUserAsync(Lead.StoreId, Claim.RequestedById, NotificationKind.ClaimDecided,
            "Notification.ClaimApproved", [CustomerName], CrmLinks.Lead(Lead.Id), $"claim-decided:{Claim.Id}");
        await notifier.AddForUserAsync(Lead.StoreId, from, NotificationKind.ClaimDecided,
            "Notification.ClaimApprovedOwner", [CustomerName, RequesterName], CrmLinks.FollowUps, $"claim-decided:{Claim.Id}");
        if (await SaveAsync() is { } conflict)
        {
            return conflict;
        }

        TempData["Message"] = localizer["Claim.ApprovedDone", RequesterName].Value;
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostRejectAsync(long id)
    {
        if (await LoadForDecisionAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!TryDecide(() => Claim.Reject(User.GetUserId(), Comment, calendar.Now)))
        {
            return Page();
        }

        audit.Record(AuditActions.ClaimDecided, target: $"claim:{Claim.Id}",
            details: $"decision={Claim.Status}; lead={Lead.Id}");
        await notifier.AddForUserAsync(Lead.StoreId, Claim.RequestedById, NotificationKind.ClaimDecided,
            "Notification.ClaimRejected", [CustomerName, Claim.DecisionComment!], CrmLinks.FollowUps, $"claim-decided:{Claim.Id}");
        await notifier.AddForUserAsync(Lead.StoreId, Lead.OwnerId, NotificationKind.ClaimDecided,
            "Notification.ClaimRejectedOwner", [CustomerName], CrmLinks.Lead(Lead.Id), $"claim-decided:{Claim.Id}");
        if (await SaveAsync() is { } conflict)
        {
            return conflict;
        }

        TempData["Message"] = localizer["Claim.RejectedDone", OwnerName].Value;
        return RedirectToPage("Index");
    }

    private bool TryDecide(Action decide)
    {
        try
        {
            decide();
            return true;
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex,
                field => field == nameof(DuplicateClaim.DecisionComment) ? nameof(Comment) : string.Empty);
            return false;
        }
    }

    /// <summary>Saves with the claim's row version from the page: of two managers deciding at once, one wins.</summary>
    private async Task<IActionResult?> SaveAsync()
    {
        db.ExpectVersion(Claim, Version);
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsLostRace())
        {
            // Another manager's decision wrote the claim (or its notification) first.
            var claimLost = ex is not DbUpdateConcurrencyException || ex.Entries.Any(e => e.Entity is DuplicateClaim);
            ModelState.AddModelError(string.Empty, localizer[claimLost ? "Claim.AlreadyDecided" : "Error.Concurrency"]);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadForDecisionAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        // General managers read the queue; only sales managers decide.
        return MayDecide ? null : Forbid();
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var storeId = User.GetStoreId();
        var claim = await db.DuplicateClaims.SingleOrDefaultAsync(c => c.Id == id && c.StoreId == storeId);
        if (claim is null)
        {
            return NotFound();
        }

        Claim = claim;
        MayDecide = (await authorization.AuthorizeAsync(User, claim, Operations.Decide)).Succeeded;
        Lead = await db.Leads.Include(l => l.Plans.Where(p => p.Status == Domain.FollowUps.PlanStatus.Open))
            .Include(l => l.Orders.Where(o => o.Status == OrderStatus.Open)).AsSplitQuery()
            .SingleAsync(l => l.Id == claim.LeadId);
        Store = await calendar.StoreOfAsync(User);
        CustomerName = await db.Customers.Where(c => c.Id == Lead.CustomerId).Select(c => c.Name).SingleAsync();
        var userIds = new[] { Lead.OwnerId, claim.RequestedById, claim.DecidedById ?? 0 };
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        OwnerName = names.GetValueOrDefault(Lead.OwnerId, "?");
        RequesterName = names.GetValueOrDefault(claim.RequestedById, "?");
        DecidedByName = claim.DecidedById is { } by ? names.GetValueOrDefault(by, "?") : null;
        var cannot = !Lead.Status.IsOpen() ? "Claim.LeadClosed"
            : Lead.OwnerId != claim.OwnerId ? "Claim.OwnerChanged"
            : !await StaffQueries.IsConsultantOfAsync(db, claim.RequestedById, storeId) ? "Claim.RequesterInactive"
            : null;
        CannotApprove = cannot is null ? null : localizer[cannot].Value;
        return null;
    }
}
