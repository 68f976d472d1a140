using Hangfire;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Registers the recurring jobs once the app is up, and keeps trying while Hangfire's storage is unreachable, so a
/// database that is briefly down at start delays the schedule instead of crashing the app.
/// </summary>
public sealed class JobScheduleRegistrar(
    IRecurringJobManager jobs,
    IConfiguration configuration,
    ILogger<JobScheduleRegistrar> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(configuration.GetValue("Hangfire:RegisterRetrySeconds", 30));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                JobSchedule.Register(jobs);
                logger.LogInformation("Registered {Count} recurring jobs", JobSchedule.RecurringJobIds.Count);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not register the recurring jobs; retrying in {RetrySeconds} s",
                    retry.TotalSeconds);
            }

            await Task.Delay(retry, stoppingToken);
        }
    }
}
