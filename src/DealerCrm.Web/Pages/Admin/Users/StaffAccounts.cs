using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Admin.Users;

/// <summary>
/// The Admin's acts on accounts, each audited, in one place with their rules: user names are unique and lower
/// case, roles come from the fixed list, and the group never loses its last active Admin (checked under a lock,
/// so two Admins deactivating each other at once cannot both succeed).
/// </summary>
public sealed class StaffAccounts(CrmDbContext db, UserManager<StaffUser> users, AuditLog audit, TimeProvider time)
{
    private const long LastAdminLockKey = 0x4465616c6572; // any constant: serializes changes that may remove an Admin

    public async Task<IdentityResult> CreateAsync(string userName, string displayName, int storeId,
        IReadOnlyCollection<string> roles, string password)
    {
        await EnsureStoreExistsAsync(storeId);
        EnsureKnownRoles(roles);
        var user = new StaffUser
        {
            UserName = userName.Trim().ToLowerInvariant(),
            DisplayName = displayName.Trim(),
            StoreId = storeId,
            CreatedAt = time.GetUtcNow(),

            // The Admin chose this password: the user replaces it at the first sign-in.
            MustChangePassword = true,
        };

        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded && roles.Count > 0)
        {
            result = await users.AddToRolesAsync(user, roles);
        }

        if (!result.Succeeded)
        {
            return result;
        }

        audit.Record(AuditActions.UserCreated, target: $"user:{user.UserName}",
            details: $"store={storeId}; roles={string.Join(',', roles.Order())}", storeId: storeId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return result;
    }

    public async Task<IdentityResult> UpdateAsync(StaffUser user, uint version, string displayName, int storeId,
        IReadOnlyCollection<string> roles, long actingUserId)
    {
        await EnsureStoreExistsAsync(storeId);
        EnsureKnownRoles(roles);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await LockAdminChangesAsync();

        var current = await users.GetRolesAsync(user);
        var removing = current.Except(roles).ToList();
        var adding = roles.Except(current).ToList();
        if (removing.Contains(Roles.Admin) && user.IsActive)
        {
            if (user.Id == actingUserId)
            {
                throw new DomainException("User.CannotRemoveOwnAdmin", "Roles");
            }

            await EnsureAnotherActiveAdminAsync(user.Id, "Roles");
        }

        var previousStoreId = user.StoreId;
        var storeChanged = previousStoreId != storeId;
        user.DisplayName = displayName.Trim();
        user.StoreId = storeId;
        db.ExpectVersion(user, version);
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && removing.Count > 0)
        {
            result = await users.RemoveFromRolesAsync(user, removing);
        }

        if (result.Succeeded && adding.Count > 0)
        {
            result = await users.AddToRolesAsync(user, adding);
        }

        // A new stamp ends the user's sessions, so a removed role or a store move takes effect at once.
        if (result.Succeeded && (removing.Count > 0 || adding.Count > 0 || storeChanged))
        {
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            return result;
        }

        // Filed under the store the account belongs to; a move is told to the store it leaves as well.
        audit.Record(AuditActions.UserUpdated, target: $"user:{user.UserName}", details: $"store={storeId}",
            storeId: storeId);
        if (storeChanged)
        {
            audit.Record(AuditActions.UserUpdated, target: $"user:{user.UserName}", details: $"store={storeId}",
                storeId: previousStoreId);
        }

        if (removing.Count > 0 || adding.Count > 0)
        {
            audit.Record(AuditActions.UserRolesChanged, target: $"user:{user.UserName}",
                details: $"added={string.Join(',', adding)}; removed={string.Join(',', removing)}", storeId: storeId);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return result;
    }

    public async Task DeactivateAsync(StaffUser user, long actingUserId)
    {
        if (user.Id == actingUserId)
        {
            throw new DomainException("User.CannotDeactivateSelf");
        }

        if (!user.IsActive)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await LockAdminChangesAsync();
        if (await users.IsInRoleAsync(user, Roles.Admin))
        {
            await EnsureAnotherActiveAdminAsync(user.Id, null);
        }

        user.IsActive = false;
        user.DeactivatedAt = time.GetUtcNow();

        // A CRM officer's open callbacks go back to the store's queue (4.3), in this transaction, in one statement.
        await db.CallbackTasks.Where(t => t.AssignedToId == user.Id && t.Status == CallbackStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.AssignedToId, (long?)null));
        var result = await users.UpdateSecurityStampAsync(user);
        ThrowIfFailed(result);
        audit.Record(AuditActions.UserDeactivated, target: $"user:{user.UserName}", storeId: user.StoreId);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public async Task ReactivateAsync(StaffUser user)
    {
        if (user.IsActive)
        {
            return;
        }

        user.IsActive = true;
        user.DeactivatedAt = null;
        var result = await users.UpdateAsync(user);
        ThrowIfFailed(result);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await audit.RecordNowAsync(AuditActions.UserReactivated, target: $"user:{user.UserName}", storeId: user.StoreId);
    }

    public async Task<IdentityResult> ResetPasswordAsync(StaffUser user, string newPassword)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var mustChangeBefore = user.MustChangePassword;
        user.MustChangePassword = true; // saved with the new hash: the user replaces it at the next sign-in
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            user.MustChangePassword = mustChangeBefore;
        }
        else
        {
            // The Admin resets a forgotten or compromised password: lift a lockout too.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordNowAsync(AuditActions.UserPasswordReset, target: $"user:{user.UserName}",
                storeId: user.StoreId);
        }

        return result;
    }

    private static void EnsureKnownRoles(IEnumerable<string> roles)
    {
        if (roles.Any(r => !Roles.Names.Contains(r)))
        {
            throw new DomainException("User.UnknownRole", "Roles");
        }
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(result.Errors.First().Description);
        }
    }

    private async Task EnsureStoreExistsAsync(int storeId)
    {
        if (!await db.Stores.AnyAsync(s => s.Id == storeId))
        {
            throw new DomainException("User.StoreRequired", "StoreId");
        }
    }

    private Task<int> LockAdminChangesAsync() =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LastAdminLockKey})");

    private async Task EnsureAnotherActiveAdminAsync(long exceptUserId, string? field)
    {
        var others = await (
                from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where r.Name == Roles.Admin && u.IsActive && u.Id != exceptUserId
                select u.Id)
            .AnyAsync();
        if (!others)
        {
            throw new DomainException("User.LastAdmin", field);
        }
    }
}
