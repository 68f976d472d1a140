using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Stores;

namespace DealerCrm.Domain.Leads;

/// <summary>
/// Replacement leads (保有客户 / 基盘, spec 5.1, issue 14): when an owner's car is old enough or has run far enough to
/// be offered a new one, and what the lead card made for them is. The weekly job expresses these rules in SQL with the
/// dates computed here; a test proves its cards equal <see cref="Lead.Create"/> of <see cref="Card"/>.
/// </summary>
public static class ReplacementRules
{
    /// <summary>A replacement card starts as C, as a card from the assignment queue does, until the consultant's first
    /// call grades it: the owner has not said they want a car yet.</summary>
    public const Grade StartingGrade = Grade.C;

    /// <summary>
    /// The latest start of a car's life (delivery, else purchase, else its first service here — a car is at least as
    /// old as its first visit) that makes it <paramref name="months"/> old on <paramref name="today"/>: a car
    /// delivered on 2 December 2024 is 24 months old on 2 December 2026.
    /// </summary>
    public static DateOnly OldEnoughIfStartedBy(DateOnly today, int months) => today.AddMonths(-months);

    public static bool IsOldEnough(DateOnly? start, DateOnly today, int months) =>
        start is { } s && s <= OldEnoughIfStartedBy(today, months);

    public static bool HasRunFarEnough(int? latestMileage, int km) => latestMileage is { } m && m >= km;

    /// <summary>
    /// An earlier offer blocks a new one while it was made after this date: offered 12 months ago to the day, the
    /// owner is offered again (<see cref="ReplacementOffer.OncePerMonths"/>).
    /// </summary>
    public static DateOnly OfferBlocksIfAfter(DateOnly today) => today.AddMonths(-ReplacementOffer.OncePerMonths);

    /// <summary>
    /// The Monday that starts the store-local week (Monday to Sunday) of <paramref name="today"/>: the weekly caps on
    /// replacement leads (<see cref="Callbacks.CallbackSettings.ReplacementWeeklyPerConsultant"/>) count the offers
    /// made from it to today.
    /// </summary>
    public static DateOnly WeekStart(DateOnly today) => today.MondayOfWeek();

    /// <summary>The owner's current car as the card's trade-in (its brand and model, cut to the field's length).</summary>
    public static string CurrentCar(string? brand, string model)
    {
        var text = string.IsNullOrWhiteSpace(brand) ? model.Trim() : $"{brand.Trim()} {model.Trim()}";
        return text.Length > LeadInterest.TextMaxLength ? text[..LeadInterest.TextMaxLength].TrimEnd() : text;
    }

    /// <summary>
    /// The card a replacement lead is: source <see cref="SourceChannel.OwnerReplacement"/>, grade C, a replacement
    /// purchase with the owner's current car as the trade-in, and a first plan — a phone call today, inviting the owner
    /// to the showroom — so it is on the consultant's day list the morning the job made it.
    /// </summary>
    public static NewLead Card(int storeId, long customerId, long consultantId, string? brand, string model,
        DateOnly today) => new()
    {
        StoreId = storeId,
        CustomerId = customerId,
        OwnerId = consultantId,
        Source = SourceChannel.OwnerReplacement,
        Interest = new LeadInterest
        {
            PurchaseType = PurchaseType.Replacement,
            HasTradeIn = true,
            TradeInCar = CurrentCar(brand, model),
        },
        Grade = StartingGrade,
        FirstPlan = FirstPlan(today),
    };

    public static PlanRequest FirstPlan(DateOnly today) =>
        new(today, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null);

    /// <summary>A car's age in whole months on <paramref name="today"/> (a month is complete on the same day of the
    /// month, or the month's last day when it has no such day).</summary>
    public static int AgeInMonths(DateOnly start, DateOnly today)
    {
        var months = ((today.Year - start.Year) * 12) + today.Month - start.Month;
        return start.AddMonths(months) > today ? months - 1 : months;
    }
}
