using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// Record what happened and plan the next contact in one form (spec 2.2), phone-sized: the consultant does it on
/// the showroom floor. The next plan is required; empty, its date is today + the grade's interval.
/// </summary>
public sealed class FollowUpModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : LeadPageBase(db, calendar, authorization, localizer)
{
    [BindProperty]
    public RecordInput Input { get; set; } = new();

    [BindProperty]
    public PlanInput Plan { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        Input.ContactedAt = TimeOnly.FromDateTime(Store.LocalTime(Calendar.Now));
        Input.Method = Lead.OpenPlan?.Method ?? ContactMethod.Phone;
        Plan.Method = Lead.OpenPlan?.Method ?? ContactMethod.Phone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var grade = Input.NewGrade ?? Lead.Grade;
        var next = new PlanRequest(Plan.DueDate ?? Policy.DefaultNextPlanDate(grade, Today), Plan.DueTime, Plan.Method,
            Plan.Purpose, Plan.Note, Plan.LateReason);
        var entry = new FollowUpEntry(OnToday(Input.ContactedAt), Input.Method, Input.Content, Input.Result, Input.NewGrade);
        if (!ModelState.TryDomain(Localizer,
                () => Lead.RecordFollowUp(entry, next, Policy, Today, User.GetUserId(), Calendar.Now),
                field => field is "DueDate" or "DueTime" or "LateReason" or "Note" ? "Plan" : "Input"))
        {
            return Page();
        }

        return await SaveAndReturnAsync("FollowUp.Saved");
    }

    public sealed class RecordInput
    {
        [Display(Name = "FollowUp.ContactedAt")]
        public TimeOnly? ContactedAt { get; set; }

        [Display(Name = "Plan.Method")]
        public ContactMethod Method { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(FollowUpRecord.ContentMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "FollowUp.Content")]
        public string? Content { get; set; }

        [Display(Name = "FollowUp.Result")]
        public FollowUpResult Result { get; set; }

        [Display(Name = "FollowUp.NewGrade")]
        public Grade? NewGrade { get; set; }
    }
}
