using System.Security.Claims;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;

namespace DealerCrm.Web.Infrastructure.Auditing;

/// <summary>
/// Adds audit entries to the current unit of work, so an audited change and its audit entry are saved together.
/// </summary>
public sealed class AuditLog(CrmDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    public void Record(string action, string? target = null, string? details = null, ClaimsPrincipal? actor = null,
        long? userId = null, string? userName = null, int? storeId = null)
    {
        var context = http.HttpContext;
        var principal = actor ?? context?.User;
        if (principal?.Identity?.IsAuthenticated == true)
        {
            userId ??= long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
            userName ??= principal.Identity.Name;
            storeId ??= int.TryParse(principal.FindFirstValue(CrmClaimTypes.StoreId), out var store) ? store : null;
        }

        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), action, userId, userName, storeId, target, details,
            context?.Connection.RemoteIpAddress?.ToString()));
    }

    /// <summary>Records and saves at once: for events with no other change to save (sign-in, refusals).</summary>
    public async Task RecordNowAsync(string action, string? target = null, string? details = null,
        long? userId = null, string? userName = null, int? storeId = null)
    {
        Record(action, target, details, userId: userId, userName: userName, storeId: storeId);
        await db.SaveChangesAsync();
    }
}
