namespace DealerCrm.Bench;

/// <summary>What one <c>load</c> run measured, written as JSON; the report is rendered from this alone.</summary>
public sealed class LoadResults
{
    public string Label { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public int Seconds { get; set; }

    public int Rounds { get; set; }

    public int WarmupSeconds { get; set; }

    public List<string> Bases { get; set; } = [];

    public string? Baseline { get; set; }

    public Machine Machine { get; set; } = new();

    public Dictionary<string, long> RowCounts { get; set; } = [];

    public Dictionary<string, string> Discovered { get; set; } = [];

    public List<ScenarioResult> Scenarios { get; set; } = [];

    /// <summary>Peak VmRSS per web process id, in MB, sampled every 250 ms during the run.</summary>
    public Dictionary<string, double> RssPeakMb { get; set; } = [];

    /// <summary>Requests served per base URL (several instances: the client alternates between them).</summary>
    public Dictionary<string, long> RequestsPerBase { get; set; } = [];

    /// <summary>Sign-ins that were done on one instance and then used on another.</summary>
    public List<string> CrossInstanceChecks { get; set; } = [];

    public List<string> Notes { get; set; } = [];
}

public sealed class Machine
{
    public int Processors { get; set; }

    public string Cpu { get; set; } = "";

    public long MemoryMb { get; set; }

    public string DotNet { get; set; } = "";

    public string PostgreSql { get; set; } = "";

    public string Os { get; set; } = "";
}

public sealed class ScenarioResult
{
    public string Name { get; set; } = "";

    public string Method { get; set; } = "GET";

    public string Path { get; set; } = "";

    public string User { get; set; } = "";

    public int Users { get; set; }

    /// <summary>"app" for the DealerCrm pages, "baseline" for the raw page.</summary>
    public string Target { get; set; } = "app";

    public List<RoundResult> Rounds { get; set; } = [];
}

public sealed class RoundResult
{
    public long Requests { get; set; }

    public long Errors { get; set; }

    public Dictionary<string, long> ErrorKinds { get; set; } = [];

    public double Seconds { get; set; }

    public double? P50Ms { get; set; }

    public double? P95Ms { get; set; }

    public double? P99Ms { get; set; }

    public double Throughput { get; set; }

    public long Bytes { get; set; }
}

/// <summary>What the <c>jobs</c> command measured.</summary>
public sealed class JobResults
{
    public List<JobRun> Jobs { get; set; } = [];

    public IdleLoad? Idle { get; set; }

    public List<string> Notes { get; set; } = [];
}

public sealed class JobRun
{
    public string Id { get; set; } = "";

    public string HangfireJobId { get; set; } = "";

    public double? DurationMs { get; set; }

    public long? Statements { get; set; }

    /// <summary>How many times a server started processing this run (1 = ran once although several servers poll).</summary>
    public int Executions { get; set; }

    public string FinalState { get; set; } = "";

    public List<string> Servers { get; set; } = [];
}

public sealed class IdleLoad
{
    public double Seconds { get; set; }

    public long Transactions { get; set; }

    public long? Statements { get; set; }

    public double TransactionsPerSecond { get; set; }

    public double? StatementsPerSecond { get; set; }

    /// <summary>Statements without transaction control (BEGIN, COMMIT) and the pool's DISCARD ALL.</summary>
    public long? Queries { get; set; }

    public double? QueriesPerSecond { get; set; }

    public int HangfireServers { get; set; }
}
