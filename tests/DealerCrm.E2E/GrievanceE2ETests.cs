using System.Globalization;
using System.Text.RegularExpressions;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// Spec scenario 4-2 in the browser, in English and in Chinese: the CRM officer reaches the customer, answers "no"
/// to "work done right the first time" with the reason, sees the complaint branch put forward, saves, and reads the
/// grievance's message with its link; the grievance exists, linked to the callback and the repair order.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GrievanceE2ETests(BrowserFixture browser)
{
    public static TheoryData<string> Locales() => new() { "en-US", "zh-CN" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task The_officers_no_with_its_reason_raises_a_grievance_shown_with_its_link(string locale)
    {
        var zh = locale.StartsWith("zh", StringComparison.Ordinal);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (taskId, visitId) = await ArrangeAsync(tag);

        var page = await browser.NewPageAsync(locale: locale);
        await SignInTests.SignInAsync(page, "crmofficer");
        await page.GotoAsync($"{browser.BaseUrl}/Callbacks/{taskId}");
        await page.Locator("#Input_Outcome").SelectOptionAsync("Reached");
        var questions = page.GetByTestId("question");
        for (var i = 0; i < await questions.CountAsync(); i++)
        {
            var q = questions.Nth(i);
            var fine = await q.GetAttributeAsync("data-problem-value") == "No" ? "Yes" : "No";
            await q.Locator($"input[type=radio][value={fine}]").CheckAsync();
        }

        await Expect(page.GetByTestId("complains-branch")).ToBeHiddenAsync();
        var rightFirstTime = questions.Filter(new() { HasText = tag });
        await rightFirstTime.Locator("input[type=radio][value=No]").CheckAsync();
        await Expect(page.GetByTestId("complains-branch")).ToBeVisibleAsync();
        await rightFirstTime.Locator("input[name$='.Reason']").FillAsync("刹车异响还在");
        await page.Locator("#Input_Satisfaction").SelectOptionAsync("Neutral");
        await page.GetByTestId("save-call").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Callbacks$"));
        long grievanceId = 0;
        await browser.WithDbAsync(async db =>
        {
            var grievance = await db.Complaints.Include(c => c.Steps).SingleAsync(c => c.CallbackTaskId == taskId);
            grievance.Kind.Should().Be(ComplaintKind.Grievance);
            grievance.ServiceVisitId.Should().Be(visitId);
            grievance.Description.Should().Contain("刹车异响还在");
            grievance.Steps.Should().Contain(s => s.Type == ComplaintStepType.SubmittedToManagement && s.DoneAt != null);
            grievanceId = grievance.Id;
        });
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync(zh ? $"已生成抱怨 #{grievanceId}" : $"Grievance #{grievanceId} raised");
        await Expect(page.GetByTestId("grievance-link")).ToHaveAttributeAsync("href", $"/Complaints/{grievanceId}");
        await page.Context.CloseAsync();
    }

    private async Task<(long TaskId, long VisitId)> ArrangeAsync(string tag)
    {
        long taskId = 0, visitId = 0;
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

            // The suite's clock may stand at any hour; and no earlier test's call may hold this new customer.
            settings.Change(TimeOnly.MinValue, TimeOnly.MaxValue, settings.ContactGapDays, settings.DormantMonths);
            db.CallbackQuestions.Add(new CallbackQuestion(store.Id, CallbackType.AfterSalesThreeDay, QuestionKind.YesNo, 998,
                $"Was the work done right the first time? {tag}", $"维修是否一次修好？{tag}", now));
            var suffix = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var owner = new Customer(store.Id, $"客户{tag}", Gender.Male, $"158{suffix}", now);
            db.Customers.Add(owner);
            await db.SaveChangesAsync();
            var vehicle = new Vehicle(store.Id, Vin.WithCheckDigit($"LSVAU2180N{suffix[..7]}"), null, "长城", "哈弗H6",
                null, owner.Id, null, null, true, now);
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync();
            var today = store.LocalDate(now);
            var completed = store.StartOfLocalDay(today.AddDays(-4)).AddHours(11);
            var visit = new ServiceVisit(store.Id, $"E2E-G-{tag}", vehicle, owner.Id, completed.AddHours(-2), 5000, null,
                ServiceTypes.Maintenance, 300m, null, null, null, null, true, null, null, now);
            visit.Complete(completed, now);
            db.ServiceVisits.Add(visit);
            await db.SaveChangesAsync();
            var task = new CallbackTask(store.Id, CallbackType.AfterSalesThreeDay, owner.Id, vehicle.Id, null,
                today.AddDays(-1), now, serviceVisitId: visit.Id, assignedToId: officer.Id);
            db.CallbackTasks.Add(task);
            await db.SaveChangesAsync();
            (taskId, visitId) = (task.Id, visit.Id);
        });
        return (taskId, visitId);
    }
}
