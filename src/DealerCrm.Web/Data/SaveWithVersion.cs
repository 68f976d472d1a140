using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Data;

/// <summary>A unique index that refuses a value, and the message shown beside the field that typed it.</summary>
public sealed record UniqueRefusal(string Constraint, string Field, string MessageKey);

/// <summary>
/// The one way a page saves what a person edited: with the row version they saw (PostgreSQL xmin), so a change made
/// by someone else in the meantime is refused with "changed by someone else, reload" instead of being overwritten,
/// and a value a unique index refuses gets its message beside its field. Nothing is saved on either refusal.
/// </summary>
public static class SaveWithVersion
{
    /// <summary>The version the user's form was built from; the save fails if the row has moved on since.</summary>
    public static void ExpectVersion(this CrmDbContext db, object entity, uint version) =>
        db.Entry(entity).Property("Version").OriginalValue = version;

    /// <summary>Saves; on a refusal puts its message in <paramref name="modelState"/> and returns false.</summary>
    public static async Task<bool> TrySaveAsync(this CrmDbContext db, ModelStateDictionary modelState,
        IStringLocalizer localizer, params UniqueRefusal[] unique)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsLostRace())
        {
            modelState.AddModelError(string.Empty, localizer["Error.Concurrency"]);
        }
        catch (DbUpdateException ex) when (unique.FirstOrDefault(u => ex.IsUniqueViolation(u.Constraint)) is { } refusal)
        {
            modelState.AddModelError(refusal.Field, localizer[refusal.MessageKey]);
        }

        return false;
    }
}
