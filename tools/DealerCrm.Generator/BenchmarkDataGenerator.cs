using System.Diagnostics;
using System.Globalization;
using System.Text;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealerCrm.Generator;

/// <summary>
/// Builds the benchmark group of spec 7.1 (issue 10) in an empty database: migrates it like
/// <c>DealerCrm.Web.dll migrate</c>, then runs the phases of generate.sql in one transaction, set-based. Exit codes:
/// 0 done, 1 bad arguments or a failure, 2 the database already has data (use --force to empty it first).
/// </summary>
public static class BenchmarkDataGenerator
{
    /// <summary>The tables the generator fills; --force empties them (and what hangs off them) first.</summary>
    public static readonly string[] BusinessTables =
    [
        "stores", "users", "user_roles", "user_claims", "user_logins", "user_tokens", "user_sessions", "customers",
        "vehicles", "traffic_entries", "leads", "lead_events", "follow_up_plans", "follow_up_records", "orders",
        "deliveries", "defeat_requests", "duplicate_claims", "incoming_leads", "lead_imports", "notifications",
        "callback_tasks", "grade_policies", "audit_entries",
        // after-sales (issue 11)
        "service_visits", "vehicle_status_changes", "store_holidays", "callback_attempts", "callback_answers",
        "callback_questions", "callback_question_versions", "callback_settings", "callback_scripts",
        // complaints and actions (issue 12)
        "complaint_categories", "complaints", "complaint_steps", "corrective_actions", "action_participants",
        "action_events",
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        GeneratorOptions options;
        try
        {
            options = GeneratorOptions.Parse(args, TimeProvider.System);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            await error.WriteLineAsync($"{e.Message}\n{GeneratorOptions.Usage}");
            return 1;
        }

        try
        {
            return await GenerateAsync(options, output, error, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await error.WriteLineAsync($"generation failed (nothing was kept): {e.Message}");
            return 1;
        }
    }

    private static async Task<int> GenerateAsync(GeneratorOptions options, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"DealerCrm generator: {options.Customers:N0} customers, {options.Leads:N0} leads, {options.Stores} stores, seed {options.Seed}, now {options.Now:O}"));

        var phase = Stopwatch.StartNew();
        await MigrateAsync(options.Connection, cancellationToken);
        await Report(output, "migrate", null, phase);

        var builder = new NpgsqlConnectionStringBuilder(options.Connection) { CommandTimeout = 0, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        if (!options.Force && await HasDataAsync(connection, cancellationToken))
        {
            await error.WriteLineAsync(
                "The database already has stores, users or customers; the generator fills an empty database only. " +
                "Run it with --force to empty the business tables first.");
            return 2;
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (options.Force)
            {
                phase.Restart();
                await ExecuteAsync(connection,
                    $"TRUNCATE {string.Join(", ", BusinessTables)} RESTART IDENTITY CASCADE", null, cancellationToken);
                await Report(output, "truncate", null, phase);
            }

            var hash = DeterministicPasswordHash.Create(DemoDataSeeder.DemoPassword, options.Seed);
            foreach (var (name, sql) in Phases(options))
            {
                phase.Restart();
                var rows = await ExecuteAsync(connection, sql, sql.Contains('@', StringComparison.Ordinal) ? hash : null,
                    cancellationToken);
                await Report(output, name, rows, phase);
            }

            phase.Restart();
            await transaction.CommitAsync(cancellationToken);
            await Report(output, "commit", null, phase);
        }

        phase.Restart();
        await ExecuteAsync(connection, "VACUUM (ANALYZE)", null, cancellationToken);
        await Report(output, "vacuum-analyze", null, phase);

        await output.WriteLineAsync("rows per table:");
        foreach (var (table, count) in await CountsAsync(connection, cancellationToken))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table,-20} {count,12:N0}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"done in {total.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>Rows of every table of the schema except the migrations history, by name.</summary>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> CountsAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken = default)
    {
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history' " +
            "ORDER BY tablename", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new List<(string, long)>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts.Add((table, (long)(await count.ExecuteScalarAsync(cancellationToken))!));
        }

        return counts;
    }

    /// <summary>
    /// An md5 of every row of each table the generator fills, in a fixed order: the same arguments must give the same
    /// checksums (the determinism test compares two databases with it).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> ChecksumsAsync(NpgsqlConnection connection,
        CancellationToken cancellationToken = default)
    {
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in BusinessTables)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE \"C\")), '') FROM \"{table}\" t",
                connection);
            sums[table] = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return sums;
    }

    /// <summary>The phases of generate.sql with the options' values in place of the tokens.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Phases(GeneratorOptions options)
    {
        using var stream = typeof(BenchmarkDataGenerator).Assembly.GetManifestResourceStream("generate.sql")
            ?? throw new InvalidOperationException("generate.sql is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById(Store.DefaultTimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(options.Now, shanghai).DateTime);
        text = text
            .Replace("{{SEED}}", options.Seed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{N}}", options.Customers.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{L}}", options.Leads.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{S}}", options.Stores.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{NOW}}", $"'{options.Now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}+00'::timestamptz",
                StringComparison.Ordinal)
            .Replace("{{TODAY}}", $"'{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'::date",
                StringComparison.Ordinal);

        var phases = new List<(string, string)>();
        string? name = null;
        var sql = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("--@phase ", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    phases.Add((name, sql.ToString()));
                }

                name = line["--@phase ".Length..].Trim().Split(' ')[0];
                sql.Clear();
            }
            else if (name is not null)
            {
                sql.Append(line).Append('\n');
            }
        }

        if (name is not null)
        {
            phases.Add((name, sql.ToString()));
        }

        return phases;
    }

    private static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<CrmDbContext>();
        DataServiceCollectionExtensions.ConfigureNpgsql(builder, connectionString);
        await using var db = new CrmDbContext(builder.Options);
        await db.Database.MigrateAsync(cancellationToken);
        // As DatabaseInitializer.EnsureGroupAsync: the one dealer group row the app needs.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO dealer_groups (id, name, default_time_zone_id, audit_retention_months) " +
            "VALUES ({0}, {1}, {2}, {3}) ON CONFLICT (id) DO NOTHING",
            [DealerGroup.SingletonId, "DealerCrm", Store.DefaultTimeZoneId, 36], cancellationToken);
    }

    private static async Task<bool> HasDataAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM stores)",
            connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, string? passwordHash,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (passwordHash is not null)
        {
            var accounts = DemoDataSeeder.Accounts;
            command.Parameters.AddWithValue("password_hash", passwordHash);
            command.Parameters.AddWithValue("demo_names", accounts.Select(a => a.UserName).ToArray());
            command.Parameters.AddWithValue("demo_displays", accounts.Select(a => a.DisplayName).ToArray());
            command.Parameters.AddWithValue("demo_stores", accounts.Select(a => a.StoreCode).ToArray());
            command.Parameters.AddWithValue("demo_roles", accounts.Select(a => a.Roles.Single()).ToArray());
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task Report(TextWriter output, string phase, int? rows, Stopwatch watch) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {phase,-18} {(rows is { } r and >= 0 ? r.ToString("N0", CultureInfo.InvariantCulture) : ""),12} rows {watch.Elapsed.TotalSeconds,8:F1} s"));
}
