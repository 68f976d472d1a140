using DealerCrm.Bench;

// dotnet run --project tools/DealerCrm.Bench -c Release -- <load|baseline|jobs|report> [options]; see scripts/bench/run.sh.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: DealerCrm.Bench load|baseline|jobs|report [--option value ...]");
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
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
