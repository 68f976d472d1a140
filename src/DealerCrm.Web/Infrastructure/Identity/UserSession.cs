namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>
/// A signed-in session as the server knows it. The cookie carries only the session's id; signing out ends the row,
/// so a copy of the cookie taken before sign-out no longer works (ASVS 3.3.1). Other sessions of the same user stay.
/// </summary>
public sealed class UserSession
{
    private UserSession()
    {
    }

    public UserSession(long userId, DateTimeOffset startedAt)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        StartedAt = startedAt;
    }

    public Guid Id { get; private set; }

    public long UserId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }
}
