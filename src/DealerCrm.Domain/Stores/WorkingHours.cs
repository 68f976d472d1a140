using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Stores;

/// <summary>
/// The store's opening hours. Complaint deadlines ("half a working day", "1 working day") are counted in these.
/// </summary>
public sealed record WorkingHours
{
    public WorkingHours(WorkDays days, TimeOnly opens, TimeOnly closes)
    {
        if (days == WorkDays.None)
        {
            throw new DomainException("Store.WorkDaysRequired", nameof(Days));
        }

        if (closes <= opens)
        {
            throw new DomainException("Store.ClosesBeforeOpens", nameof(Closes));
        }

        Days = days;
        Opens = opens;
        Closes = closes;
    }

    public static WorkingHours Default { get; } =
        new(WorkDays.MondayToSaturday, new TimeOnly(8, 30), new TimeOnly(17, 30));

    public WorkDays Days { get; }

    public TimeOnly Opens { get; }

    public TimeOnly Closes { get; }

    public TimeSpan LengthOfDay => Closes - Opens;

    public bool IsWorkingDay(DateOnly date) => Days.Includes(date.DayOfWeek);

    public bool IsWorkingTime(DateTime local) =>
        IsWorkingDay(DateOnly.FromDateTime(local))
        && TimeOnly.FromDateTime(local) >= Opens
        && TimeOnly.FromDateTime(local) < Closes;
}
