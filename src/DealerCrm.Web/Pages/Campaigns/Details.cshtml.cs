using System.ComponentModel.DataAnnotations;
using System.Text;
using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Stores;
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
/// A campaign with its contacts by stage (keyset paged, newest first). The sales manager links customers by a CSV of
/// mobiles (the refused — no marketing consent — and the unknown listed), records a walk-in at the event as attended by
/// mobile (no consent needed: they came), and moves a contact up a stage. The GM reads.
/// </summary>
[RequestSizeLimit(MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 64 * 1024)]
public sealed class DetailsModel(CrmDbContext db, StoreCalendar calendar, AuditLog audit,
    IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    public const int MaxFileBytes = 512 * 1024;

    public const int MaxMobiles = 5000;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Campaigns.Stage")]
    public CampaignStage? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The stage the CSV's customers are linked at.</summary>
    [BindProperty]
    [Display(Name = "Campaigns.LinkStage")]
    public CampaignStage LinkStage { get; set; } = CampaignStage.Notified;

    [BindProperty]
    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Campaigns.WalkInMobile")]
    public string? WalkInMobile { get; set; }

    [BindProperty]
    public long ContactId { get; set; }

    [BindProperty]
    public CampaignStage ToStage { get; set; }

    public Campaign Campaign { get; private set; } = null!;

    public Store Store { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public StageCounts Counts { get; private set; } = new(0, 0, 0);

    public IReadOnlyList<ContactRow> Contacts { get; private set; } = [];

    public long? NextBefore { get; private set; }

    /// <summary>After a CSV: what was linked, and the lines refused (no consent) or not matched.</summary>
    public CsvResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostUploadAsync(long id)
    {
        if (await LoadManagedAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!Enum.IsDefined(LinkStage))
        {
            ModelState.AddModelError(nameof(LinkStage), localizer["Campaign.StageInvalid"]);
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Import.ChooseFile"]);
        }
        else if (Upload.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Campaigns.FileTooLarge", MaxFileBytes / 1024]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        string text;
        using (var reader = new StreamReader(Upload!.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }

        var lines = text.Split('\n').Select(l => l.Split(',', ';', '\t')[0].Trim().Trim('"').Trim())
            .Where(l => l.Length > 0).ToList();
        if (lines.Count > MaxMobiles)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Campaigns.TooManyMobiles", MaxMobiles]);
            return Page();
        }

        var valid = new List<string>();
        var unknown = new List<string>();
        foreach (var (line, index) in lines.Select((l, i) => (l, i)))
        {
            try
            {
                valid.Add(ChineseMobile.Normalize(line));
            }
            catch (DomainException)
            {
                // A heading line ("mobile", "手机") is not a number: only the first line may be one without saying so.
                if (index > 0 || line.Any(char.IsAsciiDigit))
                {
                    unknown.Add(Shorten(line));
                }
            }
        }

        var found = await CampaignLinking.ByMobileAsync(db, Store.Id, valid.Distinct(StringComparer.Ordinal).ToList());
        unknown.AddRange(valid.Where(m => !found.ContainsKey(m)).Distinct(StringComparer.Ordinal));
        var outcome = await CampaignLinking.LinkAsync(db, audit, Campaign, found.Values.ToList(), LinkStage,
            User.GetUserId(), calendar.Now, "csv");
        Result = new CsvResult(outcome, unknown);
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostWalkInAsync(long id)
    {
        if (await LoadManagedAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        string mobile;
        try
        {
            mobile = ChineseMobile.Normalize(WalkInMobile, nameof(WalkInMobile));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(WalkInMobile), localizer[e.MessageKey, [.. e.Arguments]]);
            return Page();
        }

        var found = await CampaignLinking.ByMobileAsync(db, Store.Id, [mobile]);
        if (!found.TryGetValue(mobile, out var candidate))
        {
            ModelState.AddModelError(nameof(WalkInMobile), localizer["Campaigns.WalkInUnknown"]);
            return Page();
        }

        await CampaignLinking.LinkAsync(db, audit, Campaign, [candidate], CampaignStage.Attended, User.GetUserId(),
            calendar.Now, "walk-in");
        TempData["Message"] = localizer["Campaigns.WalkInRecorded", candidate.Name].Value;
        return RedirectToPage("Details", new { id });
    }

    public async Task<IActionResult> OnPostAdvanceAsync(long id)
    {
        if (await LoadManagedAsync(id) is { } refusal)
        {
            return refusal;
        }

        var contactId = ContactId;
        var candidate = await db.CampaignContacts.AsNoTracking()
            .Where(c => c.Id == contactId && c.CampaignId == Campaign.Id && c.StoreId == Store.Id)
            .Join(db.Customers, c => c.CustomerId, u => u.Id,
                (c, u) => new CampaignCandidate(u.Id, null, u.Name, u.Mobile, u.MarketingConsent))
            .SingleOrDefaultAsync();
        if (candidate is null)
        {
            return NotFound();
        }

        if (!Enum.IsDefined(ToStage))
        {
            ModelState.AddModelError(nameof(ToStage), localizer["Campaign.StageInvalid"]);
            return Page();
        }

        var outcome = await CampaignLinking.LinkAsync(db, audit, Campaign, [candidate], ToStage, User.GetUserId(),
            calendar.Now, "advance");
        TempData["Message"] = outcome.Refused.Count > 0
            ? localizer["Campaign.NoMarketingConsent"].Value
            : localizer["Campaigns.Advanced", candidate.Name, localizer.Text(ToStage)].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult?> LoadManagedAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        return CanManage ? null : Forbid();
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var campaign = await CampaignLinking.FindAsync(db, User, id);
        if (campaign is null)
        {
            return NotFound();
        }

        Campaign = campaign;
        Store = await calendar.StoreOfAsync(User);
        CanManage = (await authorization.AuthorizeAsync(User, Policies.CampaignManagement)).Succeeded;
        if (Stage is { } s && !Enum.IsDefined(s))
        {
            Stage = null;
        }

        var campaignId = campaign.Id;
        var counts = await db.CampaignContacts.Where(c => c.CampaignId == campaignId)
            .GroupBy(c => 1)
            .Select(g => new StageCounts(g.Count(), g.Count(c => c.InvitedAt != null), g.Count(c => c.AttendedAt != null)))
            .SingleOrDefaultAsync();
        Counts = counts ?? new StageCounts(0, 0, 0);

        var query = db.CampaignContacts.AsNoTracking().Where(c => c.CampaignId == campaignId);
        if (Stage is { } stage)
        {
            query = query.Where(c => c.Stage == stage);
        }

        if (Before is { } before)
        {
            query = query.Where(c => c.Id < before);
        }

        var page = await query.OrderByDescending(c => c.Id).Take(PageSize + 1)
            .Join(db.Customers, c => c.CustomerId, u => u.Id, (c, u) => new ContactRow(c.Id, c.CustomerId, c.LeadId,
                u.Name, u.Mobile, u.MarketingConsent, c.Stage, c.NotifiedAt, c.InvitedAt, c.AttendedAt))
            .ToListAsync();
        Contacts = page.Take(PageSize).ToList();
        NextBefore = page.Count > PageSize ? Contacts[^1].Id : null;
        return null;
    }

    private static string Shorten(string line) => line.Length > 40 ? line[..40] + "…" : line;

    public string Day(DateTimeOffset? at) => at is { } a ? Store.LocalTime(a).ToString("yyyy-MM-dd HH:mm",
        System.Globalization.CultureInfo.InvariantCulture) : string.Empty;

    public sealed record StageCounts(int Notified, int Invited, int Attended);

    public sealed record ContactRow(long Id, long CustomerId, long? LeadId, string Name, string? Mobile, bool Consent,
        CampaignStage Stage, DateTimeOffset NotifiedAt, DateTimeOffset? InvitedAt, DateTimeOffset? AttendedAt);

    public sealed record CsvResult(LinkOutcome Outcome, IReadOnlyList<string> Unknown);
}
