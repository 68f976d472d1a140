using Microsoft.AspNetCore.Identity;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>
/// A new password must differ from the current one: a change to the same password would leave an Admin-set or
/// compromised password in place while looking done (ASVS 2.3.1).
/// </summary>
public sealed class NotTheCurrentPasswordValidator : IPasswordValidator<StaffUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var same = user.PasswordHash is { Length: > 0 } hash && password is not null
            && manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
        return Task.FromResult(same
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordSameAsCurrent", Description = "Password.SameAsCurrent" })
            : IdentityResult.Success);
    }
}
