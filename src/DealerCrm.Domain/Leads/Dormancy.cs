namespace DealerCrm.Domain.Leads;

/// <summary>
/// What the dormancy rule (休眠客户, spec 3.5) looks at for one lead: its status, grade and open order, when it was
/// created, its last grade change and the customer's last showroom visit or call.
/// </summary>
public sealed record DormancyFacts(
    LeadStatus Status,
    Grade Grade,
    bool HasOpenOrder,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastGradeChangeAt,
    DateTimeOffset? LastVisitAt)
{
    /// <summary>The last sign of movement: the latest of creation, grade change and visit.</summary>
    public DateTimeOffset QuietSince =>
        new[] { CreatedAt, LastGradeChangeAt ?? CreatedAt, LastVisitAt ?? CreatedAt }.Max();
}

/// <summary>
/// 休眠 (spec 3.5): an Active C-grade lead without an open order whose grade has not changed, and whose customer has
/// neither walked in nor called, for the store's number of days (default 90), counted since the card was created.
/// Follow-up records by the consultant do not count as movement: a C lead called every fortnight without progress is
/// exactly the lead that clogs the daily list.
/// </summary>
public static class DormancyRule
{
    public const int DefaultDays = 90;
    public const int MinDays = 30;
    public const int MaxDays = 365;

    /// <summary>Nothing may have happened after this instant for a lead to be eligible.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, int days) => now.AddDays(-days);

    public static bool IsEligible(DormancyFacts facts, DateTimeOffset now, int days) =>
        facts.Status == LeadStatus.Active
        && facts.Grade == Grade.C
        && !facts.HasOpenOrder
        && facts.QuietSince <= Cutoff(now, days);
}
