using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>休眠 (spec 3.5): a sales manager makes one eligible lead Dormant from its card.</summary>
[Authorize(Policy = Policies.LeadManagement)]
public sealed class DormantModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : LeadPageBase(db, calendar, authorization, localizer)
{
    public string OwnerName { get; private set; } = string.Empty;

    public DormancyFacts Facts { get; private set; } = null!;

    public bool IsEligible { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!IsEligible)
        {
            ModelState.AddModelError(string.Empty, Localizer["Dormant.NotEligible", Policy.DormantAfterDays]);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!IsEligible)
        {
            ModelState.AddModelError(string.Empty, Localizer["Dormant.NotEligible", Policy.DormantAfterDays]);
            return Page();
        }

        try
        {
            Lead.MakeDormant(User.GetUserId(), Calendar.Now);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, Localizer[ex.MessageKey, [.. ex.Arguments]]);
            return Page();
        }

        audit.Record(AuditActions.LeadsMadeDormant, target: $"lead:{Lead.Id}", details: $"moved=1; days={Policy.DormantAfterDays}");
        return await SaveAndReturnAsync("Dormant.Done");
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        OwnerName = await Db.Users.Where(u => u.Id == Lead.OwnerId).Select(u => u.DisplayName).SingleAsync();
        Facts = await DormantLeads.FactsAsync(Db, Lead);
        IsEligible = DormancyRule.IsEligible(Facts, Calendar.Now, Policy.DormantAfterDays);
        return null;
    }
}
