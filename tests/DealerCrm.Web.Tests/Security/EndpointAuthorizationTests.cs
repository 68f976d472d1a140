using System.Net;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Security;

/// <summary>
/// Spec 7.2 [4.1.1, 13.1.4]: every endpoint the app has, read from its own EndpointDataSource, sends an anonymous
/// visitor to sign-in, except the short allow-list below. A new page cannot ship open without failing this test.
/// </summary>
public sealed class EndpointAuthorizationTests(AppFixture app) : WebTest(app)
{
    private static readonly string[] Anonymous =
    [
        "/Account/Login", "/Account/AccessDenied", "/Error", "/Language", "/health/live", "/health/ready",
    ];

    public static IEnumerable<string> AllRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(segment =>
                string.Concat(segment.Parts.Select(part => part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { IsCatchAll: true } => "x",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "1",
                    _ => string.Empty,
                })))))
            .Select(path => path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/")
            .Distinct()
            .Order();

    [Fact]
    public async Task Every_endpoint_but_the_allow_list_sends_anonymous_visitors_to_sign_in()
    {
        var routes = AllRoutes(App.Factory.Services).Append("/hangfire").ToList();
        routes.Should().Contain(["/Admin/Users", "/Admin/Stores/Edit/1", "/hangfire/x"],
            "the sweep must see the app's real endpoints");

        using var client = App.CreateClient();
        var open = new List<string>();
        foreach (var route in routes.Where(r => !Anonymous.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var response = await client.Http.SendAsync(new HttpRequestMessage(method, route));
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest
                    || (response.StatusCode == HttpStatusCode.Redirect
                        && response.RedirectPath()!.StartsWith("/Account/Login", StringComparison.Ordinal));
                if (!refused)
                {
                    open.Add($"{method} {route} -> {(int)response.StatusCode}");
                }
            }
        }

        open.Should().BeEmpty("anonymous requests must never reach a page");
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_allow_listed_pages_answer_anonymous_visitors(string path)
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Static_files_are_served_without_sign_in()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/lib/bootstrap/css/bootstrap.min.css");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
