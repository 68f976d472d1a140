using System.Globalization;
using System.Text.RegularExpressions;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// Issue 14 "done means": a replacement lead appears on the selling consultant's day list. An owner whose car Li sold
/// 30 months ago is offered one by the weekly job; Li signs in, finds the lead due today labelled "owner replacement",
/// opens the card and reads the car's facts — in English and in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplacementLeadE2ETests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en-US", "Owner replacement", "2 years 6 months", "86,500 km", "Open the vehicle file")]
    [InlineData("zh-CN", "保有客户置换", "2年6个月", "86,500 公里", "查看车辆档案")]
    public async Task The_selling_consultant_finds_the_replacement_lead_on_the_day_list_and_the_car_on_its_card(
        string locale, string source, string age, string mileage, string vehicleFile)
    {
        var name = $"置换{Guid.NewGuid().ToString("N")[..6]}";
        long carId = 0;
        await browser.WithDbAsync(async db =>
        {
            var store = await db.Stores.OrderBy(s => s.Id).FirstAsync();
            var li = await db.Users.SingleAsync(u => u.UserName == "consultant.li");
            var now = browser.Now;
            var today = store.LocalDate(now);
            var delivered = today.AddMonths(-30);
            var suffix = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var owner = new Customer(store.Id, name, Gender.Male, $"137{suffix}", now);
            owner.SetConsent(marketing: true, callbacks: true, null, null, now);
            db.Customers.Add(owner);
            await db.SaveChangesAsync();

            var vin = Vin.WithCheckDigit($"LSVAU2180N{suffix[..7]}");
            var car = new Vehicle(store.Id, vin, null, "长城", "哈弗H6", "白色", owner.Id, delivered, delivered, true, now);
            car.RecordServiceVisit(today.AddDays(-10), 86_500);
            db.Vehicles.Add(car);
            var policy = new GradePolicy(store.Id);
            var sale = Lead.Create(new NewLead
            {
                StoreId = store.Id,
                CustomerId = owner.Id,
                OwnerId = li.Id,
                Source = SourceChannel.DealerWebsite,
                Grade = Grade.A,
                FirstPlan = new PlanRequest(today, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null),
            }, policy, today, now);
            db.Leads.Add(sale);
            await db.SaveChangesAsync();
            sale.PlaceOrder(new OrderRequest(today, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null,
                null), policy, today, li.Id, now);
            await db.SaveChangesAsync();
            var delivery = sale.Deliver(new DeliveryRequest(now.AddHours(-1), 150_000m, $"FP-R{suffix}", vin), li.Id, now);
            delivery.AttachVehicle(car.Id);
            db.Deliveries.Add(delivery);
            await db.SaveChangesAsync();
            carId = car.Id;

            var run = await new ReplacementLeadsJob(db, new FakeTimeProvider(now), NullLogger<ReplacementLeadsJob>.Instance)
                .RunAsync(CancellationToken.None);
            run.Cards.Should().BeGreaterThanOrEqualTo(1);
        });

        var page = await browser.NewPageAsync(locale: locale);
        await SignInTests.SignInAsync(page, "consultant.li");
        await Expect(page).ToHaveURLAsync(new Regex("/FollowUps$"));
        var row = page.GetByTestId("due").Locator(".list-group-item").Filter(new() { HasText = name });
        await Expect(row.GetByTestId("plan-source")).ToHaveTextAsync(source);

        await row.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Leads/\d+$"));
        var car = page.GetByTestId("replacement-car");
        await Expect(car.GetByTestId("replacement-model")).ToHaveTextAsync("长城 哈弗H6");
        await Expect(car.GetByTestId("replacement-age")).ToHaveTextAsync(age);
        await Expect(car.GetByTestId("replacement-mileage")).ToHaveTextAsync(mileage);
        await Expect(car.GetByTestId("tier")).ToBeVisibleAsync();
        await car.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = vehicleFile }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Vehicles/{carId}$"));
        await page.Context.CloseAsync();
    }
}
