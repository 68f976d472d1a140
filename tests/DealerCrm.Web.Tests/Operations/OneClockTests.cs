using System.Text.RegularExpressions;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>
/// The one-clock rule for SQL (the analyzer in BannedSymbols.txt covers C#): no statement the app or its tests send
/// reads PostgreSQL's clock, so a fake clock moves every "today" and "now" at once. Migrations are history and are
/// left out; a column default of now() would be the database's clock too, so it is not allowed elsewhere.
/// </summary>
public sealed partial class OneClockTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    [Fact]
    public void No_sql_in_src_or_tests_reads_the_database_clock()
    {
        var offenders = new[] { "src", "tests" }
            .Select(folder => Path.Combine(Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".sql", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.EndsWith(nameof(OneClockTests) + ".cs", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => DatabaseClock().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Root, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

        offenders.Should().BeEmpty("the time is a parameter from TimeProvider, never the database's clock");
    }

    [Fact]
    public void The_check_recognises_the_database_clock_in_its_usual_spellings()
    {
        DatabaseClock().IsMatch("WHERE due_date < current_date").Should().BeTrue();
        DatabaseClock().IsMatch("created_at > NOW() - interval '1 day'").Should().BeTrue();
        DatabaseClock().IsMatch("SET decided_at = CURRENT_TIMESTAMP").Should().BeTrue();
        DatabaseClock().IsMatch("localtimestamp, clock_timestamp(), statement_timestamp()").Should().BeTrue();
        DatabaseClock().IsMatch("var now = time.GetUtcNow();").Should().BeFalse();
        DatabaseClock().IsMatch("@now::date").Should().BeFalse();
    }

    [GeneratedRegex(@"\b(now\s*\(\s*\)|current_date|current_timestamp|localtimestamp|clock_timestamp|statement_timestamp|transaction_timestamp)", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseClock();
}
