namespace DealerCrm.Domain.Common;

/// <summary>
/// The one definition of a sane date typed by a person (docs/decisions.md "Dates people type"): from 1900-01-01 to
/// 2100-12-31. Wider than any birthday, purchase, plan or report period the business has, and far enough from the
/// ends of the calendar that a day added or a time zone applied never overflows, nor does PostgreSQL store a date as
/// ±infinity. Fields with a tighter rule of their own (a plan not in the past) check that as well.
/// </summary>
public static class UserDates
{
    public static DateOnly Earliest { get; } = new(1900, 1, 1);

    public static DateOnly Latest { get; } = new(2100, 12, 31);

    public static bool IsSane(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool IsSane(DateTime dateTime) => IsSane(DateOnly.FromDateTime(dateTime));
}
