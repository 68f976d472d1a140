using System.Globalization;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Leads;

/// <summary>What the prospect wants to buy (spec 1.3 "interest"). All optional; validated for length.</summary>
public sealed record LeadInterest
{
    public const int TextMaxLength = 100;

    public string? IntendedModel { get; init; }

    public string? Configuration { get; init; }

    public string? Colour { get; init; }

    public string? CompetitorModels { get; init; }

    public string? IntendedUse { get; init; }

    public PurchaseType PurchaseType { get; init; }

    public decimal? Budget { get; init; }

    public PaymentMethod PaymentMethod { get; init; }

    public bool HasTradeIn { get; init; }

    public string? TradeInCar { get; init; }

    public DateOnly? ExpectedPurchaseDate { get; init; }

    public LeadInterest Validated() => this with
    {
        IntendedModel = Text.Optional(IntendedModel, TextMaxLength, nameof(IntendedModel)),
        Configuration = Text.Optional(Configuration, TextMaxLength, nameof(Configuration)),
        Colour = Text.Optional(Colour, TextMaxLength, nameof(Colour)),
        CompetitorModels = Text.Optional(CompetitorModels, TextMaxLength * 2, nameof(CompetitorModels)),
        IntendedUse = Text.Optional(IntendedUse, TextMaxLength, nameof(IntendedUse)),
        TradeInCar = HasTradeIn ? Text.Optional(TradeInCar, TextMaxLength, nameof(TradeInCar)) : null,
        Budget = Budget is < 0 or > 100_000_000m
            ? throw new DomainException("Lead.BudgetRange", nameof(Budget))
            : Budget,
    };

    /// <summary>The fields that differ from <paramref name="before"/>, with both values, in the form's order.</summary>
    public IReadOnlyList<FieldChange> ChangesFrom(LeadInterest before) => FieldChanges.Of(
    [
        (nameof(IntendedModel), before.IntendedModel, IntendedModel),
        (nameof(Configuration), before.Configuration, Configuration),
        (nameof(Colour), before.Colour, Colour),
        (nameof(CompetitorModels), before.CompetitorModels, CompetitorModels),
        (nameof(IntendedUse), before.IntendedUse, IntendedUse),
        (nameof(PurchaseType), before.PurchaseType.ToString(), PurchaseType.ToString()),
        (nameof(Budget), FieldChanges.Invariant(before.Budget), FieldChanges.Invariant(Budget)),
        (nameof(PaymentMethod), before.PaymentMethod.ToString(), PaymentMethod.ToString()),
        (nameof(HasTradeIn), FieldChanges.Invariant(before.HasTradeIn), FieldChanges.Invariant(HasTradeIn)),
        (nameof(TradeInCar), before.TradeInCar, TradeInCar),
        (nameof(ExpectedPurchaseDate), FieldChanges.Invariant(before.ExpectedPurchaseDate),
            FieldChanges.Invariant(ExpectedPurchaseDate)),
    ]);
}

/// <summary>Needs analysis, 5W2H (spec 1.3).</summary>
public sealed record NeedsAnalysis
{
    public const int TextMaxLength = 200;

    public string? WhoBuys { get; init; }

    public string? WhoDecides { get; init; }

    public string? WhoInfluences { get; init; }

    public string? Why { get; init; }

    public string? When { get; init; }

    public string? What { get; init; }

    public string? HeardOfUsFrom { get; init; }

    public string? HowToPay { get; init; }

    public string? HowMuch { get; init; }

    public string? OtherNeeds { get; init; }

    public NeedsAnalysis Validated() => this with
    {
        WhoBuys = Text.Optional(WhoBuys, TextMaxLength, nameof(WhoBuys)),
        WhoDecides = Text.Optional(WhoDecides, TextMaxLength, nameof(WhoDecides)),
        WhoInfluences = Text.Optional(WhoInfluences, TextMaxLength, nameof(WhoInfluences)),
        Why = Text.Optional(Why, TextMaxLength, nameof(Why)),
        When = Text.Optional(When, TextMaxLength, nameof(When)),
        What = Text.Optional(What, TextMaxLength, nameof(What)),
        HeardOfUsFrom = Text.Optional(HeardOfUsFrom, TextMaxLength, nameof(HeardOfUsFrom)),
        HowToPay = Text.Optional(HowToPay, TextMaxLength, nameof(HowToPay)),
        HowMuch = Text.Optional(HowMuch, TextMaxLength, nameof(HowMuch)),
        OtherNeeds = Text.Optional(OtherNeeds, TextMaxLength * 2, nameof(OtherNeeds)),
    };

    /// <summary>The fields that differ from <paramref name="before"/>, with both values, in the form's order.</summary>
    public IReadOnlyList<FieldChange> ChangesFrom(NeedsAnalysis before) => FieldChanges.Of(
    [
        (nameof(WhoBuys), before.WhoBuys, WhoBuys),
        (nameof(WhoDecides), before.WhoDecides, WhoDecides),
        (nameof(WhoInfluences), before.WhoInfluences, WhoInfluences),
        (nameof(Why), before.Why, Why),
        (nameof(When), before.When, When),
        (nameof(What), before.What, What),
        (nameof(HeardOfUsFrom), before.HeardOfUsFrom, HeardOfUsFrom),
        (nameof(HowToPay), before.HowToPay, HowToPay),
        (nameof(HowMuch), before.HowMuch, HowMuch),
        (nameof(OtherNeeds), before.OtherNeeds, OtherNeeds),
    ]);
}

/// <summary>How a changed interest or needs field is written into the history: as typed, numbers and dates invariant.</summary>
internal static class FieldChanges
{
    public static IReadOnlyList<FieldChange> Of(IEnumerable<(string Field, string? From, string? To)> fields) =>
        fields.Where(f => !string.Equals(f.From, f.To, StringComparison.Ordinal))
            .Select(f => new FieldChange(f.Field, f.From, f.To))
            .ToList();

    public static string? Invariant(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);

    public static string? Invariant(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Invariant(bool value) => value ? "true" : "false";
}
