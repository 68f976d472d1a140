namespace DealerCrm.Domain.Campaigns;

/// <summary>The contract windows of the M01 report (spec 6.5): the day of attendance, days 1–3, days 4–30.</summary>
public enum ContractWindow
{
    DayOfAttendance = 0,
    Days1To3 = 1,
    Days4To30 = 2,
}

/// <summary>
/// The campaign report's definitions (spec 6.5, decided in docs/decisions.md "Issue 15 — campaigns"), stated once:
/// days are store-local days; a contract (a non-cancelled order of an attendee) counts from the day of attendance
/// (day 0) to day <see cref="ContractDays"/>, credited to the latest campaign the customer attended on or before the
/// order's day; a lead counts as created by a contact when the customer's card was made from the store-local day of
/// its first stamp to <see cref="LeadDays"/> days after its last stamp (attendance, else invitation, else notice).
/// The report's SQL takes these numbers as parameters.
/// </summary>
public static class CampaignRules
{
    /// <summary>The last day after attendance on which a contract is credited to the campaign.</summary>
    public const int ContractDays = 30;

    /// <summary>The last day after a contact's last stamp on which a new lead of the customer counts for the campaign.</summary>
    public const int LeadDays = 30;

    /// <summary>The last day of the first window after the day of attendance (days 1–3).</summary>
    public const int EarlyDays = 3;

    /// <summary>The window of an order <paramref name="days"/> store-local days after attendance, or null outside 0–30.</summary>
    public static ContractWindow? WindowOf(int days) => days switch
    {
        0 => ContractWindow.DayOfAttendance,
        >= 1 and <= EarlyDays => ContractWindow.Days1To3,
        > EarlyDays and <= ContractDays => ContractWindow.Days4To30,
        _ => null,
    };
}
