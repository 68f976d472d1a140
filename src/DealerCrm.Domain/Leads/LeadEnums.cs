namespace DealerCrm.Domain.Leads;

/// <summary>意向级别 (spec 1.4). Ordered hottest first: O (order signed), H, A, B, C.</summary>
public enum Grade
{
    O = 0,
    H = 1,
    A = 2,
    B = 3,
    C = 4,
}

public enum LeadStatus
{
    Active = 0,
    Ordered = 1,
    Won = 2,
    DefeatPending = 3,
    Defeated = 4,
    Dormant = 5,
    Invalid = 6,
}

public enum SourceChannel
{
    ShowroomWalkIn = 0,
    ShowroomCall = 1,
    DealerWebsite = 2,
    ManufacturerAssigned = 3,
    InternetPlatform = 4,
    OwnerReferral = 5,
    FriendsAndFamily = 6,
    EventExhibition = 7,
    OutboundDevelopment = 8,
    ExistingOwner = 9,
    VipInformant = 10,
    InternalInformant = 11,

    /// <summary>保有客户 / 基盘: an owner offered a replacement car by the weekly replacement leads job (issue 14).</summary>
    OwnerReplacement = 12,
}

public enum PurchaseType
{
    Unknown = 0,
    First = 1,
    Replacement = 2,
    Additional = 3,
}

public enum PaymentMethod
{
    Unknown = 0,
    Full = 1,
    Loan = 2,
    Lease = 3,
}

/// <summary>The typical signs of each grade (spec 1.4), shown as a checklist on the card.</summary>
public enum GradeSign
{
    ModelAndColourChosen = 1,
    PriceAgreed = 2,
    PaymentClear = 3,
    TradeInInProgress = 4,
    PurchaseDateFixed = 5,
    ModelChosen = 11,
    PriceNotAgreedYet = 12,
    MoneyArrivesSoon = 13,
    AsksAboutLoanInsuranceService = 14,
    PriceRangeFixed = 21,
    BrandOrBodyStyleNotChosen = 22,
    ComparingOptions = 23,
    NeedJustAppeared = 31,
    NoClearIdeaOfPriceOrModel = 32,
}

/// <summary>The grade checklist; the status and date rules of leads are in LeadRules.cs.</summary>
public static partial class LeadRules
{
    public static IReadOnlyDictionary<Grade, GradeSign[]> SignsByGrade { get; } = new Dictionary<Grade, GradeSign[]>
    {
        [Grade.H] =
        [
            GradeSign.ModelAndColourChosen, GradeSign.PriceAgreed, GradeSign.PaymentClear,
            GradeSign.TradeInInProgress, GradeSign.PurchaseDateFixed,
        ],
        [Grade.A] =
        [
            GradeSign.ModelChosen, GradeSign.PriceNotAgreedYet, GradeSign.MoneyArrivesSoon,
            GradeSign.AsksAboutLoanInsuranceService,
        ],
        [Grade.B] = [GradeSign.PriceRangeFixed, GradeSign.BrandOrBodyStyleNotChosen, GradeSign.ComparingOptions],
        [Grade.C] = [GradeSign.NeedJustAppeared, GradeSign.NoClearIdeaOfPriceOrModel],
    };

    /// <summary>
    /// The grade the ticked signs point to: the one with the largest share of its signs ticked, the hotter grade on
    /// a tie; none when nothing is ticked. O is never suggested: it comes from an order.
    /// </summary>
    public static Grade? SuggestGrade(IEnumerable<GradeSign> ticked)
    {
        var set = ticked.ToHashSet();
        if (set.Count == 0)
        {
            return null;
        }

        return SignsByGrade
            .Select(g => (Grade: g.Key, Share: g.Value.Count(set.Contains) / (double)g.Value.Length))
            .Where(g => g.Share > 0)
            .OrderByDescending(g => g.Share)
            .ThenBy(g => g.Grade)
            .Select(g => (Grade?)g.Grade)
            .FirstOrDefault();
    }
}

/// <summary>
/// The project a lead belongs to (spec 6.2, S0201: 厂家活动 / 本地活动 / 大客户): none, a manufacturer campaign, a local
/// dealer campaign, or fleet sales. Set on the card; the conversion report groups by it.
/// </summary>
public enum LeadProject
{
    None = 0,
    ManufacturerCampaign = 1,
    LocalCampaign = 2,
    FleetSales = 3,
}
