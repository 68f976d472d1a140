using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Defeats;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// 战败申请 (spec 3.2): the consultant asks to close the lead as lost, with the reason (brand and model when a
/// competitor was bought) and what went wrong. The store's sales managers are notified.
/// </summary>
public sealed class DefeatModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    Notifier notifier,
    IStringLocalizer<SharedResource> localizer) : LeadPageBase(db, calendar, authorization, localizer)
{
    [BindProperty]
    public DefeatInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id) => await LoadForEditAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        DefeatRequest? request = null;
        if (!ModelState.TryDomain(Localizer, () => request = Lead.RequestDefeat(User.GetUserId(), Input.Reason,
                Input.CompetitorBrand, Input.CompetitorModel, Input.Explanation, Calendar.Now)))
        {
            return Page();
        }

        Db.DefeatRequests.Add(request!);

        // The request's id (in the link and the dedupe key) comes with the first save; the second saves the
        // managers' notification, both in one transaction.
        await using var transaction = await Db.Database.BeginTransactionAsync();
        var result = await SaveAndReturnAsync("Defeat.Requested");
        if (result is RedirectToPageResult)
        {
            await notifier.AddForRoleAsync(Lead.StoreId, Roles.SalesManager, NotificationKind.DefeatRequested,
                "Notification.DefeatRequested", [User.GetDisplayName(), CustomerName], CrmLinks.DefeatRequest(request!.Id),
                $"defeat-requested:{request.Id}");
            await Db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        return result;
    }

    public sealed class DefeatInput
    {
        [Display(Name = "Defeat.Reason")]
        public DefeatReason Reason { get; set; } = DefeatReason.BoughtCompetitor;

        [StringLength(DefeatRequest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Defeat.CompetitorBrand")]
        public string? CompetitorBrand { get; set; }

        [StringLength(DefeatRequest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Defeat.CompetitorModel")]
        public string? CompetitorModel { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(DefeatRequest.ExplanationMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Defeat.Explanation")]
        public string? Explanation { get; set; }
    }
}
