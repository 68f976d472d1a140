using System.Net;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>单个转派 (spec 3.1): the sales manager gives one lead to another consultant, with a reason.</summary>
public sealed class SingleReassignTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _zhang = null!;
    private StaffUser _li = null!;
    private Lead _lead = null!;

    public static TheoryData<string> RefusedRoles => new() { Roles.SalesConsultant, Roles.Receptionist, Roles.GeneralManager };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        var customer = await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
        _lead = await App.CreateLeadAsync(_store, customer, _zhang.Id, Grade.B);
    }

    [Fact]
    public async Task The_manager_moves_the_lead_and_its_plan_to_li_with_history_audit_and_notifications()
    {
        using var manager = await App.SignInAsync("manager");
        var card = await manager.GetDocumentAsync($"/Leads/{_lead.Id}");
        card.QuerySelector("[data-testid=reassign-link]")!.GetAttribute("href").Should().Be($"/Leads/{_lead.Id}/Reassign");

        using var response = await ReassignAsync(manager, _li.Id, "张顾问本周休假");

        response.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).Include(l => l.Events).SingleAsync());
        lead.OwnerId.Should().Be(_li.Id);
        lead.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open).Which.OwnerId.Should().Be(_li.Id);
        var change = lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.OwnerChanged).Subject;
        (change.FromOwnerId, change.ToOwnerId, change.Reason).Should().Be((_zhang.Id, _li.Id, "张顾问本周休假"));

        var audit = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.LeadReassigned));
        (audit.Target, audit.Details).Should().Be(($"lead:{_lead.Id}", $"from=user:{_zhang.Id}; to=user:{_li.Id}"));
        audit.Details.Should().NotContain("13800138000").And.NotContain("冯先生");

        var notes = await App.WithDbAsync(db => db.Notifications.Select(n => new { n.UserId, n.MessageKey }).ToListAsync());
        notes.Should().Contain(new { UserId = _li.Id, MessageKey = "Notification.LeadAssigned" });
        notes.Should().Contain(new { UserId = _zhang.Id, MessageKey = "Notification.LeadReassignedAway" });

        var history = (await manager.GetDocumentAsync($"/Leads/{_lead.Id}")).QuerySelector("[data-testid=lead-history]")!.TextContent;
        history.Should().Contain("Display consultant.zhang → Display consultant.li").And.Contain("张顾问本周休假");
    }

    [Fact]
    public async Task A_lead_waiting_for_a_defeat_decision_moves_with_its_request_pending_and_the_new_owner_hears_the_decision()
    {
        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.Include(l => l.Plans).SingleAsync();
            db.DefeatRequests.Add(lead.RequestDefeat(_zhang.Id, Domain.Defeats.DefeatReason.Other, null, null, "联系不上",
                App.Now));
            await db.SaveChangesAsync();
        });
        using var manager = await App.SignInAsync("manager");

        using var moved = await ReassignAsync(manager, _li.Id, "换李顾问再试一次");

        moved.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var request = await App.WithDbAsync(db => db.DefeatRequests.SingleAsync());
        (request.Decision, request.RequestedById).Should().Be((Domain.Defeats.DefeatDecision.Pending, _zhang.Id));
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync());
        (lead.Status, lead.OwnerId).Should().Be((LeadStatus.DefeatPending, _li.Id));
        lead.Plans.Single(p => p.Status == PlanStatus.Open).OwnerId.Should().Be(_li.Id);

        using var rejected = await manager.ClickAsync($"/Manager/Defeats/{request.Id}",
            new Dictionary<string, string> { ["Comment"] = "李顾问继续跟进" }, "form[data-testid=decision-form]",
            "button[formaction*='handler=Reject']");

        rejected.RedirectPath().Should().Be("/Manager/Defeats");
        lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        (lead.Status, lead.OwnerId).Should().Be((LeadStatus.Active, _li.Id));
        var told = await App.WithDbAsync(db => db.Notifications.Where(n => n.MessageKey == "Notification.DefeatRejectedWithInstructions")
            .Select(n => n.UserId).ToListAsync());
        told.Should().BeEquivalentTo([_zhang.Id, _li.Id]);
    }

    [Fact]
    public async Task Without_a_reason_the_message_is_beside_the_field_the_choice_is_kept_and_nothing_is_saved()
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await ReassignAsync(manager, _li.Id, "  ");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError("Reason").Should().Be("Give the reason for the reassignment.");
        page.QuerySelector("select[name=OwnerId] option[selected]")!.GetAttribute("value").Should().Be(_li.Id.ToString());
        await ShouldBeUnchangedAsync();
    }

    [Fact]
    public async Task A_closed_lead_is_refused()
    {
        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.Include(l => l.Plans).SingleAsync();
            var request = lead.RequestDefeat(_zhang.Id, Domain.Defeats.DefeatReason.Other, null, null, "说明",
                App.Now);
            db.DefeatRequests.Add(request);
            lead.ApproveDefeat(request, _zhang.Id, null, App.Now);
            await db.SaveChangesAsync();
        });
        using var manager = await App.SignInAsync("manager");
        (await manager.GetDocumentAsync($"/Leads/{_lead.Id}")).QuerySelector("[data-testid=reassign-link]")
            .Should().BeNull("a defeated lead is rescued, not reassigned");

        using var response = await ReassignAsync(manager, _li.Id, "换人");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Only an open lead");
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Events).SingleAsync());
        (lead.OwnerId, lead.Status).Should().Be((_zhang.Id, LeadStatus.Defeated));
        lead.Events.Should().NotContain(e => e.Kind == LeadEventKind.OwnerChanged);
    }

    [Fact]
    public async Task An_inactive_consultant_is_not_offered_and_an_inactive_or_other_store_consultant_posted_anyway_is_refused()
    {
        var wang = await App.CreateUserAsync("consultant.wang", _store.Id, Roles.SalesConsultant);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == wang.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        var other = await App.CreateStoreAsync("S2");
        var stranger = await App.CreateUserAsync("store2.consultant", other.Id, Roles.SalesConsultant);
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync($"/Leads/{_lead.Id}/Reassign");
        var offered = page.QuerySelectorAll("select[name=OwnerId] option").Select(o => o.GetAttribute("value")).ToList();
        offered.Should().Equal(string.Empty, _li.Id.ToString());

        foreach (var (refused, message) in new[]
                 {
                     (wang.Id, "Choose another active consultant of the store."),
                     (stranger.Id, "Choose another active consultant of the store."),
                     (_zhang.Id, "The lead is already with this consultant: choose another one."),
                 })
        {
            using var response = await manager.SubmitFormAsync(page, $"/Leads/{_lead.Id}/Reassign",
                new Dictionary<string, string> { ["OwnerId"] = refused.ToString(), ["Reason"] = "试试" },
                "form[data-testid=reassign-form]");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await TestClient.ParseAsync(response)).FieldError("OwnerId").Should().Be(message);
        }

        await ShouldBeUnchangedAsync();
    }

    [Fact]
    public async Task A_change_by_someone_else_between_opening_and_saving_is_reported_and_nothing_moves()
    {
        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync($"/Leads/{_lead.Id}/Reassign");
        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.SingleAsync();
            lead.ChangeGrade(Grade.A, [], "客户来电确认预算", _zhang.Id, App.Now);
            await db.SaveChangesAsync();
        });

        using var response = await manager.SubmitFormAsync(page, $"/Leads/{_lead.Id}/Reassign",
            new Dictionary<string, string> { ["OwnerId"] = _li.Id.ToString(), ["Reason"] = "张顾问休假" },
            "form[data-testid=reassign-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Someone else changed this record");
        var saved = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync());
        (saved.OwnerId, saved.Grade).Should().Be((_zhang.Id, Grade.A));
        saved.Plans.Single(p => p.Status == PlanStatus.Open).OwnerId.Should().Be(_zhang.Id);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LeadReassigned))).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(RefusedRoles))]
    public async Task Other_roles_of_the_store_are_refused_on_get_and_post(string role)
    {
        var userName = role == Roles.SalesConsultant ? "consultant.zhang" : "someone";
        if (role != Roles.SalesConsultant)
        {
            await App.CreateUserAsync(userName, _store.Id, role);
        }

        using var client = await App.SignInAsync(userName);
        await ShouldBeRefusedAsync(client);
    }

    [Fact]
    public async Task A_manager_of_another_store_is_refused_on_get_and_post()
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("store2.manager", other.Id, Roles.SalesManager);
        await App.CreateUserAsync("store2.consultant", other.Id, Roles.SalesConsultant);
        using var client = await App.SignInAsync("store2.manager");

        await ShouldBeRefusedAsync(client);
    }

    private async Task ShouldBeRefusedAsync(TestClient client)
    {
        (await client.GetAsync($"/Leads/{_lead.Id}/Reassign")).IsRefused().Should().BeTrue();
        using var post = await client.Http.PostAsync($"/Leads/{_lead.Id}/Reassign", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(client),
                ["OwnerId"] = _li.Id.ToString(),
                ["Reason"] = "forged",
                ["Version"] = _lead.Version.ToString(),
            }));
        post.IsRefused().Should().BeTrue($"got {(int)post.StatusCode}");
        await ShouldBeUnchangedAsync();
    }

    /// <summary>A forged post carries a valid token from the user's own home page.</summary>
    internal static async Task<string> TokenAsync(TestClient client)
    {
        using var start = await client.GetAsync("/");
        var home = await client.GetDocumentAsync(start.RedirectPath()!);
        return home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private async Task ShouldBeUnchangedAsync()
    {
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).Include(l => l.Events).SingleAsync());
        lead.OwnerId.Should().Be(_zhang.Id);
        lead.Plans.Where(p => p.Status == PlanStatus.Open).Should().OnlyContain(p => p.OwnerId == _zhang.Id);
        lead.Events.Should().NotContain(e => e.Kind == LeadEventKind.OwnerChanged);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LeadReassigned))).Should().Be(0);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0);
    }

    private Task<HttpResponseMessage> ReassignAsync(TestClient manager, long ownerId, string reason) =>
        manager.SubmitFormAsync($"/Leads/{_lead.Id}/Reassign", new Dictionary<string, string>
        {
            ["OwnerId"] = ownerId.ToString(),
            ["Reason"] = reason,
        }, "form[data-testid=reassign-form]");
}
