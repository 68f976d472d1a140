using System.Buffers.Binary;
using System.Collections.Concurrent;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DealerCrm.Web.Tests.Identity;

/// <summary>
/// ASVS 2.2.1 / 2.5.4: a failed sign-in takes as long for an unknown, locked or deactivated account as for a real
/// one, because each does the same password-hashing work. Proven without a stopwatch: a spy hasher in the app counts
/// the verifications and reads the algorithm and iteration count of each hash it checks.
/// </summary>
public sealed class SignInTimingTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task Every_failed_sign_in_path_hashes_once_with_the_same_algorithm_and_iteration_count()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("existing", store.Id, Roles.SalesManager);
        var locked = await App.CreateUserAsync("locked", store.Id, Roles.SalesManager);
        var inactive = await App.CreateUserAsync("inactive", store.Id, Roles.SalesManager);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == locked.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, App.Now.AddMinutes(10))));
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == inactive.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        var spy = new HashingSpy();
        await using var factory = new CrmWebApplicationFactory(App.ConnectionString, clock: App.Factory.Clock,
            configureServices: services =>
            {
                services.AddSingleton(spy);
                services.AddScoped<IPasswordHasher<StaffUser>, SpyPasswordHasher>();
            });

        var seen = new Dictionary<string, IReadOnlyList<(int Prf, int Iterations)>>();
        foreach (var (path, userName, password) in new[]
                 {
                     ("existing user, wrong password", "existing", "not the right passphrase"),
                     ("unknown user", "nobody.here", "not the right passphrase"),
                     ("locked user", "locked", AppFixture.Password),
                     ("deactivated user", "inactive", AppFixture.Password),
                     ("existing user, right password", "existing", AppFixture.Password),
                 })
        {
            using var client = new TestClient(factory.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                BaseAddress = new Uri("https://localhost"),
            }));
            var page = await client.GetDocumentAsync("/Account/Login");
            spy.Verified.Clear();

            using var response = await client.SubmitFormAsync(page, "/Account/Login", new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            });

            response.StatusCode.Should().Be(path.EndsWith("right password", StringComparison.Ordinal)
                ? System.Net.HttpStatusCode.Redirect
                : System.Net.HttpStatusCode.OK, path);
            seen[path] = spy.Verified.ToList();
        }

        var configured = factory.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount;
        configured.Should().Be(210_000);
        foreach (var (path, hashes) in seen)
        {
            hashes.Should().Equal(new[] { (2, configured) },
                $"the {path} path must check exactly one PBKDF2-HMAC-SHA512 hash of {configured} iterations");
        }
    }

    /// <summary>What the spy saw: one entry per verification, the hash's PRF (2 = HMAC-SHA512) and iteration count.</summary>
    public sealed class HashingSpy
    {
        public ConcurrentQueue<(int Prf, int Iterations)> Verified { get; } = new();
    }

    /// <summary>The app's own hasher, watched.</summary>
    public sealed class SpyPasswordHasher(HashingSpy spy, IOptions<PasswordHasherOptions> options)
        : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> _inner = new(options);

        public string HashPassword(StaffUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword,
            string providedPassword)
        {
            // Identity's V3 format: 0x01, PRF (uint32, big-endian), iteration count (uint32), salt length, salt, subkey.
            var bytes = Convert.FromBase64String(hashedPassword);
            spy.Verified.Enqueue(bytes[0] == 0x01
                ? ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)),
                    (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)))
                : (-1, -1));
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
