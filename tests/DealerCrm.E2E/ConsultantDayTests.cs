using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// The consultant's day on a phone (390×844): open the list, record a follow-up with the next plan, enter an order
/// and record the delivery, with no horizontal scrolling on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsultantDayTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en-US", "Record follow-up", "What was said", "Save follow-up and plan", "Enter order", "Save order", "Record delivery", "Save delivery", "Won")]
    [InlineData("zh-CN", "填写跟进", "沟通内容", "保存跟进和计划", "录入订单", "保存订单", "登记交车", "保存交车", "已成交")]
    public async Task A_consultant_follows_up_orders_and_delivers_from_a_phone(string locale, string recordFollowUp,
        string content, string saveFollowUp, string enterOrder, string saveOrder, string recordDelivery,
        string saveDelivery, string won)
    {
        var page = await browser.NewPageAsync(locale, width: 390, height: 844);
        await SignInTests.SignInAsync(page, "consultant.zhang");
        await Expect(page).ToHaveURLAsync(new Regex("/FollowUps$"));
        await AssertNoHorizontalScrollAsync(page);

        // The week view always has plans in the demo data (A and H leads are due within 7 days).
        await page.GotoAsync("/FollowUps?view=week");
        var first = page.Locator("[data-testid=due] a.fw-semibold").First;
        await first.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Leads/\d+$"));
        await AssertNoHorizontalScrollAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = recordFollowUp }).ClickAsync();
        await page.GetByLabel(content).FillAsync("电话沟通，客户下周来店试驾");
        await page.GetByRole(AriaRole.Button, new() { Name = saveFollowUp }).ClickAsync();
        await Expect(page.GetByTestId("lead-records")).ToContainTextAsync("客户下周来店试驾");

        await page.GetByRole(AriaRole.Link, new() { Name = enterOrder }).ClickAsync();
        await page.Locator("#Input_Model").FillAsync("坦克300");
        await page.Locator("#Input_AgreedPrice").FillAsync("200000");
        await page.Locator("#Input_Deposit").FillAsync("5000");
        await AssertNoHorizontalScrollAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = saveOrder }).ClickAsync();
        await Expect(page.GetByTestId("lead-grade")).ToHaveTextAsync("O");

        await page.GetByRole(AriaRole.Link, new() { Name = recordDelivery }).ClickAsync();
        await page.Locator("#Input_Vin").FillAsync(DealerCrm.Domain.Common.Vin.WithCheckDigit($"LSVAU2180N{Random.Shared.Next(1_000_000, 9_999_999)}"));
        await page.Locator("#Input_InvoiceNumber").FillAsync("FP-E2E-001");
        await page.GetByRole(AriaRole.Button, new() { Name = saveDelivery }).ClickAsync();
        await Expect(page.GetByTestId("lead-status")).ToHaveTextAsync(won);
        await AssertNoHorizontalScrollAsync(page);
        await page.Context.CloseAsync();
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, $"{page.Url} must fit a phone screen");
    }
}
