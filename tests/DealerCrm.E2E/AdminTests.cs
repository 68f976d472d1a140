using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>The Admin's work as an Admin clicks it: a new store, then an account in it that can sign in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_creates_a_store_and_an_account_that_then_signs_in()
    {
        var page = await browser.NewPageAsync();
        await SignInTests.SignInAsync(page, "admin");
        var code = $"E2E{Random.Shared.Next(1000, 9999)}";

        await page.GetByRole(AriaRole.Link, new() { Name = "Manage stores" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New store" }).ClickAsync();
        await page.GetByLabel("Store code").FillAsync(code);
        await page.GetByLabel("Store name").FillAsync("杭州西湖店");
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Shanghai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("杭州西湖店");
        await Expect(page.GetByTestId("stores")).ToContainTextAsync(code);

        await page.GotoAsync("/Admin/Users/Create");
        var userName = $"wang.{code.ToLowerInvariant()}";
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Display name").FillAsync("王芳");
        await page.GetByLabel("Store", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{code} · 杭州西湖店" });
        await page.GetByLabel("Receptionist").CheckAsync();
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("west lake spring tea");
        await page.GetByLabel("Confirm new password").FillAsync("west lake spring tea");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(userName);

        var newcomer = await browser.NewPageAsync();
        await newcomer.GotoAsync("/Account/Login");
        await newcomer.Locator("#Input_UserName").FillAsync(userName);
        await newcomer.Locator("#Input_Password").FillAsync("west lake spring tea");
        await newcomer.Locator("main button[type=submit]").ClickAsync();

        // The Admin chose that password: the newcomer replaces it before anything else.
        await Expect(newcomer).ToHaveURLAsync(new Regex("/Account/ChangePassword$"));
        await newcomer.Locator("#Input_CurrentPassword").FillAsync("west lake spring tea");
        await newcomer.Locator("#Input_NewPassword").FillAsync("my own west lake tea");
        await newcomer.Locator("#Input_ConfirmPassword").FillAsync("my own west lake tea");
        await newcomer.Locator("main button[type=submit]").ClickAsync();
        await Expect(newcomer).ToHaveURLAsync(new Regex("/Showroom$"));
        await Expect(newcomer.GetByTestId("current-user")).ToContainTextAsync("杭州西湖店");
        await page.Context.CloseAsync();
        await newcomer.Context.CloseAsync();
    }
}
