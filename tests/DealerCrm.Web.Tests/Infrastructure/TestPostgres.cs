using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against. With DEALERCRM_TEST_CONNECTION set (./test.sh sets it) that server
/// is used; otherwise a throwaway cluster is created in a temp folder from the installed server binaries and removed
/// when the test process exits. Missing binaries fail loudly: a database test never skips itself.
/// </summary>
public static class TestPostgres
{
    public const string ConnectionVariable = "DEALERCRM_TEST_CONNECTION";

    private static readonly Lazy<string> Server = new(StartOrUseServer, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to a database of that name, created empty if it does not exist.</summary>
    public static string CreateDatabase(string name)
    {
        var server = new NpgsqlConnectionStringBuilder(Server.Value) { Database = "postgres", Pooling = false };
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                create.ExecuteNonQuery();
            }
        }

        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    /// <summary>Drops and creates the database, so a test run starts from an empty schema.</summary>
    public static string RecreateDatabase(string name)
    {
        var server = new NpgsqlConnectionStringBuilder(Server.Value) { Database = "postgres", Pooling = false };
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }

        return CreateDatabase(name);
    }

    /// <summary>Runs SQL on the database as it stands, outside EF Core: a migration test fills tables as the old code
    /// did, with the schema of a migration before the one it tests.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string StartOrUseServer()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        return string.IsNullOrWhiteSpace(given) ? StartThrowawayCluster() : given;
    }

    private static string StartThrowawayCluster()
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Run ./test.sh (it installs " +
            $"the 'postgresql' package) or set {ConnectionVariable} to a server the tests may use.");
        var root = Directory.CreateTempSubdirectory("dealercrm-test-pg-").FullName;
        var data = Path.Combine(root, "data");
        var owner = Environment.UserName == "root" ? "postgres" : null;
        if (owner is not null)
        {
            Run("chown", ["-R", owner, root]);
        }

        const string password = "dealercrm-tests";
        var pwfile = Path.Combine(root, "pw");
        File.WriteAllText(pwfile, password);
        if (owner is not null)
        {
            Run("chown", [owner, pwfile]);
        }

        RunAs(owner, Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "dealercrm", $"--pwfile={pwfile}", "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]);
        var port = FreePort();
        RunAs(owner, Path.Combine(bin, "pg_ctl"),
        [
            "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c max_connections=200",
        ]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAs(owner, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // The folder is in /tmp; a leftover is harmless.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=dealercrm;Password={password};Database=postgres";
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAs(string? owner, string program, IEnumerable<string> arguments)
    {
        if (owner is null)
        {
            Run(program, arguments);
        }
        else
        {
            Run("runuser", ["-u", owner, "--", program, .. arguments]);
        }
    }

    private static void Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr}{stdout.Result}");
        }
    }
}
