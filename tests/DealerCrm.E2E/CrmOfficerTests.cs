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
/// The CRM officer's day in the browser (spec 4.3), in English and in Chinese: from the queue into a call, a "no"
/// answer with its reason saved as reached; another customer refuses; a third asks to be called later. The test makes
/// its own customers, tasks and question in store 1 (the demo data may hold others: every question shown is answered),
/// and opens the store's calling hours to the whole day, since the suite's clock may stand at any hour.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrmOfficerTests(BrowserFixture browser)
{
    public static TheoryData<string> Locales() => new() { "en-US", "zh-CN" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task The_officer_reaches_one_customer_with_a_no_and_its_reason_is_refused_by_another_and_calls_a_third_later(
        string locale)
    {
        var zh = locale.StartsWith("zh", StringComparison.Ordinal);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (reached, refused, later, _) = await ArrangeAsync(tag);

        var page = await browser.NewPageAsync(locale: locale);
        await SignInTests.SignInAsync(page, "crmofficer");
        await Expect(page).ToHaveURLAsync(new Regex("/Callbacks$"));
        await Expect(page.GetByTestId("role-home")).ToHaveTextAsync(zh ? "回访" : "Callbacks");

        // The reached call, from the queue.
        var row = page.Locator($"[data-task-id='{reached}']");
        await Expect(row.GetByTestId("days-overdue")).ToBeVisibleAsync();
        await row.GetByTestId("open-call").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Callbacks/{reached}$"));
        await Expect(page.GetByTestId("script-greeting")).ToContainTextAsync($"客户{tag}");
        await page.Locator("#Input_Outcome").SelectOptionAsync("Reached");
        var questions = page.GetByTestId("question");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            var q = questions.Nth(i);
            var fine = await q.GetAttributeAsync("data-problem-value") == "No" ? "Yes" : "No";
            await q.Locator($"input[type=radio][value={fine}]").CheckAsync();
        }

        var mine = questions.Filter(new() { HasText = tag });
        await mine.Locator("input[type=radio][value=No]").CheckAsync();
        await mine.Locator("input[name$='.Reason']").FillAsync("等了两个小时");
        await page.Locator("#Input_Satisfaction").SelectOptionAsync("Satisfied");
        await page.GetByTestId("save-call").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Callbacks$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(zh ? "接通并回访" : "Reached");
        await Expect(page.Locator($"[data-task-id='{reached}']")).ToHaveCountAsync(0);

        // A customer who refuses.
        await page.Locator($"[data-task-id='{refused}']").GetByTestId("open-call").ClickAsync();
        await page.Locator("#Input_Outcome").SelectOptionAsync("Refused");
        await page.GetByTestId("save-call").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(zh ? "拒绝回访" : "Refused");

        // A customer who is driving: call later at an agreed time.
        var tomorrow = TimeZoneInfo.ConvertTime(browser.Now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date
            .AddDays(1).AddHours(10);
        await page.Locator($"[data-task-id='{later}']").GetByTestId("open-call").ClickAsync();
        await page.Locator("#Input_Outcome").SelectOptionAsync("CallLater");
        await page.Locator("#Input_CallBackAt").FillAsync(tomorrow.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByTestId("save-call").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Callbacks$"));
        await Expect(page.Locator($"[data-task-id='{later}']").GetByTestId("next-attempt"))
            .ToContainTextAsync(tomorrow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

        await browser.WithDbAsync(async db =>
        {
            var tasks = await db.CallbackTasks.Include(t => t.Answers).Include(t => t.Attempts)
                .Where(t => t.Id == reached || t.Id == refused || t.Id == later).ToDictionaryAsync(t => t.Id);
            tasks[reached].Status.Should().Be(CallbackStatus.Reached);
            tasks[reached].Answers.Should().Contain(a => a.Value == AnswerValue.No && a.Reason == "等了两个小时");
            tasks[refused].Status.Should().Be(CallbackStatus.Refused);
            tasks[later].Status.Should().Be(CallbackStatus.Open);
            tasks[later].NextAttemptAt.Should().NotBeNull();
        });
        await page.Context.CloseAsync();
    }

    private async Task<(long Reached, long Refused, long Later, string Question)> ArrangeAsync(string tag)
    {
        long reached = 0, refused = 0, later = 0;
        var question = $"Was the car washed? {tag}";
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
            db.CallbackQuestions.Add(new CallbackQuestion(store.Id, CallbackType.AfterSalesThreeDay, QuestionKind.YesNo, 999,
                question, $"车辆是否洗干净？{tag}", now));

            var today = store.LocalDate(now);
            var suffix = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            Customer Owner(int n) => new(store.Id, $"客户{tag}", Gender.Male, $"15{n}{suffix}", now);
            var owners = new[] { Owner(1), Owner(2), Owner(3) };
            db.Customers.AddRange(owners);
            await db.SaveChangesAsync();
            var vehicle = new Vehicle(store.Id, Vin.WithCheckDigit($"LSVAU2180N{suffix[..7]}"), null, "长城", "哈弗H6",
                null, owners[0].Id, null, null, true, now);
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync();
            var completed = store.StartOfLocalDay(today.AddDays(-10)).AddHours(11);
            var visit = new ServiceVisit(store.Id, $"E2E-{tag}", vehicle, owners[0].Id, completed.AddHours(-2), 5000, null,
                ServiceTypes.Maintenance, 300m, null, null, null, null, true, null, null, now);
            visit.Complete(completed, now);
            db.ServiceVisits.Add(visit);
            await db.SaveChangesAsync();

            // Due 7 days ago: the front of the queue, still not missed.
            var due = today.AddDays(-7);
            var tasks = new[]
            {
                new CallbackTask(store.Id, CallbackType.AfterSalesThreeDay, owners[0].Id, vehicle.Id, null, due, now,
                    serviceVisitId: visit.Id, assignedToId: officer.Id),
                new CallbackTask(store.Id, CallbackType.BirthdayCare, owners[1].Id, null, null, due, now,
                    occasionKey: $"e2e-{tag}", assignedToId: officer.Id),
                new CallbackTask(store.Id, CallbackType.BirthdayCare, owners[2].Id, null, null, due, now,
                    occasionKey: $"e2e-{tag}", assignedToId: officer.Id),
            };
            db.CallbackTasks.AddRange(tasks);
            await db.SaveChangesAsync();
            (reached, refused, later) = (tasks[0].Id, tasks[1].Id, tasks[2].Id);
        });
        return (reached, refused, later, question);
    }
}
