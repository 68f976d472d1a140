using System.Net;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Admin;

/// <summary>Every Admin page and the jobs dashboard refuse every other role, for reading and for writing.</summary>
public sealed class AdminAccessTests(AppFixture app) : WebTest(app)
{
    private static readonly string[] AdminPages =
    [
        "/Admin", "/Admin/Group", "/Admin/GradePolicy", "/Admin/Stores", "/Admin/Stores/Create", "/Admin/Stores/Edit/{store}", "/Admin/Users",
        "/Admin/Users/Create", "/Admin/Users/Edit/{user}", "/Admin/Users/ResetPassword/{user}", "/hangfire",
    ];

    public static TheoryData<string> OtherRoles() => new(Roles.Names.Where(r => r != Roles.Admin));

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task Other_roles_are_refused_every_admin_page_and_change_nothing(string role)
    {
        var store = await App.CreateStoreAsync();
        var target = await App.CreateUserAsync("target.user", store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("someone", store.Id, role);
        using var client = await App.SignInAsync("someone");

        foreach (var template in AdminPages)
        {
            var path = template.Replace("{store}", store.Id.ToString(), StringComparison.Ordinal)
                .Replace("{user}", target.Id.ToString(), StringComparison.Ordinal);
            using var get = await client.GetAsync(path);
            get.IsRefused().Should().BeTrue($"{role} must not GET {path} (got {(int)get.StatusCode})");
        }

        // Posting as a browser would (with a valid anti-forgery token from a page they can open) is refused too.
        var ownHome = RoleNavigation.Items.First(i => i.Role == role).Path;
        var page = await client.GetDocumentAsync(ownHome);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var path in new[]
                 {
                     "/Admin/Stores/Create", $"/Admin/Users/Edit/{target.Id}?handler=Deactivate",
                     $"/Admin/Users/ResetPassword/{target.Id}",
                 })
        {
            using var post = await client.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Code"] = "HACK",
                ["Input.Name"] = "Hacked",
                ["Password.Password"] = "a brand new password",
                ["Password.ConfirmPassword"] = "a brand new password",
            }));
            post.IsRefused().Should().BeTrue($"{role} must not POST {path} (got {(int)post.StatusCode})");
        }

        (await App.WithDbAsync(db => db.Stores.CountAsync())).Should().Be(1);
        (await App.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => new { u.IsActive, u.PasswordHash })
            .SingleAsync())).Should().Be(new { IsActive = true, target.PasswordHash });
    }

    [Fact]
    public async Task An_admin_opens_every_admin_page_and_the_jobs_dashboard()
    {
        var store = await App.CreateStoreAsync();
        var admin = await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        using var client = await App.SignInAsync("admin");

        foreach (var template in AdminPages)
        {
            var path = template.Replace("{store}", store.Id.ToString(), StringComparison.Ordinal)
                .Replace("{user}", admin.Id.ToString(), StringComparison.Ordinal);
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        }
    }
}
