namespace DealerCrm.Bench;

/// <summary>The arithmetic of the benchmark, kept pure so it is tested: percentiles, spreads over rounds, verdicts.</summary>
public static class Stats
{
    /// <summary>
    /// The nearest-rank percentile (the smallest value with at least <paramref name="percent"/>% of the values at or
    /// below it), the definition that never invents a value that was not measured. Null for no values.
    /// </summary>
    public static double? Percentile(IReadOnlyList<double> values, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>Min, median and max of a figure over rounds (the median of an even count is the lower middle).</summary>
    public static Spread? Spread(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
        return known.Length == 0 ? null : new Spread(known[0], known[(known.Length - 1) / 2], known[^1]);
    }

    /// <summary>A ratio of two medians; null when either is unknown or the denominator is zero.</summary>
    public static double? Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d > 0 ? n / d : null;

    /// <summary>✓ when the measured value meets the bar, ✗ when it misses, "?" when nothing was measured.</summary>
    public static string AtMost(double? value, double bar) => value is null ? "?" : value <= bar ? "✓" : "✗";

    public static string AtLeast(double? value, double bar) => value is null ? "?" : value >= bar ? "✓" : "✗";
}

public sealed record Spread(double Min, double Median, double Max);
