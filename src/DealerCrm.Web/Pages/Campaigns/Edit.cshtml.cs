using System.ComponentModel.DataAnnotations;
using System.Globalization;
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

/// <summary>A new campaign, or a change to one of the store's (spec 6.5): the sales manager's form.</summary>
[Authorize(Policy = Policies.CampaignManagement)]
public sealed class EditModel(CrmDbContext db, StoreCalendar calendar, AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CampaignInput Input { get; set; } = new();

    [BindProperty]
    public uint Version { get; set; }

    public long? CampaignId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        if (id is { } existing)
        {
            var campaign = await CampaignLinking.FindAsync(db, User, existing);
            if (campaign is null)
            {
                return NotFound();
            }

            CampaignId = campaign.Id;
            Version = campaign.Version;
            Input = CampaignInput.From(campaign);
        }
        else
        {
            var store = await calendar.StoreOfAsync(User);
            var today = store.LocalDate(calendar.Now);
            Input = new CampaignInput { StartsOn = today, EndsOn = today };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id)
    {
        Campaign? campaign = null;
        if (id is { } existing)
        {
            campaign = await CampaignLinking.FindAsync(db, User, existing);
            if (campaign is null)
            {
                return NotFound();
            }

            CampaignId = campaign.Id;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var details = new CampaignDetails(Input.Name, Input.Type, Input.StartsOn!.Value, Input.EndsOn!.Value,
            Input.Cost!.Value, Input.TargetModel, Input.TargetLeads, Input.TargetAttendees, Input.TargetContracts);
        var now = calendar.Now;
        if (!ModelState.TryDomain(localizer, () =>
            {
                if (campaign is null)
                {
                    campaign = new Campaign(User.GetStoreId(), details, User.GetUserId(), now);
                    db.Campaigns.Add(campaign);
                }
                else
                {
                    db.Entry(campaign).Property(c => c.Version).OriginalValue = Version;
                    campaign.Update(details);
                }
            }))
        {
            return Page();
        }

        audit.Record(AuditActions.CampaignSaved, target: null,
            details: string.Create(CultureInfo.InvariantCulture, $"new={id is null}; type={details.Type}"));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, localizer["Error.Concurrency"]);
            return Page();
        }

        TempData["Message"] = localizer["Campaigns.Saved", campaign!.Name].Value;
        return RedirectToPage("Details", new { id = campaign.Id });
    }

    public sealed class CampaignInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Campaign.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Campaigns.Name")]
        public string? Name { get; set; }

        [Display(Name = "Campaigns.Type")]
        public CampaignType Type { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Campaigns.StartsOn")]
        public DateOnly? StartsOn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Campaigns.EndsOn")]
        public DateOnly? EndsOn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Campaigns.Cost")]
        public decimal? Cost { get; set; }

        [StringLength(Campaign.ModelMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Campaigns.TargetModel")]
        public string? TargetModel { get; set; }

        [Display(Name = "Campaigns.TargetLeads")]
        public int? TargetLeads { get; set; }

        [Display(Name = "Campaigns.TargetAttendees")]
        public int? TargetAttendees { get; set; }

        [Display(Name = "Campaigns.TargetContracts")]
        public int? TargetContracts { get; set; }

        public static CampaignInput From(Campaign c) => new()
        {
            Name = c.Name,
            Type = c.Type,
            StartsOn = c.StartsOn,
            EndsOn = c.EndsOn,
            Cost = c.Cost,
            TargetModel = c.TargetModel,
            TargetLeads = c.TargetLeads,
            TargetAttendees = c.TargetAttendees,
            TargetContracts = c.TargetContracts,
        };
    }
}
