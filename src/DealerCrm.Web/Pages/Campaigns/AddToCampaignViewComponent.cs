using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Campaigns;

/// <summary>
/// The small "add to campaign" form on the lead card: shown to the sales manager (the one who manages campaigns) when
/// the store has a campaign not yet over; posts to <see cref="AddLeadModel"/>.
/// </summary>
[ViewComponent(Name = "AddToCampaign")]
public sealed class AddToCampaignViewComponent(CrmDbContext db, StoreCalendar calendar,
    IAuthorizationService authorization) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(long leadId)
    {
        if (!(await authorization.AuthorizeAsync(UserClaimsPrincipal, Policies.CampaignManagement)).Succeeded)
        {
            return Content(string.Empty);
        }

        var store = await calendar.StoreOfAsync(UserClaimsPrincipal);
        var today = store.LocalDate(calendar.Now);
        var storeId = store.Id;
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.StoreId == storeId && c.EndsOn >= today)
            .OrderBy(c => c.StartsOn).ThenBy(c => c.Id).Take(20)
            .Select(c => new CampaignChoice(c.Id, c.Name))
            .ToListAsync();
        return campaigns.Count == 0 ? Content(string.Empty) : View(new AddToCampaignView(leadId, campaigns));
    }
}

public sealed record CampaignChoice(long Id, string Name);

public sealed record AddToCampaignView(long LeadId, IReadOnlyList<CampaignChoice> Campaigns);
