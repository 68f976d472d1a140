using DealerCrm.Domain.Stores;

namespace DealerCrm.Domain.Complaints;

/// <summary>
/// The limits of 4.4 for one store: "working" limits (half a working day, one working day) through the store's
/// <see cref="WorkingCalendar"/> in its time zone; 24 h, 7 d and 21 d as calendar time. The one place a complaint
/// or grievance deadline is computed.
/// </summary>
public sealed class ComplaintClock
{
    public static readonly TimeSpan FirstContactLimit = TimeSpan.FromHours(24);
    public static readonly TimeSpan PortalUpdateLimit = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResolutionLimit = TimeSpan.FromDays(7);
    public static readonly TimeSpan ReHandlingLimit = TimeSpan.FromDays(21);

    public ComplaintClock(WorkingCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        Calendar = calendar;
        Zone = zone;
    }

    public WorkingCalendar Calendar { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Half a working day after <paramref name="start"/>: half of the scheduled hours of the working day
    /// the clock starts in, counted in working time (a start outside hours begins at the next opening).</summary>
    public DateTimeOffset HalfWorkingDayAfter(DateTimeOffset start) => InZone(start, Calendar.AddHalfWorkingDay);

    /// <summary>One working day after <paramref name="start"/>: the scheduled hours of the working day the clock
    /// starts in, counted in working time.</summary>
    public DateTimeOffset WorkingDayAfter(DateTimeOffset start) => InZone(start, Calendar.AddWorkingDay);

    /// <summary>The deadline of a step of <paramref name="type"/> for an item received at <paramref name="receivedAt"/>,
    /// or null for a step without a limit. <paramref name="from"/> is where a relative limit starts (the grievance's
    /// submission for the manager's call).</summary>
    public DateTimeOffset? DeadlineOf(ComplaintStepType type, DateTimeOffset receivedAt, DateTimeOffset from) => type switch
    {
        ComplaintStepType.SubmittedToManagement or ComplaintStepType.Escalated => HalfWorkingDayAfter(receivedAt),
        ComplaintStepType.ManagerCalled => WorkingDayAfter(from),
        ComplaintStepType.FirstContact => receivedAt + FirstContactLimit,
        ComplaintStepType.PortalUpdated => receivedAt + PortalUpdateLimit,
        ComplaintStepType.Resolved or ComplaintStepType.ResultReported => receivedAt + ResolutionLimit,
        ComplaintStepType.ReHandled => receivedAt + ReHandlingLimit,
        _ => null,
    };

    private DateTimeOffset InZone(DateTimeOffset start, Func<DateTime, DateTime> add)
    {
        var local = TimeZoneInfo.ConvertTime(start, Zone).DateTime;
        var end = DateTime.SpecifyKind(add(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)), DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(end, Zone), TimeSpan.Zero);
    }
}
