using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

namespace DealerCrm.Bench;

/// <summary>
/// <c>jobs</c>: runs each recurring job through Hangfire with the app instances running and otherwise idle: the
/// recurring job is triggered (as the dashboard's "Trigger now"), Hangfire enqueues one job from its stored definition
/// and a worker of one of the instances runs it, so this also shows that one trigger gives one job, run once, by one
/// server, however many instances poll. Duration is Hangfire's
/// own PerformanceDuration of the Succeeded state; statements are pg_stat_statements calls during the run, minus
/// Hangfire's bookkeeping (statements on the hangfire schema) and transaction control. Then, with <c>--idle N</c>,
/// the idle load: transactions and statements per second over N seconds.
/// </summary>
public static class JobsCommand
{
    private static readonly string[] DefaultJobs = ["audit-retention", "overdue-follow-ups", "overdue-follow-ups-0800"];

    private static Lazy<RecurringJobManager> Recurring { get; set; } = null!;

    public static async Task<int> RunAsync(Args args)
    {
        var connectionString = args.Required("connection");
        // The app's own Hangfire settings (Jobs/JobsServiceCollectionExtensions.cs), without creating the schema.
        Recurring = new(() =>
        {
            GlobalConfiguration.Configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false });
            return new RecurringJobManager(JobStorage.Current);
        });
        var ids = args.Get("ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? DefaultJobs;
        var timeout = TimeSpan.FromSeconds(args.Number("timeout", 900));
        var results = new JobResults();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var statements = await HasStatementsAsync(dataSource);
        if (!statements)
        {
            results.Notes.Add("pg_stat_statements is not loaded: statement counts unknown");
        }

        foreach (var id in ids)
        {
            var run = await RunJobAsync(dataSource, id, statements, timeout);
            results.Jobs.Add(run);
            Console.WriteLine($"{id}: {run.FinalState} in {run.DurationMs} ms, {run.Statements} statements, " +
                $"{run.Executions} execution(s) on {string.Join(", ", run.Servers)}");
        }

        if (args.Number("idle", 0) is > 0 and var seconds)
        {
            results.Idle = await IdleAsync(dataSource, statements, seconds);
            Console.WriteLine($"idle: {results.Idle.QueriesPerSecond:F2} queries/s, {results.Idle.TransactionsPerSecond:F2} transactions/s, " +
                $"{results.Idle.StatementsPerSecond:F2} statements/s over {seconds} s, {results.Idle.HangfireServers} Hangfire servers");
        }

        var output = args.Get("out") ?? "jobs.json";
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(results, LoadCommand.Json));
        return results.Jobs.All(j => j.FinalState == "Succeeded" && j.Executions == 1) ? 0 : 1;
    }

    private static async Task<bool> HasStatementsAsync(NpgsqlDataSource dataSource)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM pg_stat_statements");
            await command.ExecuteScalarAsync();
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Statements since the last reset that are the app's own: not Hangfire's, not BEGIN/COMMIT, not ours.</summary>
    private const string AppStatements = """
        SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%hangfire%' AND query NOT ILIKE '%pg_stat%'
        """ + TransactionControl;

    /// <summary>Round trips that are no query: transaction control and the pool's connection reset.</summary>
    private const string TransactionControl =
        " AND query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|SET|RESET|DISCARD|SHOW|START TRANSACTION)'";

    private static async Task<JobRun> RunJobAsync(NpgsqlDataSource dataSource, string id, bool statements, TimeSpan timeout)
    {
        var run = new JobRun { Id = id };
        var key = $"recurring-job:{id}";
        if (await ScalarAsync<long>(dataSource, "SELECT count(*) FROM hangfire.hash WHERE key = $1", key) == 0)
        {
            run.FinalState = "not registered";
            return run;
        }

        if (statements)
        {
            await ScalarAsync<object>(dataSource, "SELECT pg_stat_statements_reset()");
        }

        // Triggered as the dashboard's "Trigger now" does: Hangfire enqueues one job from the recurring job's stored
        // definition, and whichever server polls the queue first runs it.
        var highest = await ScalarAsync<long>(dataSource, "SELECT coalesce(max(id), 0) FROM hangfire.job");
        Recurring.Value.Trigger(id);
        var clock = Stopwatch.StartNew();
        string? jobId = null;
        while (clock.Elapsed < timeout)
        {
            var created = await ScalarAsync<long?>(dataSource, """
                SELECT min(j.id) FROM hangfire.jobparameter p JOIN hangfire.job j ON j.id = p.jobid
                WHERE p.name = 'RecurringJobId' AND p.value = $1 AND j.id > $2
                """, JsonSerializer.Serialize(id), highest);
            if (created is { } found)
            {
                jobId = found.ToString(CultureInfo.InvariantCulture);
                var state = await ScalarAsync<string>(dataSource, "SELECT statename FROM hangfire.job WHERE id = $1", found);
                if (state is "Succeeded" or "Failed" or "Deleted")
                {
                    break;
                }
            }

            await Task.Delay(250);
        }

        if (jobId is null)
        {
            run.FinalState = "not enqueued within the timeout";
            return run;
        }

        run.HangfireJobId = jobId;
        var jobKey = long.Parse(jobId, CultureInfo.InvariantCulture);
        run.FinalState = await ScalarAsync<string>(dataSource, "SELECT statename FROM hangfire.job WHERE id = $1", jobKey) ?? "";
        if (statements)
        {
            run.Statements = await ScalarAsync<long>(dataSource, AppStatements);
        }

        await using (var states = dataSource.CreateCommand("SELECT name, data FROM hangfire.state WHERE jobid = $1 ORDER BY id"))
        {
            states.Parameters.AddWithValue(jobKey);
            await using var reader = await states.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                using var data = JsonDocument.Parse(reader.IsDBNull(1) ? "{}" : reader.GetString(1));
                if (reader.GetString(0) == "Processing")
                {
                    run.Executions++;
                    if (data.RootElement.TryGetProperty("ServerId", out var server))
                    {
                        run.Servers.Add(server.GetString() ?? "");
                    }
                }
                else if (reader.GetString(0) == "Succeeded" && data.RootElement.TryGetProperty("PerformanceDuration", out var ms))
                {
                    run.DurationMs = double.Parse(ms.GetString()!, CultureInfo.InvariantCulture);
                }
            }
        }

        // One trigger, one job: no other job of this recurring id was created meanwhile (by another instance).
        var jobs = await ScalarAsync<long>(dataSource, """
            SELECT count(*) FROM hangfire.jobparameter p JOIN hangfire.job j ON j.id = p.jobid
            WHERE p.name = 'RecurringJobId' AND p.value = $1 AND j.id > $2
            """, JsonSerializer.Serialize(id), highest);
        if (jobs != 1)
        {
            run.FinalState += $" ({jobs} jobs created for one trigger)";
        }

        return run;
    }

    private static async Task<IdleLoad> IdleAsync(NpgsqlDataSource dataSource, bool statements, int seconds)
    {
        const string transactions = "SELECT (xact_commit + xact_rollback)::bigint FROM pg_stat_database WHERE datname = current_database()";
        if (statements)
        {
            await ScalarAsync<object>(dataSource, "SELECT pg_stat_statements_reset()");
        }

        var before = await ScalarAsync<long>(dataSource, transactions);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        // The counters are published when a backend's transaction ends; a short pause lets the last ones land.
        await Task.Delay(1000);
        var after = await ScalarAsync<long>(dataSource, transactions);
        var elapsed = clock.Elapsed.TotalSeconds;
        long? calls = null, queries = null;
        if (statements)
        {
            const string all = """
                SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat%'
                """;
            calls = await ScalarAsync<long>(dataSource, all);
            queries = await ScalarAsync<long>(dataSource, all + TransactionControl);
        }

        var servers = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM hangfire.server");
        var ours = 1; // the first reading's own transaction, counted after it
        return new IdleLoad
        {
            Seconds = Math.Round(elapsed, 1),
            Transactions = after - before - ours,
            Statements = calls,
            TransactionsPerSecond = Math.Round((after - before - ours) / elapsed, 3),
            StatementsPerSecond = calls is { } c ? Math.Round(c / elapsed, 3) : null,
            Queries = queries,
            QueriesPerSecond = queries is { } q ? Math.Round(q / elapsed, 3) : null,
            HangfireServers = (int)servers,
        };
    }
}
