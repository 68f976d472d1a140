using System.Globalization;
using System.Text.RegularExpressions;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// Issue 13 "done means": a downgrade is visible in the CRM officer's weekly list and on the customer file in
/// Chromium, in English and in Chinese. The test records the downgrade as the recalculation would (a finished run and its tier history row, today
/// in store 1) and the officer finds it from the menu.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LoyaltyE2ETests(BrowserFixture browser)
{
    public static TheoryData<string> Locales() => new() { "en-US", "zh-CN" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task The_crm_officer_sees_this_weeks_downgrade_from_the_menu(string locale)
    {
        var zh = locale.StartsWith("zh", StringComparison.Ordinal);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var name = $"降级{tag}";
        await browser.WithDbAsync(async db =>
        {
            var store = await db.Stores.OrderBy(s => s.Id).FirstAsync();
            var now = browser.Now;
            var suffix = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var customer = new Customer(store.Id, name, Gender.Female, $"166{suffix}", now);
            var run = new LoyaltyRun(LoyaltyRunTrigger.Admin, null, 4, now.AddMinutes(-2));
            run.Finish(1, 0, 0, 1, 0, now.AddMinutes(-1));
            db.Customers.Add(customer);
            db.LoyaltyRuns.Add(run);
            await db.SaveChangesAsync();
            db.LoyaltyChanges.Add(new LoyaltyChange(store.Id, customer.Id, run.Id, store.LocalDate(now), now,
                LoyaltyChangeKind.Tier, null, null, MembershipTier.Gold, MembershipTier.Silver, LoyaltyChangeCause.Loyalty,
                210_000m));
            await db.SaveChangesAsync();
        });

        var page = await browser.NewPageAsync(locale: locale);
        await SignInTests.SignInAsync(page, "crmofficer");
        await Expect(page).ToHaveURLAsync(new Regex("/Callbacks$"));
        await page.GetByTestId("main-nav").Locator("a[href='/Loyalty']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Loyalty$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(zh ? "忠诚度与会员级别" : "Loyalty and membership tiers");
        await Expect(page.GetByTestId("loyalty-matrix")).ToBeVisibleAsync();

        var row = page.GetByTestId("change").Filter(new() { HasText = name });
        await Expect(row.GetByTestId("change-tiers")).ToHaveTextAsync(
            new Regex(zh ? @"降级\s+金卡 → 银卡" : @"Downgrade\s+Gold → Silver"));
        await Expect(row.GetByTestId("change-cause")).ToHaveTextAsync(zh ? "忠诚度变化" : "Loyalty changed");
        await Expect(page.GetByTestId("export-changes")).ToHaveCountAsync(0);

        // The same downgrade on the customer file's history, reached from the list.
        await row.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Customers/[0-9]+$"));
        await Expect(page.GetByTestId("loyalty-history").GetByTestId("loyalty-change").First).ToContainTextAsync(
            new Regex(zh ? "金卡 → 银卡" : "Gold → Silver"));
        await page.Context.CloseAsync();
    }
}
