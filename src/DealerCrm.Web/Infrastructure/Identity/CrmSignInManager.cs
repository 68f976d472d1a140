using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager with two rules of ours: a deactivated user cannot sign in, and each session remembers
/// when the password was typed so that it can end 8 hours later however active it was (spec 7.2, ASVS 3.3.2).
/// </summary>
public sealed class CrmSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    TimeProvider time)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes,
        confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffUser user) =>
        user.IsActive && await base.CanSignInAsync(user);

    public override Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties,
        IEnumerable<Claim> additionalClaims)
    {
        authenticationProperties ??= new AuthenticationProperties();
        authenticationProperties.Items.TryAdd(CrmClaimTypes.AuthTimeItem,
            time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        authenticationProperties.IsPersistent = false;
        return base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }
}
