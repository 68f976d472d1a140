namespace DealerCrm.Domain.Leads;

/// <summary>
/// How a lead converts (spec 6.2, 004: 转换周期从每个潜在客户的创建日期开始计算): the conversion windows run from the
/// instant the card was made for whole calendar months on the store's clock, ending at the same local time that many
/// months later (a card made on 31 January at 10:00 has its 1-month window end on 28/29 February at 10:00) and
/// including that instant. A lead is converted within a window when its delivery falls in it; a lead not delivered yet
/// whose window has not ended is pending — neither converted nor lost. Days from card to order or delivery are the
/// store's calendar days between them.
/// </summary>
public static class ConversionRules
{
    /// <summary>The windows the conversion report shows, in months.</summary>
    public static IReadOnlyList<int> WindowMonths { get; } = [1, 3];

    /// <summary>The last instant of the window of <paramref name="months"/> months from the card's creation.</summary>
    public static DateTimeOffset WindowEnd(DateTimeOffset createdAt, TimeZoneInfo zone, int months)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(createdAt, zone).DateTime.AddMonths(months);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // A local time skipped by a daylight-saving change does not exist: the window ends an hour later.
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>Delivered inside the window (its end included).</summary>
    public static bool DeliveredWithin(DateTimeOffset createdAt, DateTimeOffset? deliveredAt, TimeZoneInfo zone,
        int months) =>
        deliveredAt is { } at && at <= WindowEnd(createdAt, zone, months);

    /// <summary>Not delivered, and the window has not ended at <paramref name="now"/>: shown apart, not lost.</summary>
    public static bool Pending(DateTimeOffset createdAt, DateTimeOffset? deliveredAt, TimeZoneInfo zone, int months,
        DateTimeOffset now) =>
        deliveredAt is null && now <= WindowEnd(createdAt, zone, months);

    /// <summary>Store calendar days from the card's day to <paramref name="to"/> (0 on the same day).</summary>
    public static int DaysFromCard(DateOnly cardDay, DateOnly to) => to.DayNumber - cardDay.DayNumber;

    /// <summary>The median of whole days (the mean of the middle two for an even count); null for none.</summary>
    public static double? Median(IReadOnlyCollection<int> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            return null;
        }

        var sorted = days.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
