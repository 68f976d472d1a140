using System.Globalization;
using System.Security.Claims;
using DealerCrm.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>Puts the user's store and display name in the cookie, so every request knows its scope without a query.</summary>
public sealed class CrmClaimsPrincipalFactory(
    CrmDbContext db,
    UserManager<StaffUser> userManager,
    RoleManager<StaffRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, StaffRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CrmClaimTypes.StoreId, user.StoreId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(CrmClaimTypes.DisplayName, user.DisplayName));
        var storeName = await db.Stores.Where(s => s.Id == user.StoreId).Select(s => s.Name).SingleOrDefaultAsync();
        identity.AddClaim(new Claim(CrmClaimTypes.StoreName, storeName ?? string.Empty));
        return identity;
    }
}
