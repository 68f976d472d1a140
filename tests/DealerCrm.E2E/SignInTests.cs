using System.Text.RegularExpressions;
using DealerCrm.Web.Data.Seed;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>Each demo account signs in from the browser and lands on its role's home page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    public static TheoryData<string, string, string> DemoAccounts() => new()
    {
        { "admin", "/Admin", "Administration" },
        { "gm", "/Reports", "Reports" },
        { "manager", "/Manager", "Sales manager board" },
        { "consultant.li", "/FollowUps", "My follow-ups" },
        { "consultant.zhang", "/FollowUps", "My follow-ups" },
        { "receptionist", "/Showroom", "Showroom traffic" },
        { "crmofficer", "/Callbacks", "Callbacks" },
        { "servicemanager", "/Complaints", "Complaints" },
        { "serviceadvisor", "/Service", "Service visits" },
        { "store2.manager", "/Manager", "Sales manager board" },
        { "store2.consultant", "/FollowUps", "My follow-ups" },
    };

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task A_demo_account_signs_in_and_lands_on_its_home(string userName, string home, string heading)
    {
        var page = await browser.NewPageAsync();

        await SignInAsync(page, userName);

        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(home)}$"));
        await Expect(page.GetByTestId("role-home")).ToHaveTextAsync(heading);
        var account = DemoDataSeeder.Accounts.Single(a => a.UserName == userName);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync(account.DisplayName);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_in_works_from_the_keyboard_alone()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        // The user name field has focus on arrival; Tab moves to the password, Enter submits.
        await page.Keyboard.TypeAsync("receptionist");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoDataSeeder.DemoPassword);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/Showroom$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_generic_message_and_keeps_the_user_name()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await page.GetByLabel("User name").FillAsync("manager");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Sign-in failed");
        await Expect(page.GetByLabel("User name")).ToHaveValueAsync("manager");
        await page.Context.CloseAsync();
    }

    internal static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_UserName").FillAsync(userName);
        await page.Locator("#Input_Password").FillAsync(DemoDataSeeder.DemoPassword);
        await page.Locator("main button[type=submit]").ClickAsync();
    }
}
