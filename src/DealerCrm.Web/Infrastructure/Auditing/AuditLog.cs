using System.Security.Claims;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;

namespace DealerCrm.Web.Infrastructure.Auditing;

/// <summary>
/// Adds audit entries to the current unit of work, so an audited change and its audit entry are saved together.
/// Each entry is filed under the store it concerns, because a store's managers read their store's entries: by default
/// the actor's store (their own work), or the store named by <c>storeId</c> when the act concerns another one (an
/// Admin creating an account in store 13 files it under store 13); <see cref="RecordForGroup"/> files an act that
/// concerns no single store, which only Admins read.
/// </summary>
public sealed class AuditLog(CrmDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    public void Record(string action, string? target = null, string? details = null, ClaimsPrincipal? actor = null,
        long? userId = null, string? userName = null, int? storeId = null) =>
        Add(action, target, details, actor, userId, userName, storeId, groupLevel: false);

    /// <summary>An act on the whole dealer group (its settings, a new store): no store's managers read it.</summary>
    public void RecordForGroup(string action, string? target = null, string? details = null) =>
        Add(action, target, details, actor: null, userId: null, userName: null, storeId: null, groupLevel: true);

    /// <summary>Records and saves at once: for events with no other change to save (sign-in, refusals).</summary>
    public async Task RecordNowAsync(string action, string? target = null, string? details = null,
        long? userId = null, string? userName = null, int? storeId = null)
    {
        Record(action, target, details, userId: userId, userName: userName, storeId: storeId);
        await db.SaveChangesAsync();
    }

    private void Add(string action, string? target, string? details, ClaimsPrincipal? actor, long? userId,
        string? userName, int? storeId, bool groupLevel)
    {
        var context = http.HttpContext;
        var principal = actor ?? context?.User;
        if (principal?.Identity?.IsAuthenticated == true)
        {
            userId ??= long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
            userName ??= principal.Identity.Name;
            if (!groupLevel)
            {
                storeId ??= int.TryParse(principal.FindFirstValue(CrmClaimTypes.StoreId), out var store) ? store : null;
            }
        }

        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), action, userId, userName, storeId, target, details,
            context?.Connection.RemoteIpAddress?.ToString()));
    }
}
