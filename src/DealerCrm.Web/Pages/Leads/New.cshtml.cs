using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// 建卡: a consultant makes a lead card, from one of today's showroom entries they received or directly with a
/// source channel, always with its first follow-up plan. A mobile number another consultant already follows is
/// refused with that consultant's name, and the refusal holds under concurrent submissions (partial unique index).
/// </summary>
[Authorize(Policy = Policies.Sales)]
public sealed class NewModel(
    CrmDbContext db,
    StoreCalendar calendar,
    Notifier notifier,
    DormantLeads dormantLeads,
    IStringLocalizer<SharedResource> localizer,
    ILogger<NewModel> logger) : PageModel
{
    [BindProperty]
    public CardInput Input { get; set; } = new();

    /// <summary>Today's entries this consultant received that have no card yet.</summary>
    public IReadOnlyList<TrafficChoice> TodaysTraffic { get; private set; } = [];

    /// <summary>Set when the number is followed by someone else: the consultant may ask the manager.</summary>
    public Refusal? Refused { get; private set; }

    public DateOnly Today { get; private set; }

    public DealerCrm.Domain.Stores.Store Store { get; private set; } = null!;

    /// <summary>The date an empty due date becomes, per grade: shown beside the date field.</summary>
    public IReadOnlyList<(Grade Grade, DateOnly Date)> DefaultDates { get; private set; } = [];

    public async Task OnGetAsync(long? traffic)
    {
        await LoadChoicesAsync();
        if (traffic is { } id && TodaysTraffic.SingleOrDefault(t => t.Id == id) is { } entry)
        {
            Input.TrafficEntryId = entry.Id;
            Input.Name = entry.VisitorName;
            Input.Mobile = entry.Mobile;
            Input.Region = entry.Region;
            Input.Grade.Grade = entry.FirstImpression;
        }

    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadChoicesAsync();
        var mobile = string.Empty;
        if (!ModelState.TryDomain(localizer, () => mobile = ChineseMobile.Normalize(Input.Mobile)) | !ModelState.IsValid)
        {
            return Page();
        }

        // Two attempts: if a concurrent card for the same number wins the race, the second pass sees it and refuses.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CreateAsync(mobile);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt == 1)
            {
                logger.LogInformation("Card creation raced with another for the same customer; checking again");
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<IActionResult> OnPostClaimAsync(long leadId, string? claimNote)
    {
        var storeId = User.GetStoreId();
        var me = User.GetUserId();
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == leadId && l.StoreId == storeId);
        if (lead is null || !lead.Status.IsOpen())
        {
            return NotFound();
        }

        if (await db.DuplicateClaims.AnyAsync(c =>
                c.LeadId == leadId && c.RequestedById == me && c.Status == ClaimStatus.Pending))
        {
            TempData["Message"] = localizer["Claim.AlreadySent"].Value;
            return RedirectToPage("New");
        }

        try
        {
            var claim = new DuplicateClaim(storeId, lead.Id, lead.CustomerId, lead.OwnerId, me, claimNote, calendar.Now);
            db.DuplicateClaims.Add(claim);
            lead.NoteDuplicateClaim(me, calendar.Now);

            // The claim's id (in the link and the dedupe key) comes with the first save; the second saves the
            // managers' notification, both in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await notifier.AddForRoleAsync(storeId, Roles.SalesManager, NotificationKind.ClaimRequested,
                "Notification.ClaimRequested", [User.GetDisplayName()], CrmLinks.DuplicateClaim(claim.Id), $"claim:{claim.Id}");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (DomainException ex)
        {
            await LoadChoicesAsync();
            Refused = await RefusalForAsync(lead);
            ModelState.AddDomainError(localizer, ex, _ => "claimNote");
            return Page();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            TempData["Message"] = localizer["Claim.AlreadySent"].Value;
            return RedirectToPage("New");
        }

        TempData["Message"] = localizer["Claim.Sent"].Value;
        return RedirectToPage("New");
    }

    private async Task<IActionResult> CreateAsync(string mobile)
    {
        var store = await calendar.StoreOfAsync(User);
        var me = User.GetUserId();
        var now = calendar.Now;
        var policy = await calendar.GradePolicyAsync(store.Id);

        TrafficEntry? entry = null;
        if (Input.TrafficEntryId is { } trafficId)
        {
            entry = await db.TrafficEntries.VisibleTo(User).SingleOrDefaultAsync(t =>
                t.Id == trafficId && t.ConsultantId == me && t.BusinessDate == Today && t.LeadId == null && !t.IsVoided);
            if (entry is null)
            {
                ModelState.AddModelError("Input.TrafficEntryId", localizer["Lead.TrafficEntryUnavailable"]);
                return Page();
            }
        }

        var customer = await db.Customers.SingleOrDefaultAsync(c => c.StoreId == store.Id && c.Mobile == mobile);

        // A customer met again wakes their Dormant lead for its consultant (spec 3.5) instead of getting a second card:
        // it opens for that consultant, and another consultant gets the usual "followed by" refusal below.
        if (customer is not null
            && await dormantLeads.ReactivateOnContactAsync(store.Id, customer.Id, DormantWakeUp.NewCard, me) is
                { } woken
            && woken.OwnerId == me)
        {
            if (entry is not null)
            {
                entry.AttachLead(woken.Id, customer.Id);
                await db.SaveChangesAsync();
            }

            TempData["Message"] = localizer["Dormant.ReactivatedOnCard"].Value;
            return RedirectToPage("Details", new { id = woken.Id });
        }

        if (customer is not null
            && await db.Leads.Where(l => l.CustomerId == customer.Id && LeadRules.OpenStatuses.Contains(l.Status))
                .SingleOrDefaultAsync() is { } open)
        {
            Refused = await RefusalForAsync(open);
            ModelState.AddModelError("Input.Mobile", open.OwnerId == me
                ? localizer["Lead.AlreadyYours"]
                : localizer["Lead.FollowedBy", Refused.OwnerName]);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (customer is null)
        {
            if (!ModelState.TryDomain(localizer, () => customer = new Customer(store.Id, Input.Name, Input.Gender, mobile, now)))
            {
                return Page();
            }

            customer!.UpdateFixedInformation(new FixedInformation
            {
                Name = customer.Name,
                Gender = customer.Gender,
                Mobile = mobile,
                Region = Input.Region,
            }, now);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }

        Lead? lead = null;
        var source = entry is null ? Input.Source
            : entry.Kind == TrafficKind.WalkIn ? SourceChannel.ShowroomWalkIn : SourceChannel.ShowroomCall;
        var created = ModelState.TryDomain(localizer, () => lead = Lead.Create(new NewLead
        {
            StoreId = store.Id,
            CustomerId = customer!.Id,
            OwnerId = me,
            Source = source,
            Project = Input.Interest.Project,
            TrafficEntryId = entry?.Id,
            ArrivedAt = entry?.ArrivedAt,
            Interest = Input.Interest.ToInterest(),
            Needs = Input.Interest.ToNeeds(),
            Grade = Input.Grade.Grade!.Value,
            Signs = Input.Grade.Signs,
            GradeReason = Input.Grade.GradeReason,
            FirstPlan = new PlanRequest(
                Input.Plan.DueDate ?? policy.DefaultNextPlanDate(Input.Grade.Grade!.Value, Today),
                Input.Plan.DueTime, Input.Plan.Method, Input.Plan.Purpose, Input.Plan.Note, Input.Plan.LateReason),
        }, policy, Today, now), PrefixFor);
        if (!created || lead is null)
        {
            return Page();
        }

        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        entry?.AttachLead(lead.Id, customer!.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        TempData["Message"] = localizer["Lead.Created", customer!.Name].Value;
        return RedirectToPage("Details", new { id = lead.Id });
    }

    private static string PrefixFor(string? field) => field switch
    {
        null => string.Empty,
        _ when LeadInterestInput.FieldNames.Contains(field) => "Input.Interest",
        "Grade" or "GradeReason" => "Input.Grade",
        "DueDate" or "DueTime" or "LateReason" or "Note" => "Input.Plan",
        _ => "Input",
    };

    private async Task<Refusal> RefusalForAsync(Lead open)
    {
        var owner = await db.Users.Where(u => u.Id == open.OwnerId).Select(u => u.DisplayName).SingleAsync();
        return new Refusal(open.Id, owner, open.OwnerId == User.GetUserId());
    }

    private async Task LoadChoicesAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Today = Store.LocalDate(calendar.Now);
        var policy = await calendar.GradePolicyAsync(Store.Id);
        DefaultDates = GradeInput.Choices.Select(g => (g, policy.DefaultNextPlanDate(g, Today))).ToList();
        var me = User.GetUserId();
        TodaysTraffic = await db.TrafficEntries.VisibleTo(User).AsNoTracking()
            .Where(t => t.ConsultantId == me && t.BusinessDate == Today && t.LeadId == null && !t.IsVoided)
            .OrderByDescending(t => t.ArrivedAt)
            .Select(t => new TrafficChoice(t.Id, t.Kind, t.ArrivedAt, t.VisitorName, t.Mobile, t.Region,
                t.FirstImpression, t.PartySize))
            .ToListAsync();
    }

    public sealed record TrafficChoice(long Id, TrafficKind Kind, DateTimeOffset ArrivedAt, string? VisitorName,
        string? Mobile, string? Region, Grade? FirstImpression, int? PartySize);

    public sealed record Refusal(long LeadId, string OwnerName, bool IsMine);

    public sealed class CardInput
    {
        public long? TrafficEntryId { get; set; }

        [Display(Name = "Lead.Source")]
        public SourceChannel Source { get; set; } = SourceChannel.DealerWebsite;

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Customer.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Name")]
        public string? Name { get; set; }

        [Display(Name = "Customer.Gender")]
        public Gender Gender { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Mobile")]
        public string? Mobile { get; set; }

        [StringLength(Customer.ShortTextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Customer.Region")]
        public string? Region { get; set; }

        public LeadInterestInput Interest { get; set; } = new();

        public GradeInput Grade { get; set; } = new();

        public PlanInput Plan { get; set; } = new();
    }
}
