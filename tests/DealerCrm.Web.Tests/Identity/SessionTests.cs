using System.Net;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Identity;

/// <summary>Spec 7.2 sessions: 8 hours absolute, password change ends other sessions, instances share sign-ins.</summary>
public sealed class SessionTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task Changing_the_password_ends_the_users_other_sessions_but_not_this_one()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var phone = await App.SignInAsync("manager");
        using var desk = await App.SignInAsync("manager");

        using var response = await desk.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = AppFixture.Password,
            ["Input.NewPassword"] = "my new long passphrase",
            ["Input.ConfirmPassword"] = "my new long passphrase",
        });

        response.RedirectPath().Should().Be("/");
        (await desk.GetAsync("/Manager")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await phone.GetAsync("/Manager")).RedirectPath().Should().StartWith("/Account/Login");
        using var again = await App.SignInAsync("manager", "my new long passphrase");
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_beside_it()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var client = await App.SignInAsync("manager");

        using var response = await client.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "this is not it at all",
            ["Input.NewPassword"] = "my new long passphrase",
            ["Input.ConfirmPassword"] = "my new long passphrase",
        });

        (await TestClient.ParseAsync(response)).FieldError("Input.CurrentPassword")
            .Should().Be("The current password is not correct.");
    }

    [Fact]
    public async Task A_session_ends_eight_hours_after_sign_in_however_active_the_user_is()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var client = await App.SignInAsync("manager");

        // A request every 20 minutes keeps the idle timeout (30 minutes) from ever ending the session ...
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(7.9); elapsed += TimeSpan.FromMinutes(20))
        {
            using var during = await client.GetAsync("/Manager");
            during.StatusCode.Should().Be(HttpStatusCode.OK, $"still signed in after {elapsed}");
            App.Clock.Advance(TimeSpan.FromMinutes(20));
        }

        // ... but 8 hours after sign-in it ends all the same.
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        using var after = await client.GetAsync("/Manager");
        after.RedirectPath().Should().StartWith("/Account/Login");
    }

    [Fact]
    public async Task A_user_signed_in_on_one_instance_is_signed_in_on_another_sharing_the_database()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        var cookie = await SessionCookieAsync("manager");

        await using var second = new CrmWebApplicationFactory(App.ConnectionString, clock: App.Factory.Clock);
        using var other = second.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Manager");
        request.Headers.Add("Cookie", cookie);
        using var response = await other.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_no_longer_works()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        var cookie = await SessionCookieAsync("manager");
        var copied = cookie;
        (await SendWithCookieAsync(copied, "/Manager")).StatusCode.Should().Be(HttpStatusCode.OK,
            "the copy works while the session is open");

        using var signOut = await SignOutAsync(cookie);
        signOut.RedirectPath().Should().StartWith("/Account/Login");

        using var replay = await SendWithCookieAsync(copied, "/Manager");
        replay.RedirectPath().Should().StartWith("/Account/Login");
        (await App.WithDbAsync(db => db.Set<UserSession>().SingleAsync())).EndedAt.Should()
            .BeCloseTo(App.Now, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Signing_out_on_one_device_leaves_the_users_other_session_open()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var phone = await App.SignInAsync("manager");
        using var desk = await App.SignInAsync("manager");

        using var signOut = await desk.SubmitFormAsync("/Account/Logout", new Dictionary<string, string>());

        (await desk.GetAsync("/Manager")).RedirectPath().Should().StartWith("/Account/Login");
        (await phone.GetAsync("/Manager")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cookie_without_a_server_side_session_is_refused()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var browser = await App.SignInAsync("manager");

        // As if the session's row were gone (cleaned up, or a cookie made before sessions were recorded).
        await App.WithDbAsync(db => db.Set<UserSession>().ExecuteDeleteAsync());

        (await browser.GetAsync("/Manager")).RedirectPath().Should().StartWith("/Account/Login");
    }

    /// <summary>Signs out as the browser holding this cookie does: the form's anti-forgery token, then the POST.</summary>
    private async Task<HttpResponseMessage> SignOutAsync(string cookie)
    {
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
        });
        using var get = new HttpRequestMessage(HttpMethod.Get, "/Account/Logout");
        get.Headers.Add("Cookie", cookie);
        using var page = await client.SendAsync(get);
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("DealerCrm.Antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        var token = (await TestClient.ParseAsync(page)).QuerySelector("main input[name=__RequestVerificationToken]")!
            .GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", $"{cookie}; {antiforgeryCookie}");
        return await client.SendAsync(post);
    }

    private async Task<HttpResponseMessage> SendWithCookieAsync(string cookie, string path)
    {
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private async Task<string> SessionCookieAsync(string userName)
    {
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
        });
        var login = await client.GetAsync("/Account/Login");
        var antiforgeryCookie = login.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("DealerCrm.Antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        var page = await TestClient.ParseAsync(login);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName,
                ["Input.Password"] = AppFixture.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var response = await client.SendAsync(post);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return response.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("__Host-DealerCrm.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }
}
