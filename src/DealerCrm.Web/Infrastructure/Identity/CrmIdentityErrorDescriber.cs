using Microsoft.AspNetCore.Identity;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>Identity's errors as resource keys, so they are shown in the user's language.</summary>
public sealed class CrmIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = "Password.TooShort" };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "User.UserNameTaken" };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "User.UserNameInvalid" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Password.CurrentWrong" };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "Error.Concurrency" };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Error.Generic" };
}
