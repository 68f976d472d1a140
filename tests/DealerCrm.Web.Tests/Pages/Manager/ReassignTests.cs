using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>Spec 3.1 and chapter 3 scenario 3: consultant Wang leaves and all 143 open leads move in one action.</summary>
public sealed class ReassignTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task All_of_wangs_open_leads_move_to_li_and_zhang_split_with_their_plans_and_wang_cannot_sign_in()
    {
        var store = await App.CreateStoreAsync();
        var wang = await App.CreateUserAsync("consultant.wang", store.Id, Roles.SalesConsultant);
        var li = await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        var zhang = await App.CreateUserAsync("consultant.zhang", store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        await CreateLeadsAsync(store, wang.Id, 143);
        using var admin = await App.SignInAsync("admin");
        using var deactivated = await admin.SubmitFormAsync($"/Admin/Users/Edit/{wang.Id}", new Dictionary<string, string>(),
            "form[action$='handler=Deactivate']");
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync($"/Manager/Reassign?from={wang.Id}");
        page.QuerySelector("[data-testid=matching]")!.TextContent.Should().Contain("143");
        using var moved = await manager.SubmitFormAsync(page, $"/Manager/Reassign?from={wang.Id}", new Dictionary<string, string>
        {
            ["To"] = TestClient.Many(li.Id.ToString(), zhang.Id.ToString()),
            ["Reason"] = "王顾问离职",
        }, "form[data-testid=reassign-form]");

        moved.RedirectPath().Should().StartWith("/Manager/Reassign");
        var owners = await App.WithDbAsync(db => db.Leads.GroupBy(l => l.OwnerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        owners.Should().BeEquivalentTo([new { Key = li.Id, Count = 72 }, new { Key = zhang.Id, Count = 71 }]);
        (await App.WithDbAsync(db => db.FollowUpPlans.CountAsync(p => p.OwnerId == wang.Id && p.Status == PlanStatus.Open)))
            .Should().Be(0, "the open plans move with the leads");
        (await App.WithDbAsync(db => db.LeadEvents.CountAsync(e => e.Kind == LeadEventKind.OwnerChanged))).Should().Be(143);
        (await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == li.Id || n.UserId == zhang.Id))).Should().Be(2);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "sales.leads_reassigned"))).Should().Be(1);
        using var wangClient = App.CreateClient();
        (await wangClient.SignInAsync("consultant.wang", AppFixture.Password)).StatusCode
            .Should().Be(System.Net.HttpStatusCode.OK, "a deactivated account cannot sign in");
    }

    [Fact]
    public async Task Only_the_leads_the_filter_picks_move_and_with_ticks_only_the_ticked_ones()
    {
        var store = await App.CreateStoreAsync();
        var wang = await App.CreateUserAsync("consultant.wang", store.Id, Roles.SalesConsultant);
        var li = await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        var zhang = await App.CreateUserAsync("consultant.zhang", store.Id, Roles.SalesConsultant);
        var gone = await App.CreateUserAsync("consultant.gone", store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        await App.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == gone.Id)).IsActive = false;
            await db.SaveChangesAsync();
        });
        var hot = new List<Lead>();
        for (var i = 0; i < 3; i++)
        {
            var customer = await App.CreateCustomerAsync(store.Id, $"H客户{i}", $"1370000000{i}");
            hot.Add(await App.CreateLeadAsync(store, customer, wang.Id, Grade.H));
        }

        var cold = await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "C客户", "13700000009"), wang.Id, Grade.C);
        using var manager = await App.SignInAsync("manager");

        var url = $"/Manager/Reassign?from={wang.Id}&grade=H";
        var page = await manager.GetDocumentAsync(url);
        page.QuerySelector("[data-testid=matching]")!.TextContent.Should().Contain("3");
        page.QuerySelectorAll("[data-testid=reassign-leads] tbody tr").Should().HaveCount(3);
        page.QuerySelector("[data-testid=reassign-form]")!.TextContent.Should().NotContain("Display consultant.gone",
            "a deactivated consultant is no target");

        using var inactive = await manager.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["To"] = gone.Id.ToString(),
            ["Reason"] = "调整",
        }, "form[data-testid=reassign-form]");
        (await TestClient.ParseAsync(inactive)).FieldError("To").Should().NotBeEmpty();

        using var ticked = await manager.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["TickedOnly"] = "true",
            ["Selected"] = TestClient.Many(hot[0].Id.ToString(), hot[2].Id.ToString(), cold.Id.ToString()),
            ["To"] = li.Id.ToString(),
            ["Reason"] = "平衡工作量",
        }, "form[data-testid=reassign-form]");

        ticked.RedirectPath().Should().StartWith("/Manager/Reassign");
        var owners = await App.WithDbAsync(db => db.Leads.ToDictionaryAsync(l => l.Id, l => l.OwnerId));
        owners[hot[0].Id].Should().Be(li.Id);
        owners[hot[2].Id].Should().Be(li.Id);
        owners[hot[1].Id].Should().Be(wang.Id, "it was not ticked");
        owners[cold.Id].Should().Be(wang.Id, "a ticked lead outside the filter (grade C) does not move");

        using var overdue = await manager.SubmitFormAsync($"/Manager/Reassign?from={wang.Id}&overdue=true",
            new Dictionary<string, string> { ["To"] = zhang.Id.ToString(), ["Reason"] = "逾期未跟进" },
            "form[data-testid=reassign-form]");
        (await App.WithDbAsync(db => db.Leads.CountAsync(l => l.OwnerId == zhang.Id))).Should().Be(0,
            "none of Wang's plans is overdue");
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    public async Task Only_the_sales_manager_reassigns(string role)
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("someone", store.Id, role);
        using var client = await App.SignInAsync("someone");

        (await client.GetAsync("/Manager/Reassign")).IsRefused().Should().BeTrue();
    }

    private async Task CreateLeadsAsync(Store store, long ownerId, int count)
    {
        var today = App.TodayIn(store);
        var policy = new GradePolicy(store.Id);
        var customers = Enumerable.Range(0, count)
            .Select(i => new Customer(store.Id, $"客户{i}", Gender.Male, $"1360000{i:D4}", App.Now)).ToList();
        await App.WithDbAsync(async db =>
        {
            db.Customers.AddRange(customers);
            await db.SaveChangesAsync();
            db.Leads.AddRange(customers.Select(c => Lead.Create(new NewLead
            {
                StoreId = store.Id,
                CustomerId = c.Id,
                OwnerId = ownerId,
                Source = SourceChannel.DealerWebsite,
                Grade = Grade.B,
                FirstPlan = new PlanRequest(today.AddDays(3), null, ContactMethod.Phone, PlanPurpose.Reminder, null, null),
            }, policy, today, App.Now)));
            await db.SaveChangesAsync();
        });
    }
}
