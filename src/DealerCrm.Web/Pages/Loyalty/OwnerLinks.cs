using System.Globalization;
using System.Security.Claims;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;

namespace DealerCrm.Web.Pages.Loyalty;

/// <summary>
/// Where an owner's name links in the loyalty lists: the customer file for a reader the CustomerFiles policy lets in
/// (CRM officers, the GM), else the vehicle file of one of their cars (the service manager), else nothing. Decided by
/// the authorization service, once per request; the file itself still checks the record.
/// </summary>
public sealed record OwnerLinks(bool CustomerFiles, bool VehicleFiles)
{
    public static OwnerLinks None { get; } = new(false, false);

    public static async Task<OwnerLinks> ForAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        new((await authorization.AuthorizeAsync(user, Policies.CustomerFiles)).Succeeded,
            (await authorization.AuthorizeAsync(user, Policies.VehicleFiles)).Succeeded);

    public string? For(long customerId, long? vehicleId) =>
        CustomerFiles ? "/Customers/" + customerId.ToString(CultureInfo.InvariantCulture)
        : VehicleFiles && vehicleId is { } car ? "/Vehicles/" + car.ToString(CultureInfo.InvariantCulture)
        : null;
}
