using System.Net;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Security;

/// <summary>Spec 7.2 [4.2.2]: a POST without a token, or with a tampered one, is refused and changes nothing.</summary>
public sealed class AntiforgeryTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task A_post_without_token_or_with_a_tampered_token_is_refused()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");
        var fields = new Dictionary<string, string> { ["Input.Code"] = "NEW1", ["Input.Name"] = "New store" };

        using var withoutToken = await admin.Http.PostAsync("/Admin/Stores/Create", new FormUrlEncodedContent(fields));
        var page = await admin.GetDocumentAsync("/Admin/Stores/Create");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        fields["__RequestVerificationToken"] = token[..^4] + "AAAA";
        using var tampered = await admin.Http.PostAsync("/Admin/Stores/Create", new FormUrlEncodedContent(fields));

        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        tampered.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await App.WithDbAsync(db => db.Stores.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_sign_in_without_token_is_refused()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        using var client = App.CreateClient();

        using var response = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = AppFixture.Password }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_post_form_the_layout_renders_carries_a_token()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        var page = await admin.GetDocumentAsync("/Admin/Users/Create");
        var forms = page.QuerySelectorAll("form[method=post]");

        forms.Length.Should().BeGreaterThan(2);
        forms.Should().OnlyContain(f => f.QuerySelector("input[name=__RequestVerificationToken]") != null);
    }
}
