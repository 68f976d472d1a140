using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>Card creation (建卡) as consultant Li clicks it, in English and in Simplified Chinese.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeadCardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Li_makes_a_card_from_todays_phone_call_and_lands_on_the_card()
    {
        var page = await browser.NewPageAsync();
        await SignInTests.SignInAsync(page, "consultant.li");

        await page.GetByTestId("main-nav").GetByRole(AriaRole.Link, new() { Name = "New card" }).ClickAsync();
        await page.GetByTestId("todays-traffic").GetByRole(AriaRole.Link).Filter(new() { HasText = "Phone call" }).ClickAsync();
        await Expect(page.GetByLabel("Mobile")).Not.ToBeEmptyAsync();
        var name = await page.GetByLabel("Name", new() { Exact = true }).InputValueAsync();
        await page.GetByLabel("Intended model").FillAsync("坦克300");
        await page.GetByLabel("Model chosen", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Grade", new() { Exact = true }).SelectOptionAsync("A");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create card" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/Leads/\d+$"));
        await Expect(page.GetByTestId("lead-customer")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("lead-grade")).ToHaveTextAsync("A");
        await Expect(page.GetByTestId("lead-owner")).ToContainTextAsync("Li Ming");
        await Expect(page.GetByTestId("open-plan")).ToContainTextAsync(
            TimeZoneInfo.ConvertTime(browser.Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
                .Date.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ticking_signs_shows_the_suggested_grade_at_once_and_the_grade_follows_it_before_saving()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await SignInTests.SignInAsync(page, "consultant.li");
        await page.GotoAsync("/Leads/New");
        var suggestion = page.GetByTestId("suggested-grade");
        await Expect(suggestion).ToBeHiddenAsync();

        await page.GetByLabel("Need just appeared", new() { Exact = true }).CheckAsync();
        await Expect(suggestion).ToHaveTextAsync("Suggested by the ticked signs: C — later");
        await Expect(page.GetByLabel("Grade", new() { Exact = true })).ToHaveValueAsync("C");

        await page.GetByLabel("Model and colour chosen", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Price agreed", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Need just appeared", new() { Exact = true }).UncheckAsync();
        await Expect(suggestion).ToHaveTextAsync("Suggested by the ticked signs: H — within 7 days");
        await Expect(page.GetByLabel("Grade", new() { Exact = true })).ToHaveValueAsync("H");

        // A grade picked by hand stays when the suggestion moves; the server asks for the reason on Save.
        await page.GetByLabel("Grade", new() { Exact = true }).SelectOptionAsync("A");
        await page.GetByLabel("Model and colour chosen", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Price agreed", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Need just appeared", new() { Exact = true }).CheckAsync();
        await Expect(suggestion).ToHaveTextAsync("Suggested by the ticked signs: C — later");
        await Expect(page.GetByLabel("Grade", new() { Exact = true })).ToHaveValueAsync("A");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Li_makes_a_direct_referral_card_in_chinese_and_a_refused_number_names_the_owner()
    {
        var page = await browser.NewPageAsync(locale: "zh-CN");
        await SignInTests.SignInAsync(page, "consultant.li");
        var mobile = $"136{Random.Shared.Next(10_000_000, 99_999_999)}";

        await page.GetByTestId("main-nav").GetByRole(AriaRole.Link, new() { Name = "建卡" }).ClickAsync();
        await page.GetByLabel("客户来源").SelectOptionAsync("OwnerReferral");
        await page.GetByLabel("姓名").FillAsync("欧阳娜娜");
        await page.GetByLabel("手机").FillAsync(mobile);
        await page.GetByLabel("意向车型").FillAsync("魏牌蓝山");
        await page.GetByLabel("意向级别", new() { Exact = true }).SelectOptionAsync("B");
        await page.GetByRole(AriaRole.Button, new() { Name = "建卡" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/Leads/\d+$"));
        await Expect(page.GetByTestId("lead-customer")).ToHaveTextAsync("欧阳娜娜");
        await Expect(page.GetByTestId("lead-history")).ToContainTextAsync("建卡");

        // Zhang tries the same number: refused with Li's name, in Chinese.
        var zhang = await browser.NewPageAsync(locale: "zh-CN");
        await SignInTests.SignInAsync(zhang, "consultant.zhang");
        await zhang.GotoAsync("/Leads/New");
        await zhang.GetByLabel("姓名").FillAsync("欧阳娜娜");
        await zhang.GetByLabel("手机").FillAsync(mobile);
        await zhang.GetByLabel("意向级别", new() { Exact = true }).SelectOptionAsync("B");
        await zhang.GetByRole(AriaRole.Button, new() { Name = "建卡" }).ClickAsync();
        await Expect(zhang.GetByTestId("duplicate-refusal")).ToContainTextAsync("李明 Li Ming 已在跟进该客户");
        await Expect(zhang.GetByLabel("姓名")).ToHaveValueAsync("欧阳娜娜");
        await page.Context.CloseAsync();
        await zhang.Context.CloseAsync();
    }
}
