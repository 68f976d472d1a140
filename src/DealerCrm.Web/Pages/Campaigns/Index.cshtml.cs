using DealerCrm.Domain.Campaigns;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Campaigns;

/// <summary>
/// The store's campaigns (spec 6.5), newest first by first day (keyset on first day and id, the index on store, first
/// day, id), with each one's contacts by stage. The sales manager creates them; the GM reads.
/// </summary>
public sealed class IndexModel(CrmDbContext db, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 30;

    /// <summary>The page starts after this campaign (its first day and id).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? AfterDate { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? AfterId { get; set; }

    public bool CanManage { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public Row? Last { get; private set; }

    public async Task OnGetAsync()
    {
        CanManage = (await authorization.AuthorizeAsync(User, Policies.CampaignManagement)).Succeeded;
        var storeId = User.GetStoreId();
        var query = db.Campaigns.AsNoTracking().Where(c => c.StoreId == storeId);
        if (AfterDate is { } date && AfterId is { } id)
        {
            query = query.Where(c => c.StartsOn < date || (c.StartsOn == date && c.Id < id));
        }

        var page = await query.OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id).Take(PageSize + 1)
            .Select(c => new Row(c.Id, c.Name, c.Type, c.StartsOn, c.EndsOn, c.Cost,
                db.CampaignContacts.Count(x => x.CampaignId == c.Id),
                db.CampaignContacts.Count(x => x.CampaignId == c.Id && x.InvitedAt != null),
                db.CampaignContacts.Count(x => x.CampaignId == c.Id && x.AttendedAt != null)))
            .ToListAsync();
        Rows = page.Take(PageSize).ToList();
        Last = page.Count > PageSize ? Rows[^1] : null;
    }

    public sealed record Row(long Id, string Name, CampaignType Type, DateOnly StartsOn, DateOnly EndsOn, decimal Cost,
        int Notified, int Invited, int Attended);
}
