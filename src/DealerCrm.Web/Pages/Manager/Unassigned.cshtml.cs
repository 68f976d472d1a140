using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Common;
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
/// The queue of unassigned leads (spec 3.1), oldest first, each with its age; those waiting more than two days are
/// marked late. The manager assigns the ticked ones to one consultant or in turn to all active consultants, sets
/// aside test or spam entries with a reason, or types one in by hand.
/// </summary>
[Authorize(Policy = Policies.LeadManagement)]
public sealed class UnassignedModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IncomingLeadAssignment assignment,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 100;

    /// <summary>The consultant choice that means "each active consultant in turn".</summary>
    public const long Everyone = -1;

    [BindProperty]
    public List<long> Selected { get; set; } = [];

    [BindProperty]
    public long? ConsultantId { get; set; }

    [BindProperty]
    public string? DismissReason { get; set; }

    [BindProperty]
    public IncomingInput Input { get; set; } = new();

    /// <summary>Keyset: the arrival time (ticks) and id of the last row of the previous page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Store Store { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextAfter { get; private set; }

    public int Waiting { get; private set; }

    public int Late { get; private set; }

    public IReadOnlyList<SelectListItem> Consultants { get; private set; } = [];

    public IReadOnlyList<SourceChannel> Sources => IncomingLead.Sources;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var today = Store.LocalDate(Now);
        Input = new IncomingInput { ArrivedDate = today, ArrivedTime = TimeOnly.FromDateTime(Store.LocalTime(Now)) };
    }

    public async Task<IActionResult> OnPostAssignAsync()
    {
        await LoadAsync();
        ClearInput();
        var consultants = Consultants.Select(c => long.Parse(c.Value, CultureInfo.InvariantCulture)).ToList();
        if (Selected.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), localizer["Incoming.ChooseLeads"]);
        }

        if (ConsultantId is not { } chosen || (chosen != Everyone && !consultants.Contains(chosen)))
        {
            ModelState.AddModelError(nameof(ConsultantId), localizer["Incoming.ChooseConsultant"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var targets = ConsultantId == Everyone ? consultants : [ConsultantId!.Value];
        IncomingLeadAssignment.Result result;
        try
        {
            result = await assignment.AssignAsync(Store, await calendar.GradePolicyAsync(Store.Id), Selected, targets,
                User.GetUserId());
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError(string.Empty, localizer["Error.Concurrency"]);
            return Page();
        }

        TempData["Message"] = localizer["Incoming.Assigned", result.Assigned, result.Merged, result.Skipped].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDismissAsync()
    {
        await LoadAsync();
        ClearInput();
        if (Selected.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), localizer["Incoming.ChooseLeads"]);
            return Page();
        }

        var leads = await db.IncomingLeads.Where(i => i.StoreId == Store.Id && Selected.Contains(i.Id)
            && i.Status == IncomingLeadStatus.Waiting).ToListAsync();
        try
        {
            foreach (var lead in leads)
            {
                lead.Dismiss(DismissReason, User.GetUserId(), Now);
            }
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, _ => nameof(DismissReason));
            return Page();
        }

        audit.Record(AuditActions.IncomingLeadDismissed, target: $"store:{Store.Id}",
            details: string.Create(CultureInfo.InvariantCulture, $"count={leads.Count}; ids={string.Join(',', leads.Select(l => l.Id))}"));
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        TempData["Message"] = localizer["Incoming.Dismissed", leads.Count].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        await LoadAsync();
        foreach (var key in new[] { nameof(Selected), nameof(ConsultantId), nameof(DismissReason) })
        {
            ModelState.Remove(key);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var arrived = Input.ArrivedDate is { } date
                ? Store.StartOfLocalDay(date).Add((Input.ArrivedTime ?? TimeOnly.MinValue).ToTimeSpan())
                : Now;
            var lead = new IncomingLead(Store.Id, Input.Name, Input.Mobile, Input.IntendedModel, Input.Source, arrived,
                null, Now);
            var exists = await db.IncomingLeads.AnyAsync(i => i.StoreId == Store.Id && i.Source == lead.Source
                && i.Mobile == lead.Mobile && i.ArrivedAt == lead.ArrivedAt);
            if (exists)
            {
                ModelState.AddModelError("Input.Mobile", localizer["Incoming.AlreadyThere"]);
                return Page();
            }

            db.IncomingLeads.Add(lead);
            await db.SaveChangesAsync();
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, field => field is null ? string.Empty
                : $"Input.{(field == nameof(IncomingLead.ArrivedAt) ? nameof(IncomingInput.ArrivedDate) : field)}");
            return Page();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            ModelState.AddModelError("Input.Mobile", localizer["Incoming.AlreadyThere"]);
            return Page();
        }

        TempData["Message"] = localizer["Incoming.Added"].Value;
        return RedirectToPage();
    }

    /// <summary>
    /// Assign and Set aside check their own fields; the hand-entry form is not posted with them, and its binder (which
    /// falls back to unprefixed names) must not make their post invalid.
    /// </summary>
    private void ClearInput() => ModelState.Clear();

    private async Task LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Now = calendar.Now;
        var waiting = db.IncomingLeads.AsNoTracking()
            .Where(i => i.StoreId == Store.Id && i.Status == IncomingLeadStatus.Waiting);
        Waiting = await waiting.CountAsync();
        Late = await waiting.Where(IncomingLead.Late(Now)).CountAsync();

        var page = waiting;
        if (ParseAfter(After) is var (at, id))
        {
            page = page.Where(i => i.ArrivedAt > at || (i.ArrivedAt == at && i.Id > id));
        }

        var rows = (await page.OrderBy(i => i.ArrivedAt).ThenBy(i => i.Id).Take(PageSize + 1).ToListAsync())
            .Select(i => new Row(i.Id, i.Name, i.Mobile, i.IntendedModel, i.Source, i.ArrivedAt, i.IsLate(Now))).ToList();
        Rows = rows.Take(PageSize).ToList();
        NextAfter = rows.Count > PageSize
            ? string.Create(CultureInfo.InvariantCulture, $"{Rows[^1].ArrivedAt.UtcTicks}-{Rows[^1].Id}")
            : null;
        Consultants = await StaffQueries.ConsultantChoicesAsync(db, Store.Id);
    }

    private static (DateTimeOffset At, long Id)? ParseAfter(string? after)
    {
        var parts = after?.Split('-');
        return parts is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            && t >= DateTimeOffset.MinValue.UtcTicks && t <= DateTimeOffset.MaxValue.UtcTicks
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? (new DateTimeOffset(t, TimeSpan.Zero), i)
            : null;
    }

    public string Age(DateTimeOffset arrivedAt)
    {
        var age = Now - arrivedAt;
        return age.TotalHours < 48
            ? localizer["Incoming.AgeHours", Math.Max(0, (int)age.TotalHours)].Value
            : localizer["Incoming.AgeDays", (int)age.TotalDays, age.Hours].Value;
    }

    public sealed record Row(long Id, string Name, string Mobile, string? IntendedModel, SourceChannel Source,
        DateTimeOffset ArrivedAt, bool Late);

    public sealed class IncomingInput
    {
        [Required(ErrorMessage = "Validation.RequiredField")]
        [Display(Name = "Incoming.Name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Validation.RequiredField")]
        [Display(Name = "Incoming.Mobile")]
        public string? Mobile { get; set; }

        [Display(Name = "Incoming.Model")]
        public string? IntendedModel { get; set; }

        [Display(Name = "Incoming.Source")]
        public SourceChannel Source { get; set; } = SourceChannel.DealerWebsite;

        [Display(Name = "Incoming.ArrivedDate")]
        public DateOnly? ArrivedDate { get; set; }

        [Display(Name = "Incoming.ArrivedTime")]
        public TimeOnly? ArrivedTime { get; set; }
    }
}
