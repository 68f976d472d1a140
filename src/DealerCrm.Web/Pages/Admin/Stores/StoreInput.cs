using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Stores;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin.Stores;

/// <summary>What the store form posts. Turned into domain values by <see cref="ToWorkingHours"/>.</summary>
public sealed class StoreInput
{
    public static IReadOnlyList<string> TimeZoneChoices { get; } =
        ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Singapore", "UTC"];

    public static IReadOnlyList<DayOfWeek> WeekDays { get; } =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
        DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Store.CodeMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.StoreCode")]
    public string Code { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Store.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.StoreName")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.TimeZone")]
    public string TimeZoneId { get; set; } = Store.DefaultTimeZoneId;

    /// <summary>
    /// Empty unless posted: a form with no day ticked posts nothing for it, and must be refused as such, not read as
    /// a default. The new-store form starts from <see cref="NewStore"/>.
    /// </summary>
    [Display(Name = "Field.WorkDays")]
    public List<DayOfWeek> Days { get; set; } = [];

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Opens")]
    public TimeOnly? Opens { get; set; } = WorkingHours.Default.Opens;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Closes")]
    public TimeOnly? Closes { get; set; } = WorkingHours.Default.Closes;

    public uint Version { get; set; }

    /// <summary>What the new-store form offers: Monday to Saturday, the default hours.</summary>
    public static StoreInput NewStore() => new() { Days = WeekDays.Where(d => WorkDays.MondayToSaturday.Includes(d)).ToList() };

    /// <summary>The time zone's name as people read it, in the user's language, with its offset: 北京时间 (UTC+8).</summary>
    public static string TimeZoneName(IStringLocalizer localizer, string timeZoneId)
    {
        var name = localizer[$"TimeZone.{timeZoneId}"];
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            return timeZoneId;
        }

        var offset = zone.BaseUtcOffset;
        var utc = offset == TimeSpan.Zero ? "UTC"
            : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration().Hours}{(offset.Minutes != 0 ? $":{offset.Duration().Minutes:00}" : string.Empty)}";
        return name.ResourceNotFound ? $"{timeZoneId} ({utc})" : $"{name.Value} ({utc})";
    }

    public static StoreInput From(Store store) => new()
    {
        Code = store.Code,
        Name = store.Name,
        TimeZoneId = store.TimeZoneId,
        Days = WeekDays.Where(d => store.WorkingHours.Days.Includes(d)).ToList(),
        Opens = store.WorkingHours.Opens,
        Closes = store.WorkingHours.Closes,
        Version = store.Version,
    };

    /// <exception cref="DomainException">when the hours do not make a working day.</exception>
    public WorkingHours ToWorkingHours()
    {
        var days = Days.Distinct().Aggregate(WorkDays.None, (all, day) => all | day.ToWorkDay());
        return new WorkingHours(days, Opens ?? default, Closes ?? default);
    }
}

/// <summary>What the shared store form partial needs from the Create and Edit pages.</summary>
public interface IStoreForm
{
    StoreInput Input { get; }

    bool CodeEditable { get; }
}
