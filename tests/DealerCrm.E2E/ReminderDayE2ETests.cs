using System.Globalization;
using System.Text.RegularExpressions;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// The officer's reminder day in the browser (issue 14 "done means"), in English and in Chinese: the queue shows a
/// service reminder with its reasons (filtered to reminders), the officer opens the call, reaches the customer, who
/// books a visit for tomorrow morning; the service advisor signs in and finds the booking on /Service. The test seeds
/// its own reminder (as the reminders job leaves one: a task and a row per reason) in store 1 and opens the store's
/// calling hours to the whole day, since the suite's clock may stand at any hour.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReminderDayE2ETests(BrowserFixture browser)
{
    public static TheoryData<string> Locales() => new() { "en-US", "zh-CN" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task The_officer_reaches_a_reminded_customer_who_books_and_the_advisor_sees_the_booking(string locale)
    {
        var zh = locale.StartsWith("zh", StringComparison.Ordinal);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (taskId, vin) = await ArrangeAsync(tag);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var booked = TimeZoneInfo.ConvertTime(browser.Now, shanghai).Date.AddDays(1).AddHours(10);
        var bookedText = booked.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        var page = await browser.NewPageAsync(locale: locale);
        await SignInTests.SignInAsync(page, "crmofficer");
        await Expect(page).ToHaveURLAsync(new Regex("/Callbacks$"));

        // The queue, filtered to service reminders: the reminder with both its reasons.
        await page.Locator("#kind").SelectOptionAsync("Reminders");
        await page.GetByTestId("queue-filter").Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("kind=Reminders"));
        var row = page.Locator($"[data-task-id='{taskId}']");
        await Expect(row.GetByTestId("callback-type")).ToHaveTextAsync(zh ? "服务提醒" : "Service reminder");
        await Expect(row.GetByTestId("reminder-reason")).ToHaveCountAsync(2);
        await Expect(row.GetByTestId("reminder-reason").First).ToContainTextAsync(zh ? "保养到期" : "Maintenance due");
        await Expect(row.GetByTestId("reminder-reason").Last).ToContainTextAsync(zh ? "保险到期" : "Insurance expiring");

        // The call: the reasons with the car, reached, booked for tomorrow at 10:00.
        await row.GetByTestId("open-call").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Callbacks/{taskId}$"));
        await Expect(page.Locator("section[data-testid=reminder-reasons] [data-testid=reminder-reason]")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("script-purpose")).ToContainTextAsync(vin);
        await page.Locator("#Input_Outcome").SelectOptionAsync("Reached");
        await page.Locator("#Input_Booked").CheckAsync();
        await page.Locator("#Input_BookedFor").FillAsync(booked.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByTestId("save-call").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Callbacks$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(bookedText);
        await Expect(page.Locator($"[data-task-id='{taskId}']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();

        // The service advisor finds the booking on /Service.
        var advisor = await browser.NewPageAsync(locale: locale);
        await SignInTests.SignInAsync(advisor, "serviceadvisor");
        await advisor.GotoAsync("/Service");
        var booking = advisor.Locator($"[data-testid=booking-row][data-task-id='{taskId}']");
        await Expect(booking.GetByTestId("booking-time")).ToHaveTextAsync(bookedText);
        await Expect(booking.GetByTestId("booking-customer")).ToHaveTextAsync($"客户{tag}");
        await Expect(booking.GetByTestId("booking-vehicle")).ToContainTextAsync(vin);
        await Expect(booking.GetByTestId("booking-reasons")).ToContainTextAsync(zh ? "保险到期" : "Insurance expiring");

        await browser.WithDbAsync(async db =>
        {
            var task = await db.CallbackTasks.SingleAsync(t => t.Id == taskId);
            task.Status.Should().Be(CallbackStatus.Reached);
            task.BookedFor.Should().Be(new DateTimeOffset(booked, shanghai.GetUtcOffset(booked)));
        });
        await advisor.Context.CloseAsync();
    }

    private async Task<(long TaskId, string Vin)> ArrangeAsync(string tag)
    {
        long taskId = 0;
        var vin = string.Empty;
        await browser.WithDbAsync(async db =>
        {
            var store = await db.Stores.OrderBy(s => s.Id).FirstAsync();
            var officer = await db.Users.SingleAsync(u => u.UserName == "crmofficer");
            var now = browser.Now;
            var settings = await db.CallbackSettings.SingleOrDefaultAsync(s => s.StoreId == store.Id);
            if (settings is null)
            {
                settings = new CallbackSettings(store.Id);
                db.CallbackSettings.Add(settings);
            }

            settings.Change(TimeOnly.MinValue, TimeOnly.MaxValue, settings.ContactGapDays, settings.DormantMonths);
            var today = store.LocalDate(now);
            var suffix = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var owner = new Customer(store.Id, $"客户{tag}", Gender.Male, $"16{suffix}1", now);
            db.Customers.Add(owner);
            await db.SaveChangesAsync();
            var vehicle = new Vehicle(store.Id, Vin.WithCheckDigit($"LSVAU2180N{suffix[..7]}"), null, "长城", "哈弗H6",
                null, owner.Id, null, null, true, now);
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync();
            vin = vehicle.Vin;

            // Due a week ago (the front of the queue, not yet missed), as the reminders job leaves a call: the task and
            // one row per reason.
            var task = new CallbackTask(store.Id, CallbackType.ServiceReminder, owner.Id, vehicle.Id, null,
                today.AddDays(-7), now, occasionKey: $"e2e-reminder-{tag}", assignedToId: officer.Id);
            db.CallbackTasks.Add(task);
            await db.SaveChangesAsync();
            db.ServiceReminders.AddRange(
                new ServiceReminder(store.Id, owner.Id, vehicle.Id, ServiceReminderReason.Maintenance, today.AddDays(5),
                    task.Id, now),
                new ServiceReminder(store.Id, owner.Id, vehicle.Id, ServiceReminderReason.InsuranceExpiring,
                    today.AddDays(20), task.Id, now));
            await db.SaveChangesAsync();
            taskId = task.Id;
        });
        return (taskId, vin);
    }
}
