using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>Spec 3.2 and chapter 3 scenarios 1, 2 and 5: defeat requests, decisions and rescue.</summary>
public sealed class DefeatTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _zhang = null!;
    private StaffUser _li = null!;
    private Lead _lead = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("manager2", _store.Id, Roles.SalesManager);
        var customer = await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
        _lead = await App.CreateLeadAsync(_store, customer, _zhang.Id, Grade.B);
    }

    [Fact]
    public async Task Zhangs_request_is_rejected_with_instructions_and_the_lead_is_active_again_with_zhang_and_a_plan()
    {
        using var zhang = await App.SignInAsync("consultant.zhang");
        using var requested = await RequestAsync(zhang);
        requested.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        lead.Status.Should().Be(LeadStatus.DefeatPending);
        (await App.WithDbAsync(db => db.FollowUpPlans.CountAsync(p => p.Status == PlanStatus.Open))).Should().Be(1, "the plan stays visible");

        using var manager = await App.SignInAsync("manager");
        var queue = await manager.GetDocumentAsync("/Manager/Defeats");
        queue.QuerySelector("[data-testid=defeat-queue]")!.TextContent.Should().Contain("冯先生").And.Contain("吉利");
        var request = await App.WithDbAsync(db => db.DefeatRequests.SingleAsync());
        using var rejected = await manager.ClickAsync($"/Manager/Defeats/{request.Id}", new Dictionary<string, string>
        {
            ["Comment"] = "邀请试驾新款车型",
        }, "form[data-testid=decision-form]", "button[formaction*='handler=Reject']");

        rejected.RedirectPath().Should().Be("/Manager/Defeats");
        lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync());
        (lead.Status, lead.OwnerId).Should().Be((LeadStatus.Active, _zhang.Id));
        lead.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open).Which.Note.Should().Be("邀请试驾新款车型");
        var decided = await App.WithDbAsync(db => db.DefeatRequests.SingleAsync());
        (decided.Decision, decided.DecisionComment).Should().Be((DefeatDecision.Rejected, "邀请试驾新款车型"));
        (await App.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _zhang.Id).Select(n => n.MessageKey).ToListAsync()))
            .Should().Contain("Notification.DefeatRejectedWithInstructions");
    }

    [Fact]
    public async Task A_rejection_tells_zhang_the_managers_instructions_and_the_new_plan_date_in_his_inbox()
    {
        using var zhang = await App.SignInAsync("consultant.zhang");
        using var requested = await RequestAsync(zhang);
        using var manager = await App.SignInAsync("manager");
        var request = await App.WithDbAsync(db => db.DefeatRequests.SingleAsync());
        var planDate = App.TodayIn(_store).AddDays(2);

        using var rejected = await manager.ClickAsync($"/Manager/Defeats/{request.Id}", new Dictionary<string, string>
        {
            ["Comment"] = "邀请试驾新款车型，周末前回电",
            ["PlanDate"] = planDate.ToString("yyyy-MM-dd"),
        }, "form[data-testid=decision-form]", "button[formaction*='handler=Reject']");

        rejected.RedirectPath().Should().Be("/Manager/Defeats");
        var note = await App.WithDbAsync(db => db.Notifications.SingleAsync(n => n.UserId == _zhang.Id));
        (note.MessageKey, note.Link).Should().Be(("Notification.DefeatRejectedWithInstructions", $"/Leads/{_lead.Id}"));
        note.Arguments.Should().Equal("冯先生", "邀请试驾新款车型，周末前回电", planDate.ToString("yyyy-MM-dd"));

        var inbox = (await zhang.GetDocumentAsync("/Notifications")).QuerySelector("[data-testid=notifications]")!.TextContent;
        inbox.Should().Contain("The defeat of 冯先生 was rejected").And.Contain("“邀请试驾新款车型，周末前回电”")
            .And.Contain($"Next follow-up: {planDate:yyyy-MM-dd}");
        zhang.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        (await zhang.GetDocumentAsync("/Notifications")).QuerySelector("[data-testid=notifications]")!.TextContent
            .Should().Contain("经理的指示：“邀请试驾新款车型，周末前回电”").And.Contain($"下次跟进：{planDate:yyyy-MM-dd}");
    }

    [Fact]
    public async Task A_notification_stored_with_the_old_one_argument_rejection_text_still_reads()
    {
        var zhangId = _zhang.Id;
        await App.WithDbAsync(async db =>
        {
            db.Notifications.Add(new DealerCrm.Web.Infrastructure.Notifications.Notification(_store.Id, zhangId,
                DealerCrm.Web.Infrastructure.Notifications.NotificationKind.DefeatDecided, "Notification.DefeatRejected",
                ["冯先生"], $"/Leads/{_lead.Id}", "defeat-decided:old", App.Now));
            await db.SaveChangesAsync();
        });
        using var zhang = await App.SignInAsync("consultant.zhang");

        var inbox = (await zhang.GetDocumentAsync("/Notifications")).QuerySelector("[data-testid=notifications]")!.TextContent;

        inbox.Should().Contain("The defeat of 冯先生 was rejected");
    }

    [Fact]
    public async Task An_approved_defeat_cancels_the_plan_and_a_rescue_gives_the_lead_to_li_with_a_plan()
    {
        using var zhang = await App.SignInAsync("consultant.zhang");
        using var requested = await RequestAsync(zhang);
        using var manager = await App.SignInAsync("manager");
        var request = await App.WithDbAsync(db => db.DefeatRequests.SingleAsync());

        using var approved = await manager.ClickAsync($"/Manager/Defeats/{request.Id}", new Dictionary<string, string>(),
            "form[data-testid=decision-form]", "button[formaction*='handler=Approve']");
        approved.RedirectPath().Should().Be("/Manager/Defeats");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Status.Should().Be(LeadStatus.Defeated);
        (await App.WithDbAsync(db => db.FollowUpPlans.CountAsync(p => p.Status == PlanStatus.Open))).Should().Be(0);

        using var rescued = await manager.SubmitFormAsync($"/Leads/{_lead.Id}/Rescue", new Dictionary<string, string>
        {
            ["OwnerId"] = _li.Id.ToString(),
            ["Note"] = "新车型上市，重新邀约",
        }, "form[data-testid=rescue-form]");

        rescued.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).Include(l => l.Events).SingleAsync());
        (lead.Status, lead.OwnerId).Should().Be((LeadStatus.Active, _li.Id));
        lead.Plans.Where(p => p.Status == PlanStatus.Open).Should().ContainSingle().Which.OwnerId.Should().Be(_li.Id);
        lead.Events.Should().Contain(e => e.Kind == LeadEventKind.Rescued);
    }

    [Fact]
    public async Task Bought_a_competitor_needs_brand_and_model_and_every_request_needs_an_explanation()
    {
        using var zhang = await App.SignInAsync("consultant.zhang");

        using var response = await zhang.SubmitFormAsync($"/Leads/{_lead.Id}/Defeat", new Dictionary<string, string>
        {
            ["Input.Reason"] = "BoughtCompetitor",
            ["Input.CompetitorBrand"] = string.Empty,
            ["Input.Explanation"] = "价格没谈拢",
        }, "form[data-testid=defeat-form]");

        (await TestClient.ParseAsync(response)).FieldError("Input.CompetitorBrand").Should().Be("Give the brand the customer bought.");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Status.Should().Be(LeadStatus.Active);
        (await App.WithDbAsync(db => db.DefeatRequests.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Two_managers_deciding_one_request_at_once_one_wins_and_the_other_is_told()
    {
        using var zhang = await App.SignInAsync("consultant.zhang");
        using var requested = await RequestAsync(zhang);
        var request = await App.WithDbAsync(db => db.DefeatRequests.SingleAsync());
        using var first = await App.SignInAsync("manager");
        using var second = await App.SignInAsync("manager2");
        var firstPage = await first.GetDocumentAsync($"/Manager/Defeats/{request.Id}");
        var secondPage = await second.GetDocumentAsync($"/Manager/Defeats/{request.Id}");

        using var approved = await first.SubmitFormAsync(firstPage, $"/Manager/Defeats/{request.Id}?handler=Approve",
            new Dictionary<string, string>(), "form[data-testid=decision-form]");
        using var late = await second.SubmitFormAsync(secondPage, $"/Manager/Defeats/{request.Id}?handler=Reject",
            new Dictionary<string, string> { ["Comment"] = "继续跟进" }, "form[data-testid=decision-form]");

        approved.RedirectPath().Should().Be("/Manager/Defeats");
        (await late.Content.ReadAsStringAsync()).Should().Contain("This request has already been decided.");
        (await App.WithDbAsync(db => db.DefeatRequests.SingleAsync())).Decision.Should().Be(DefeatDecision.Approved);
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Status.Should().Be(LeadStatus.Defeated);
    }

    [Fact]
    public async Task A_consultant_cannot_open_the_defeat_queue_or_another_consultants_lead()
    {
        using var li = await App.SignInAsync("consultant.li");
        using var zhang = await App.SignInAsync("consultant.zhang");
        using var requested = await RequestAsync(zhang);
        var request = await App.WithDbAsync(db => db.DefeatRequests.SingleAsync());

        (await li.GetAsync("/Manager/Defeats")).IsRefused().Should().BeTrue();
        (await li.GetAsync($"/Manager/Defeats/{request.Id}")).IsRefused().Should().BeTrue();
        (await li.GetAsync($"/Leads/{_lead.Id}")).IsRefused().Should().BeTrue();
        (await li.GetAsync($"/Leads/{_lead.Id}/Defeat")).IsRefused().Should().BeTrue();
    }

    private Task<HttpResponseMessage> RequestAsync(TestClient consultant) =>
        consultant.SubmitFormAsync($"/Leads/{_lead.Id}/Defeat", new Dictionary<string, string>
        {
            ["Input.Reason"] = "BoughtCompetitor",
            ["Input.CompetitorBrand"] = "吉利",
            ["Input.CompetitorModel"] = "星越L",
            ["Input.Explanation"] = "客户更看重智能座舱，我们的演示不够充分",
        }, "form[data-testid=defeat-form]");
}
