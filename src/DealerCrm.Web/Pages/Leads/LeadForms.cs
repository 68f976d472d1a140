using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>Interest and needs analysis (5W2H), as posted by the card and lead pages.</summary>
public sealed class LeadInterestInput
{
    public static IReadOnlySet<string> FieldNames { get; } =
        typeof(LeadInterestInput).GetProperties().Select(p => p.Name).ToHashSet();

    [StringLength(LeadInterest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.IntendedModel")]
    public string? IntendedModel { get; set; }

    [StringLength(LeadInterest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.Configuration")]
    public string? Configuration { get; set; }

    [StringLength(LeadInterest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.Colour")]
    public string? Colour { get; set; }

    [StringLength(LeadInterest.TextMaxLength * 2, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.CompetitorModels")]
    public string? CompetitorModels { get; set; }

    [StringLength(LeadInterest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.IntendedUse")]
    public string? IntendedUse { get; set; }

    [Display(Name = "Lead.PurchaseType")]
    public PurchaseType PurchaseType { get; set; }

    /// <summary>The lead's project (6.2): kept on the lead itself, not in its interest record.</summary>
    [Display(Name = "Lead.Project")]
    public LeadProject Project { get; set; }

    // Typed as decimal: an int range would overflow converting 99999999999999999999 and answer 500.
    [Range(typeof(decimal), "0", "100000000", ErrorMessage = "Lead.BudgetRange", ParseLimitsInInvariantCulture = true)]
    [Display(Name = "Lead.Budget")]
    public decimal? Budget { get; set; }

    [Display(Name = "Lead.PaymentMethod")]
    public PaymentMethod PaymentMethod { get; set; }

    [Display(Name = "Lead.HasTradeIn")]
    public bool HasTradeIn { get; set; }

    [StringLength(LeadInterest.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.TradeInCar")]
    public string? TradeInCar { get; set; }

    [Display(Name = "Lead.ExpectedPurchaseDate")]
    public DateOnly? ExpectedPurchaseDate { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.WhoBuys")]
    public string? WhoBuys { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.WhoDecides")]
    public string? WhoDecides { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.WhoInfluences")]
    public string? WhoInfluences { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.Why")]
    public string? Why { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.When")]
    public string? When { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.What")]
    public string? What { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.HeardOfUsFrom")]
    public string? HeardOfUsFrom { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.HowToPay")]
    public string? HowToPay { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.HowMuch")]
    public string? HowMuch { get; set; }

    [StringLength(NeedsAnalysis.TextMaxLength * 2, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.OtherNeeds")]
    public string? OtherNeeds { get; set; }

    public static LeadInterestInput From(Lead lead) => new()
    {
        IntendedModel = lead.Interest.IntendedModel,
        Configuration = lead.Interest.Configuration,
        Colour = lead.Interest.Colour,
        CompetitorModels = lead.Interest.CompetitorModels,
        IntendedUse = lead.Interest.IntendedUse,
        PurchaseType = lead.Interest.PurchaseType,
        Project = lead.Project,
        Budget = lead.Interest.Budget,
        PaymentMethod = lead.Interest.PaymentMethod,
        HasTradeIn = lead.Interest.HasTradeIn,
        TradeInCar = lead.Interest.TradeInCar,
        ExpectedPurchaseDate = lead.Interest.ExpectedPurchaseDate,
        WhoBuys = lead.Needs.WhoBuys,
        WhoDecides = lead.Needs.WhoDecides,
        WhoInfluences = lead.Needs.WhoInfluences,
        Why = lead.Needs.Why,
        When = lead.Needs.When,
        What = lead.Needs.What,
        HeardOfUsFrom = lead.Needs.HeardOfUsFrom,
        HowToPay = lead.Needs.HowToPay,
        HowMuch = lead.Needs.HowMuch,
        OtherNeeds = lead.Needs.OtherNeeds,
    };

    public LeadInterest ToInterest() => new()
    {
        IntendedModel = IntendedModel,
        Configuration = Configuration,
        Colour = Colour,
        CompetitorModels = CompetitorModels,
        IntendedUse = IntendedUse,
        PurchaseType = PurchaseType,
        Budget = Budget,
        PaymentMethod = PaymentMethod,
        HasTradeIn = HasTradeIn,
        TradeInCar = TradeInCar,
        ExpectedPurchaseDate = ExpectedPurchaseDate,
    };

    public NeedsAnalysis ToNeeds() => new()
    {
        WhoBuys = WhoBuys,
        WhoDecides = WhoDecides,
        WhoInfluences = WhoInfluences,
        Why = Why,
        When = When,
        What = What,
        HeardOfUsFrom = HeardOfUsFrom,
        HowToPay = HowToPay,
        HowMuch = HowMuch,
        OtherNeeds = OtherNeeds,
    };
}

/// <summary>The grade with the checklist of typical signs that supports it (spec 1.4).</summary>
public sealed class GradeInput
{
    public static IReadOnlyList<Grade> Choices { get; } =
        [Domain.Leads.Grade.H, Domain.Leads.Grade.A, Domain.Leads.Grade.B, Domain.Leads.Grade.C];

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Lead.Grade")]
    public Grade? Grade { get; set; }

    [Display(Name = "Lead.Signs")]
    public List<GradeSign> Signs { get; set; } = [];

    [StringLength(Lead.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Lead.GradeReason")]
    public string? GradeReason { get; set; }
}

/// <summary>The next follow-up plan: the first one when a card is made.</summary>
public sealed class PlanInput
{
    [Display(Name = "Plan.DueDate")]
    public DateOnly? DueDate { get; set; }

    [Display(Name = "Plan.DueTime")]
    public TimeOnly? DueTime { get; set; }

    [Display(Name = "Plan.Method")]
    public ContactMethod Method { get; set; }

    [Display(Name = "Plan.Purpose")]
    public PlanPurpose Purpose { get; set; }

    [StringLength(FollowUpPlan.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Plan.Note")]
    public string? Note { get; set; }

    [StringLength(FollowUpPlan.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Plan.LateReason")]
    public string? LateReason { get; set; }
}
