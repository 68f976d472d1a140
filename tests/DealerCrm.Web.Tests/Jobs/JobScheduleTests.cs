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
    public void Every_job_of_the_schedule_is_registered_in_hangfire_storage()
    {
        // The test host registers nothing by itself (no scheduled run may change what a test counts): register the
        // schedule as the app does at start, read it back from PostgreSQL, and take it away again.
        var storage = App.Factory.Services.GetRequiredService<JobStorage>();
        var jobs = App.Factory.Services.GetRequiredService<IRecurringJobManager>();
        try
        {
            JobSchedule.Register(jobs);

            using var connection = storage.GetConnection();
            var registered = connection.GetRecurringJobs();
            registered.Select(j => j.Id).Should().Contain(JobSchedule.RecurringJobIds);
            registered.Single(j => j.Id == JobSchedule.OverdueFollowUpsMorning).Cron.Should().Be("0 8 * * *");
            registered.Should().OnlyContain(j => j.TimeZoneId == "Asia/Shanghai" || j.TimeZoneId == "China Standard Time");
        }
        finally
        {
            foreach (var id in JobSchedule.RecurringJobIds)
            {
                jobs.RemoveIfExists(id);
            }
        }
    }

    /// <summary>Every row of spec 5.1's job table (and the data-quality snapshot), with the id it is registered under and its default schedule (store
    /// time, China Standard Time by default). The two callback rows are one job.</summary>
    public static TheoryData<string, string, string> SpecJobs => new()
    {
        { "overdue follow-up alerts (hourly)", JobSchedule.OverdueFollowUps, "5 * * * *" },
        { "overdue follow-up alerts (08:00)", JobSchedule.OverdueFollowUpsMorning, "0 8 * * *" },
        { "new-car 3-day callbacks", JobSchedule.ThreeDayCallbacks, "*/15 * * * *" },
        { "after-sales callbacks", JobSchedule.ThreeDayCallbacks, "*/15 * * * *" },
        { "dormant customers", JobSchedule.DormantCustomers, "0 2 * * *" },
        { "loyalty and tier recalculation", JobSchedule.LoyaltyRecalculation, "0 3 * * *" },
        { "lead response watch", JobSchedule.LeadResponseWatch, "*/15 * * * *" },
        { "complaint clock", JobSchedule.ComplaintClock, "*/15 * * * *" },
        { "overdue orders", JobSchedule.OverdueOrders, "0 7 * * *" },
        { "birthdays", JobSchedule.Birthdays, "0 6 * * *" },
        { "service reminders", JobSchedule.ServiceReminders, "0 5 * * *" },
        { "replacement leads", JobSchedule.ReplacementLeads, "0 4 * * 1" },

        // Not a row of 5.1: the data-quality report's nightly snapshot (issue 15), before the managers arrive.
        { "data-quality snapshot", JobSchedule.DataQualitySnapshot, "30 5 * * *" },
    };

    [Theory]
    [MemberData(nameof(SpecJobs))]
    public void Every_job_of_the_spec_table_is_registered_and_listed_on_the_dashboard(string job, string id, string cron)
    {
        // The dashboard's "Recurring jobs" page lists what the storage's recurring-job set holds: read it back as
        // it does, after registering the schedule as the app does at start.
        var storage = App.Factory.Services.GetRequiredService<JobStorage>();
        var jobs = App.Factory.Services.GetRequiredService<IRecurringJobManager>();
        try
        {
            JobSchedule.Register(jobs);

            using var connection = storage.GetConnection();
            var registered = connection.GetRecurringJobs();
            JobSchedule.RecurringJobIds.Should().Contain(id, $"{job} is in the list the app registers and removes");
            registered.Should().ContainSingle(j => j.Id == id, job).Which.Cron.Should().Be(cron, job);
        }
        finally
        {
            foreach (var registeredId in JobSchedule.RecurringJobIds)
            {
                jobs.RemoveIfExists(registeredId);
            }
        }
    }

    [Fact]
    public async Task A_registered_job_triggered_through_hangfire_runs_against_postgresql()
    {
        var now = App.Now;
        await App.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(
                new AuditEntry(now.AddMonths(-40), "test.old", null, "old", null, null, null, null),
                new AuditEntry(now.AddMonths(-2), "test.recent", null, "recent", null, null, null, null));
            await db.SaveChangesAsync();
        });
        // A second instance with a Hangfire server and the schedule, as production runs them, on the same database
        // and clock. The shared test host has neither, so no scheduled run changes what the other tests count.
        await using var instance = new CrmWebApplicationFactory(App.ConnectionString, clock: App.Factory.Clock)
            .WithWebHostBuilder(b => b.UseSetting("Hangfire:ServerEnabled", "true")
                .UseSetting("Hangfire:RegisterSchedule", "true"));
        var services = instance.Services;
        await WaitForAsync(() =>
        {
            using var connection = services.GetRequiredService<JobStorage>().GetConnection();
            return Task.FromResult(connection.GetRecurringJobs().Any(j => j.Id == JobSchedule.AuditRetention)
                ? "registered at start"
                : null);
        });

        services.GetRequiredService<IRecurringJobManager>().Trigger(JobSchedule.AuditRetention);

        var remaining = await WaitForAsync(async () =>
        {
            var actions = await App.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
            return actions.Contains("test.old") ? null : actions;
        });
        remaining.Should().Contain("test.recent").And.NotContain("test.old");
        foreach (var id in JobSchedule.RecurringJobIds)
        {
            services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(id);
        }
    }

    [Fact]
    public async Task The_retention_job_is_idempotent_and_keeps_the_minimum_six_months()
    {
        var now = App.Now;
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
    }

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
