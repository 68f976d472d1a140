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
}
