namespace DealerCrm.Bench;

/// <summary>
/// <c>dotnet run --project tools/DealerCrm.Bench -c Release -- load|baseline|jobs|report [--option value ...]</c>; see
/// scripts/bench/run.sh. A named class rather than top-level statements, so a test project can reference this tool
/// and the app together without two global <c>Program</c> types.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: DealerCrm.Bench load|baseline|jobs|report [--option value ...]");
            return 2;
        }

        var options = new Args(args.Skip(1));
        try
        {
            return args[0] switch
            {
                "load" => await LoadCommand.RunAsync(options),
                "baseline" => await BaselineCommand.RunAsync(options),
                "jobs" => await JobsCommand.RunAsync(options),
                "report" => ReportCommand.Run(options),
                _ => throw new ArgumentException($"unknown command '{args[0]}'"),
            };
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
