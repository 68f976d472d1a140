using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Logging;
using DealerCrm.Web.Infrastructure.Security;
using DealerCrm.Web.Infrastructure.Validation;
using DealerCrm.Web.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace DealerCrm.Web.Infrastructure;

public static class WebApplicationExtensions
{
    public static IServiceCollection AddCrmPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
            {
                var c = options.Conventions;
                c.AllowAnonymousToPage("/Account/Login");
                c.AllowAnonymousToPage("/Account/AccessDenied");
                c.AllowAnonymousToPage("/Error");
                c.AllowAnonymousToPage("/Language");
                c.AuthorizeFolder("/Admin", Policies.Admin);
                c.AuthorizeFolder("/Showroom", Policies.Reception);
                c.AuthorizeFolder("/FollowUps", Policies.Sales);
                c.AuthorizeFolder("/Manager", Policies.SalesManagement);
                c.AuthorizeFolder("/Callbacks", Policies.Callbacks);
                c.AuthorizeFolder("/Service", Policies.ServiceRead);
                c.AuthorizeFolder("/Vehicles", Policies.VehicleFiles);
                c.AuthorizeFolder("/Complaints", Policies.Complaints);
                c.AuthorizeFolder("/Actions", Policies.Actions);
                c.AuthorizeFolder("/Reports", Policies.Reports);
                c.AuthorizeFolder("/Customers", Policies.CustomerFiles);
                c.AuthorizeFolder("/Leads", Policies.LeadCards);
                c.AuthorizeFolder("/Loyalty", Policies.Loyalty);
                c.AuthorizeFolder("/Campaigns", Policies.Campaigns);
            })
            .AddMvcOptions(o => o.AddHostileInputRules())
            .AddCrmViewLocalization();

        // Razor's default encoder writes every character outside Basic Latin as an entity: a Chinese name of two
        // characters became 16 bytes (&#x674E;&#x660E;) instead of 6 of UTF-8, and the zh-CN pages doubled in size.
        // The characters HTML gives a meaning to (< > & " ' and the like) are encoded as before, whatever the ranges.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement,
            UnicodeRanges.GeneralPunctuation, UnicodeRanges.CjkSymbolsandPunctuation, UnicodeRanges.CjkUnifiedIdeographs,
            UnicodeRanges.HalfwidthandFullwidthForms));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "DealerCrm.Antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddHealthChecks()
            .AddDbContextCheck<CrmDbContext>("database", tags: ["ready"])
            .AddHangfireStorageCheck();
        services.Configure<ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        return services;
    }

    /// <summary>Applies migrations and demo data when configured (Development).</summary>
    public static async Task InitializeCrmAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (app.Configuration.GetValue("Database:MigrateOnStartup", false))
        {
            await initializer.MigrateAsync();
        }

        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Seed:DemoData", false))
        {
            await initializer.SeedDemoDataAsync();
        }
    }

    /// <summary>The explicit production step: `dotnet DealerCrm.Web.dll migrate`.</summary>
    public static async Task MigrateAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        await initializer.MigrateAsync();
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Seed:DemoData", false))
        {
            await initializer.SeedDemoDataAsync();
        }
    }

    public static WebApplication UseCrmPipeline(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<NulTolerantFormBody>();
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseCrmRequestLogging();
        app.UseAuthentication();
        app.UseMiddleware<PasswordChangeRequiredMiddleware>();
        app.UseAuthorization();
        app.UseCrmLogContext();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") })
            .AllowAnonymous();
        app.MapRazorPages();
        app.MapCrmJobsDashboard();
        return app;
    }
}
