using DealerCrm.Generator;

return await BenchmarkDataGenerator.RunAsync(args, Console.Out, Console.Error);
