using Microsoft.AspNetCore.Identity;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>A member of staff. Created by an Admin; belongs to one store; can be deactivated but never deleted.</summary>
public sealed class StaffUser : IdentityUser<long>
{
    public const int DisplayNameMaxLength = 50;
    public const int UserNameMaxLength = 50;

    public string DisplayName { get; set; } = string.Empty;

    public int StoreId { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>
    /// Set when an Admin chose the password (new account, reset): the user must replace it at the next sign-in and
    /// can reach nothing else until then (ASVS 2.3.1).
    /// </summary>
    public bool MustChangePassword { get; set; }

    public uint Version { get; set; }
}

public sealed class StaffRole : IdentityRole<long>
{
    public StaffRole()
    {
    }

    public StaffRole(string name)
        : base(name)
    {
    }
}
