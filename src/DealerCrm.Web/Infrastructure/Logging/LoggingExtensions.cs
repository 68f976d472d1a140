using System.Globalization;
using System.Security.Claims;
using DealerCrm.Web.Infrastructure.Identity;
using Serilog;
using Serilog.Context;
using Serilog.Events;

namespace DealerCrm.Web.Infrastructure.Logging;

public static class LoggingExtensions
{
    /// <summary>Console always; a daily rolling file unless Logging:File:Path is empty. Levels from configuration.</summary>
    public static WebApplicationBuilder AddCrmLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture, outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
            var path = builder.Configuration["Logging:File:Path"];
            if (!string.IsNullOrWhiteSpace(path))
            {
                logger.WriteTo.File(path, formatProvider: CultureInfo.InvariantCulture, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31,
                    outputTemplate:
                    "{Timestamp:O} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
            }
        });
        return builder;
    }

    /// <summary>One line per request with user and store; never the query string (it may carry personal data).</summary>
    public static IApplicationBuilder UseCrmRequestLogging(this IApplicationBuilder app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate =
                "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestId", http.TraceIdentifier);
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    diagnostics.Set("UserName", http.User.Identity.Name);
                    diagnostics.Set("StoreId", http.User.FindFirstValue(CrmClaimTypes.StoreId));
                }
            };
        });
        return app;
    }

    /// <summary>Every log line written while handling a request carries the user and store.</summary>
    public static IApplicationBuilder UseCrmLogContext(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                await next(http);
                return;
            }

            using (LogContext.PushProperty("UserName", http.User.Identity.Name))
            using (LogContext.PushProperty("StoreId", http.User.FindFirstValue(CrmClaimTypes.StoreId)))
            {
                await next(http);
            }
        });
}
