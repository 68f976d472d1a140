namespace DealerCrm.Domain.Stores;

[Flags]
#pragma warning disable CA1714 // a flags enum of days reads naturally in the plural
public enum WorkDays
#pragma warning restore CA1714
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    MondayToSaturday = Monday | Tuesday | Wednesday | Thursday | Friday | Saturday,
}

public static class WorkDaysExtensions
{
    public static WorkDays ToWorkDay(this DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => WorkDays.Monday,
        DayOfWeek.Tuesday => WorkDays.Tuesday,
        DayOfWeek.Wednesday => WorkDays.Wednesday,
        DayOfWeek.Thursday => WorkDays.Thursday,
        DayOfWeek.Friday => WorkDays.Friday,
        DayOfWeek.Saturday => WorkDays.Saturday,
        _ => WorkDays.Sunday,
    };

    public static bool Includes(this WorkDays days, DayOfWeek day) => (days & day.ToWorkDay()) != 0;

    /// <summary>The Monday of the (Monday-to-Sunday) week holding <paramref name="day"/>: the one definition of a
    /// store's week, for the loyalty page's weeks and the replacement leads' weekly caps.</summary>
    public static DateOnly MondayOfWeek(this DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
