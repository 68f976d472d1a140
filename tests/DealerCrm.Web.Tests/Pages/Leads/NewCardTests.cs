using System.Net;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>Spec 1.3–1.5 and acceptance scenarios 3, 4 and 6 of chapter 1, through the card form.</summary>
public sealed class NewCardTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _zhang = null!;
    private StaffUser _receptionist = null!;
    private StaffUser _manager = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        _receptionist = await App.CreateUserAsync("receptionist", _store.Id, Roles.Receptionist);
        _manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
    }

    [Fact]
    public async Task Li_makes_a_grade_A_card_from_this_mornings_walk_in_with_a_plan_due_in_seven_days()
    {
        var entry = await App.CreateWalkInAsync(_store, _receptionist.Id, _li.Id, new VisitorDetails
        {
            VisitorName = "赵先生",
            Mobile = "13912345678",
            Purpose = VisitPurpose.Browse,
            FirstImpression = Grade.A,
        });
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync($"/Leads/New?traffic={entry.Id}");
        page.InputValue("Input.Name").Should().Be("赵先生", "the card starts from what the receptionist logged");
        using var response = await li.SubmitFormAsync(page, "/Leads/New", new Dictionary<string, string>
        {
            ["Input.Gender"] = "Male",
            ["Input.Grade.Grade"] = "A",
            ["Input.Interest.IntendedModel"] = "哈弗H6",
        }, "form[data-testid=card-form]");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync());
        response.RedirectPath().Should().Be($"/Leads/{lead.Id}");
        lead.Grade.Should().Be(Grade.A);
        lead.OwnerId.Should().Be(_li.Id);
        lead.Source.Should().Be(SourceChannel.ShowroomWalkIn);
        lead.FirstContactAt.Should().BeCloseTo(entry.ArrivedAt, TimeSpan.FromMilliseconds(1));
        var today = App.TodayIn(_store);
        lead.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open).Which.DueDate.Should().Be(today.AddDays(7));
        var customer = await App.WithDbAsync(db => db.Customers.SingleAsync());
        customer.Mobile.Should().Be("13912345678");
        var linked = await App.WithDbAsync(db => db.TrafficEntries.SingleAsync());
        linked.LeadId.Should().Be(lead.Id);
        linked.CustomerId.Should().Be(customer.Id);
        var act = () => linked.EditByReceptionist(today, 1, _li.Id, new VisitorDetails { Purpose = VisitPurpose.Browse });
        act.Should().Throw<DealerCrm.Domain.Common.DomainException>().Which.MessageKey.Should().Be("Traffic.HasCard");

        var card = await li.GetDocumentAsync($"/Leads/{lead.Id}");
        card.QuerySelector("[data-testid=lead-customer]")!.TextContent.Should().Be("赵先生");
        card.QuerySelector("[data-testid=open-plan]")!.TextContent.Should().Contain(today.AddDays(7).ToString("yyyy-MM-dd"));
    }

    [Fact]
    public async Task Zhang_is_refused_a_number_Li_follows_and_told_it_is_Li_and_nothing_is_created()
    {
        var customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        await App.CreateLeadAsync(_store, customer, _li.Id);
        using var zhang = await App.SignInAsync("consultant.zhang");

        using var response = await zhang.SubmitFormAsync("/Leads/New", NewCard("钱女士", "+86 138-0013-8000"),
            "form[data-testid=card-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Mobile").Should().Contain("Display consultant.li").And.Contain("already follows");
        page.QuerySelector("[data-testid=duplicate-refusal]").Should().NotBeNull();
        page.InputValue("Input.Interest.IntendedModel").Should().Be("坦克300", "the form keeps what was typed");
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(1);
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_refused_consultant_asks_the_manager_and_the_claim_is_stored_once()
    {
        var customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        var lead = await App.CreateLeadAsync(_store, customer, _li.Id);
        using var zhang = await App.SignInAsync("consultant.zhang");
        using var refused = await zhang.SubmitFormAsync("/Leads/New", NewCard("钱女士", "13800138000"),
            "form[data-testid=card-form]");
        var page = await TestClient.ParseAsync(refused);

        using var claim = await zhang.SubmitFormAsync(page, "/Leads/New",
            new Dictionary<string, string> { ["claimNote"] = "她上周在车展上先找的我" },
            "[data-testid=duplicate-refusal] form");
        using var again = await zhang.SubmitFormAsync(page, "/Leads/New",
            new Dictionary<string, string> { ["claimNote"] = "再次申请" }, "[data-testid=duplicate-refusal] form");

        claim.RedirectPath().Should().Be("/Leads/New");
        var stored = await App.WithDbAsync(db => db.DuplicateClaims.SingleAsync());
        stored.LeadId.Should().Be(lead.Id);
        stored.OwnerId.Should().Be(_li.Id);
        stored.RequestedById.Should().Be(_zhang.Id);
        stored.Status.Should().Be(ClaimStatus.Pending);
        var events = await App.WithDbAsync(db => db.LeadEvents.Where(e => e.LeadId == lead.Id).Select(e => e.Kind).ToListAsync());
        events.Should().Contain(LeadEventKind.DuplicateClaimRequested);
        var managerNotes = await App.WithDbAsync(db => db.Notifications
            .Where(n => n.UserId == _manager.Id).Select(n => n.MessageKey).ToListAsync());
        managerNotes.Should().Equal("Notification.ClaimRequested");
    }

    [Fact]
    public async Task Two_consultants_submitting_the_same_new_number_at_once_end_with_one_lead_and_one_refusal()
    {
        using var li = await App.SignInAsync("consultant.li");
        using var zhang = await App.SignInAsync("consultant.zhang");
        var liPage = await li.GetDocumentAsync("/Leads/New");
        var zhangPage = await zhang.GetDocumentAsync("/Leads/New");

        for (var round = 0; round < 3; round++)
        {
            var mobile = $"1370000000{round}";
            var results = await Task.WhenAll(
                li.SubmitFormAsync(liPage, "/Leads/New", NewCard("孙先生", mobile), "form[data-testid=card-form]"),
                zhang.SubmitFormAsync(zhangPage, "/Leads/New", NewCard("孙先生", mobile), "form[data-testid=card-form]"));

            results.Count(r => r.StatusCode == HttpStatusCode.Redirect).Should().Be(1, $"round {round}: one card");
            var refusal = results.Single(r => r.StatusCode == HttpStatusCode.OK);
            (await TestClient.ParseAsync(refusal)).FieldError("Input.Mobile").Should().Contain("already follows");
            (await App.WithDbAsync(db => db.Customers.CountAsync(c => c.Mobile == mobile))).Should().Be(1);
            (await App.WithDbAsync(db => db.Leads.CountAsync(l => db.Customers.Any(c => c.Id == l.CustomerId && c.Mobile == mobile))))
                .Should().Be(1);
        }
    }

    [Fact]
    public async Task A_too_short_number_is_refused_beside_the_mobile_and_everything_typed_stays()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync("/Leads/New", NewCard("周先生", "1380013800"),
            "form[data-testid=card-form]");

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Mobile").Should().Be("The mobile number is too short: it must have 11 digits.");
        page.InputValue("Input.Name").Should().Be("周先生");
        page.InputValue("Input.Mobile").Should().Be("1380013800");
        page.InputValue("Input.Interest.IntendedModel").Should().Be("坦克300");
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_direct_card_stores_the_normalized_number_and_its_source()
    {
        using var li = await App.SignInAsync("consultant.li");
        var card = NewCard("吴先生", "+86 138-0013-8000");
        card["Input.Source"] = "OwnerReferral";

        using var response = await li.SubmitFormAsync("/Leads/New", card, "form[data-testid=card-form]");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Customers.SingleAsync())).Mobile.Should().Be("13800138000");
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        lead.Source.Should().Be(SourceChannel.OwnerReferral);
        lead.FirstContactAt.Should().BeNull("a referral has not been contacted yet");
    }

    [Fact]
    public async Task A_plan_later_than_the_grade_allows_needs_a_reason()
    {
        using var li = await App.SignInAsync("consultant.li");
        var today = App.TodayIn(_store);
        var card = NewCard("郑先生", "13600000000");
        card["Input.Grade.Grade"] = "H";
        card["Input.Plan.DueDate"] = today.AddDays(5).ToString("yyyy-MM-dd");

        using var refused = await li.SubmitFormAsync("/Leads/New", card, "form[data-testid=card-form]");

        (await TestClient.ParseAsync(refused)).FieldError("Input.Plan.LateReason")
            .Should().Contain(today.AddDays(2).ToString("yyyy-MM-dd"));
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(0);
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(0, "nothing is half-saved");

        card["Input.Plan.LateReason"] = "客户出差，周五回来";
        using var accepted = await li.SubmitFormAsync("/Leads/New", card, "form[data-testid=card-form]");
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var plan = await App.WithDbAsync(db => db.FollowUpPlans.SingleAsync());
        plan.DueDate.Should().Be(today.AddDays(5));
        plan.LateReason.Should().Be("客户出差，周五回来");
    }

    [Fact]
    public async Task Choosing_a_grade_the_ticked_signs_do_not_suggest_needs_a_reason_kept_in_the_history()
    {
        using var li = await App.SignInAsync("consultant.li");
        var card = NewCard("冯女士", "13500000000");
        card["Input.Grade.Signs"] = TestClient.Many("ModelAndColourChosen", "PriceAgreed", "PaymentClear");
        card["Input.Grade.Grade"] = "B";

        using var refused = await li.SubmitFormAsync("/Leads/New", card, "form[data-testid=card-form]");
        var page = await TestClient.ParseAsync(refused);
        page.FieldError("Input.Grade.GradeReason").Should().Contain("suggest grade H");
        page.QuerySelector("[data-testid=suggested-grade]")!.TextContent.Should().Contain("H");

        card["Input.Grade.GradeReason"] = "价格还要和家人商量";
        using var accepted = await li.SubmitFormAsync("/Leads/New", card, "form[data-testid=card-form]");
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var created = await App.WithDbAsync(db => db.LeadEvents.SingleAsync(e => e.Kind == LeadEventKind.Created));
        created.Reason.Should().Be("价格还要和家人商量");
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        lead.GradeSigns.Should().BeEquivalentTo([GradeSign.ModelAndColourChosen, GradeSign.PriceAgreed, GradeSign.PaymentClear]);
    }

    [Fact]
    public async Task Another_consultants_walk_in_cannot_be_used_for_a_card()
    {
        var entry = await App.CreateWalkInAsync(_store, _receptionist.Id, _zhang.Id, new VisitorDetails
        {
            Mobile = "13912345678",
            Purpose = VisitPurpose.Browse,
        });
        using var li = await App.SignInAsync("consultant.li");
        var page = await li.GetDocumentAsync("/Leads/New");
        page.QuerySelector("[data-testid=todays-traffic]").Should().BeNull("Li received no visitor today");

        var card = NewCard("赵先生", "13912345678");
        card["Input.TrafficEntryId"] = entry.Id.ToString();
        using var response = await li.SubmitFormAsync(page, "/Leads/New", card, "form[data-testid=card-form]");

        (await TestClient.ParseAsync(response)).FieldError("Input.TrafficEntryId").Should().NotBeEmpty();
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(0);
    }

    [Theory]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.SalesManager)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.GeneralManager)]
    [InlineData(Roles.ServiceAdvisor)]
    [InlineData(Roles.Admin)]
    public async Task Only_consultants_make_cards(string role)
    {
        await App.CreateUserAsync("other", _store.Id, role);
        using var client = await App.SignInAsync("other");

        using var response = await client.GetAsync("/Leads/New");

        response.RedirectPath().Should().StartWith("/Account/AccessDenied");
    }

    private static Dictionary<string, string> NewCard(string name, string mobile) => new()
    {
        ["Input.Source"] = "DealerWebsite",
        ["Input.Name"] = name,
        ["Input.Gender"] = "Male",
        ["Input.Mobile"] = mobile,
        ["Input.Interest.IntendedModel"] = "坦克300",
        ["Input.Grade.Grade"] = "A",
        ["Input.Plan.Method"] = "Phone",
        ["Input.Plan.Purpose"] = "InviteToStore",
    };
}
