using System.Globalization;

namespace DealerCrm.Generator;

/// <summary>
/// The command line: --connection "..." --customers N --stores S --seed X --now 2026-12-01T08:00:00Z [--force].
/// Without --now the current time is read once at start-up (the data then depends on the day it was made).
/// </summary>
public sealed record GeneratorOptions(string Connection, int Customers, int Stores, long Seed, DateTimeOffset Now, bool Force)
{
    public const string Usage =
        "usage: DealerCrm.Generator --connection \"<Npgsql connection string>\" [--customers 1000000] [--stores 20] " +
        "[--seed 42] [--now 2026-12-01T08:00:00Z] [--force]";

    public int Leads => Customers / 2 * 3;

    public static GeneratorOptions Parse(IReadOnlyList<string> args, TimeProvider clock)
    {
        string? connection = null;
        var customers = 1_000_000;
        var stores = 20;
        var seed = 42L;
        DateTimeOffset? now = null;
        var force = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--connection":
                    connection = Value();
                    break;
                case "--customers":
                    customers = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--stores":
                    stores = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = long.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--now":
                    now = DateTimeOffset.Parse(Value(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    break;
                case "--force":
                    force = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException("--connection is required");
        }

        if (customers is < 100 or > 20_000_000)
        {
            throw new ArgumentException("--customers must be between 100 and 20,000,000");
        }

        if (stores is < 2 or > 999)
        {
            throw new ArgumentException("--stores must be between 2 and 999 (Demo Store 1 and 2 always exist)");
        }

        if (seed is < 0 or > 1_000_000_000)
        {
            throw new ArgumentException("--seed must be between 0 and 1,000,000,000");
        }

        var at = now ?? clock.GetUtcNow();
        return new GeneratorOptions(connection, customers, stores, seed,
            new DateTimeOffset(at.UtcDateTime.Ticks - at.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero), force);
    }
}
