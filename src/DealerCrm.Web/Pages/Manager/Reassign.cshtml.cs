using System.Globalization;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Pages.Leads;
using DealerCrm.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Manager;

/// <summary>
/// Bulk reassignment (spec 3.1): a consultant's open leads, filtered by grade, status and overdue plan, all of them
/// or only the ticked ones, to one consultant or split evenly over several, in one request — "all open leads of
/// consultant X" is the case of a consultant leaving. Deactivated consultants with open leads are listed first.
/// </summary>
[Authorize(Policy = Policies.LeadManagement)]
public sealed class ReassignModel(CrmDbContext db, StoreCalendar calendar, LeadReassignment reassignment,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>How many matching leads are listed to tick; "all matching" moves every one however many.</summary>
    public const int ListLimit = 200;

    [BindProperty(SupportsGet = true)]
    public long? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public Grade? Grade { get; set; }

    [BindProperty(SupportsGet = true)]
    public LeadStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty]
    public List<long> To { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>True: only the ticked leads move; false: every lead matching the filter.</summary>
    [BindProperty]
    public bool TickedOnly { get; set; }

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    public IReadOnlyList<Holder> Holders { get; private set; } = [];

    public IReadOnlyList<Holder> Targets { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Matching { get; private set; }

    /// <summary>The chosen consultant holds open leads in this store (an id from elsewhere shows nothing).</summary>
    public bool Chosen => From is { } from && Holders.Any(h => h.Id == from);

    public static IReadOnlyList<LeadStatus> Statuses => LeadRules.OpenStatuses;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var today = await LoadAsync();
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

        if (TickedOnly && Selected.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), localizer["Reassign.TickSome"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var filter = new ReassignFilter(Grade, Status is { } s && s.IsOpen() ? s : null, Overdue ? today : null,
            TickedOnly ? Selected : null);
        var moved = await reassignment.MoveOpenLeadsAsync(storeId, From!.Value, validTargets, filter, Reason!.Trim(),
            User.GetUserId());
        TempData["Message"] = localizer["Reassign.Done", moved].Value;
        return RedirectToPage("Reassign", new { from = From });
    }

    private async Task<DateOnly> LoadAsync()
    {
        var store = await calendar.StoreOfAsync(User);
        var today = store.LocalDate(calendar.Now);
        var storeId = store.Id;
        var open = db.Leads.Where(l => l.StoreId == storeId).Where(LeadRules.Open);
        Holders = await db.Users.Where(u => u.StoreId == storeId && open.Any(l => l.OwnerId == u.Id))
            .OrderBy(u => u.IsActive).ThenBy(u => u.DisplayName)
            .Select(u => new Holder(u.Id, u.DisplayName, u.IsActive, open.Count(l => l.OwnerId == u.Id)))
            .ToListAsync();
        Targets = (await StaffQueries.ConsultantChoicesAsync(db, storeId))
            .Select(c => new Holder(long.Parse(c.Value, CultureInfo.InvariantCulture), c.Text, true, 0))
            .ToList();
        if (From is { } from && Holders.Any(h => h.Id == from))
        {
            var matching = open.Where(l => l.OwnerId == from && (Grade == null || l.Grade == Grade)
                && (Status == null || l.Status == Status));
            if (Overdue)
            {
                matching = matching.Where(LeadRules.Overdue(today));
            }

            Matching = await matching.CountAsync();
            Rows = await matching.OrderBy(l => l.NextFollowUpDate).ThenBy(l => l.Id).Take(ListLimit)
                .Join(db.Customers, l => l.CustomerId, c => c.Id, (l, c) => new Row(l.Id, c.Name, l.Grade, l.Status,
                    l.NextFollowUpDate, l.Interest.IntendedModel))
                .ToListAsync();
        }

        return today;
    }

    public sealed record Holder(long Id, string Name, bool IsActive, int OpenLeads);

    public sealed record Row(long Id, string Customer, Grade Grade, LeadStatus Status, DateOnly? NextPlan, string? Model);
}
