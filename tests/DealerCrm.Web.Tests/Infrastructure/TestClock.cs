using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// The suite's one source of "now". Each test starts from <see cref="StartOfTest"/>: the instant in
/// <c>DEALERCRM_TEST_NOW</c> when it is set (so the whole suite can be run at a month end, a store midnight or
/// 29 February), otherwise the real time when the test starts. Nothing else in the tests reads the system clock.
/// </summary>
public static class TestClock
{
    public const string Variable = "DEALERCRM_TEST_NOW";

    /// <summary>The pinned instant from the environment, or null when the suite runs at the real time.</summary>
    public static DateTimeOffset? Fixed { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    public static TimeZoneInfo Shanghai { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset StartOfTest() => Fixed ?? TimeProvider.System.GetUtcNow();

    /// <summary>A fake clock standing still at the start of the test; the test moves it on with Advance.</summary>
    public static FakeTimeProvider NewFake() => new(StartOfTest());

    /// <summary>The UTC instant of a wall time in Shanghai (the stores' default zone).</summary>
    public static DateTimeOffset ShanghaiInstant(DateTime local) =>
        new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Shanghai.GetUtcOffset(local))
            .ToUniversalTime();

    private static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out var instant)
            ? instant.ToUniversalTime()
            : throw new InvalidOperationException(
                $"{Variable}='{value}' is not an instant; use ISO 8601, e.g. 2027-01-01T00:02:00+08:00");
    }
}

/// <summary>
/// The TimeProvider the app under test is given: its "now" is the fake clock the current test pinned, so the
/// pages, jobs and the test's own builders agree on the instant. Timers and timestamps stay real, so nothing in
/// the host waits on a clock that does not move.
/// </summary>
public sealed class PinnedTestTime : TimeProvider
{
    private FakeTimeProvider _current = TestClock.NewFake();

    public FakeTimeProvider Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();
}
