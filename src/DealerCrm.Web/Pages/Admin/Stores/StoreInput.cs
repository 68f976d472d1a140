using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Stores;

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

    [Display(Name = "Field.WorkDays")]
    public List<DayOfWeek> Days { get; set; } = [.. WeekDays.Take(6)];

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Opens")]
    public TimeOnly? Opens { get; set; } = WorkingHours.Default.Opens;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Closes")]
    public TimeOnly? Closes { get; set; } = WorkingHours.Default.Closes;

    public uint Version { get; set; }

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
