using DealerCrm.Domain.Common;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// 单个转派 (spec 3.1): a sales manager gives one open lead to another active consultant of the store, with a reason.
/// The open plan moves with it; audited; the new and the previous owner are notified.
/// </summary>
[Authorize(Policy = Policies.LeadManagement)]
public sealed class ReassignModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    Notifier notifier,
    IStringLocalizer<SharedResource> localizer) : LeadPageBase(db, calendar, authorization, localizer)
{
    [BindProperty]
    public long? OwnerId { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string OwnerName { get; private set; } = string.Empty;

    public IReadOnlyList<SelectListItem> Consultants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ?? Page();

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

        // The dropdown offers active consultants of this store only; a posted id must be one of them.
        if (OwnerId is null || !await StaffQueries.IsConsultantOfAsync(Db, OwnerId, Lead.StoreId))
        {
            ModelState.AddModelError(nameof(OwnerId), Localizer["Defeat.ChooseConsultant"]);
            return Page();
        }

        var from = Lead.OwnerId;
        try
        {
            Lead.Reassign(OwnerId.Value, Reason, User.GetUserId(), Calendar.Now);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(ex.Field ?? string.Empty, Localizer[ex.MessageKey, [.. ex.Arguments]]);
            return Page();
        }

        audit.Record(AuditActions.LeadReassigned, target: $"lead:{Lead.Id}", details: $"from=user:{from}; to=user:{OwnerId}");
        var stamp = Calendar.Now.ToUnixTimeMilliseconds();
        await notifier.AddForUserAsync(Lead.StoreId, OwnerId.Value, NotificationKind.LeadAssigned,
            "Notification.LeadAssigned", [CustomerName], CrmLinks.Lead(Lead.Id), $"lead-reassigned:{Lead.Id}:{stamp}");
        await notifier.AddForUserAsync(Lead.StoreId, from, NotificationKind.LeadReassigned,
            "Notification.LeadReassignedAway", [CustomerName], CrmLinks.FollowUps, $"lead-reassigned-away:{Lead.Id}:{stamp}");
        return await SaveAndReturnAsync("LeadReassign.Done");
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        OwnerName = await Db.Users.Where(u => u.Id == Lead.OwnerId).Select(u => u.DisplayName).SingleAsync();
        var ownerId = Lead.OwnerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Consultants = (await StaffQueries.ConsultantChoicesAsync(Db, Lead.StoreId)).Where(c => c.Value != ownerId).ToList();
        return null;
    }
}
