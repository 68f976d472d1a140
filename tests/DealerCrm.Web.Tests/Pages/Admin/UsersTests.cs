using System.Net;
using AngleSharp.Dom;
using DealerCrm.Domain.Common;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Pages.Admin.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Pages.Admin;

public sealed class UsersTests(AppFixture app) : WebTest(app)
{
    private TestClient _admin = null!;
    private int _storeId;
    private long _adminId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _storeId = (await App.CreateStoreAsync("S1")).Id;
        _adminId = (await App.CreateUserAsync("admin", _storeId, Roles.Admin)).Id;
        _admin = await App.SignInAsync("admin");
    }

    public override Task DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_creates_an_account_with_store_and_roles_that_can_then_sign_in()
    {
        var store2 = await App.CreateStoreAsync("S2");

        using var response = await _admin.SubmitFormAsync("/Admin/Users/Create", NewUser("Consultant.Wang", store2.Id,
            TestClient.Many(Roles.SalesConsultant, Roles.Receptionist)));

        response.RedirectPath().Should().Be("/Admin/Users");
        var user = await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "consultant.wang"));
        user.StoreId.Should().Be(store2.Id);
        user.DisplayName.Should().Be("王强");
        var roles = await App.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        roles.Should().BeEquivalentTo([Roles.SalesConsultant, Roles.Receptionist]);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.UserCreated)))
            .Should().Be(1);

        using var client = await App.SignInAsync("consultant.wang", "a long enough passphrase");
        (await client.GetAsync("/")).RedirectPath().Should().Be("/Account/ChangePassword",
            "a password the Admin chose is replaced first");
        using var changed = await client.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "a long enough passphrase",
            ["Input.NewPassword"] = "wang chooses his own",
            ["Input.ConfirmPassword"] = "wang chooses his own",
        });
        (await client.GetAsync("/")).RedirectPath().Should().Be("/Showroom", "the first of the user's roles in nav order");
        var nav = (await client.GetDocumentAsync("/Showroom")).QuerySelector("[data-testid=main-nav]")!.TextContent;
        nav.Should().Contain("Showroom").And.Contain("My follow-ups").And.NotContain("Administration");
    }

    [Theory]
    [InlineData("short pass", "The password must be 12 to 128 characters long.")]
    [InlineData("password1234", "This password is too common. Choose one that is harder to guess.")]
    [InlineData("QWERTYUIOP123", "This password is too common. Choose one that is harder to guess.")]
    public async Task Weak_passwords_are_refused_beside_the_password_and_nothing_is_created(string password, string message)
    {
        var form = NewUser("new.user", _storeId, Roles.SalesManager);
        form["Password.Password"] = password;
        form["Password.ConfirmPassword"] = password;

        using var response = await _admin.SubmitFormAsync("/Admin/Users/Create", form);

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Password.Password").Should().Be(message);
        page.InputValue("UserName").Should().Be("new.user");
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#role-{Roles.SalesManager}")!.IsChecked.Should().BeTrue();
        (await App.WithDbAsync(db => db.Users.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_taken_user_name_is_refused_beside_the_user_name()
    {
        using var response = await _admin.SubmitFormAsync("/Admin/Users/Create", NewUser("ADMIN", _storeId, Roles.Admin));

        (await TestClient.ParseAsync(response)).FieldError("UserName").Should().Be("This user name is already taken.");
        (await App.WithDbAsync(db => db.Users.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_missing_store_is_refused_beside_the_store()
    {
        var form = NewUser("no.store", _storeId, Roles.SalesManager);
        form["Account.StoreId"] = string.Empty;

        using var response = await _admin.SubmitFormAsync("/Admin/Users/Create", form);

        (await TestClient.ParseAsync(response)).FieldError("Account.StoreId").Should().Be("Store is required.");
    }

    [Fact]
    public async Task Changing_roles_ends_the_users_sessions_so_a_removed_role_takes_effect_at_once()
    {
        var manager = await App.CreateUserAsync("manager", _storeId, Roles.SalesManager);
        using var managerClient = await App.SignInAsync("manager");
        (await managerClient.GetAsync("/Manager")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var response = await _admin.SubmitFormAsync($"/Admin/Users/Edit/{manager.Id}",
            new Dictionary<string, string> { ["Account.Roles"] = Roles.SalesConsultant });

        response.RedirectPath().Should().Be("/Admin/Users");
        (await managerClient.GetAsync("/Manager")).RedirectPath().Should().StartWith("/Account/Login");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.UserRolesChanged)))
            .Should().Be(1);
    }

    [Fact]
    public async Task A_deactivated_user_is_signed_out_at_their_next_request()
    {
        var consultant = await App.CreateUserAsync("consultant", _storeId, Roles.SalesConsultant);
        using var consultantClient = await App.SignInAsync("consultant");
        (await consultantClient.GetAsync("/FollowUps")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var response = await _admin.SubmitFormAsync($"/Admin/Users/Edit/{consultant.Id}",
            new Dictionary<string, string>(), "form[action$='handler=Deactivate']");

        response.RedirectPath().Should().Be($"/Admin/Users/Edit/{consultant.Id}");
        (await consultantClient.GetAsync("/FollowUps")).RedirectPath().Should().StartWith("/Account/Login");
        (await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == consultant.Id))).IsActive.Should().BeFalse();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.UserDeactivated)))
            .Should().Be(1);

        using var reactivate = await _admin.SubmitFormAsync($"/Admin/Users/Edit/{consultant.Id}",
            new Dictionary<string, string>(), "form[action$='handler=Reactivate']");
        using var again = await App.SignInAsync("consultant");
        (await again.GetAsync("/FollowUps")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_only_admin_can_neither_deactivate_themselves_nor_drop_their_admin_role()
    {
        using var deactivate = await _admin.SubmitFormAsync($"/Admin/Users/Edit/{_adminId}",
            new Dictionary<string, string>(), "form[action$='handler=Deactivate']");
        using var dropRole = await _admin.SubmitFormAsync($"/Admin/Users/Edit/{_adminId}",
            new Dictionary<string, string> { ["Account.Roles"] = Roles.SalesManager });

        (await deactivate.Content.ReadAsStringAsync()).Should().Contain("You cannot deactivate your own account.");
        (await TestClient.ParseAsync(dropRole)).FieldError("Account.Roles")
            .Should().Be("You cannot remove the Administrator role from your own account.");
        (await App.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == _adminId))).IsActive.Should().BeTrue();
        (await App.WithDbAsync(db => db.UserRoles.CountAsync(r => r.UserId == _adminId))).Should().Be(1);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_deactivated_by_anyone()
    {
        var other = await App.CreateUserAsync("admin2", _storeId, Roles.Admin);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var db = scope.ServiceProvider.GetRequiredService<DealerCrm.Web.Data.CrmDbContext>();

        await accounts.DeactivateAsync(await db.Users.SingleAsync(u => u.Id == other.Id), actingUserId: _adminId);
        var last = await db.Users.SingleAsync(u => u.Id == _adminId);
        var act = () => accounts.DeactivateAsync(last, actingUserId: other.Id);

        (await act.Should().ThrowAsync<DomainException>()).Which.MessageKey.Should().Be("User.LastAdmin");
        (await App.WithDbAsync(d => d.Users.SingleAsync(u => u.Id == _adminId))).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task Resetting_a_password_ends_the_users_sessions_and_lifts_a_lockout()
    {
        var user = await App.CreateUserAsync("crm", _storeId, Roles.CrmOfficer);
        using var userClient = await App.SignInAsync("crm");
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, App.Now.AddMinutes(10))));

        using var response = await _admin.SubmitFormAsync($"/Admin/Users/ResetPassword/{user.Id}",
            new Dictionary<string, string>
            {
                ["Password.Password"] = "a fresh passphrase here",
                ["Password.ConfirmPassword"] = "a fresh passphrase here",
            });

        response.RedirectPath().Should().Be($"/Admin/Users/Edit/{user.Id}");
        (await userClient.GetAsync("/Callbacks")).RedirectPath().Should().StartWith("/Account/Login");
        using var fresh = await App.SignInAsync("crm", "a fresh passphrase here");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.UserPasswordReset)))
            .Should().Be(1);
    }

    [Fact]
    public async Task Mismatched_confirmation_is_refused_beside_the_confirmation()
    {
        var user = await App.CreateUserAsync("crm", _storeId, Roles.CrmOfficer);

        using var response = await _admin.SubmitFormAsync($"/Admin/Users/ResetPassword/{user.Id}",
            new Dictionary<string, string>
            {
                ["Password.Password"] = "a fresh passphrase here",
                ["Password.ConfirmPassword"] = "another passphrase here",
            });

        (await TestClient.ParseAsync(response)).FieldError("Password.ConfirmPassword")
            .Should().Be("The two passwords do not match.");
    }

    [Fact]
    public async Task The_account_list_pages_by_user_name()
    {
        for (var i = 0; i < 55; i++)
        {
            await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                $"INSERT INTO users (user_name, normalized_user_name, display_name, store_id, is_active, created_at, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) VALUES ({"user" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}, {"USER" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}, {"U"}, {_storeId}, true, {App.Now}, false, false, false, true, 0)"));
        }

        var first = await _admin.GetDocumentAsync("/Admin/Users");
        var rows = first.QuerySelectorAll("[data-testid=users] tbody tr");
        rows.Length.Should().Be(50);
        rows[0].TextContent.Should().Contain("admin");
        var next = first.QuerySelector("a.btn-outline-secondary")!.GetAttribute("href")!;
        var second = await _admin.GetDocumentAsync(next);
        second.QuerySelectorAll("[data-testid=users] tbody tr").Select(r => r.QuerySelector("td")!.TextContent)
            .Should().Equal("user49", "user50", "user51", "user52", "user53", "user54");
    }

    private static Dictionary<string, string> NewUser(string userName, int storeId, string roles) => new()
    {
        ["UserName"] = userName,
        ["Account.DisplayName"] = "王强",
        ["Account.StoreId"] = storeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Account.Roles"] = roles,
        ["Password.Password"] = "a long enough passphrase",
        ["Password.ConfirmPassword"] = "a long enough passphrase",
    };
}
