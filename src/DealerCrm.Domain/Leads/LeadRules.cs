using System.Linq.Expressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Leads;

/// <summary>
/// The lead rules that pages, lists, the board, jobs and bulk statements share, each decided once (docs/decisions.md,
/// "One definition per rule") and written once: as an expression EF Core translates (<c>.Where(LeadRules.Open)</c>),
/// compiled for the domain, and as values that SQL statements take as parameters (<c>status = ANY({...})</c>).
/// </summary>
public static partial class LeadRules
{
    /// <summary>
    /// 在跟 (open): the lead is still in play and belongs to its consultant — Active, Ordered or DefeatPending. A
    /// customer has at most one open lead; open leads are reassigned, counted by grade on the board and the daily list.
    /// </summary>
    public static IReadOnlyList<LeadStatus> OpenStatuses { get; } =
        [LeadStatus.Active, LeadStatus.Ordered, LeadStatus.DefeatPending];

    /// <summary>
    /// Followed: the consultant follows the lead up now — Active or Ordered. Such a lead has exactly one open plan, and
    /// only such a lead is due, overdue or out of control. A DefeatPending lead is open but not followed: its
    /// follow-up waits for the manager's decision (no follow-up can be recorded on it).
    /// </summary>
    public static IReadOnlyList<LeadStatus> FollowedStatuses { get; } = [LeadStatus.Active, LeadStatus.Ordered];

    /// <summary>The open statuses as SQL takes them: <c>l.status = ANY({LeadRules.OpenStatusValues})</c>.</summary>
    public static int[] OpenStatusValues => [.. OpenStatuses.Select(s => (int)s)];

    /// <summary>The followed statuses as SQL takes them: <c>l.status = ANY({LeadRules.FollowedStatusValues})</c>.</summary>
    public static int[] FollowedStatusValues => [.. FollowedStatuses.Select(s => (int)s)];

    /// <summary>失控 (spec 2.2): a lead more than this many days overdue is out of control.</summary>
    public const int OutOfControlAfterDays = 30;

    public static Expression<Func<Lead, bool>> Open { get; } = l => OpenStatuses.Contains(l.Status);

    public static Expression<Func<Lead, bool>> Followed { get; } = l => FollowedStatuses.Contains(l.Status);

    /// <summary>
    /// 逾期 (spec 2.2): a followed lead whose open plan was due before the store-local <c>today</c>. The lead carries
    /// its open plan's date in <see cref="Lead.NextFollowUpDate"/>, so lists and counts read the lead alone.
    /// </summary>
    public static Expression<Func<Lead, DateOnly, bool>> OverdueRule { get; } =
        (l, today) => FollowedStatuses.Contains(l.Status) && l.NextFollowUpDate < today;

    /// <summary>Due (spec 2.1, "due today", tomorrow, this week): a followed lead whose open plan falls on these days.</summary>
    public static Expression<Func<Lead, DateOnly, DateOnly, bool>> DueRule { get; } =
        (l, from, to) => FollowedStatuses.Contains(l.Status) && l.NextFollowUpDate >= from && l.NextFollowUpDate <= to;

    private static readonly Func<Lead, DateOnly, bool> IsOverdueCompiled = OverdueRule.Compile();

    private static readonly Func<Lead, DateOnly, DateOnly, bool> IsDueCompiled = DueRule.Compile();

    public static bool IsOpen(this LeadStatus status) => OpenStatuses.Contains(status);

    public static bool IsFollowed(this LeadStatus status) => FollowedStatuses.Contains(status);

    public static Expression<Func<Lead, bool>> Overdue(DateOnly today) => Predicate.Bind(OverdueRule, today);

    public static bool IsOverdue(this Lead lead, DateOnly today) => IsOverdueCompiled(lead, today);

    /// <summary>
    /// 失控: more than <see cref="OutOfControlAfterDays"/> days overdue, that is: overdue already on the day this
    /// returns. SQL compares the plan date with it: <c>next_follow_up_date &lt; {OutOfControlAsOf(today)}</c>.
    /// </summary>
    public static DateOnly OutOfControlAsOf(DateOnly today) => today.AddDays(-OutOfControlAfterDays);

    public static Expression<Func<Lead, bool>> OutOfControl(DateOnly today) => Overdue(OutOfControlAsOf(today));

    public static bool IsOutOfControlOn(this Lead lead, DateOnly today) => lead.IsOverdue(OutOfControlAsOf(today));

    public static Expression<Func<Lead, bool>> DueBetween(DateOnly from, DateOnly to) => Predicate.Bind(DueRule, from, to);

    public static bool IsDueBetween(this Lead lead, DateOnly from, DateOnly to) => IsDueCompiled(lead, from, to);
}
