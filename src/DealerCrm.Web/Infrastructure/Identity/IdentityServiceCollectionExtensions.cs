using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using DealerCrm.Web.Infrastructure.Auditing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace DealerCrm.Web.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    public const string DevelopmentCookieName = "DealerCrm.Auth";

    // __Host- cookies must be Secure, host-only and Path=/ (ASVS 3.4.4); browsers refuse them over plain http,
    // so Development keeps ordinary names.
    public const string ProductionCookieName = "__Host-DealerCrm.Auth";

    public static IServiceCollection AddCrmIdentity(this IServiceCollection services, IConfiguration configuration,
        IWebHostEnvironment environment)
    {
        services.Configure<SessionOptions>(configuration.GetSection("Session"));
        var session = configuration.GetSection("Session").Get<SessionOptions>() ?? new SessionOptions();

        services.AddIdentity<StaffUser, StaffRole>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-";
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = CommonPasswordValidator.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddUserManager<CrmUserManager>()
            .AddSignInManager<CrmSignInManager>()
            .AddClaimsPrincipalFactory<CrmClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<NotTheCurrentPasswordValidator>()
            .AddErrorDescriber<CrmIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        // OWASP password storage: PBKDF2-HMAC-SHA512 with at least 210,000 iterations (Identity's default is 100,000).
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.AddScoped<SessionValidator>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<AuditLog>();
        services.AddHttpContextAccessor();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = environment.IsDevelopment() ? DevelopmentCookieName : ProductionCookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            cookie.Cookie.Path = "/";
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.ExpireTimeSpan = session.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<SessionValidator>().ValidateAsync(context),
                OnRedirectToAccessDenied = async context =>
                {
                    var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
                    await audit.RecordNowAsync(AuditActions.AccessDenied,
                        target: $"{context.Request.Method} {context.Request.Path}");
                    context.Response.Redirect(context.RedirectUri);
                },
            };
        });

        services.AddAuthorization(Policies.Register);
        services.AddScoped<IAuthorizationHandler, LeadAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, CustomerAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, TrafficEntryAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, DefeatRequestAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, DuplicateClaimAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, CallbackTaskAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, VehicleAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ServiceVisitAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, CorrectiveActionAuthorizationHandler>();
        services.AddScoped<IAuthorizationHandler, ComplaintAuthorizationHandler>();
        services.AddScoped<StoreCalendar>();
        services.AddScoped<Notifications.Notifier>();
        services.AddSingleton<IdNumberProtector>();
        return services;
    }
}
