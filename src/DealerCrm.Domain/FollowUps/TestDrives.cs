using System.Linq.Expressions;

namespace DealerCrm.Domain.FollowUps;

/// <summary>
/// 试驾: the one definition of a test drive in the data (issue 15): a follow-up record with the result
/// <see cref="FollowUpResult.TestDriveDone"/>. The daily report counts such records on their day; the conversion
/// funnel counts the leads that have one.
/// </summary>
public static class TestDrives
{
    public const FollowUpResult Result = FollowUpResult.TestDriveDone;

    public static Expression<Func<FollowUpRecord, bool>> IsTestDrive { get; } = r => r.Result == Result;
}
