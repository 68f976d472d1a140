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
/// Enter an order (spec 2.3) or cancel the open one with a reason. A deposit at the store's threshold makes the
/// lead O / Ordered; a cancelled order returns it to Active with its previous grade and a new plan.
/// </summary>
public sealed class OrderModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : LeadPageBase(db, calendar, authorization, localizer)
{
    [BindProperty]
    public OrderInput Input { get; set; } = new();

    [BindProperty]
    public CancelInput Cancel { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        Input.OrderDate = Today;
        Input.Model = Lead.Interest.IntendedModel;
        Input.Configuration = Lead.Interest.Configuration;
        Input.Colour = Lead.Interest.Colour;
        Input.PaymentMethod = Lead.Interest.PaymentMethod;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Cancel.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var request = new OrderRequest(Input.OrderDate ?? Today, Input.Model, Input.Configuration, Input.Colour,
            Input.AgreedPrice ?? 0, Input.Deposit ?? 0, Input.PaymentMethod, Input.TradeIn, Input.ExpectedDeliveryDate,
            Input.ContractNumber);
        if (!ModelState.TryDomain(Localizer, () => Lead.PlaceOrder(request, Policy, Today, User.GetUserId(), Calendar.Now)))
        {
            return Page();
        }

        return await SaveAndReturnAsync("Order.Saved");
    }

    public async Task<IActionResult> OnPostCancelAsync(long id)
    {
        if (await LoadForEditAsync(id) is { } refusal)
        {
            return refusal;
        }

        // The order form's fields are not posted here, so their binding falls back to unprefixed names ("Model",
        // "Deposit"): everything but this form's own fields and the row version is dropped, not only "Input.*".
        foreach (var key in ModelState.Keys
                     .Where(k => !k.StartsWith("Cancel.", StringComparison.Ordinal) && k != nameof(Version)).ToList())
        {
            ModelState.Remove(key);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var order = Lead.OpenOrder;
        var grade = order?.GradeBefore ?? Lead.Grade;
        var next = new PlanRequest(Cancel.NextDate ?? Policy.DefaultNextPlanDate(grade, Today), null, ContactMethod.Phone,
            PlanPurpose.RelationshipCare, null, Cancel.LateReason);
        if (!ModelState.TryDomain(Localizer, () => Lead.CancelOrder(Cancel.Reason, Cancel.DepositRefunded, next, Policy,
                Today, User.GetUserId(), Calendar.Now), "Cancel"))
        {
            return Page();
        }

        return await SaveAndReturnAsync("Order.Cancelled");
    }

    public sealed class OrderInput
    {
        [Display(Name = "Order.OrderDate")]
        public DateOnly? OrderDate { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Order.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Order.Model")]
        public string? Model { get; set; }

        [StringLength(Order.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Lead.Configuration")]
        public string? Configuration { get; set; }

        [StringLength(Order.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Lead.Colour")]
        public string? Colour { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Order.AgreedPrice")]
        public decimal? AgreedPrice { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Order.Deposit")]
        public decimal? Deposit { get; set; }

        [Display(Name = "Lead.PaymentMethod")]
        public PaymentMethod PaymentMethod { get; set; }

        [StringLength(Order.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Lead.TradeInCar")]
        public string? TradeIn { get; set; }

        [Display(Name = "Order.ExpectedDeliveryDate")]
        public DateOnly? ExpectedDeliveryDate { get; set; }

        [StringLength(50, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Order.ContractNumber")]
        public string? ContractNumber { get; set; }
    }

    public sealed class CancelInput
    {
        [StringLength(Order.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Order.CancelReason")]
        public string? Reason { get; set; }

        [Display(Name = "Order.DepositRefunded")]
        public bool DepositRefunded { get; set; }

        [Display(Name = "Plan.DueDate")]
        public DateOnly? NextDate { get; set; }

        [StringLength(200, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Plan.LateReason")]
        public string? LateReason { get; set; }
    }
}
