using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
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
/// A receptionist edits one of today's entries until a card is made from it. A sales manager corrects any entry
/// of the store (its times and date included) or voids it with a reason; both are audited. Nothing is deleted.
/// </summary>
public sealed class EditModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    Leads.DormantLeads dormantLeads,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    public TrafficEntry Entry { get; private set; } = null!;

    public Store Store { get; private set; } = null!;

    public IReadOnlyList<SelectListItem> Consultants { get; private set; } = [];

    public bool CanCorrect { get; private set; }

    /// <summary>
    /// Why the receptionist can no longer edit this entry (a card was made from it, an earlier day, voided): the page
    /// then shows it read-only from the start instead of a form that fails on Save. Null for a manager's correction.
    /// </summary>
    public string? ReadOnlyReason { get; private set; }

    public string? ConsultantName { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        Input.Fill(Entry);
        Input.PartySize = Entry.PartySize;
        Input.ArrivedDate = Entry.BusinessDate;
        Input.ArrivedTime = TimeOnly.FromDateTime(Store.LocalTime(Entry.ArrivedAt));
        Input.LeftTime = Entry.LeftAt is { } left ? TimeOnly.FromDateTime(Store.LocalTime(left)) : null;
        Input.Version = Entry.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (ReadOnlyReason is not null)
        {
            // A stale form or a forged post: the page shows the entry read-only with the reason.
            return Page();
        }

        ModelState.Remove("voidReason");
        if (!ModelState.IsValid || !await ConsultantIsValidAsync())
        {
            return Page();
        }

        bool changed;
        if (CanCorrect)
        {
            var day = Input.ArrivedDate ?? Entry.BusinessDate;
            var arrived = ShowroomQueries.OnDay(Store, day, Input.ArrivedTime, Entry.ArrivedAt);
            DateTimeOffset? left = Input.LeftTime is { } l ? ShowroomQueries.OnDay(Store, day, l, arrived) : null;
            changed = ModelState.TryDomain(localizer, () => Entry.Correct(arrived, left, Store.LocalDate(arrived),
                Input.PartySize, Input.ConsultantId, Input.ToDetails()));
            if (changed)
            {
                audit.Record(AuditActions.ShowroomCorrected, target: $"traffic:{Entry.Id}",
                    details: $"date={day:yyyy-MM-dd}");
            }
        }
        else
        {
            var today = Store.LocalDate(calendar.Now);
            changed = ModelState.TryDomain(localizer,
                () => Entry.EditByReceptionist(today, Input.PartySize, Input.ConsultantId, Input.ToDetails()));
        }

        if (!changed)
        {
            return Page();
        }

        if (Entry.Mobile is { } mobile && Entry.CustomerId is null
            && await ShowroomQueries.ReturningAsync(db, Store.Id, mobile) is { CustomerId: { } customerId })
        {
            Entry.LinkCustomer(customerId, returning: true);
        }

        var saved = await SaveAsync("Showroom.Saved");
        if (saved is RedirectToPageResult)
        {
            // Only today's visit wakes a dormant lead; a correction of a past day's entry does not.
            await dormantLeads.ReactivateForVisitAsync(Entry, Store.LocalDate(calendar.Now), User.GetUserId());
        }

        return saved;
    }

    public async Task<IActionResult> OnPostVoidAsync(long id, string? voidReason)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!CanCorrect)
        {
            return Forbid();
        }

        Input.Fill(Entry);
        Input.PartySize = Entry.PartySize;
        ModelState.Clear();
        if (!ModelState.TryDomain(localizer, () => Entry.Void(voidReason), _ => string.Empty))
        {
            return Page();
        }

        audit.Record(AuditActions.ShowroomVoided, target: $"traffic:{Entry.Id}", details: Entry.VoidReason);
        return await SaveAsync("Showroom.Voided");
    }

    private async Task<IActionResult> SaveAsync(string doneKey)
    {
        db.ExpectVersion(Entry, Input.Version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        TempData["Message"] = localizer[doneKey].Value;
        return RedirectToPage("Index");
    }

    private async Task<bool> ConsultantIsValidAsync()
    {
        if (await StaffQueries.IsConsultantOfAsync(db, Input.ConsultantId, Store.Id)
            || Input.ConsultantId == Entry.ConsultantId)
        {
            return true;
        }

        ModelState.AddModelError("Input.ConsultantId", localizer["Showroom.ConsultantInvalid"]);
        return false;
    }

    private async Task<IActionResult?> LoadAsync(long id)
    {
        var entry = await db.TrafficEntries.VisibleTo(User).SingleOrDefaultAsync(t => t.Id == id);
        if (entry is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, entry, Operations.Edit) is { } refusal)
        {
            return refusal;
        }

        Entry = entry;
        CanCorrect = (await authorization.AuthorizeAsync(User, entry, Operations.Correct)).Succeeded;
        Store = await calendar.StoreOfAsync(User);
        Consultants = await StaffQueries.ConsultantChoicesAsync(db, Store.Id);
        ReadOnlyReason = CanCorrect ? null : entry.WhyNotEditableByReceptionist(Store.LocalDate(calendar.Now));
        ConsultantName = await db.Users.Where(u => u.Id == entry.ConsultantId).Select(u => u.DisplayName)
            .SingleOrDefaultAsync();
        return null;
    }

    public sealed class EditInput : VisitorInput
    {
        [Range(1, TrafficEntry.MaxPartySize, ErrorMessage = "Traffic.PartySizeRangeField")]
        [Display(Name = "Showroom.PartySize")]
        public int? PartySize { get; set; }

        [Display(Name = "Showroom.ArrivedDate")]
        public DateOnly? ArrivedDate { get; set; }

        [Display(Name = "Showroom.ArrivedAt")]
        public TimeOnly? ArrivedTime { get; set; }

        [Display(Name = "Showroom.LeftAt")]
        public TimeOnly? LeftTime { get; set; }

        public uint Version { get; set; }
    }
}
