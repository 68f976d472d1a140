using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>Spec 3.3: the board's figures per consultant come from the records, scoped to the store.</summary>
public sealed class BoardTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task The_board_counts_each_consultants_open_leads_by_grade_and_due_plans_with_no_lead_without_a_plan()
    {
        var store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        var zhang = await App.CreateUserAsync("consultant.zhang", store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        var other = await App.CreateStoreAsync("S2");
        var stranger = await App.CreateUserAsync("store2.consultant", other.Id, Roles.SalesConsultant);
        await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "甲", "13700000001"), li.Id, Grade.H);
        await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "乙", "13700000002"), li.Id, Grade.A);
        await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "丙", "13700000003"), zhang.Id, Grade.C);
        await App.CreateLeadAsync(other, await App.CreateCustomerAsync(other.Id, "丁", "13700000004"), stranger.Id, Grade.H);
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Manager");

        var rows = page.QuerySelectorAll("[data-testid=board-row]")
            .Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        rows.Should().HaveCount(3, "two consultants and the store total; the other store is not here");
        rows[0][0].Should().Be("Display consultant.li");
        rows[0][1..6].Should().Equal("1", "1", "0", "0", "0");
        rows[1][1..6].Should().Equal("0", "0", "0", "1", "0");
        rows[2][1..6].Should().Equal("1", "1", "0", "1", "0");
        page.QuerySelectorAll("[data-testid=without-plan]").Select(c => c.TextContent.Trim()).Should().OnlyContain(t => t == "0");
        page.QuerySelector("[data-testid=grade-chart]")!.TextContent.Should().Contain("Display consultant.li");
    }

    [Fact]
    public async Task A_lead_that_lost_its_plan_shows_up_as_without_plan()
    {
        var store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        var lead = await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "甲", "13700000001"), li.Id);
        await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "乙", "13700000002"), li.Id);

        // The invariant the board watches, broken behind the application's back.
        await App.WithDbAsync(db => db.FollowUpPlans.Where(p => p.LeadId == lead.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, DealerCrm.Domain.FollowUps.PlanStatus.Done)));
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Manager");

        page.QuerySelectorAll("[data-testid=without-plan]").Select(c => c.TextContent.Trim()).Should().Equal("1", "1");
    }

    [Fact]
    public async Task A_deactivated_consultant_stays_on_the_board_while_holding_open_leads_and_leaves_it_once_they_move()
    {
        var store = await App.CreateStoreAsync();
        var wang = await App.CreateUserAsync("consultant.wang", store.Id, Roles.SalesConsultant);
        var li = await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        var idle = await App.CreateUserAsync("consultant.idle", store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "甲", "13700000001"), wang.Id, Grade.B);
        await App.WithDbAsync(async db =>
        {
            foreach (var user in await db.Users.Where(u => u.Id == wang.Id || u.Id == idle.Id).ToListAsync())
            {
                user.IsActive = false;
            }

            await db.SaveChangesAsync();
        });
        using var manager = await App.SignInAsync("manager");

        var names = (await manager.GetDocumentAsync("/Manager")).QuerySelectorAll("[data-testid=board-row] th")
            .Select(c => c.TextContent.Trim()).ToList();
        names.Should().Contain(n => n.StartsWith("Display consultant.wang", StringComparison.Ordinal) && n.Contains("Deactivated"));
        names.Should().NotContain(n => n.StartsWith("Display consultant.idle", StringComparison.Ordinal),
            "a deactivated consultant without open leads has nothing left to move");

        using var moved = await manager.SubmitFormAsync($"/Manager/Reassign?from={wang.Id}", new Dictionary<string, string>
        {
            ["To"] = li.Id.ToString(),
            ["Reason"] = "离职",
        }, "form[data-testid=reassign-form]");

        (await manager.GetDocumentAsync("/Manager")).QuerySelectorAll("[data-testid=board-row] th")
            .Select(c => c.TextContent.Trim()).Should().NotContain(n => n.StartsWith("Display consultant.wang", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_card_created_today_and_won_or_defeated_today_does_not_count_as_open()
    {
        var store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        var manager = await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "甲", "13700000001"), li.Id, Grade.H);
        var won = await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "乙", "13700000002"), li.Id, Grade.A);
        var lost = await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "丙", "13700000003"), li.Id, Grade.B);
        var pending = await App.CreateLeadAsync(store, await App.CreateCustomerAsync(store.Id, "丁", "13700000004"), li.Id, Grade.C);
        var today = App.TodayIn(store);
        var policy = new GradePolicy(store.Id);
        await App.ChangeLeadAsync(won.Id, (lead, _) =>
        {
            lead.PlaceOrder(new OrderRequest(today, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null, null),
                policy, today, li.Id, App.Now);
            lead.Deliver(new DeliveryRequest(App.Now, 150_000m, "FP-001", "LSVAU218XN2183294"), li.Id, App.Now);
        });
        await App.ChangeLeadAsync(lost.Id, (lead, db) =>
        {
            var request = lead.RequestDefeat(li.Id, DefeatReason.BudgetChanged, null, null, "预算砍半", App.Now);
            db.DefeatRequests.Add(request);
            lead.ApproveDefeat(request, manager.Id, null, App.Now);
        });
        await App.ChangeLeadAsync(pending.Id, (lead, db) =>
            db.DefeatRequests.Add(lead.RequestDefeat(li.Id, DefeatReason.Other, null, null, "联系不上", App.Now)));
        using var client = await App.SignInAsync("manager");

        var rows = Rows(await client.GetDocumentAsync("/Manager"));

        rows[0][1..6].Should().Equal(["1", "0", "0", "1", "0"],
            "open leads by grade: the H lead and the one waiting for a defeat decision, not the won O nor the defeated B");
        rows[0][Cards].Should().Be("4", "every card made today counts as made today");
        rows[0][WithoutPlan].Should().Be("0");
    }

    [Fact]
    public async Task Due_overdue_and_out_of_control_are_the_domains_rules_shared_with_the_lists_without_waiting_for_the_job()
    {
        var store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", store.Id, Roles.SalesManager);
        var today = App.TodayIn(store);
        await App.CreateLeadDueAsync(store, await App.CreateCustomerAsync(store.Id, "今天", "13700000001"), li.Id, today);
        await App.CreateLeadDueAsync(store, await App.CreateCustomerAsync(store.Id, "昨天", "13700000002"), li.Id, today.AddDays(-1));
        await App.CreateLeadDueAsync(store, await App.CreateCustomerAsync(store.Id, "三十天", "13700000003"), li.Id, today.AddDays(-30));
        await App.CreateLeadDueAsync(store, await App.CreateCustomerAsync(store.Id, "三十一天", "13700000004"), li.Id, today.AddDays(-31));
        var pending = await App.CreateLeadDueAsync(store, await App.CreateCustomerAsync(store.Id, "待审", "13700000005"), li.Id,
            today.AddDays(-40));
        await App.ChangeLeadAsync(pending.Id, (lead, db) =>
            db.DefeatRequests.Add(lead.RequestDefeat(li.Id, DefeatReason.Other, null, null, "联系不上", App.Now)));
        using var manager = await App.SignInAsync("manager");
        using var consultant = await App.SignInAsync("consultant.li");

        var row = Rows(await manager.GetDocumentAsync("/Manager"))[0];
        var overdueList = (await manager.GetDocumentAsync("/Leads?overdue=true"))
            .QuerySelectorAll("[data-testid=leads] tr[data-testid=lead-row]");
        var daily = await consultant.GetDocumentAsync("/FollowUps");

        (row[DueToday], row[Overdue], row[OutOfControl], row[WithoutPlan]).Should().Be(("1", "3", "1", "0"),
            "the lead waiting for a defeat decision is neither overdue nor out of control: its follow-up is the manager's");
        overdueList.Should().HaveCount(3, "the board's overdue figure and the overdue list are one rule");
        daily.QuerySelectorAll("[data-testid=overdue] .list-group-item").Should().HaveCount(3, "and the consultant's day too");
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    public async Task Other_roles_cannot_open_the_board(string role)
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("someone", store.Id, role);
        using var client = await App.SignInAsync("someone");

        (await client.GetAsync("/Manager")).IsRefused().Should().BeTrue();
    }

    private const int DueToday = 6;
    private const int Overdue = 7;
    private const int OutOfControl = 8;
    private const int WithoutPlan = 9;
    private const int Cards = 11;

    private static List<string[]> Rows(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=board-row]")
            .Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
}
