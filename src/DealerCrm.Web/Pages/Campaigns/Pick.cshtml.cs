using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Campaigns;

/// <summary>
/// Linking from a list by ticking (spec 6.5): the store's open leads, filtered by intended model and grade, newest
/// first (keyset by id), each with a checkbox; the ticked ones are linked at the chosen stage. A customer without
/// marketing consent is marked in the list and refused (named in the message) unless recorded as attended.
/// </summary>
[Authorize(Policy = Policies.CampaignManagement)]
public sealed class PickModel(CrmDbContext db, StoreCalendar calendar, AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    public const int MaxTicked = 500;

    [BindProperty(SupportsGet = true)]
    [StringLength(LeadInterest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Campaigns.IntendedModel")]
    public string? Model { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Campaigns.Grade")]
    public Grade? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    [BindProperty]
    [Display(Name = "Campaigns.LinkStage")]
    public CampaignStage LinkStage { get; set; } = CampaignStage.Invited;

    public Campaign Campaign { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!Enum.IsDefined(LinkStage))
        {
            ModelState.AddModelError(nameof(LinkStage), localizer["Campaign.StageInvalid"]);
        }

        if (Selected.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), localizer["Campaigns.NoneTicked"]);
        }
        else if (Selected.Count > MaxTicked)
        {
            ModelState.AddModelError(nameof(Selected), localizer["Campaigns.TooManyTicked", MaxTicked]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var storeId = Campaign.StoreId;
        var ids = Selected.Distinct().ToList();
        var candidates = await db.Leads.AsNoTracking()
            .Where(l => l.StoreId == storeId && ids.Contains(l.Id))
            .Join(db.Customers, l => l.CustomerId, c => c.Id,
                (l, c) => new CampaignCandidate(c.Id, l.Id, c.Name, c.Mobile, c.MarketingConsent))
            .ToListAsync();
        var outcome = await CampaignLinking.LinkAsync(db, audit, Campaign, candidates, LinkStage, User.GetUserId(),
            calendar.Now, "list");
        var message = localizer["Campaigns.TickedOutcome", outcome.Linked, outcome.Advanced, outcome.Unchanged].Value;
        if (outcome.Refused.Count > 0)
        {
            message += " " + localizer["Campaigns.TickedRefused", string.Join("、", outcome.Refused.Select(r => r.Name))].Value;
        }

        TempData["Message"] = message;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var campaign = await CampaignLinking.FindAsync(db, User, id);
        if (campaign is null)
        {
            return NotFound();
        }

        Campaign = campaign;
        if (Grade is { } g && !Enum.IsDefined(g))
        {
            ModelState.AddModelError(nameof(Grade), localizer["Campaigns.GradeInvalid"]);
            Grade = null;
        }

        var storeId = campaign.StoreId;
        var query = db.Leads.AsNoTracking().Where(l => l.StoreId == storeId).Where(LeadRules.Open);
        var model = Model?.Trim();
        if (!string.IsNullOrEmpty(model) && model.Length <= LeadInterest.TextMaxLength)
        {
            query = query.Where(l => l.Interest.IntendedModel != null && l.Interest.IntendedModel.Contains(model));
        }

        if (Grade is { } grade)
        {
            query = query.Where(l => l.Grade == grade);
        }

        if (Before is { } before)
        {
            query = query.Where(l => l.Id < before);
        }

        var campaignId = campaign.Id;
        var page = await query.OrderByDescending(l => l.Id).Take(PageSize + 1)
            .Join(db.Customers, l => l.CustomerId, c => c.Id, (l, c) => new Row(l.Id, c.Name, c.Mobile,
                l.Interest.IntendedModel, l.Grade, c.MarketingConsent,
                db.CampaignContacts.Where(x => x.CampaignId == campaignId && x.CustomerId == c.Id)
                    .Select(x => (CampaignStage?)x.Stage).FirstOrDefault()))
            .ToListAsync();
        Rows = page.Take(PageSize).ToList();
        NextBefore = page.Count > PageSize ? Rows[^1].LeadId : null;
        return null;
    }

    public sealed record Row(long LeadId, string Name, string? Mobile, string? IntendedModel, Grade Grade, bool Consent,
        CampaignStage? Stage);
}
