using DealerCrm.Domain.Campaigns;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Campaigns;

/// <summary>
/// "Add to campaign" from the lead card (<see cref="AddToCampaignViewComponent"/>): the sales manager links the lead's
/// customer to one of the store's campaigns at a stage, and returns to the card with what happened.
/// </summary>
[Authorize(Policy = Policies.CampaignManagement)]
public sealed class AddLeadModel(CrmDbContext db, StoreCalendar calendar, AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public long LeadId { get; set; }

    [BindProperty]
    public long CampaignId { get; set; }

    [BindProperty]
    public CampaignStage Stage { get; set; } = CampaignStage.Invited;

    /// <summary>Opened by its address: says where the form is.</summary>
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var storeId = User.GetStoreId();
        var leadId = LeadId;
        var candidate = await db.Leads.AsNoTracking().Where(l => l.Id == leadId && l.StoreId == storeId)
            .Join(db.Customers, l => l.CustomerId, c => c.Id,
                (l, c) => new CampaignCandidate(c.Id, l.Id, c.Name, c.Mobile, c.MarketingConsent))
            .SingleOrDefaultAsync();
        var campaign = await CampaignLinking.FindAsync(db, User, CampaignId);
        if (candidate is null)
        {
            return NotFound();
        }

        if (campaign is null || !Enum.IsDefined(Stage))
        {
            TempData["Message"] = localizer[campaign is null ? "Campaigns.ChooseCampaign" : "Campaign.StageInvalid"].Value;
            return Redirect($"/Leads/{leadId}");
        }

        var outcome = await CampaignLinking.LinkAsync(db, audit, campaign, [candidate], Stage, User.GetUserId(),
            calendar.Now, "lead-card");
        TempData["Message"] = outcome.Refused.Count > 0
            ? localizer["Campaign.NoMarketingConsent"].Value
            : localizer["Campaigns.LeadLinked", campaign.Name, localizer.Text(Stage)].Value;
        return Redirect($"/Leads/{leadId}");
    }
}
