using DealerCrm.Web.Data.Seed;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Operations;

public sealed class DemoDataTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task Seeding_twice_creates_the_two_stores_and_eleven_accounts_once()
    {
        for (var run = 0; run < 2; run++)
        {
            await using var scope = App.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        (await App.WithDbAsync(db => db.Stores.OrderBy(s => s.Code).Select(s => s.Name).ToListAsync()))
            .Should().Equal("Demo Store 1", "Demo Store 2");
        (await App.WithDbAsync(db => db.Users.CountAsync())).Should().Be(11);
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(52);
        var leads = await App.WithDbAsync(db => db.Leads.Select(l => new { l.Grade, l.Status, l.OwnerId, Open = l.Plans.Count(p => p.Status == DealerCrm.Domain.FollowUps.PlanStatus.Open) }).ToListAsync());
        leads.Should().HaveCount(45, "39 leads of the day's work and 6 quiet C leads (two per consultant)");
        leads.Where(l => l.Status is DealerCrm.Domain.Leads.LeadStatus.Active or DealerCrm.Domain.Leads.LeadStatus.Ordered)
            .Should().HaveCount(40).And.OnlyContain(l => l.Open == 1, "every Active or Ordered lead has exactly one open plan");
        leads.Where(l => l.Status == DealerCrm.Domain.Leads.LeadStatus.Dormant).Should().HaveCount(2, "one per store")
            .And.OnlyContain(l => l.Open == 0 && l.Grade == DealerCrm.Domain.Leads.Grade.C);
        leads.Where(l => l.Status == DealerCrm.Domain.Leads.LeadStatus.Won).Should().HaveCount(3).And.OnlyContain(l => l.Open == 0);
        (await App.WithDbAsync(db => db.CallbackTasks.CountAsync())).Should().Be(3);
        (await App.WithDbAsync(db => db.Orders.CountAsync())).Should().Be(9);
        var incoming = await App.WithDbAsync(db => db.IncomingLeads.Select(i => i.ArrivedAt).ToListAsync());
        incoming.Should().HaveCount(10, "each store's manager has unassigned leads to work on");
        incoming.Count(at => App.Now - at > DealerCrm.Domain.Leads.IncomingLead.AssignWithin).Should().Be(4);
        leads.Select(l => l.Grade).Distinct().Should().BeEquivalentTo(
            [DealerCrm.Domain.Leads.Grade.H, DealerCrm.Domain.Leads.Grade.A, DealerCrm.Domain.Leads.Grade.B, DealerCrm.Domain.Leads.Grade.C, DealerCrm.Domain.Leads.Grade.O]);
        var traffic = await App.WithDbAsync(db => db.TrafficEntries.ToListAsync());
        traffic.Should().Contain(t => t.IsOpen).And.Contain(t => t.IsReturnVisit).And.Contain(t => t.Kind == DealerCrm.Domain.Showroom.TrafficKind.PhoneCall)
            .And.Contain(t => t.Mobile != null && t.CustomerId == null, "visits still waiting for their card");
        // Spec 3.5 can be tried at once: each store has C leads past the default dormancy period, followed up on time.
        var stores = await App.WithDbAsync(db => db.Stores.Select(st => st.Id).ToListAsync());
        foreach (var storeId in stores)
        {
            var eligible = await App.WithDbAsync(db => DealerCrm.Web.Pages.Leads.DormantLeads.Eligible(db, storeId,
                    DealerCrm.Domain.Leads.DormancyRule.Cutoff(App.Now, DealerCrm.Domain.Leads.DormancyRule.DefaultDays))
                .Select(l => new { l.Id, l.OwnerId, Due = l.Plans.Single(p => p.Status == DealerCrm.Domain.FollowUps.PlanStatus.Open).DueDate, Calls = l.Records.Count })
                .ToListAsync());
            eligible.Should().NotBeEmpty($"store {storeId} has leads for the manager's dormant page");
            var today = await App.WithDbAsync(async db => (await db.Stores.SingleAsync(st => st.Id == storeId)).LocalDate(App.Now));
            eligible.Should().OnlyContain(l => l.Due >= today && l.Calls >= 6, "quiet, not neglected: called every 15 days");
        }

        using var manager = await App.SignInAsync("manager", DemoDataSeeder.DemoPassword);
        var dormantPage = await manager.GetDocumentAsync("/Manager/Dormant");
        dormantPage.QuerySelectorAll("input[type=checkbox][name=Selected]").Should().NotBeEmpty("the page lists them to move");
        using var client = await App.SignInAsync("store2.consultant", DemoDataSeeder.DemoPassword);
        (await client.GetAsync("/")).RedirectPath().Should().Be("/FollowUps");
    }

    [Fact]
    public async Task Outside_development_the_demo_accounts_are_never_created_even_when_asked()
    {
        await using var production = new CrmWebApplicationFactory(App.ConnectionString, environment: "Production")
            .WithWebHostBuilder(b => b.UseSetting("Seed:DemoData", "true").UseSetting("Hangfire:ServerEnabled", "false"));

        _ = production.Server;

        (await App.WithDbAsync(db => db.Users.CountAsync())).Should().Be(0);
        (await App.WithDbAsync(db => db.Stores.CountAsync())).Should().Be(0);
    }
}
