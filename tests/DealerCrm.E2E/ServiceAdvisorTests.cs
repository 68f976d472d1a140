using System.Globalization;
using System.Text.RegularExpressions;
using DealerCrm.Domain.Common;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// Issue 11: the service advisor, on their home page, looks for a car that is not on file, opens a repair order for
/// it as a car sold elsewhere (its file and owner made at this first visit), completes it as a separate step and
/// finds it in the vehicle file. Everything it needs is made by the test; no demo service data is assumed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceAdvisorTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_advisor_opens_a_repair_order_for_a_car_sold_elsewhere_and_completes_it()
    {
        var serial = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var vin = Vin.WithCheckDigit($"LFV2A2150N3{serial}");
        var order = $"E2E-{serial}";
        var page = await browser.NewPageAsync();
        await SignInTests.SignInAsync(page, "serviceadvisor");
        await Expect(page).ToHaveURLAsync(new Regex("/Service$"));

        // Not on file: the search finds nothing and offers the first registration.
        await page.Locator("#Q").FillAsync(vin);
        await page.Locator("form[data-testid=service-search] button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("service-cars")).ToContainTextAsync("No car found");
        await page.GetByTestId("new-elsewhere").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Service/Visits/New$"));

        await page.Locator("[name='Input.Vin']").FillAsync(vin);
        await page.Locator("[name='Input.Brand']").FillAsync("大众");
        await page.Locator("[name='Input.Model']").FillAsync("朗逸");
        await page.Locator("[name='Input.Colour']").FillAsync("白");
        await page.Locator("[name='Input.OwnerName']").FillAsync("孙先生");
        await page.Locator("[name='Input.OwnerMobile']").FillAsync($"137{serial}00");
        await page.Locator("[name='Input.OrderNumber']").FillAsync(order);
        await page.Locator("[name='Input.Mileage']").FillAsync("15000");
        await page.Locator("#type-Maintenance").CheckAsync();
        await page.Locator("[name='Input.Amount']").FillAsync("480");
        await page.Locator("[name='Input.BroughtByName']").FillAsync("孙太太");
        await page.Locator("[name='Input.BroughtByMobile']").FillAsync($"139{serial}00");
        await page.Locator("form[data-testid=visit-form] button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/Service/Visits/\d+$"));
        await Expect(page.GetByTestId("visit-number")).ToContainTextAsync(order);
        await Expect(page.GetByTestId("visit-status")).ToHaveTextAsync("Open");

        // Completing is its own step; the time defaults to now.
        await page.Locator("form[data-testid=complete-form] button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("visit-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator(".alert-success")).ToBeVisibleAsync();

        // The car now has its file, with the order in it, and the desk finds it by VIN.
        await page.GetByTestId("visit-vehicle-link").ClickAsync();
        await Expect(page.GetByTestId("vehicle-vin")).ToHaveTextAsync(vin);
        await Expect(page.GetByTestId("vehicle-visits")).ToContainTextAsync(order);
        await Expect(page.GetByTestId("vehicle-owner")).ToHaveTextAsync("孙先生");
        await page.GotoAsync("/Service");
        await Expect(page.GetByTestId("done-visits")).ToContainTextAsync(order);
        await page.Locator("#Q").FillAsync(vin);
        await page.Locator("form[data-testid=service-search] button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("service-cars")).ToContainTextAsync("孙先生");
        await page.Context.CloseAsync();
    }
}
