using System.Globalization;
using System.Security.Claims;
using DealerCrm.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager with our rules: a deactivated user cannot sign in; each session remembers when the
/// password was typed so that it can end 8 hours later however active it was (spec 7.2, ASVS 3.3.2); each session is
/// recorded on the server, so signing out ends it there and a copied cookie stops working (ASVS 3.3.1); and a wrong
/// password costs the same password-hashing work whether the account exists, is locked or deactivated, so the time
/// of the answer does not tell which (ASVS 2.2.1, 2.5.4).
/// </summary>
public sealed class CrmSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    TimeProvider time,
    CrmDbContext db,
    IOptions<SessionOptions> sessionOptions,
    DummyPasswordHash dummyHash)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes,
        confirmation)
{
    /// <summary>Kept in the authentication properties: the id of the server-side session (<see cref="UserSession"/>).</summary>
    public const string SessionIdItem = "dealercrm.session_id";

    public override async Task<bool> CanSignInAsync(StaffUser user) =>
        user.IsActive && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent,
        bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // No such account: do the work a real check does, so the answer comes as late as for a real one.
            VerifyAgainstDummyHash(password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(StaffUser user, string password,
        bool lockoutOnFailure)
    {
        // Identity refuses a locked or deactivated account before hashing anything; hash all the same.
        if (await PreSignInCheck(user) is { } refused)
        {
            VerifyAgainstDummyHash(password);
            return refused;
        }

        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    public override async Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties,
        IEnumerable<Claim> additionalClaims)
    {
        authenticationProperties ??= new AuthenticationProperties();
        var now = time.GetUtcNow();
        authenticationProperties.Items.TryAdd(CrmClaimTypes.AuthTimeItem, now.ToString("O", CultureInfo.InvariantCulture));
        authenticationProperties.IsPersistent = false;

        // A refresh (password change) keeps its session; a sign-in starts a new one.
        if (!authenticationProperties.Items.ContainsKey(SessionIdItem))
        {
            // Sessions older than the absolute lifetime are over whatever their row says: keep the table small.
            var expired = now - sessionOptions.Value.AbsoluteLifetime;
            await db.Set<UserSession>().Where(s => s.UserId == user.Id && s.StartedAt < expired).ExecuteDeleteAsync();
            var session = new UserSession(user.Id, now);
            db.Set<UserSession>().Add(session);
            await db.SaveChangesAsync();
            authenticationProperties.Items[SessionIdItem] = session.Id.ToString("N");
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    public override async Task SignOutAsync()
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (SessionId(current.Properties) is { } sessionId)
        {
            var now = time.GetUtcNow();
            await db.Set<UserSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));
        }

        await base.SignOutAsync();
    }

    public static Guid? SessionId(AuthenticationProperties? properties) =>
        properties is not null && properties.Items.TryGetValue(SessionIdItem, out var text)
            && Guid.TryParseExact(text, "N", out var id)
            ? id
            : null;

    private void VerifyAgainstDummyHash(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new StaffUser(), dummyHash.For(UserManager.PasswordHasher),
            password);
}

/// <summary>
/// A hash of a random password made once by the app's own hasher (so with its algorithm and iteration count), for
/// the sign-in attempts that have no real hash to check against.
/// </summary>
public sealed class DummyPasswordHash
{
    private string? _hash;

    public string For(IPasswordHasher<StaffUser> hasher) =>
        LazyInitializer.EnsureInitialized(ref _hash,
            () => hasher.HashPassword(new StaffUser(), Convert.ToBase64String(Guid.NewGuid().ToByteArray())));
}
