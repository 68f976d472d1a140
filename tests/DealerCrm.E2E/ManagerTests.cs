using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>The defeat flow as consultant and manager click it (spec 3.2), and a bulk reassignment (3.1).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ManagerTests(BrowserFixture browser)
{
    [Fact]
    public async Task Zhang_asks_to_defeat_a_lead_and_the_manager_rejects_it_with_instructions()
    {
        var zhang = await browser.NewPageAsync();
        await SignInTests.SignInAsync(zhang, "consultant.zhang");
        await zhang.GotoAsync("/FollowUps?view=week");
        await zhang.Locator("[data-testid=due] a.fw-semibold").Last.ClickAsync();
        await Expect(zhang).ToHaveURLAsync(new Regex(@"/Leads/\d+$"));
        var leadUrl = zhang.Url;
        var customer = await zhang.GetByTestId("lead-customer").InnerTextAsync();
        await zhang.GetByRole(AriaRole.Link, new() { Name = "Ask to close as lost" }).ClickAsync();
        await zhang.GetByLabel("Competitor brand").FillAsync("吉利");
        await zhang.GetByLabel("Competitor model").FillAsync("星越L");
        await zhang.GetByLabel("What went wrong in the sale").FillAsync("客户更看重智能座舱");
        await zhang.GetByRole(AriaRole.Button, new() { Name = "Send to the manager" }).ClickAsync();
        await Expect(zhang.GetByTestId("lead-status")).ToHaveTextAsync("Defeat pending");

        var manager = await browser.NewPageAsync(locale: "zh-CN");
        await SignInTests.SignInAsync(manager, "manager");
        await manager.GetByTestId("defeat-queue-link").ClickAsync();
        await manager.GetByTestId("defeat-queue").GetByRole(AriaRole.Link).Filter(new() { HasText = customer }).ClickAsync();
        await manager.GetByLabel("意见或给顾问的指示").FillAsync("邀请试驾新款车型");
        await manager.GetByRole(AriaRole.Button, new() { Name = "驳回（继续跟进）" }).ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/Manager/Defeats$"));

        await zhang.GotoAsync(leadUrl);
        await Expect(zhang.GetByTestId("lead-status")).ToHaveTextAsync("Active");
        await Expect(zhang.GetByTestId("open-plan")).ToContainTextAsync("邀请试驾新款车型");
        await Expect(zhang.GetByTestId("unread-count")).ToBeVisibleAsync();
        await zhang.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }
}
