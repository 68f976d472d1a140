using AngleSharp.Dom;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>Spec 3.1 and chapter 3 scenario 4: the queue of unassigned leads, assignment and response time.</summary>
public sealed class UnassignedTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _zhang = null!;
    private StaffUser _wang = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        _wang = await App.CreateUserAsync("consultant.wang", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.WithDbAsync(async db =>
        {
            var wang = await db.Users.SingleAsync(u => u.Id == _wang.Id);
            wang.IsActive = false;
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_website_lead_waiting_three_days_is_marked_late_in_the_queue_and_counted_in_the_response_time_report()
    {
        var late = await AddIncomingAsync("赵先生", "13900000001", App.Now.AddDays(-3));
        await AddIncomingAsync("钱女士", "13900000002", App.Now.AddHours(-5));
        using var manager = await App.SignInAsync("manager");

        var queue = await manager.GetDocumentAsync("/Manager/Unassigned");
        var rows = queue.QuerySelectorAll("[data-testid=incoming-row]");
        rows.Should().HaveCount(2);
        rows[0].TextContent.Should().Contain("赵先生", "the oldest comes first");
        rows[0].GetAttribute("data-late").Should().Be("true");
        rows[0].TextContent.Should().Contain("3 d");
        rows[1].GetAttribute("data-late").Should().Be("false");

        var board = await manager.GetDocumentAsync("/Manager");
        board.QuerySelector("[data-testid=unassigned-count]")!.TextContent.Should().Be("2");
        board.QuerySelector("[data-testid=unassigned-late]")!.TextContent.Should().Contain("1");

        // A period that holds both arrivals whatever the day of the month (the default starts on the 1st).
        var today = App.ShanghaiToday;
        var report = await manager.GetDocumentAsync(
            $"/Reports/ResponseTime?From={today.AddDays(-7):yyyy-MM-dd}&To={today:yyyy-MM-dd}");
        var total = report.QuerySelector("[data-testid=by-consultant] tr[data-row='total']")!;
        total.QuerySelector("[data-col='1']")!.TextContent.Should().Be("2");
        total.QuerySelector("[data-col='6']")!.TextContent.Should().Be("1", "the 3-day-old lead was never contacted");
        total.QuerySelector("[data-col='7']")!.TextContent.Should().Be("0");
        total.QuerySelector("[data-col='5']")!.TextContent.Should().Be("0.0%");
        report.QuerySelector("[data-testid=by-consultant] tr[data-row='unassigned'] [data-col='1']")!
            .TextContent.Should().Be("2");
        late.Id.Should().BePositive();
    }

    [Fact]
    public async Task Ticked_leads_go_in_turn_to_active_consultants_as_cards_that_keep_their_arrival_with_a_plan_due_today()
    {
        var arrived = App.Now.AddHours(-30);
        var first = await AddIncomingAsync("赵先生", "13900000001", arrived, "星越L");
        var second = await AddIncomingAsync("钱女士", "13900000002", arrived.AddMinutes(5));
        var third = await AddIncomingAsync("孙先生", "13900000003", arrived.AddMinutes(10));
        var customer = await App.CreateCustomerAsync(_store.Id, "李老师", "13800000009");
        await App.CreateLeadAsync(_store, customer, _li.Id, Grade.B, intendedModel: "老线索");
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Manager/Unassigned");
        page.QuerySelector("#ConsultantId")!.TextContent.Should().NotContain("Display consultant.wang", "inactive consultants are not offered");
        using var response = await manager.ClickAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Selected"] = TestClient.Many(first.Id.ToString(), second.Id.ToString(), third.Id.ToString()),
            ["ConsultantId"] = "-1",
        }, "form[data-testid=incoming-form]", "button[data-testid=assign]");

        response.RedirectPath().Should().Be("/Manager/Unassigned", await response.Content.ReadAsStringAsync());
        var leads = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).Where(l => l.Source == SourceChannel.DealerWebsite
            && l.Interest.IntendedModel != "老线索").OrderBy(l => l.ArrivedAt).ToListAsync());
        leads.Should().HaveCount(3);
        leads.Select(l => l.OwnerId).Should().BeEquivalentTo([_zhang.Id, _li.Id, _zhang.Id], o => o.WithStrictOrdering(),
            "Zhang holds fewer open leads than Li, so Zhang is first; Wang is inactive");
        leads[0].ArrivedAt.Should().BeCloseTo(arrived, TimeSpan.FromSeconds(1));
        leads[0].Interest.IntendedModel.Should().Be("星越L");
        leads[0].CreatedAt.Should().BeCloseTo(App.Now, TimeSpan.FromMinutes(1), "assignment time is the card's creation");
        leads.Should().OnlyContain(l => l.Plans.Single().DueDate == App.TodayIn(_store) && l.Plans.Single().Status == PlanStatus.Open);
        var incoming = await App.WithDbAsync(db => db.IncomingLeads.OrderBy(i => i.Id).ToListAsync());
        incoming.Should().OnlyContain(i => i.Status == IncomingLeadStatus.Assigned && i.LeadId != null);
        (await App.WithDbAsync(db => db.Notifications.Where(n => n.MessageKey == "Notification.NewLeadsAssigned")
            .Select(n => n.UserId).ToListAsync())).Should().BeEquivalentTo([_zhang.Id, _li.Id]);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "sales.leads_assigned"))).Should().Be(1);
        (await manager.GetDocumentAsync("/Manager/Unassigned")).QuerySelectorAll("[data-testid=incoming-row]").Should().BeEmpty();
    }

    [Fact]
    public async Task An_enquiry_from_a_customer_already_followed_joins_that_lead_and_its_consultant_is_told()
    {
        var customer = await App.CreateCustomerAsync(_store.Id, "周先生", "13900000001");
        var existing = await App.CreateLeadAsync(_store, customer, _li.Id);
        var incoming = await AddIncomingAsync("周先生", "139 0000 0001", App.Now.AddHours(-1));
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.ClickAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Selected"] = incoming.Id.ToString(),
            ["ConsultantId"] = _zhang.Id.ToString(),
        }, "form[data-testid=incoming-form]", "button[data-testid=assign]");

        response.RedirectPath().Should().Be("/Manager/Unassigned");
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(1, "a customer never has two open leads");
        var merged = await App.WithDbAsync(db => db.IncomingLeads.SingleAsync());
        (merged.Status, merged.LeadId, merged.ConsultantId).Should().Be((IncomingLeadStatus.Merged, existing.Id, _li.Id));
        (await App.WithDbAsync(db => db.Notifications.SingleAsync(n => n.MessageKey == "Notification.EnquiredAgain")))
            .UserId.Should().Be(_li.Id);
    }

    [Fact]
    public async Task Two_enquiries_of_one_customer_ticked_together_make_one_card()
    {
        var website = await AddIncomingAsync("郑先生", "13900000005", App.Now.AddHours(-3));
        var again = await AddIncomingAsync("郑先生", "13900000005", App.Now.AddHours(-2));
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.ClickAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Selected"] = TestClient.Many(website.Id.ToString(), again.Id.ToString()),
            ["ConsultantId"] = "-1",
        }, "form[data-testid=incoming-form]", "button[data-testid=assign]");

        response.RedirectPath().Should().Be("/Manager/Unassigned");
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        lead.ArrivedAt.Should().BeCloseTo(website.ArrivedAt, TimeSpan.FromSeconds(1), "the first enquiry is the arrival");
        var decided = await App.WithDbAsync(db => db.IncomingLeads.OrderBy(i => i.ArrivedAt).ToListAsync());
        decided.Select(i => (i.Status, i.LeadId)).Should().Equal(
            (IncomingLeadStatus.Assigned, lead.Id), (IncomingLeadStatus.Merged, lead.Id));
    }

    [Fact]
    public async Task Assigning_without_a_tick_or_to_an_inactive_consultant_says_so_beside_the_field_and_changes_nothing()
    {
        var incoming = await AddIncomingAsync("赵先生", "13900000001", App.Now.AddHours(-1));
        using var manager = await App.SignInAsync("manager");

        using var none = await manager.ClickAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["ConsultantId"] = _li.Id.ToString(),
        }, "form[data-testid=incoming-form]", "button[data-testid=assign]");
        (await TestClient.ParseAsync(none)).FieldError("Selected").Should().Be("Tick at least one lead.");

        using var inactive = await manager.ClickAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Selected"] = incoming.Id.ToString(),
            ["ConsultantId"] = _wang.Id.ToString(),
        }, "form[data-testid=incoming-form]", "button[data-testid=assign]");
        var page = await TestClient.ParseAsync(inactive);
        page.FieldError("ConsultantId").Should().Be("Choose an active consultant of this store.");
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#sel-{incoming.Id}")!.IsChecked.Should().BeTrue("the ticks are kept");

        using var dismiss = await manager.ClickAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Selected"] = incoming.Id.ToString(),
        }, "form[data-testid=incoming-form]", "button[formaction*='handler=Dismiss']");
        (await TestClient.ParseAsync(dismiss)).FieldError("DismissReason").Should().Be("Say why these leads are set aside.");

        (await App.WithDbAsync(db => db.IncomingLeads.SingleAsync())).Status.Should().Be(IncomingLeadStatus.Waiting);
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_lead_typed_in_by_hand_joins_the_queue_and_a_bad_mobile_is_refused_beside_the_field_with_the_input_kept()
    {
        using var manager = await App.SignInAsync("manager");

        using var bad = await manager.SubmitFormAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Input.Name"] = "吴先生",
            ["Input.Mobile"] = "12345",
        }, "form[data-testid=incoming-add]");
        var page = await TestClient.ParseAsync(bad);
        page.FieldError("Input.Mobile").Should().NotBeEmpty();
        page.InputValue("Input.Name").Should().Be("吴先生");
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(0);

        using var good = await manager.SubmitFormAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Input.Name"] = "吴先生",
            ["Input.Mobile"] = "+86 139-0000-0007",
            ["Input.Source"] = nameof(SourceChannel.InternetPlatform),
        }, "form[data-testid=incoming-add]");
        good.RedirectPath().Should().Be("/Manager/Unassigned");
        var stored = await App.WithDbAsync(db => db.IncomingLeads.SingleAsync());
        (stored.Mobile, stored.Source, stored.Status).Should().Be(("13900000007", SourceChannel.InternetPlatform, IncomingLeadStatus.Waiting));
    }

    [Fact]
    public async Task Set_aside_leads_leave_the_queue_with_their_reason_and_an_audit_entry()
    {
        var incoming = await AddIncomingAsync("测试", "13900000001", App.Now.AddHours(-1));
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.ClickAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Selected"] = incoming.Id.ToString(),
            ["DismissReason"] = "测试数据",
        }, "form[data-testid=incoming-form]", "button[formaction*='handler=Dismiss']");

        response.RedirectPath().Should().Be("/Manager/Unassigned");
        var stored = await App.WithDbAsync(db => db.IncomingLeads.SingleAsync());
        (stored.Status, stored.DismissReason).Should().Be((IncomingLeadStatus.Dismissed, "测试数据"));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "sales.incoming_lead_dismissed"))).Should().Be(1);
    }

    [Fact]
    public async Task Two_managers_assigning_the_same_lead_at_once_make_one_card()
    {
        await App.CreateUserAsync("manager2", _store.Id, Roles.SalesManager);
        var incoming = await AddIncomingAsync("赵先生", "13900000001", App.Now.AddHours(-1));
        using var first = await App.SignInAsync("manager");
        using var second = await App.SignInAsync("manager2");
        var pages = await Task.WhenAll(first.GetDocumentAsync("/Manager/Unassigned"), second.GetDocumentAsync("/Manager/Unassigned"));

        var responses = await Task.WhenAll(
            Assign(first, pages[0], _li.Id), Assign(second, pages[1], _zhang.Id));

        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(1, "one enquiry becomes one card");
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(1);
        var decided = await App.WithDbAsync(db => db.IncomingLeads.SingleAsync());
        decided.Status.Should().Be(IncomingLeadStatus.Assigned);
        responses.Should().Contain(r => r.StatusCode == System.Net.HttpStatusCode.Redirect, "one of them wins");
        foreach (var response in responses)
        {
            response.StatusCode.Should().BeOneOf(System.Net.HttpStatusCode.Redirect, System.Net.HttpStatusCode.OK);
            response.Dispose();
        }

        Task<HttpResponseMessage> Assign(TestClient client, AngleSharp.Html.Dom.IHtmlDocument page, long consultant) =>
            client.SubmitFormAsync(page, "/Manager/Unassigned?handler=Assign", new Dictionary<string, string>
            {
                ["Selected"] = incoming.Id.ToString(),
                ["ConsultantId"] = consultant.ToString(),
            }, "form[data-testid=incoming-form]");
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    public async Task Only_the_sales_manager_sees_the_queue_and_the_import(string role)
    {
        await AddIncomingAsync("赵先生", "13900000001", App.Now.AddHours(-1));
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        (await client.GetAsync("/Manager/Unassigned")).IsRefused().Should().BeTrue();
        (await client.GetAsync("/Manager/Import")).IsRefused().Should().BeTrue();
        (await client.Http.PostAsync("/Manager/Unassigned?handler=Assign", new FormUrlEncodedContent([])))
            .IsRefused().Should().BeTrue();
    }

    [Fact]
    public async Task The_other_stores_manager_sees_none_of_these_leads_and_cannot_assign_them()
    {
        var incoming = await AddIncomingAsync("赵先生", "13900000001", App.Now.AddHours(-1));
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("manager2", other.Id, Roles.SalesManager);
        var theirs = await App.CreateUserAsync("consultant2", other.Id, Roles.SalesConsultant);
        using var manager2 = await App.SignInAsync("manager2");

        var page = await manager2.GetDocumentAsync("/Manager/Unassigned");
        page.QuerySelectorAll("[data-testid=incoming-row]").Should().BeEmpty();
        using var response = await manager2.ClickAsync("/Manager/Unassigned", new Dictionary<string, string>
        {
            ["Selected"] = incoming.Id.ToString(),
            ["ConsultantId"] = theirs.Id.ToString(),
        }, "form[data-testid=incoming-form]", "button[data-testid=assign]");

        (await App.WithDbAsync(db => db.IncomingLeads.SingleAsync())).Status.Should().Be(IncomingLeadStatus.Waiting);
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(0);
    }

    private async Task<IncomingLead> AddIncomingAsync(string name, string mobile, DateTimeOffset arrivedAt, string? model = null)
    {
        var lead = new IncomingLead(_store.Id, name, mobile, model, SourceChannel.DealerWebsite, arrivedAt, null,
            App.Now);
        await App.WithDbAsync(async db =>
        {
            db.IncomingLeads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }
}
