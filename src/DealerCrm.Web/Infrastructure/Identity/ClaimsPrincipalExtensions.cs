using System.Globalization;
using System.Security.Claims;

namespace DealerCrm.Web.Infrastructure.Identity;

public static class ClaimsPrincipalExtensions
{
    public static long GetUserId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("Not signed in"), CultureInfo.InvariantCulture);

    /// <summary>The user's store. Throws when absent so that a query can never run unscoped (fail closed).</summary>
    public static int GetStoreId(this ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(CrmClaimTypes.StoreId)
            ?? throw new InvalidOperationException("No store on the signed-in user"), CultureInfo.InvariantCulture);

    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(CrmClaimTypes.DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static string GetStoreName(this ClaimsPrincipal user) =>
        user.FindFirstValue(CrmClaimTypes.StoreName) ?? string.Empty;
}
