using System.Text.RegularExpressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Stores;

/// <summary>
/// One showroom of the dealer group. Every row of business data belongs to exactly one store, and the store's
/// time zone decides what "today", "overdue" and "this month" mean for it.
/// </summary>
public sealed partial class Store
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 100;

    private Store()
    {
        Code = string.Empty;
        Name = string.Empty;
        TimeZoneId = DefaultTimeZoneId;
        WorkingHours = WorkingHours.Default;
    }

    public Store(string code, string name, string timeZoneId, WorkingHours workingHours, DateTimeOffset now)
        : this()
    {
        Code = NormalizeCode(code);
        Rename(name);
        ChangeTimeZone(timeZoneId);
        WorkingHours = workingHours;
        CreatedAt = now;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public string TimeZoneId { get; private set; }

    public WorkingHours WorkingHours { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>PostgreSQL xmin: two Admins editing one store cannot overwrite each other silently.</summary>
    public uint Version { get; private set; }

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static string NormalizeCode(string? code)
    {
        var trimmed = Guard.RequiredText(code, CodeMaxLength, nameof(Code), "Store.CodeRequired", "Validation.MaxLength")
            .ToUpperInvariant();
        if (!CodePattern().IsMatch(trimmed))
        {
            throw new DomainException("Store.CodeInvalid", nameof(Code));
        }

        return trimmed;
    }

    public void Rename(string? name) =>
        Name = Guard.RequiredText(name, NameMaxLength, nameof(Name), "Store.NameRequired", "Validation.MaxLength");

    public void ChangeTimeZone(string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out var zone))
        {
            throw new DomainException("Store.TimeZoneInvalid", nameof(TimeZoneId));
        }

        TimeZoneId = zone.Id;
    }

    public void ChangeWorkingHours(WorkingHours hours) => WorkingHours = hours;

    /// <summary>The store-local calendar date at the given instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    /// <summary>The UTC instant at which the given store-local date begins.</summary>
    public DateTimeOffset StartOfLocalDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, TimeZone), TimeSpan.Zero);
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial Regex CodePattern();
}
