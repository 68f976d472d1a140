using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Jobs;

public sealed class JobScheduleTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task Every_job_of_the_schedule_is_registered_in_hangfire_storage()
    {
        var storage = App.Factory.Services.GetRequiredService<JobStorage>();

        var ids = await WaitForAsync(() =>
        {
            using var connection = storage.GetConnection();
            var registered = connection.GetRecurringJobs().Select(j => j.Id).ToList();
            return JobSchedule.RecurringJobIds.All(registered.Contains) ? registered : null;
        });

        ids.Should().Contain(JobSchedule.RecurringJobIds);
    }

    [Fact]
    public async Task A_registered_job_triggered_through_hangfire_runs_against_postgresql()
    {
        var now = DateTimeOffset.UtcNow;
        await App.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(
                new AuditEntry(now.AddMonths(-40), "test.old", null, "old", null, null, null, null),
                new AuditEntry(now.AddMonths(-2), "test.recent", null, "recent", null, null, null, null));
            await db.SaveChangesAsync();
        });
        var jobs = App.Factory.Services.GetRequiredService<IRecurringJobManager>();
        await WaitForAsync(() =>
        {
            using var connection = App.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
            return connection.GetRecurringJobs().Any(j => j.Id == JobSchedule.AuditRetention) ? "registered" : null;
        });

        jobs.Trigger(JobSchedule.AuditRetention);

        var remaining = await WaitForAsync(async () =>
        {
            var actions = await App.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
            return actions.Contains("test.old") ? null : actions;
        });
        remaining.Should().Contain("test.recent").And.NotContain("test.old");
    }

    [Fact]
    public async Task The_retention_job_is_idempotent_and_keeps_the_minimum_six_months()
    {
        var now = DateTimeOffset.UtcNow;
        await App.WithDbAsync(async db =>
        {
            await db.DealerGroups.ExecuteUpdateAsync(s => s.SetProperty(g => g.AuditRetentionMonths, 6));
            db.AuditEntries.AddRange(
                new AuditEntry(now.AddMonths(-7), "test.old", null, null, null, null, null, null),
                new AuditEntry(now.AddMonths(-5), "test.kept", null, null, null, null, null, null));
            await db.SaveChangesAsync();
        });
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<AuditRetentionJob>();

        var first = await job.RunAsync(CancellationToken.None);
        var second = await job.RunAsync(CancellationToken.None);

        first.Should().Be(1);
        second.Should().Be(0);
        await App.WithDbAsync(db => db.DealerGroups.ExecuteUpdateAsync(s => s.SetProperty(g => g.AuditRetentionMonths, 36)));
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class =>
        await WaitForAsync(() => Task.FromResult(probe()));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("Hangfire did not get there within 30 seconds");
            }

            await Task.Delay(200);
        }
    }
}
