using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Showroom;

/// <summary>
/// The receptionist's home (spec 1.1): today's traffic with the open walk-ins on top, today's counts, a
/// keyboard-first check-in and a one-step call form. Managers also see walk-ins of past days never checked out.
/// </summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar, Leads.DormantLeads dormantLeads,
    IAuthorizationService authorization, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CheckInInput CheckIn { get; set; } = new();

    [BindProperty]
    public CallInput Call { get; set; } = new();

    public Store Store { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<EntryRow> Entries { get; private set; } = [];

    public IReadOnlyList<EntryRow> Incomplete { get; private set; } = [];

    public TodayCounts Counts { get; private set; } = new(0, 0, 0, 0, 0, 0);

    public IReadOnlyList<SelectListItem> Consultants { get; private set; } = [];

    /// <summary>Whether the user corrects past days' entries (<see cref="Policies.LeadManagement"/>).</summary>
    public bool IsManager { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCheckInAsync()
    {
        await LoadAsync();
        ClearOtherForm(nameof(Call));
        if (!ModelState.IsValid || !await ConsultantIsValidAsync(CheckIn.ConsultantId, "CheckIn.ConsultantId"))
        {
            return Page();
        }

        var now = calendar.Now;
        var arrived = ShowroomQueries.OnDay(Store, Today, CheckIn.ArrivedAt, now);
        TrafficEntry? entry = null;
        if (!ModelState.TryDomain(localizer, () => entry = TrafficEntry.CheckIn(Store.Id, User.GetUserId(), arrived,
                Store.LocalDate(arrived), Today, CheckIn.PartySize ?? 1, CheckIn.ConsultantId, now), nameof(CheckIn)))
        {
            return Page();
        }

        db.TrafficEntries.Add(entry!);
        await db.SaveChangesAsync();
        TempData["Message"] = localizer["Showroom.CheckedIn"].Value;
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostCallAsync()
    {
        await LoadAsync();
        ClearOtherForm(nameof(CheckIn));
        if (!ModelState.IsValid || !await ConsultantIsValidAsync(Call.ConsultantId, "Call.ConsultantId"))
        {
            return Page();
        }

        var now = calendar.Now;
        var at = ShowroomQueries.OnDay(Store, Today, Call.ArrivedAt, now);
        TrafficEntry? entry = null;
        if (!ModelState.TryDomain(localizer, () => entry = TrafficEntry.LogCall(Store.Id, User.GetUserId(), at,
                Store.LocalDate(at), Today, Call.ConsultantId, Call.ToDetails(), now), nameof(Call)))
        {
            return Page();
        }

        await LinkReturningAsync(entry!);
        db.TrafficEntries.Add(entry!);
        await db.SaveChangesAsync();
        await dormantLeads.ReactivateForVisitAsync(entry!, Today, User.GetUserId());
        TempData["Message"] = localizer["Showroom.CallLogged"].Value;
        return RedirectToPage("Index");
    }

    /// <summary>
    /// The returning-visitor hint, asked by the page's script as the mobile is typed. A POST with the anti-forgery
    /// token: the number never appears in a URL or a request log.
    /// </summary>
    public async Task<IActionResult> OnPostLookupAsync(string? mobile)
    {
        string normalized;
        try
        {
            normalized = ChineseMobile.Normalize(mobile);
        }
        catch (DomainException)
        {
            return new JsonResult(new LookupResult(false, null));
        }

        var hint = await ShowroomQueries.ReturningAsync(db, User.GetStoreId(), normalized);
        return new JsonResult(new LookupResult(hint.Returning, hint.Consultant));
    }

    private async Task LinkReturningAsync(TrafficEntry entry)
    {
        if (entry.Mobile is { } mobile
            && await ShowroomQueries.ReturningAsync(db, Store.Id, mobile) is { CustomerId: { } customerId })
        {
            entry.LinkCustomer(customerId, returning: true);
        }
    }

    private async Task<bool> ConsultantIsValidAsync(long? consultantId, string key)
    {
        if (await StaffQueries.IsConsultantOfAsync(db, consultantId, Store.Id))
        {
            return true;
        }

        ModelState.AddModelError(key, localizer["Showroom.ConsultantInvalid"]);
        return false;
    }

    private void ClearOtherForm(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task LoadAsync()
    {
        IsManager = (await authorization.AuthorizeAsync(User, Policies.LeadManagement)).Succeeded;
        Store = await calendar.StoreOfAsync(User);
        Today = Store.LocalDate(calendar.Now);
        Consultants = await StaffQueries.ConsultantChoicesAsync(db, Store.Id);
        var now = calendar.Now;
        var rows = await Rows(db.TrafficEntries.VisibleTo(User).Where(t => t.BusinessDate == Today && !t.IsVoided))
            .ToListAsync();
        Entries = rows.Where(r => r.IsOpen).OrderBy(r => r.ArrivedAt)
            .Concat(rows.Where(r => !r.IsOpen).OrderByDescending(r => r.ArrivedAt))
            .Select(r => r with { MinutesSinceArrival = (int)(now - r.ArrivedAt).TotalMinutes })
            .ToList();
        var walkIns = rows.Where(r => r.Kind == TrafficKind.WalkIn).ToList();
        Counts = new TodayCounts(
            walkIns.Count,
            rows.Count(r => r.Kind == TrafficKind.PhoneCall),
            rows.Count(r => !r.IsReturnVisit),
            rows.Count(r => r.IsReturnVisit),
            rows.Count(r => r.HasContact),
            rows.Count(r => !r.HasContact));
        if (IsManager)
        {
            Incomplete = await Rows(db.TrafficEntries.VisibleTo(User)
                    .Where(t => t.BusinessDate < Today && t.Kind == TrafficKind.WalkIn && t.LeftAt == null && !t.IsVoided)
                    .OrderByDescending(t => t.ArrivedAt).Take(100))
                .ToListAsync();
        }

        CheckIn.ArrivedAt ??= TimeOnly.FromDateTime(Store.LocalTime(now));
        Call.ArrivedAt ??= TimeOnly.FromDateTime(Store.LocalTime(now));
    }

    private IQueryable<EntryRow> Rows(IQueryable<TrafficEntry> entries) =>
        from t in entries
        join c in db.Users on t.ConsultantId equals c.Id into consultants
        from c in consultants.DefaultIfEmpty()
        select new EntryRow(t.Id, t.Kind, t.ArrivedAt, t.LeftAt, t.BusinessDate, t.PartySize, t.VisitorName,
            t.Mobile != null, t.Purpose, t.FirstImpression, c == null ? null : c.DisplayName, t.IsReturnVisit,
            t.LeadId != null, t.Kind == TrafficKind.WalkIn && t.LeftAt == null,
            t.CustomerId == null ? null : db.Leads
                .Where(l => l.CustomerId == t.CustomerId && LeadRules.OpenStatuses.Contains(l.Status))
                .Join(db.Users, l => l.OwnerId, u => u.Id, (_, u) => u.DisplayName).FirstOrDefault(),
            0);

    public sealed record EntryRow(long Id, TrafficKind Kind, DateTimeOffset ArrivedAt, DateTimeOffset? LeftAt,
        DateOnly BusinessDate, int? PartySize, string? VisitorName, bool HasContact, VisitPurpose? Purpose,
        Grade? FirstImpression, string? Consultant, bool IsReturnVisit, bool HasCard, bool IsOpen,
        string? FollowedBy, int MinutesSinceArrival);

    public sealed record TodayCounts(int WalkIns, int Calls, int FirstVisits, int ReturnVisits, int WithContact,
        int WithoutContact);

    public sealed record LookupResult(bool Returning, string? Consultant);

    public sealed class CheckInInput
    {
        [Range(1, TrafficEntry.MaxPartySize, ErrorMessage = "Traffic.PartySizeRangeField")]
        [Display(Name = "Showroom.PartySize")]
        public int? PartySize { get; set; } = 1;

        [Display(Name = "Showroom.Consultant")]
        public long? ConsultantId { get; set; }

        [Display(Name = "Showroom.ArrivedAt")]
        public TimeOnly? ArrivedAt { get; set; }
    }

    public sealed class CallInput : VisitorInput
    {
        [Display(Name = "Showroom.CallAt")]
        public TimeOnly? ArrivedAt { get; set; }
    }
}
