using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Showroom;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Manager;

/// <summary>
/// Bulk reassignment (spec 3.1): all open leads of a consultant (of one grade, or all), to one or several
/// consultants split evenly, in one request — the case of a consultant leaving. Deactivated consultants with open
/// leads are listed first.
/// </summary>
[Authorize(Roles = Roles.SalesManager)]
public sealed class ReassignModel(CrmDbContext db, LeadReassignment reassignment, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public Grade? Grade { get; set; }

    [BindProperty]
    public List<long> To { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public IReadOnlyList<Holder> Holders { get; private set; } = [];

    public IReadOnlyList<Holder> Targets { get; private set; } = [];

    public int Matching { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var storeId = User.GetStoreId();
        if (From is null || Holders.All(h => h.Id != From))
        {
            ModelState.AddModelError(nameof(From), localizer["Reassign.ChooseFrom"]);
        }

        var validTargets = To.Where(t => Targets.Any(c => c.Id == t) && t != From).Distinct().ToList();
        if (validTargets.Count == 0)
        {
            ModelState.AddModelError(nameof(To), localizer["Reassign.ChooseTo"]);
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > 200)
        {
            ModelState.AddModelError(nameof(Reason), localizer["Reassign.ReasonRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var moved = await reassignment.MoveOpenLeadsAsync(storeId, From!.Value, validTargets, Grade, Reason!.Trim(),
            User.GetUserId());
        TempData["Message"] = localizer["Reassign.Done", moved].Value;
        return RedirectToPage("Reassign", new { from = From });
    }

    private async Task LoadAsync()
    {
        var storeId = User.GetStoreId();
        var open = db.Leads.Where(l => l.StoreId == storeId
            && (l.Status == LeadStatus.Active || l.Status == LeadStatus.Ordered || l.Status == LeadStatus.DefeatPending));
        Holders = await db.Users.Where(u => u.StoreId == storeId && open.Any(l => l.OwnerId == u.Id))
            .OrderBy(u => u.IsActive).ThenBy(u => u.DisplayName)
            .Select(u => new Holder(u.Id, u.DisplayName, u.IsActive, open.Count(l => l.OwnerId == u.Id)))
            .ToListAsync();
        Targets = (await ShowroomQueries.ConsultantChoicesAsync(db, storeId))
            .Select(c => new Holder(long.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture), c.Text, true, 0))
            .ToList();
        if (From is { } from)
        {
            Matching = await open.CountAsync(l => l.OwnerId == from && (Grade == null || l.Grade == Grade));
        }

    }

    public sealed record Holder(long Id, string Name, bool IsActive, int OpenLeads);
}
