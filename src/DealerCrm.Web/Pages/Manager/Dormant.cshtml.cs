using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Pages.Leads;
using DealerCrm.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Manager;

/// <summary>
/// 休眠客户 (spec 3.5): the C leads the store's dormancy rule picks, moved to Dormant all at once or the ticked ones
/// (one statement); and the Dormant leads, by consultant and intended model — the campaign lists — each of which the
/// manager can reactivate with a plan date and a note.
/// </summary>
[Authorize(Policy = Policies.LeadManagement)]
public sealed class DormantModel(CrmDbContext db, StoreCalendar calendar, DormantLeads dormantLeads, AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>How many leads are listed; "all eligible" moves every one however many.</summary>
    public const int ListLimit = 200;

    public const string DormantTab = "dormant";

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Owner { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CarModel { get; set; }

    /// <summary>True: only the ticked leads move; false: every eligible lead (of the chosen consultant).</summary>
    [BindProperty]
    public bool TickedOnly { get; set; }

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    /// <summary>The Dormant lead a reactivation form was posted for.</summary>
    [BindProperty]
    public long? LeadId { get; set; }

    [BindProperty]
    public uint Version { get; set; }

    [BindProperty]
    public DateOnly? PlanDate { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public bool ShowDormant => Tab == DormantTab;

    public IReadOnlyList<SelectListItem> Consultants { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Matching { get; private set; }

    public int Days { get; private set; }

    public DateOnly Today { get; private set; }

    public DateOnly DefaultPlanDate { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostMoveAsync()
    {
        Tab = null;
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (TickedOnly && Selected.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), localizer["Dormant.TickSome"]);
            return Page();
        }

        var moved = await dormantLeads.MakeDormantAsync(User.GetStoreId(), Days, Owner, TickedOnly ? Selected : null,
            User.GetUserId());
        TempData["Message"] = localizer["Dormant.Moved", moved].Value;
        return RedirectToPage("Dormant", new { owner = Owner });
    }

    public async Task<IActionResult> OnPostReactivateAsync()
    {
        Tab = DormantTab;
        var store = await LoadAsync();
        var lead = await db.Leads.Include(l => l.Plans.Where(p => p.Status == PlanStatus.Open))
            .SingleOrDefaultAsync(l => l.Id == LeadId && l.StoreId == store.Id);
        if (lead is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (PlanDate is null)
        {
            ModelState.AddModelError(nameof(PlanDate), localizer["Dormant.PlanDateRequired"]);
            return Page();
        }

        if (await db.Leads.Where(l => l.CustomerId == lead.CustomerId && l.Id != lead.Id
                    && LeadRules.OpenStatuses.Contains(l.Status))
                .Join(db.Users, l => l.OwnerId, u => u.Id, (_, u) => u.DisplayName).FirstOrDefaultAsync() is { } other)
        {
            ModelState.AddModelError(nameof(PlanDate), localizer["Dormant.CustomerHasOpenLead", other]);
            return Page();
        }

        var policy = await calendar.GradePolicyAsync(store.Id);
        try
        {
            lead.Reactivate(User.GetUserId(), PlanDate.Value, Note, policy, Today, calendar.Now);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, field => field == "Note" ? nameof(Note) : nameof(PlanDate));
            return Page();
        }

        audit.Record(AuditActions.LeadReactivated, target: $"lead:{lead.Id}",
            details: $"plan={PlanDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await dormantLeads.AddOwnerNotificationAsync(lead, "Notification.DormantReactivated",
            [PlanDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], calendar.Now);
        db.ExpectVersion(lead, Version);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
        {
            ModelState.AddModelError(nameof(PlanDate), localizer["Error.Concurrency"]);
            return Page();
        }

        TempData["Message"] = localizer["Dormant.Reactivated"].Value;
        return RedirectToPage("Dormant", new { tab = DormantTab, owner = Owner, carModel = CarModel });
    }

    private async Task<Store> LoadAsync()
    {
        var store = await calendar.StoreOfAsync(User);
        var now = calendar.Now;
        Today = store.LocalDate(now);
        var policy = await calendar.GradePolicyAsync(store.Id);
        Days = policy.DormantAfterDays;
        DefaultPlanDate = policy.DefaultNextPlanDate(Grade.C, Today);
        Consultants = await StaffQueries.ConsultantChoicesAsync(db, store.Id);
        CarModel = string.IsNullOrWhiteSpace(CarModel) ? null : CarModel.Trim();

        var leads = ShowDormant
            ? db.Leads.Where(l => l.StoreId == store.Id && l.Status == LeadStatus.Dormant
                && (CarModel == null || (l.Interest.IntendedModel != null && l.Interest.IntendedModel.Contains(CarModel))))
            : DormantLeads.Eligible(db, store.Id, DormancyRule.Cutoff(now, Days));
        leads = leads.Where(l => Owner == null || l.OwnerId == Owner);
        Matching = await leads.CountAsync();
        Rows = await leads.OrderBy(l => l.OwnerId).ThenBy(l => l.Id).Take(ListLimit)
            .Join(db.Customers, l => l.CustomerId, c => c.Id, (l, c) => new { l, c })
            .Join(db.Users, x => x.l.OwnerId, u => u.Id, (x, u) => new Row(x.l.Id, x.c.Name, u.DisplayName,
                x.l.Interest.IntendedModel, x.l.CreatedAt, x.l.LastFollowUpDate,
                db.LeadEvents.Where(e => e.LeadId == x.l.Id && e.Kind == LeadEventKind.StatusChanged
                    && e.ToStatus == LeadStatus.Dormant).Max(e => (DateTimeOffset?)e.At),
                x.l.Version))
            .ToListAsync();
        return store;
    }

    public sealed record Row(long Id, string Customer, string Owner, string? Model, DateTimeOffset CreatedAt,
        DateOnly? LastContact, DateTimeOffset? DormantSince, uint Version);
}
