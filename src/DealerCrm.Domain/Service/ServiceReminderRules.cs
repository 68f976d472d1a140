using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;

namespace DealerCrm.Domain.Service;

/// <summary>
/// One vehicle as the service reminders see it: its status, the day the first-maintenance window runs from (the
/// delivery date, else the purchase date; null when neither is known), the next annual inspection, the insurance
/// expiry, and its visits (store-local day, mileage, maintenance or not: the loyalty rules' own visit).
/// </summary>
public sealed record ReminderVehicle(long VehicleId, VehicleStatus Status, DateOnly? HandedOver,
    DateOnly? NextInspection, DateOnly? InsuranceExpiry, IReadOnlyList<LoyaltyVisit> Visits);

/// <summary>
/// One reason due: what falls due on <paramref name="DueDate"/>, the day the call is due (<paramref name="CallDay"/>),
/// and <paramref name="CycleStart"/>: a reminder of the same vehicle and reason with a due date after this day means
/// this one was already made (its due date has only moved since — a new visit changed the projected mileage, an
/// insurance date was corrected), so no second call is made for it.
/// </summary>
public sealed record DueReminder(ServiceReminderReason Reason, DateOnly DueDate, DateOnly CallDay, DateOnly CycleStart);

/// <summary>
/// The service reminder rules (spec 5.1, issue 14; docs/decisions.md "Issue 14 — service reminders job"), the one
/// definition the daily job says again in SQL (a test compares both over a generated set of vehicles).
/// <list type="bullet">
/// <item>Only vehicles in use; visits after today are not seen.</item>
/// <item>First maintenance (no maintenance visit — 首保 or 保养 — yet, and a delivery or purchase date known): due at
/// the end of the first-maintenance window (<see cref="LoyaltySettings.FirstMaintenanceMonths"/>), or earlier on the
/// day the mileage projected from 0 km at hand-over reaches the store's mileage interval.</item>
/// <item>Maintenance: the last maintenance day plus the time interval, or plus the days the mileage interval takes at
/// the car's km per day, whichever first — exactly <see cref="LoyaltyRules.IntervalDays"/> (km per day across all the
/// car's visits; with fewer than two readings, time only; never fewer than
/// <see cref="LoyaltyRules.MinimumIntervalDays"/> days).</item>
/// <item>Annual inspection: the vehicle's next inspection date. Insurance expiring: the expiry date.</item>
/// <item>The call: <see cref="CallDaysBefore"/> days before the due date (first maintenance, maintenance, inspection:
/// time to book before it falls due), and <see cref="CallbackSettings.InsuranceReminderDays"/> before an expiry.</item>
/// <item>A reason is made in the run whose week (the store's today and the six days after) contains its call day.</item>
/// </list>
/// </summary>
public static class ServiceReminderRules
{
    /// <summary>The run's week: the store's today and the six days after it.</summary>
    public const int WeekDays = 7;

    /// <summary>First maintenance, maintenance and inspection are called this many days before they fall due.</summary>
    public const int CallDaysBefore = 7;

    /// <summary>An inspection or insurance reminder whose date moved by less than this is the same one, not a new one
    /// (both come round yearly at the soonest).</summary>
    public const int DatedReasonCycleDays = 180;

    /// <summary>Every reason's due date, call day and cycle on <paramref name="today"/> (store-local).</summary>
    public static IReadOnlyList<DueReminder> DueDates(ReminderVehicle vehicle, LoyaltySettings loyalty,
        CallbackSettings callbacks, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(loyalty);
        ArgumentNullException.ThrowIfNull(callbacks);
        var due = new List<DueReminder>();
        if (vehicle.Status != VehicleStatus.InUse)
        {
            return due;
        }

        var visits = vehicle.Visits.Where(v => v.Date <= today).ToList();
        var maintenances = visits.Where(v => v.IsMaintenance).Select(v => v.Date).ToList();
        if (maintenances.Count == 0)
        {
            if (vehicle.HandedOver is { } handedOver)
            {
                var byTime = handedOver.AddMonths(loyalty.FirstMaintenanceMonths);
                var byMileage = LoyaltyRules.MileageDays(visits, loyalty.IntervalKm) is { } days
                                && days < byTime.DayNumber - handedOver.DayNumber
                    ? handedOver.AddDays((int)Math.Max(LoyaltyRules.MinimumIntervalDays, days))
                    : byTime;
                due.Add(new DueReminder(ServiceReminderReason.FirstMaintenance, byMileage,
                    byMileage.AddDays(-CallDaysBefore), DateOnly.MinValue));
            }
        }
        else
        {
            var last = maintenances.Max();
            var next = LoyaltyRules.IntervalDays(visits, last, loyalty) is { } days
                ? last.AddDays(days)
                : last.AddMonths(loyalty.IntervalMonths);
            due.Add(new DueReminder(ServiceReminderReason.Maintenance, next, next.AddDays(-CallDaysBefore), last));
        }

        if (vehicle.NextInspection is { } inspection)
        {
            due.Add(new DueReminder(ServiceReminderReason.AnnualInspection, inspection,
                inspection.AddDays(-CallDaysBefore), inspection.AddDays(-DatedReasonCycleDays)));
        }

        if (vehicle.InsuranceExpiry is { } expiry)
        {
            due.Add(new DueReminder(ServiceReminderReason.InsuranceExpiring, expiry,
                expiry.AddDays(-callbacks.InsuranceReminderDays), expiry.AddDays(-DatedReasonCycleDays)));
        }

        return due;
    }

    /// <summary>The reasons whose call falls in the week of <paramref name="today"/>: what a run on that day makes.</summary>
    public static IReadOnlyList<DueReminder> DueThisWeek(ReminderVehicle vehicle, LoyaltySettings loyalty,
        CallbackSettings callbacks, DateOnly today) =>
        DueDates(vehicle, loyalty, callbacks, today).Where(r => InWeek(r.CallDay, today)).ToList();

    public static bool InWeek(DateOnly callDay, DateOnly today) =>
        callDay >= today && callDay < today.AddDays(WeekDays);

    /// <summary>
    /// The day the task is due for a call falling on <paramref name="callDay"/>: that day if the store is open, else the
    /// last working day before it (a reminder comes early, not late), but not before <paramref name="today"/>; if the
    /// store is closed from today through the call day, the next working day after it.
    /// </summary>
    public static DateOnly TaskDueDay(WorkingCalendar calendar, DateOnly callDay, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        for (var day = callDay; day >= today; day = day.AddDays(-1))
        {
            if (calendar.IsWorkingDay(day))
            {
                return day;
            }
        }

        return calendar.NextWorkingDay(callDay);
    }

    /// <summary>The task's idempotency key (per customer and type): its due day and the first reason it carries.</summary>
    public static string OccasionKey(DateOnly taskDue, long vehicleId, ServiceReminderReason reason) =>
        string.Create(CultureInfo.InvariantCulture, $"sr:{taskDue:yyyyMMdd}:{vehicleId}:{(int)reason}");
}
