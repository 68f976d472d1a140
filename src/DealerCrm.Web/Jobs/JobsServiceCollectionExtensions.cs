using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Health;
using DealerCrm.Web.Infrastructure.Identity;
using Hangfire;
using Hangfire.PostgreSql;

namespace DealerCrm.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddCrmJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetCrmConnectionString();
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,

                    // A long job keeps its claim while it runs, so no other server picks it up again.
                    UseSlidingInvisibilityTimeout = true,
                    QueuePollInterval = TimeSpan.FromSeconds(
                        configuration.GetValue("Hangfire:QueuePollSeconds", 15)),

                    // A database that is down at start must not crash the app: /health/ready says so instead.
                    StartupConnectionMaxRetries = configuration.GetValue("Hangfire:StartupRetries", 3),
                    AllowDegradedModeWithoutStorage = true,
                }));

        if (configuration.GetValue("Hangfire:ServerEnabled", true))
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", 2);
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        // On by default; an instance can leave the schedule to the others (and the test host leaves it out, so that
        // no scheduled run changes what a test counts).
        if (configuration.GetValue("Hangfire:RegisterSchedule", true))
        {
            services.AddHostedService<JobScheduleRegistrar>();
        }

        services.AddScoped<AuditRetentionJob>();
        services.AddScoped<OverdueFollowUpsJob>();
        services.AddScoped<LeadImportJob>();
        services.AddScoped<ThreeDayCallbacksJob>();
        services.AddScoped<ReplacementLeadsJob>();
        services.AddScoped<ComplaintClockJob>();
        services.AddScoped<DormantCustomersJob>();
        services.AddScoped<BirthdayCallbacksJob>();
        services.AddScoped<LoyaltyRecalculationJob>();
        services.AddScoped<ServiceRemindersJob>();
        services.AddScoped<LeadResponseWatchJob>();
        services.AddScoped<OverdueOrdersJob>();
        services.AddScoped<DataQualitySnapshotJob>();
        services.AddScoped<Infrastructure.Import.ImportJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapCrmJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        // Admins only, through the same cookie and policy as the pages (not Hangfire's local-requests default).
        endpoints.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire", new DashboardOptions
        {
            Authorization = [],
            DisplayStorageConnectionString = false,
            DashboardTitle = "DealerCrm jobs",
        });
        return endpoints;
    }

    public static IHealthChecksBuilder AddHangfireStorageCheck(this IHealthChecksBuilder builder) =>
        builder.AddCheck<HangfireStorageHealthCheck>("hangfire", tags: ["ready"]);
}
