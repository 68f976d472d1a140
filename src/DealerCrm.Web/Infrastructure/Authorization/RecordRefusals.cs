using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace DealerCrm.Web.Infrastructure.Authorization;

/// <summary>
/// How a page answers a user who may not do something to a record (docs/decisions.md, "Refusals"): a record they may
/// not even read answers 404, exactly as a record that does not exist — whether it is another store's or a colleague's
/// lead — so an id never tells anyone what exists; a record they may read but not change this way answers 403.
/// Every page that loads one record asks here, so the answer is the same everywhere.
/// </summary>
public static class RecordRefusals
{
    /// <summary>Null when the user may do <paramref name="operation"/> to the record; else 404 or 403 as above.</summary>
    public static async Task<IActionResult?> RefusalAsync(this IAuthorizationService authorization, ClaimsPrincipal user,
        object record, OperationAuthorizationRequirement operation)
    {
        if ((await authorization.AuthorizeAsync(user, record, operation)).Succeeded)
        {
            return null;
        }

        var readable = operation != Operations.Read
            && (await authorization.AuthorizeAsync(user, record, Operations.Read)).Succeeded;
        return readable ? new ForbidResult() : new NotFoundResult();
    }
}
