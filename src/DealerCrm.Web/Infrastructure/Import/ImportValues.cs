using System.Globalization;
using DealerCrm.Domain.Common;

namespace DealerCrm.Web.Infrastructure.Import;

/// <summary>How every import reads times, dates and yes/no cells, so a file means the same in every kind.</summary>
public static class ImportValues
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm", "yyyy-MM-dd H:mm:ss", "yyyy/M/d H:mm",
        "yyyy/M/d H:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy-MM-dd", "yyyy/M/d",
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyyMMdd", "yyyy.M.d"];

    /// <summary>
    /// A time as the store's local time ("2026-11-20 09:30"), unless an offset is written ("...T09:30:00+08:00",
    /// "...Z"), which is taken as written. Years nobody means (before 1900, past 2100) are unreadable.
    /// </summary>
    public static bool TryParseTime(string? text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(zone);
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            // 0001-01-01 in a +08:00 store has no instant at all: a date nobody means is refused like any unreadable one.
            if (!UserDates.IsSane(local))
            {
                return false;
            }

            value = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return true;
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mmK", "yyyy-MM-dd HH:mm:ssK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && UserDates.IsSane(value.UtcDateTime);
    }

    /// <summary>A calendar date (an insurance expiry, an inspection date): "2027-03-31", "2027/3/31", "20270331".</summary>
    public static bool TryParseDate(string? text, out DateOnly value)
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text)
            && DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && UserDates.IsSane(value);
    }

    /// <summary>是/否, Y/N, yes/no, true/false, 1/0 (any case); null when the cell says none of these.</summary>
    public static bool? ParseYesNo(string text) =>
        text.Trim().ToUpperInvariant() switch
        {
            "是" or "Y" or "YES" or "TRUE" or "1" or "接受" => true,
            "否" or "N" or "NO" or "FALSE" or "0" or "不接受" => false,
            _ => null,
        };
}
