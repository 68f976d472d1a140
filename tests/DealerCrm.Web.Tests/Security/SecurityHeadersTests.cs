using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Security;

/// <summary>Spec 7.2 [14.4, 8.2.1, 3.4]: headers on every page, and cookies that scripts and other sites cannot use.</summary>
public sealed class SecurityHeadersTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task Pages_carry_a_strict_policy_and_are_never_cached()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/Account/Login");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("same-origin");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().NotContain("<script>", "no inline script anywhere");
    }

    [Fact]
    public async Task The_session_cookie_is_host_only_secure_http_only_and_same_site_lax()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var client = App.CreateClient();

        using var response = await client.SignInAsync("manager", AppFixture.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-DealerCrm.Auth=", StringComparison.Ordinal));
        cookie.Should().Contain("secure").And.Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/")
            .And.NotContain("domain=").And.NotContain("expires=", "the session cookie dies with the browser");
    }

    [Fact]
    public async Task An_unknown_page_gets_the_generic_error_page_with_a_request_id()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        using var client = await App.SignInAsync("manager");

        using var response = await client.GetAsync("/No/Such/Page");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        var page = await TestClient.ParseAsync(response);
        page.QuerySelector("[data-testid=request-id]")!.TextContent.Should().NotBeNullOrWhiteSpace();
    }
}
