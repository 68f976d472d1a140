using System.Net;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Identity;

/// <summary>
/// ASVS 2.3.1: a password an Admin set (new account, reset) is replaced by the user at the first sign-in, before
/// anything else can be reached; a "change" to the same password is refused.
/// </summary>
public sealed class MustChangePasswordTests(AppFixture app) : WebTest(app)
{
    private const string AdminSet = "set by the admin today";
    private const string Chosen = "my very own passphrase";

    private int _storeId;
    private TestClient _admin = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _storeId = (await App.CreateStoreAsync("S1")).Id;
        await App.CreateUserAsync("admin", _storeId, Roles.Admin);
        _admin = await App.SignInAsync("admin");
    }

    public override Task DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_new_account_must_change_its_password_before_reaching_anything_else()
    {
        using var created = await _admin.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["UserName"] = "manager.new",
            ["Account.DisplayName"] = "新经理",
            ["Account.StoreId"] = _storeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Account.Roles"] = Roles.SalesManager,
            ["Password.Password"] = AdminSet,
            ["Password.ConfirmPassword"] = AdminSet,
        });
        created.RedirectPath().Should().Be("/Admin/Users");

        using var user = App.CreateClient();
        using var signIn = await user.SignInAsync("manager.new", AdminSet);
        signIn.RedirectPath().Should().Be("/Account/ChangePassword");
        foreach (var path in new[] { "/", "/Manager", "/Leads", "/Notifications", "/hangfire" })
        {
            (await user.GetAsync(path)).RedirectPath().Should().Be("/Account/ChangePassword", $"{path} must wait");
        }

        var page = await user.GetDocumentAsync("/Account/ChangePassword");
        page.QuerySelector("[data-testid=must-change-password]").Should().NotBeNull();

        using var changed = await ChangeAsync(user, AdminSet, Chosen);

        changed.RedirectPath().Should().Be("/");
        (await user.GetAsync("/Manager")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "manager.new"))).MustChangePassword
            .Should().BeFalse();
        using var again = App.CreateClient();
        (await again.SignInAsync("manager.new", Chosen)).RedirectPath().Should().Be("/");
    }

    [Fact]
    public async Task A_password_reset_by_an_admin_must_be_changed_at_the_next_sign_in()
    {
        var user = await App.CreateUserAsync("crm", _storeId, Roles.CrmOfficer);
        using var reset = await _admin.SubmitFormAsync($"/Admin/Users/ResetPassword/{user.Id}",
            new Dictionary<string, string>
            {
                ["Password.Password"] = AdminSet,
                ["Password.ConfirmPassword"] = AdminSet,
            });
        reset.RedirectPath().Should().Be($"/Admin/Users/Edit/{user.Id}");

        using var client = App.CreateClient();
        (await client.SignInAsync("crm", AdminSet)).RedirectPath().Should().Be("/Account/ChangePassword");
        (await client.GetAsync("/Callbacks")).RedirectPath().Should().Be("/Account/ChangePassword");
        using var changed = await ChangeAsync(client, AdminSet, Chosen);
        (await client.GetAsync("/Callbacks")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_a_password_to_the_same_password_is_refused_and_the_flag_stays()
    {
        using var created = await _admin.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["UserName"] = "consultant.li",
            ["Account.DisplayName"] = "李",
            ["Account.StoreId"] = _storeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Account.Roles"] = Roles.SalesConsultant,
            ["Password.Password"] = AdminSet,
            ["Password.ConfirmPassword"] = AdminSet,
        });
        created.RedirectPath().Should().Be("/Admin/Users");
        using var client = App.CreateClient();
        using var signIn = await client.SignInAsync("consultant.li", AdminSet);
        signIn.RedirectPath().Should().Be("/Account/ChangePassword");

        using var response = await ChangeAsync(client, AdminSet, AdminSet);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Input.NewPassword")
            .Should().Be("The new password must be different from the current one.");
        (await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "consultant.li"))).MustChangePassword
            .Should().BeTrue();
        (await client.GetAsync("/FollowUps")).RedirectPath().Should().Be("/Account/ChangePassword");
    }

    [Fact]
    public async Task Accounts_made_outside_the_admin_pages_carry_no_flag()
    {
        await App.CreateUserAsync("consultant", _storeId, Roles.SalesConsultant);
        using var client = App.CreateClient();

        (await client.SignInAsync("consultant", AppFixture.Password)).RedirectPath().Should().Be("/");
        (await client.GetAsync("/FollowUps")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> ChangeAsync(TestClient client, string current, string next) =>
        client.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });
}
