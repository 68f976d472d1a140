using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Service;
using DealerCrm.Web.Data.Seed;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Seed;

/// <summary>Issue 14's demo data: after seeding, the CRM officer's queue holds this week's reminder calls — one per
/// reason kind, and one call listing two reasons of one owner's two cars — and a second seeding adds nothing.</summary>
public sealed class DemoReminderDataTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task The_demo_has_reminders_of_every_reason_due_this_week_in_the_officers_queue()
    {
        await SeedAsync();
        var store = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "DEMO1"));
        var today = App.TodayIn(store);
        var prefix = DemoReminderData.Mobile(store, 0)[..7];

        var rows = await App.WithDbAsync(db => (
                from r in db.ServiceReminders
                join t in db.CallbackTasks on r.CallbackTaskId equals t.Id
                join c in db.Customers on r.CustomerId equals c.Id
                where c.StoreId == store.Id && c.Mobile!.StartsWith(prefix)
                select new { c.Name, r.Reason, TaskId = t.Id, t.DueDate, t.Status, t.Type, t.AssignedToId })
            .ToListAsync());

        rows.Select(r => (r.Name, r.Reason)).Should().BeEquivalentTo(new[]
        {
            ("林晓东", ServiceReminderReason.FirstMaintenance),
            ("何静", ServiceReminderReason.Maintenance),
            ("罗国平", ServiceReminderReason.AnnualInspection),
            ("徐丽娜", ServiceReminderReason.InsuranceExpiring),
            ("唐志远", ServiceReminderReason.AnnualInspection),
            ("唐志远", ServiceReminderReason.InsuranceExpiring),
        });
        rows.Should().OnlyContain(r => r.Type == CallbackType.ServiceReminder && r.Status == CallbackStatus.Open
            && r.AssignedToId != null && r.DueDate >= today && r.DueDate < today.AddDays(7));
        rows.Where(r => r.Name == "唐志远").Select(r => r.TaskId).Distinct().Should().ContainSingle("one call lists both");

        var reminders = await App.WithDbAsync(db => db.ServiceReminders.CountAsync(r => r.StoreId == store.Id));
        await SeedAsync();
        (await App.WithDbAsync(db => db.ServiceReminders.CountAsync(r => r.StoreId == store.Id))).Should().Be(reminders);
        var again = await App.WithDbAsync(db => db.Customers.CountAsync(c => c.StoreId == store.Id && c.Mobile!.StartsWith(prefix)));
        again.Should().Be(5, "a second seeding adds no owner");
    }

    private async Task SeedAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }
}
