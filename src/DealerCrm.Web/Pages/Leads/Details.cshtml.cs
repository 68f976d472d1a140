using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Customers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// The lead card: customer, interest and needs, grade with its checklist, the open plan and the history of every
/// change. The owner and the store's sales manager change it; managers and CRM officers of the store read it.
/// </summary>
public sealed class DetailsModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Lead Lead { get; private set; } = null!;

    public CustomerSummary Customer { get; private set; } = null!;

    public string OwnerName { get; private set; } = string.Empty;

    public int Completeness { get; private set; }

    public bool CanEdit { get; private set; }

    /// <summary>The grade and its checklist change only on an Active lead: an ordered lead is O, a closed one is history.</summary>
    public bool CanChangeGrade => CanEdit && Lead.Status == LeadStatus.Active;

    /// <summary>Interest and needs change while the lead is open; a won, defeated or dormant card shows what was.</summary>
    public bool CanChangeInterest => CanEdit && Lead.Status.IsOpen();

    /// <summary>A sales manager may make this lead Dormant: it meets the store's dormancy rule (spec 3.5).</summary>
    public bool CanMakeDormant { get; private set; }

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public GradeInput GradeForm { get; private set; } = new();

    public LeadInterestInput Interest { get; private set; } = new();

    public DateOnly Today { get; private set; }

    public DealerCrm.Domain.Stores.Store Store { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var result = await LoadAsync(id, Operations.Read);
        if (result is not null)
        {
            return result;
        }

        GradeForm = new GradeInput { Grade = Lead.Grade, Signs = [.. Lead.GradeSigns] };
        Interest = LeadInterestInput.From(Lead);
        if (CanEdit && Lead.Status == LeadStatus.Active && Lead.Grade == Grade.C
            && (await authorization.AuthorizeAsync(User, Policies.LeadManagement)).Succeeded)
        {
            var policy = await calendar.GradePolicyAsync(Lead.StoreId);
            CanMakeDormant = DormancyRule.IsEligible(await DormantLeads.FactsAsync(db, Lead), calendar.Now,
                policy.DormantAfterDays);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostGradeAsync(long id, [Bind(Prefix = nameof(GradeForm))] GradeInput gradeForm,
        uint version)
    {
        var result = await LoadAsync(id, Operations.Edit);
        if (result is not null)
        {
            return result;
        }

        GradeForm = gradeForm;
        Interest = LeadInterestInput.From(Lead);
        if (!ModelState.IsValid
            || !ModelState.TryDomain(localizer,
                () => Lead.ChangeGrade(gradeForm.Grade!.Value, gradeForm.Signs, gradeForm.GradeReason,
                    User.GetUserId(), calendar.Now), nameof(GradeForm)))
        {
            return Page();
        }

        return await SaveAsync(version, "Lead.GradeSaved");
    }

    public async Task<IActionResult> OnPostInterestAsync(long id,
        [Bind(Prefix = nameof(Interest))] LeadInterestInput interest, uint version)
    {
        var result = await LoadAsync(id, Operations.Edit);
        if (result is not null)
        {
            return result;
        }

        Interest = interest;
        GradeForm = new GradeInput { Grade = Lead.Grade, Signs = [.. Lead.GradeSigns] };
        if (!ModelState.IsValid
            || !ModelState.TryDomain(localizer,
                () =>
                {
                    Lead.UpdateInterest(interest.ToInterest(), interest.ToNeeds(), User.GetUserId(), calendar.Now);
                    Lead.ChangeProject(interest.Project, User.GetUserId(), calendar.Now);
                },
                nameof(Interest)))
        {
            return Page();
        }

        return await SaveAsync(version, "Lead.InterestSaved");
    }

    private async Task<IActionResult> SaveAsync(uint version, string doneKey)
    {
        db.ExpectVersion(Lead, version);
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        TempData["Message"] = localizer[doneKey].Value;
        return RedirectToPage("Details", new { id = Lead.Id });
    }

    /// <summary>Loads the lead and what the page shows; null when the user may go on, else the refusal.</summary>
    private async Task<IActionResult?> LoadAsync(long id, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation)
    {
        var storeId = User.GetStoreId();
        var lead = await db.Leads.Include(l => l.Plans).Include(l => l.Events).Include(l => l.Records)
            .Include(l => l.Orders).AsSplitQuery()
            .SingleOrDefaultAsync(l => l.Id == id && l.StoreId == storeId);
        if (lead is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, lead, operation) is { } refusal)
        {
            return refusal;
        }

        Lead = lead;
        CanEdit = (await authorization.AuthorizeAsync(User, lead, Operations.Edit)).Succeeded;
        Store = await calendar.StoreOfAsync(User);
        Today = Store.LocalDate(calendar.Now);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == lead.CustomerId);
        Customer = new CustomerSummary(customer.Id, customer.Name, customer.Gender, customer.Mobile, customer.Region);
        Completeness = InformationCompleteness.Level(LeadQueries.CompletenessFacts(customer, lead));
        var ownerIds = lead.Events.SelectMany(e => new[] { e.FromOwnerId, e.ToOwnerId }).OfType<long>();
        var actorIds = lead.Events.Select(e => e.ActorId).Concat(lead.Records.Select(r => r.AuthorId))
            .Concat(ownerIds).Append(lead.OwnerId).Distinct().ToList();
        var names = await db.Users.Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        OwnerName = names.GetValueOrDefault(lead.OwnerId, string.Empty);
        Records = lead.Records.OrderByDescending(r => r.ContactedAt)
            .Select(r => new RecordLine(r.ContactedAt, names.GetValueOrDefault(r.AuthorId, "?"), r.Method, r.Result,
                r.Content, r.GradeBefore, r.GradeAfter))
            .ToList();
        History = lead.Events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new HistoryLine(e.At, names.GetValueOrDefault(e.ActorId, "?"), e.Kind,
                LeadHistory.Describe(e, localizer, userId => names.GetValueOrDefault(userId, "?")), e.Reason))
            .ToList();
        OwnersCar = await ReplacementCar.ForLeadAsync(db, lead, Today);
        if (OwnersCar is not null && (await authorization.AuthorizeAsync(User, customer, Operations.ReadTier)).Succeeded)
        {
            OwnerTier = await LoyaltyDisplay.OwnerTierAsync(db, customer);
        }

        DeliveredVehicleId = lead.Status == LeadStatus.Won
            ? await db.Deliveries.Where(d => d.LeadId == lead.Id).Select(d => d.VehicleId).FirstOrDefaultAsync()
            : null;
        return null;
    }

    public IReadOnlyList<RecordLine> Records { get; private set; } = [];

    /// <summary>A replacement lead's car (issue 14): model, age, mileage, with a link to its file.</summary>
    public ReplacementCar.Facts? OwnersCar { get; private set; }

    /// <summary>The owner's tier on a replacement lead, when the reader may see it.</summary>
    public LoyaltyDisplay.OwnerTier? OwnerTier { get; private set; }

    /// <summary>The car this lead's delivery handed over: the card links to its vehicle file.</summary>
    public long? DeliveredVehicleId { get; private set; }

    public sealed record RecordLine(DateTimeOffset At, string Author, ContactMethod Method, FollowUpResult Result,
        string Content, Grade GradeBefore, Grade GradeAfter);

    public sealed record CustomerSummary(long Id, string Name, Gender Gender, string? Mobile, string? Region);

    /// <param name="Text">What changed, from what to what, in the reader's language (<see cref="LeadHistory"/>).</param>
    public sealed record HistoryLine(DateTimeOffset At, string Actor, LeadEventKind Kind, string Text, string? Reason);

    public FollowUpPlan? OpenPlan => Lead.OpenPlan;
}
