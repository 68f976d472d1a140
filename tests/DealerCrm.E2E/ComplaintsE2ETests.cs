using System.Globalization;
using System.Text.RegularExpressions;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealerCrm.E2E;

/// <summary>
/// The service manager's complaint in the browser (spec 4.4), in English and in Chinese: from the home list into a
/// complaint, first contact recorded with a note, then resolved — which hands it to the CRM officer's follow-up call.
/// The test enters its own complaint in store 1, received an hour before the suite's clock.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ComplaintsE2ETests(BrowserFixture browser)
{
    public static TheoryData<string> Locales() => new() { "en-US", "zh-CN" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task The_service_manager_records_first_contact_and_resolves_a_complaint(string locale)
    {
        var zh = locale.StartsWith("zh", StringComparison.Ordinal);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var id = await ArrangeAsync(tag);

        var page = await browser.NewPageAsync(locale: locale);
        await SignInTests.SignInAsync(page, "servicemanager");
        await Expect(page).ToHaveURLAsync(new Regex("/Complaints$"));
        await Expect(page.GetByTestId("role-home")).ToHaveTextAsync(zh ? "投诉" : "Complaints");

        var row = page.Locator($"[data-complaint-id='{id}']");
        await Expect(row.GetByTestId("complaint-kind")).ToHaveTextAsync(zh ? "投诉" : "Complaint");
        await row.GetByTestId("complaint-open").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Complaints/{id}$"));
        await Expect(page.GetByTestId("item-description")).ToContainTextAsync(tag);

        await page.Locator("#Step_Type").SelectOptionAsync("FirstContact");
        await page.Locator("#Step_Note").FillAsync($"已联系客户 {tag}");
        await page.GetByTestId("record-step").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(zh ? "已记录" : "Recorded");
        var contact = page.Locator("[data-testid=step][data-step=FirstContact]");
        await Expect(contact.GetByTestId("step-done")).ToBeVisibleAsync();
        await Expect(contact.GetByTestId("step-note")).ToHaveTextAsync($"已联系客户 {tag}");

        await page.Locator("#Resolve_Resolution").FillAsync("免费更换刹车片");
        await page.GetByTestId("resolve").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(zh ? "已处理完成" : "Resolved");
        await Expect(page.GetByTestId("item-status")).ToHaveTextAsync(zh ? "已解决，待回访" : "Resolved, awaiting follow-up call");
        await Expect(page.GetByTestId("resolve-form")).ToHaveCountAsync(0);

        await browser.WithDbAsync(async db =>
        {
            var item = await db.Complaints.Include(c => c.Steps).SingleAsync(c => c.Id == id);
            item.Status.Should().Be(ComplaintStatus.Resolved);
            item.Steps.Single(s => s.Type == ComplaintStepType.FirstContact).DoneAt.Should().NotBeNull();
            (await db.CallbackTasks.CountAsync(t => t.ComplaintId == id && t.Type == CallbackType.ComplaintFollowUp))
                .Should().Be(1);
        });
        await page.Context.CloseAsync();
    }

    private async Task<long> ArrangeAsync(string tag)
    {
        long id = 0;
        await browser.WithDbAsync(async db =>
        {
            var store = await db.Stores.OrderBy(s => s.Id).FirstAsync();
            var manager = await db.Users.SingleAsync(u => u.UserName == "servicemanager");
            var now = browser.Now;
            var suffix = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            var customer = new Customer(store.Id, $"投诉客户{tag}", Gender.Male, $"159{suffix}", now);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var clock = new ComplaintClock(new WorkingCalendar(store.WorkingHours, Array.Empty<(DateOnly, HolidayKind)>()),
                store.TimeZone);
            var item = Complaint.OpenComplaint(store.Id, customer.Id, null, null, null, ComplaintSource.Phone,
                ComplaintDepartment.AfterSales, "RepairQuality", $"刹车异响 {tag}", now.AddHours(-1), null, manager.Id, now,
                clock);
            db.Complaints.Add(item);
            await db.SaveChangesAsync();
            id = item.Id;
        });
        return id;
    }
}
