namespace DealerCrm.Generator;

// A named entry point (not top-level statements): a global Program class would clash with the web app's Program in
// the test project, which references both.
internal static class Program
{
    private static Task<int> Main(string[] args) => BenchmarkDataGenerator.RunAsync(args, Console.Out, Console.Error);
}
