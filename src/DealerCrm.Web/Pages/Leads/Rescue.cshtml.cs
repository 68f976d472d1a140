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
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>战败挽救 (spec 3.2): a sales manager reopens a Defeated lead, assigns it and sets a plan.</summary>
[Authorize(Policy = Policies.LeadManagement)]
public sealed class RescueModel(
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
    public DateOnly? PlanDate { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public IReadOnlyList<SelectListItem> Consultants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        OwnerId = Lead.OwnerId;
        PlanDate = Policy.DefaultNextPlanDate(Lead.Grade, Today);
        return Page();
    }

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

        if (OwnerId is null || !await StaffQueries.IsConsultantOfAsync(Db, OwnerId, Lead.StoreId))
        {
            ModelState.AddModelError(nameof(OwnerId), Localizer["Defeat.ChooseConsultant"]);
            return Page();
        }

        try
        {
            Lead.Rescue(User.GetUserId(), OwnerId.Value, PlanDate ?? Policy.DefaultNextPlanDate(Lead.Grade, Today), Note,
                Policy, Today, Calendar.Now);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(ex.Field ?? string.Empty, Localizer[ex.MessageKey, [.. ex.Arguments]]);
            return Page();
        }

        audit.Record(AuditActions.DefeatRescued, target: $"lead:{Lead.Id}");
        await notifier.AddForUserAsync(Lead.StoreId, OwnerId.Value, NotificationKind.LeadAssigned,
            "Notification.LeadAssigned", [CustomerName], CrmLinks.Lead(Lead.Id),
            $"lead-rescued:{Lead.Id}:{Calendar.Now.ToUnixTimeMilliseconds()}");
        return await SaveAndReturnAsync("Defeat.Rescued");
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        Consultants = await StaffQueries.ConsultantChoicesAsync(Db, Lead.StoreId);
        return null;
    }
}
