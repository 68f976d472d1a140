using System.Globalization;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// One history line as a sentence in the reader's language, from the event's typed columns: what changed, from what
/// to what ("Status: Active → Won", "Consultant: 李明 → 张伟", "Delivered: VIN …, price ¥…"). A line written before
/// the columns existed, whose details could not be recovered, says what happened without them.
/// </summary>
public static class LeadHistory
{
    public static string Describe(LeadEvent e, IStringLocalizer l, Func<long, string> nameOf)
    {
        var text = e.Kind switch
        {
            LeadEventKind.Created when e.ToGrade is { } grade =>
                l["History.Created", grade, nameOf(e.ToOwnerId ?? e.ActorId)],
            LeadEventKind.GradeChanged when e is { FromGrade: { } from, ToGrade: { } to } =>
                l["History.Grade", from, to],
            LeadEventKind.StatusChanged when e is { FromStatus: { } from, ToStatus: { } to } =>
                l["History.Status", l.Text(from), l.Text(to)],
            LeadEventKind.OwnerChanged when e is { FromOwnerId: { } from, ToOwnerId: { } to } =>
                l["History.Owner", nameOf(from), nameOf(to)],
            LeadEventKind.PlanScheduled when e.PlanDate is { } due => l["History.PlanScheduled", Date(due)],
            LeadEventKind.FollowUpRecorded when e.FollowUpResult is { } result =>
                l["History.FollowUpRecorded", l.Text(result)],
            LeadEventKind.OrderPlaced when e.Order is { } order =>
                l["History.OrderPlaced", order.Model, Money(order.AgreedPrice), Money(order.Deposit)],
            LeadEventKind.OrderPlaced when e.Amount is { } deposit => l["History.OrderPlacedDeposit", Money(deposit)],
            LeadEventKind.OrderCancelled when e.Order is { } order =>
                l[order.DepositRefunded == true ? "History.OrderCancelledRefunded" : "History.OrderCancelledKept",
                    order.Model, Money(order.Deposit)],
            LeadEventKind.Delivered when e is { Vin: { } vin, Amount: { } price } =>
                l["History.Delivered", vin, Money(price)],
            LeadEventKind.Rescued when e is { ToOwnerId: { } owner, PlanDate: { } due } =>
                l["History.Rescued", nameOf(owner), Date(due)],
            LeadEventKind.DuplicateClaimRequested when e.ToOwnerId is { } requester =>
                l["History.DuplicateClaim", nameOf(requester), e.FromOwnerId is { } owner ? nameOf(owner) : "?"],
            LeadEventKind.InterestUpdated or LeadEventKind.NeedsUpdated when e.Field is { } field =>
                l[e.Kind == LeadEventKind.InterestUpdated ? "History.InterestField" : "History.NeedsField",
                    l[$"Lead.{field}"].Value, Value(l, field, e.FromText), Value(l, field, e.ToText)],
            _ => null,
        };
        return text?.Value ?? l.Text(e.Kind);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("#,0.##", CultureInfo.CurrentCulture);

    /// <summary>A changed field's value as the card shows it: enums and yes/no in the reader's language.</summary>
    private static string Value(IStringLocalizer l, string field, string? value) => (field, value) switch
    {
        (_, null) => l["History.Empty"].Value,
        (nameof(LeadInterest.PurchaseType), _) => l[$"Enum.{nameof(PurchaseType)}.{value}"].Value,
        (nameof(Lead.Project), _) => l[$"Enum.{nameof(LeadProject)}.{value}"].Value,
        (nameof(LeadInterest.PaymentMethod), _) => l[$"Enum.{nameof(PaymentMethod)}.{value}"].Value,
        (nameof(LeadInterest.HasTradeIn), _) => l[value == "true" ? "Common.Yes" : "Common.No"].Value,
        _ => value,
    };
}
