using System.Net;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>The lead card page: who sees and changes it, grade changes with their history, concurrent edits.</summary>
public sealed class LeadCardTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Lead _lead = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1");
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        var customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _lead = await App.CreateLeadAsync(_store, customer, li.Id, Grade.B);
    }

    public static TheoryData<string, bool, bool> RolesOfTheStore() => new()
    {
        { Roles.SalesManager, true, true },
        { Roles.GeneralManager, true, false },
        { Roles.CrmOfficer, true, false },
        { Roles.SalesConsultant, false, false },
        { Roles.Receptionist, false, false },
        { Roles.ServiceAdvisor, false, false },
        { Roles.ServiceManager, false, false },
        { Roles.Admin, false, false },
    };

    [Theory]
    [MemberData(nameof(RolesOfTheStore))]
    public async Task Each_role_of_the_store_reads_and_changes_only_what_the_spec_allows(string role, bool reads, bool edits)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        using var get = await client.GetAsync($"/Leads/{_lead.Id}");
        if (reads)
        {
            get.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = await TestClient.ParseAsync(get);
            (page.QuerySelector("[data-testid=grade-form]") is not null).Should().Be(edits);
        }
        else
        {
            get.IsRefused().Should().BeTrue($"{role} must not read another's lead (got {(int)get.StatusCode})");
        }

        // A forged change with a token from the user's own home page.
        using var start = await client.GetAsync("/");
        var home = await client.GetDocumentAsync(start.RedirectPath()!);
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = await client.Http.PostAsync($"/Leads/{_lead.Id}?handler=Grade", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["GradeForm.Grade"] = "H",
                ["GradeForm.GradeReason"] = "forged",
                ["version"] = _lead.Version.ToString(),
            }));
        var grade = await App.WithDbAsync(db => db.Leads.Where(l => l.Id == _lead.Id).Select(l => l.Grade).SingleAsync());
        if (edits)
        {
            post.StatusCode.Should().Be(HttpStatusCode.Redirect);
            grade.Should().Be(Grade.H);
        }
        else
        {
            post.IsRefused().Should().BeTrue($"{role} must not change the lead (got {(int)post.StatusCode})");
            grade.Should().Be(Grade.B);
        }
    }

    [Fact]
    public async Task The_owner_changes_the_grade_and_the_history_keeps_who_when_and_why()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
        {
            ["GradeForm.Grade"] = "A",
            ["GradeForm.Signs"] = TestClient.Many("ModelChosen", "MoneyArrivesSoon"),
            ["GradeForm.GradeReason"] = "试驾后很满意",
        }, "form[data-testid=grade-form]");

        response.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var change = await App.WithDbAsync(db => db.LeadEvents.SingleAsync(e => e.Kind == LeadEventKind.GradeChanged));
        (change.FromGrade, change.ToGrade, change.Reason).Should().Be((Grade.B, Grade.A, "试驾后很满意"));
        var page = await li.GetDocumentAsync($"/Leads/{_lead.Id}");
        page.QuerySelector("[data-testid=lead-history]")!.TextContent.Should().Contain("B → A").And.Contain("试驾后很满意")
            .And.Contain("Display consultant.li");
        page.QuerySelector("[data-testid=lead-grade]")!.TextContent.Should().Be("A");
    }

    [Fact]
    public async Task Overriding_the_suggested_grade_without_a_reason_is_refused_beside_the_reason()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
        {
            ["GradeForm.Grade"] = "C",
            ["GradeForm.Signs"] = TestClient.Many("ModelAndColourChosen", "PriceAgreed"),
            ["GradeForm.GradeReason"] = string.Empty,
        }, "form[data-testid=grade-form]");

        var page = await TestClient.ParseAsync(response);
        page.FieldError("GradeForm.GradeReason").Should().Contain("suggest grade H");
        page.QuerySelector("#GradeForm_sign_ModelAndColourChosen")!.HasAttribute("checked").Should().BeTrue();
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Grade.Should().Be(Grade.B);
    }

    [Fact]
    public async Task Interest_is_updated_and_bad_input_is_refused_beside_the_field()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var bad = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
        {
            ["Interest.IntendedModel"] = new string('长', 101),
            ["Interest.Budget"] = "-5",
        }, "form[data-testid=interest-form]");
        var page = await TestClient.ParseAsync(bad);
        page.FieldError("Interest.IntendedModel").Should().NotBeEmpty();
        page.FieldError("Interest.Budget").Should().NotBeEmpty();

        using var good = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
        {
            ["Interest.IntendedModel"] = "坦克500",
            ["Interest.CompetitorModels"] = "理想L7",
            ["Interest.PaymentMethod"] = "Loan",
        }, "form[data-testid=interest-form]");

        good.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        lead.Interest.IntendedModel.Should().Be("坦克500");
        lead.Interest.PaymentMethod.Should().Be(PaymentMethod.Loan);
    }

    [Fact]
    public async Task Two_people_changing_the_lead_at_once_do_not_overwrite_each_other()
    {
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        using var li = await App.SignInAsync("consultant.li");
        using var manager = await App.SignInAsync("manager");
        var liPage = await li.GetDocumentAsync($"/Leads/{_lead.Id}");
        var managerPage = await manager.GetDocumentAsync($"/Leads/{_lead.Id}");

        using var first = await li.SubmitFormAsync(liPage, $"/Leads/{_lead.Id}",
            new Dictionary<string, string> { ["GradeForm.Grade"] = "A" }, "form[data-testid=grade-form]");
        using var second = await manager.SubmitFormAsync(managerPage, $"/Leads/{_lead.Id}",
            new Dictionary<string, string> { ["GradeForm.Grade"] = "C" }, "form[data-testid=grade-form]");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).Should().Contain("Someone else changed this record");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Grade.Should().Be(Grade.A);
    }

    [Fact]
    public async Task On_a_phone_the_plan_and_the_actions_come_before_the_checklist_and_the_interest_form()
    {
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync($"/Leads/{_lead.Id}");

        // One column on a phone: the document order is the reading order.
        var order = page.All.ToList();
        int At(string testId) => order.IndexOf(page.QuerySelector($"[data-testid={testId}]")!);
        var form = At("grade-form");
        new[] { At("lead-actions"), At("open-plan") }.Should().OnlyContain(i => i >= 0 && i < form);
        At("lead-history").Should().BeLessThan(At("grade-form"));
        At("grade-form").Should().BeLessThan(At("interest-form"));
        page.QuerySelector("[data-testid=open-plan]")!.ClassList.Should().NotContain(c => c.StartsWith("order-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_won_lead_shows_what_was_recorded_and_offers_no_form_and_no_action()
    {
        await CloseAsync(won: true);
        using var li = await App.SignInAsync("consultant.li");
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        using var manager = await App.SignInAsync("manager");

        foreach (var client in new[] { li, manager })
        {
            var page = await client.GetDocumentAsync($"/Leads/{_lead.Id}");

            page.QuerySelector("[data-testid=lead-status]")!.TextContent.Should().Be("Won");
            page.QuerySelectorAll("main form").Should().BeEmpty("a won card changes no more");
            page.QuerySelectorAll("main input[type=checkbox]").Should().BeEmpty();
            page.QuerySelector("[data-testid=lead-actions]").Should().BeNull();
            page.QuerySelector("[data-testid=closed-note]").Should().NotBeNull();
            page.QuerySelector("[data-testid=grade-view]")!.TextContent.Should().Contain("O");
            page.QuerySelector("[data-testid=interest-view]")!.TextContent.Should().Contain("哈弗H6");
            page.QuerySelector("main a[href$='/Rescue']").Should().BeNull();
        }

        // A form opened before the delivery, posted afterwards, changes nothing.
        var token = (await li.GetDocumentAsync("/FollowUps")).QuerySelector("input[name=__RequestVerificationToken]")!
            .GetAttribute("value")!;
        using var post = await li.Http.PostAsync($"/Leads/{_lead.Id}?handler=Interest", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Interest.IntendedModel"] = "坦克500",
                ["version"] = "0",
            }));
        post.StatusCode.Should().Be(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Interest.IntendedModel.Should().Be("哈弗H6");
    }

    [Fact]
    public async Task A_defeated_lead_offers_the_manager_only_the_rescue_and_the_consultant_nothing()
    {
        await CloseAsync(won: false);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        using var manager = await App.SignInAsync("manager");
        using var li = await App.SignInAsync("consultant.li");

        var managers = await manager.GetDocumentAsync($"/Leads/{_lead.Id}");
        var lis = await li.GetDocumentAsync($"/Leads/{_lead.Id}");

        managers.QuerySelectorAll("main form").Should().BeEmpty();
        managers.QuerySelectorAll("main a.btn").Select(a => a.GetAttribute("href"))
            .Should().Equal($"/Leads/{_lead.Id}/Rescue");
        lis.QuerySelectorAll("main form").Should().BeEmpty();
        lis.QuerySelectorAll("main a.btn").Should().BeEmpty();
    }

    [Fact]
    public async Task An_ordered_lead_keeps_its_grade_O_read_only_but_its_interest_and_actions()
    {
        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.Include(l => l.Plans).SingleAsync();
            lead.PlaceOrder(new OrderRequest(App.TodayIn(_store), "哈弗H6", null, null, 150_000m, 5_000m,
                PaymentMethod.Full, null, null, null), new GradePolicy(_store.Id), App.TodayIn(_store), lead.OwnerId, App.Now);
            await db.SaveChangesAsync();
        });
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync($"/Leads/{_lead.Id}");

        page.QuerySelector("[data-testid=grade-form]").Should().BeNull("an ordered lead is O until delivery or cancellation");
        page.QuerySelector("[data-testid=grade-view]")!.TextContent.Should().StartWith("O");
        page.QuerySelector("[data-testid=interest-form]").Should().NotBeNull();
        page.QuerySelector("[data-testid=lead-actions]").Should().NotBeNull();
    }

    [Fact]
    public async Task Another_stores_manager_and_a_colleague_get_the_same_not_found_as_for_a_lead_that_does_not_exist()
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("store2.manager", other.Id, Roles.SalesManager);
        await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        using var stranger = await App.SignInAsync("store2.manager");
        using var zhang = await App.SignInAsync("consultant.zhang");

        // One answer whatever the reason (docs/decisions.md, "Refusals"): an id never tells what exists.
        foreach (var path in new[] { "", "/FollowUp", "/Order", "/Deliver", "/Defeat" })
        {
            (await stranger.GetAsync($"/Leads/{_lead.Id}{path}")).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await zhang.GetAsync($"/Leads/{_lead.Id}{path}")).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await zhang.GetAsync($"/Leads/{_lead.Id + 1000}{path}")).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }

        (await zhang.GetAsync($"/Customers/{_lead.CustomerId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await zhang.GetAsync($"/Customers/Edit/{_lead.CustomerId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/Customers/{_lead.CustomerId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_general_manager_who_reads_the_card_is_forbidden_to_change_it_rather_than_told_it_does_not_exist()
    {
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        using var gm = await App.SignInAsync("gm");

        (await gm.GetAsync($"/Leads/{_lead.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await gm.GetAsync($"/Leads/{_lead.Id}/FollowUp")).RedirectPath().Should().StartWith("/Account/AccessDenied");
    }

    /// <summary>Li's lead ordered and delivered (won), or sent for defeat and approved.</summary>
    private Task CloseAsync(bool won) => App.WithDbAsync(async db =>
    {
        var lead = await db.Leads.Include(l => l.Plans).Include(l => l.Orders).SingleAsync();
        var today = App.TodayIn(_store);
        if (won)
        {
            lead.PlaceOrder(new OrderRequest(today, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null,
                null), new GradePolicy(_store.Id), today, lead.OwnerId, App.Now);
            await db.SaveChangesAsync();
            db.Deliveries.Add(lead.Deliver(new DeliveryRequest(App.Now, 150_000m, "FP-1", "LSVAU218XN2183294"), lead.OwnerId, App.Now));
        }
        else
        {
            var request = lead.RequestDefeat(lead.OwnerId, Domain.Defeats.DefeatReason.Other, null, null, "不买了", App.Now);
            db.DefeatRequests.Add(request);
            lead.ApproveDefeat(request, lead.OwnerId, null, App.Now);
        }

        await db.SaveChangesAsync();
    });
}
