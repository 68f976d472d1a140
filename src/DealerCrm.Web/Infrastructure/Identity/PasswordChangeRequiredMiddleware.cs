namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>
/// A user whose password was set by an Admin (<see cref="StaffUser.MustChangePassword"/>, noted by the
/// <see cref="SessionValidator"/>) reaches only the password change, sign-out and the language switch until they have
/// chosen their own password (ASVS 2.3.1). Everything else, the jobs dashboard included, sends them there.
/// </summary>
public sealed class PasswordChangeRequiredMiddleware(RequestDelegate next)
{
    public const string ItemKey = "dealercrm.must_change_password";
    public const string ChangePasswordPath = "/Account/ChangePassword";

    private static readonly string[] Allowed =
        [ChangePasswordPath, "/Account/Logout", "/Language", "/Error", "/health/live", "/health/ready"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Items.ContainsKey(ItemKey)
            && !Allowed.Any(path => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
