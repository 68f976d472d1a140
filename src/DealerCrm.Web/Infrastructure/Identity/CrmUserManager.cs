using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>
/// Identity's user manager with the lockout read and set on the app's one clock: Identity's own code reads the system
/// clock for "locked until" (dotnet/aspnetcore#62796), so the lockout would start and end at another instant than
/// every other rule of the app (and of the tests, which move the clock).
/// </summary>
public sealed class CrmUserManager(
    IUserStore<StaffUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<StaffUser> passwordHasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators,
    IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StaffUser>> logger,
    TimeProvider time)
    : UserManager<StaffUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer,
        errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockout = LockoutStore;
        if (!await lockout.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        return await lockout.GetLockoutEndDateAsync(user, CancellationToken) is { } end && end >= time.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockout = LockoutStore;
        var count = await lockout.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockout.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan),
                CancellationToken);
            await lockout.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }

    private IUserLockoutStore<StaffUser> LockoutStore =>
        Store as IUserLockoutStore<StaffUser> ?? throw new NotSupportedException("The user store has no lockout.");
}
