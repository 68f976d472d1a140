using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Infrastructure.Localization;

/// <summary>A length of time as people say it: "40 min", "2 h", "9 h 55 min" (never "595 min").</summary>
public static class DurationText
{
    public static string Duration(this IStringLocalizer localizer, int minutes)
    {
        var total = Math.Max(0, minutes);
        var (hours, rest) = (total / 60, total % 60);
        return hours == 0 ? localizer["Duration.Minutes", rest].Value
            : rest == 0 ? localizer["Duration.Hours", hours].Value
            : localizer["Duration.HoursMinutes", hours, rest].Value;
    }
}
