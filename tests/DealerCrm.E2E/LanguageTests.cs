using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Switching_to_simplified_chinese_shows_the_navigation_in_chinese_and_is_remembered()
    {
        var page = await browser.NewPageAsync();
        await SignInTests.SignInAsync(page, "manager");
        await Expect(page.GetByTestId("main-nav")).ToContainTextAsync("Sales board");

        await page.GetByRole(AriaRole.Button, new() { Name = "简体中文" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Manager$"));
        await Expect(page.GetByTestId("main-nav")).ToContainTextAsync("销售看板");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        // Remembered across sign-out and sign-in.
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await SignInTests.SignInAsync(page, "manager");
        await Expect(page.GetByTestId("role-home")).ToHaveTextAsync("销售经理看板");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_browser_that_prefers_chinese_gets_chinese_without_choosing()
    {
        var page = await browser.NewPageAsync(locale: "zh-CN");

        await page.GotoAsync("/Account/Login");

        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await Expect(page.GetByLabel("用户名")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
