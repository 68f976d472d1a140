using System.Net;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Leads;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>撞单 (spec 1.5, 3.1, 3.3): the manager's queue of duplicate claims and the decision on each.</summary>
public sealed class ClaimTests(AppFixture app) : WebTest(app)
{
    private const string AlreadyDecided = "This duplicate claim has already been decided.";

    private Store _store = null!;
    private StaffUser _zhang = null!;
    private StaffUser _li = null!;
    private Lead _lead = null!;
    private DuplicateClaim _claim = null!;

    public static TheoryData<string> RolesThatMayNotDecide => new()
    {
        Roles.SalesConsultant, Roles.Receptionist, Roles.GeneralManager, "OtherStoreManager",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.CreateUserAsync("manager2", _store.Id, Roles.SalesManager);
        var customer = await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
        _lead = await App.CreateLeadAsync(_store, customer, _zhang.Id, Grade.A);
        _claim = await ClaimAsync(_lead, _li.Id, "客户上周是我接待的，留错了号码", App.Now.AddHours(-26));
    }

    [Fact]
    public async Task The_queue_lists_pending_claims_of_the_store_oldest_first_and_the_board_links_to_it()
    {
        var wang = await App.CreateUserAsync("consultant.wang", _store.Id, Roles.SalesConsultant);
        var later = await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id, "陈女士", "13900139000"),
            _li.Id, Grade.B);
        var newer = await ClaimAsync(later, wang.Id, "陈女士是我的老客户", App.Now.AddMinutes(-5));
        var decided = await ClaimAsync(later, _zhang.Id, "已处理的申请", App.Now.AddDays(-3));
        await App.WithDbAsync(async db =>
        {
            var claim = await db.DuplicateClaims.SingleAsync(c => c.Id == decided.Id);
            claim.Reject(wang.Id, "不批", App.Now);
            await db.SaveChangesAsync();
        });
        var other = await App.CreateStoreAsync("S2");
        var stranger = await App.CreateUserAsync("store2.consultant", other.Id, Roles.SalesConsultant);
        var stranger2 = await App.CreateUserAsync("store2.consultant2", other.Id, Roles.SalesConsultant);
        var otherLead = await App.CreateLeadAsync(other, await App.CreateCustomerAsync(other.Id, "别店客户", "13700137000"),
            stranger.Id);
        await ClaimAsync(otherLead, stranger2.Id, "别的店", App.Now.AddDays(-5));
        using var manager = await App.SignInAsync("manager");

        var board = await manager.GetDocumentAsync("/Manager");
        var link = board.QuerySelector("[data-testid=claims-queue-link]")!;
        (link.GetAttribute("href"), link.TextContent).Should().Be(("/Manager/Claims", "Duplicate claims 2"));

        var rows = (await manager.GetDocumentAsync("/Manager/Claims")).QuerySelectorAll("[data-testid=claims-queue] tbody tr");
        rows.Select(r => r.GetAttribute("data-claim")).Should().Equal(_claim.Id.ToString(), newer.Id.ToString());
        var first = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        first.Should().Equal("冯先生", "Display consultant.zhang", "Display consultant.li", "客户上周是我接待的，留错了号码", "1 d 2 h");
        rows[1].TextContent.Should().Contain("陈女士").And.Contain("Display consultant.li").And.Contain("Display consultant.wang");
    }

    [Fact]
    public async Task Approving_gives_the_lead_and_its_plan_to_the_requester_audited_and_notified()
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await DecideAsync(manager, "Approve", "客户确认先找的李顾问");

        response.RedirectPath().Should().Be("/Manager/Claims");
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).Include(l => l.Events).SingleAsync());
        lead.OwnerId.Should().Be(_li.Id);
        lead.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open).Which.OwnerId.Should().Be(_li.Id);
        lead.Events.Should().ContainSingle(e => e.Kind == LeadEventKind.OwnerChanged).Which.Reason.Should().Be("客户确认先找的李顾问");
        var claim = await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync());
        (claim.Status, claim.DecisionComment, claim.DecidedAt is not null).Should().Be((ClaimStatus.Approved, "客户确认先找的李顾问", true));

        var audit = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ClaimDecided));
        (audit.Target, audit.Details).Should().Be(($"claim:{_claim.Id}",
            $"decision=Approved; lead={_lead.Id}; from=user:{_zhang.Id}; to=user:{_li.Id}"));
        var notes = await App.WithDbAsync(db => db.Notifications.Select(n => new { n.UserId, n.MessageKey }).ToListAsync());
        notes.Should().BeEquivalentTo([
            new { UserId = _li.Id, MessageKey = "Notification.ClaimApproved" },
            new { UserId = _zhang.Id, MessageKey = "Notification.ClaimApprovedOwner" },
        ]);
        (await manager.GetDocumentAsync("/Manager/Claims")).QuerySelector("[data-testid=claims-empty]").Should().NotBeNull();
    }

    [Fact]
    public async Task Rejecting_needs_a_comment_beside_the_field_and_then_keeps_the_lead_with_its_owner()
    {
        using var manager = await App.SignInAsync("manager");

        using var empty = await DecideAsync(manager, "Reject", " ");

        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(empty)).FieldError("Comment").Should().Be("Give the reason for rejecting the claim.");
        (await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync())).Status.Should().Be(ClaimStatus.Pending);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ClaimDecided))).Should().Be(0);

        using var rejected = await DecideAsync(manager, "Reject", "客户先联系的张顾问");

        rejected.RedirectPath().Should().Be("/Manager/Claims");
        var claim = await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync());
        (claim.Status, claim.DecisionComment).Should().Be((ClaimStatus.Rejected, "客户先联系的张顾问"));
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).Include(l => l.Events).SingleAsync());
        lead.OwnerId.Should().Be(_zhang.Id);
        lead.Plans.Single(p => p.Status == PlanStatus.Open).OwnerId.Should().Be(_zhang.Id);
        lead.Events.Should().NotContain(e => e.Kind == LeadEventKind.OwnerChanged);
        var notes = await App.WithDbAsync(db => db.Notifications.Select(n => new { n.UserId, n.MessageKey, n.Arguments }).ToListAsync());
        notes.Should().ContainSingle(n => n.UserId == _li.Id && n.MessageKey == "Notification.ClaimRejected")
            .Which.Arguments.Should().Equal("冯先生", "客户先联系的张顾问");
        notes.Should().ContainSingle(n => n.UserId == _zhang.Id && n.MessageKey == "Notification.ClaimRejectedOwner");
    }

    [Fact]
    public async Task A_claim_decided_once_is_refused_the_second_time_from_a_stale_page()
    {
        using var manager = await App.SignInAsync("manager");
        var stale = await manager.GetDocumentAsync($"/Manager/Claims/{_claim.Id}");
        using var approved = await DecideAsync(manager, "Approve", null);
        approved.RedirectPath().Should().Be("/Manager/Claims");

        using var again = await manager.SubmitFormAsync(stale, $"/Manager/Claims/{_claim.Id}?handler=Reject",
            new Dictionary<string, string> { ["Comment"] = "改主意了" }, "form[data-testid=claim-form]");

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain(AlreadyDecided);
        var claim = await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync());
        (claim.Status, claim.DecisionComment).Should().Be((ClaimStatus.Approved, null));
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).OwnerId.Should().Be(_li.Id);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ClaimDecided))).Should().Be(1);
    }

    [Fact]
    public async Task Two_managers_deciding_at_the_same_instant_one_wins_and_the_other_is_told()
    {
        using var first = await App.SignInAsync("manager");
        using var second = await App.SignInAsync("manager2");
        var firstPage = await first.GetDocumentAsync($"/Manager/Claims/{_claim.Id}");
        var secondPage = await second.GetDocumentAsync($"/Manager/Claims/{_claim.Id}");

        var responses = await Task.WhenAll(
            first.SubmitFormAsync(firstPage, $"/Manager/Claims/{_claim.Id}?handler=Approve",
                new Dictionary<string, string>(), "form[data-testid=claim-form]"),
            second.SubmitFormAsync(secondPage, $"/Manager/Claims/{_claim.Id}?handler=Reject",
                new Dictionary<string, string> { ["Comment"] = "留给张顾问" }, "form[data-testid=claim-form]"));

        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).Should().Be(1);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        (await loser.Content.ReadAsStringAsync()).Should().Contain(AlreadyDecided);
        var claim = await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync());
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        lead.OwnerId.Should().Be(claim.Status == ClaimStatus.Approved ? _li.Id : _zhang.Id);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ClaimDecided))).Should().Be(1);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(2);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Once_the_lead_changed_hands_approving_is_refused_and_rejecting_still_works()
    {
        var wang = await App.CreateUserAsync("consultant.wang", _store.Id, Roles.SalesConsultant);
        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.Include(l => l.Plans.Where(p => p.Status == PlanStatus.Open)).SingleAsync();
            lead.Reassign(wang.Id, "张顾问离职", _zhang.Id, App.Now);
            await db.SaveChangesAsync();
        });
        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync($"/Manager/Claims/{_claim.Id}");
        page.QuerySelector("[data-testid=cannot-approve]")!.TextContent.Should().Contain("changed hands");
        page.QuerySelector("button[formaction*='handler=Approve']").Should().BeNull();

        using var forced = await manager.SubmitFormAsync(page, $"/Manager/Claims/{_claim.Id}?handler=Approve",
            new Dictionary<string, string>(), "form[data-testid=claim-form]");

        forced.StatusCode.Should().Be(HttpStatusCode.OK);
        (await forced.Content.ReadAsStringAsync()).Should().Contain("The lead has changed hands since the claim was made");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).OwnerId.Should().Be(wang.Id);
        (await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync())).Status.Should().Be(ClaimStatus.Pending);

        using var rejected = await DecideAsync(manager, "Reject", "已转给王顾问");
        rejected.RedirectPath().Should().Be("/Manager/Claims");
        (await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync())).Status.Should().Be(ClaimStatus.Rejected);
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).OwnerId.Should().Be(wang.Id);
    }

    [Fact]
    public async Task A_requester_who_is_no_longer_an_active_consultant_does_not_get_the_lead()
    {
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == _li.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync($"/Manager/Claims/{_claim.Id}");

        using var forced = await manager.SubmitFormAsync(page, $"/Manager/Claims/{_claim.Id}?handler=Approve",
            new Dictionary<string, string>(), "form[data-testid=claim-form]");

        (await forced.Content.ReadAsStringAsync()).Should().Contain("no longer an active consultant");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).OwnerId.Should().Be(_zhang.Id);
        (await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync())).Status.Should().Be(ClaimStatus.Pending);
    }

    [Theory]
    [MemberData(nameof(RolesThatMayNotDecide))]
    public async Task Nobody_but_the_stores_sales_manager_decides_and_only_managers_of_the_store_read(string role)
    {
        var userName = "someone";
        if (role == "OtherStoreManager")
        {
            var other = await App.CreateStoreAsync("S2");
            await App.CreateUserAsync(userName, other.Id, Roles.SalesManager);
        }
        else
        {
            await App.CreateUserAsync(userName, _store.Id, role);
        }

        using var client = await App.SignInAsync(userName);
        using var queue = await client.GetAsync("/Manager/Claims");
        using var decide = await client.GetAsync($"/Manager/Claims/{_claim.Id}");
        if (role == Roles.GeneralManager)
        {
            queue.StatusCode.Should().Be(HttpStatusCode.OK, "general managers read the queue");
            var page = await TestClient.ParseAsync(decide);
            decide.StatusCode.Should().Be(HttpStatusCode.OK);
            page.QuerySelector("form[data-testid=claim-form]").Should().BeNull();
        }
        else if (role == "OtherStoreManager")
        {
            (await TestClient.ParseAsync(queue)).QuerySelector("[data-testid=claims-queue]").Should().BeNull();
            decide.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        else
        {
            queue.IsRefused().Should().BeTrue();
            decide.IsRefused().Should().BeTrue();
        }

        var token = await SingleReassignTests.TokenAsync(client);
        foreach (var (handler, comment) in new[] { ("Approve", "forged"), ("Reject", "forged") })
        {
            using var post = await client.Http.PostAsync($"/Manager/Claims/{_claim.Id}?handler={handler}",
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["Comment"] = comment,
                    ["Version"] = _claim.Version.ToString(),
                }));
            post.IsRefused().Should().BeTrue($"{role} must not {handler} (got {(int)post.StatusCode})");
        }

        var claim = await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync());
        (claim.Status, claim.DecidedById).Should().Be((ClaimStatus.Pending, null));
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).OwnerId.Should().Be(_zhang.Id);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.ClaimDecided))).Should().Be(0);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0);
    }

    private Task<HttpResponseMessage> DecideAsync(TestClient manager, string handler, string? comment) =>
        manager.ClickAsync($"/Manager/Claims/{_claim.Id}",
            comment is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Comment"] = comment },
            "form[data-testid=claim-form]", $"button[formaction*='handler={handler}']");

    private async Task<DuplicateClaim> ClaimAsync(Lead lead, long requesterId, string note, DateTimeOffset at)
    {
        var claim = new DuplicateClaim(lead.StoreId, lead.Id, lead.CustomerId, lead.OwnerId, requesterId, note, at);
        await App.WithDbAsync(async db =>
        {
            db.DuplicateClaims.Add(claim);
            await db.SaveChangesAsync();
        });
        return claim;
    }
}
