using System.Net;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Account;

public sealed class LoginTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task A_user_signs_in_with_user_name_and_password_and_lands_on_their_role_home()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        using var client = App.CreateClient();

        using var signIn = await client.SignInAsync("consultant.li", AppFixture.Password);
        signIn.RedirectPath().Should().Be("/");
        using var home = await client.GetAsync("/");
        home.RedirectPath().Should().Be("/FollowUps");
        var page = await client.GetDocumentAsync("/FollowUps");
        page.QuerySelector("[data-testid=current-user]")!.TextContent.Should().Contain("Display consultant.li")
            .And.Contain("Store S1");

        var audited = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignIn));
        audited.Should().Be(1);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_message()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var client = App.CreateClient();

        using var wrongPassword = await client.SignInAsync("manager", "not the password at all");
        using var unknownUser = await client.SignInAsync("nobody.here", "not the password at all");

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.OK);
        var first = (await TestClient.ParseAsync(wrongPassword)).QuerySelector("[data-testid=login-error]")!.TextContent;
        var second = (await TestClient.ParseAsync(unknownUser)).QuerySelector("[data-testid=login-error]")!.TextContent;
        first.Should().Contain("Sign-in failed").And.Be(second);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_and_the_right_password_no_longer_works()
    {
        var store = await App.CreateStoreAsync();
        var user = await App.CreateUserAsync("receptionist", store.Id, Roles.Receptionist);
        using var client = App.CreateClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await client.SignInAsync("receptionist", "wrong password number " + attempt);
            failed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var correct = await client.SignInAsync("receptionist", AppFixture.Password);
        correct.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account cannot sign in even with its password");
        (await TestClient.ParseAsync(correct)).QuerySelector("[data-testid=login-error]")!.TextContent
            .Should().Contain("Sign-in failed");

        var lockoutEnd = await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .Select(u => u.LockoutEnd).SingleAsync());
        lockoutEnd.Should().BeCloseTo(App.Now.AddMinutes(15), TimeSpan.FromMinutes(1));
        var lockedOut = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LockedOut));
        lockedOut.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_lockout_ends_fifteen_minutes_later_on_the_apps_clock()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("receptionist", store.Id, Roles.Receptionist);
        using var client = App.CreateClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await client.SignInAsync("receptionist", "wrong password number " + attempt);
        }

        App.Clock.Advance(TimeSpan.FromMinutes(14));
        using var stillLocked = await client.SignInAsync("receptionist", AppFixture.Password);
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        using var unlocked = await client.SignInAsync("receptionist", AppFixture.Password);

        stillLocked.StatusCode.Should().Be(HttpStatusCode.OK, "14 minutes after the fifth failure the account is locked");
        unlocked.StatusCode.Should().Be(HttpStatusCode.Redirect, "16 minutes after, the lockout is over");
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in()
    {
        var store = await App.CreateStoreAsync();
        var user = await App.CreateUserAsync("gone", store.Id, Roles.SalesConsultant);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        using var client = App.CreateClient();

        using var response = await client.SignInAsync("gone", AppFixture.Password);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/")).RedirectPath().Should().StartWith("/Account/Login");
    }

    [Fact]
    public async Task An_external_return_url_is_ignored()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var client = App.CreateClient();

        using var response = await client.SubmitFormAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            new Dictionary<string, string> { ["Input.UserName"] = "manager", ["Input.Password"] = AppFixture.Password });

        response.RedirectPath().Should().Be("/");
    }

    [Fact]
    public async Task Empty_fields_are_refused_beside_each_field()
    {
        using var client = App.CreateClient();

        using var response = await client.SignInAsync(string.Empty, string.Empty);

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.UserName").Should().Be("User name is required.");
        page.FieldError("Input.Password").Should().Be("Password is required.");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var client = await App.SignInAsync("manager");

        using var signOut = await client.SubmitFormAsync("/Manager", new Dictionary<string, string>(),
            "form[action='/Account/Logout']");

        signOut.RedirectPath().Should().Be("/Account/Login");
        (await client.GetAsync("/Manager")).RedirectPath().Should().StartWith("/Account/Login");
    }

    [Fact]
    public async Task The_password_is_stored_with_PBKDF2_SHA512_and_210000_iterations()
    {
        var store = await App.CreateStoreAsync();
        var user = await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);

        var hash = Convert.FromBase64String(user.PasswordHash!);

        // Identity v3 format: 0x01, PRF (2 = HMACSHA512), iteration count, salt length, salt, subkey; big-endian.
        hash[0].Should().Be(0x01);
        ReadUInt32(hash, 1).Should().Be(2u, "the PRF is HMAC-SHA512");
        ReadUInt32(hash, 5).Should().Be(210_000u);
    }

    private static uint ReadUInt32(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
}
