using System.Net;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>
/// 休眠客户 (spec 3.5). Leads get their history through the domain with old timestamps (created, grade changed,
/// visited N days ago), so the 90-day rule is judged against the real clock.
/// </summary>
public sealed class DormantTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _zhang = null!;
    private StaffUser _receptionist = null!;
    private int _mobile;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        _receptionist = await App.CreateUserAsync("receptionist", _store.Id, Roles.Receptionist);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
    }

    [Fact]
    public async Task The_eligible_list_holds_the_store_c_leads_quiet_for_90_days_and_follows_the_store_setting()
    {
        var quiet = await OldLeadAsync("老C", Grade.C, createdDaysAgo: 100);
        var oldHistory = await OldLeadAsync("旧变更", Grade.B, createdDaysAgo: 200,
            history: (lead, owner) => lead.ChangeGrade(Grade.C, [], "没有进展", owner, DaysAgo(95)), visitDaysAgo: 120);
        var young = await OldLeadAsync("新C", Grade.C, createdDaysAgo: 80);
        await OldLeadAsync("B级", Grade.B, createdDaysAgo: 100);
        await OldLeadAsync("降级", Grade.B, createdDaysAgo: 150,
            history: (lead, owner) => lead.ChangeGrade(Grade.C, [], "预算不足", owner, DaysAgo(10)));
        await OldLeadAsync("来过店", Grade.C, createdDaysAgo: 150, visitDaysAgo: 20);
        var voidedVisit = await OldLeadAsync("作废登记", Grade.C, createdDaysAgo: 150, visitDaysAgo: 20, voidVisit: true);
        var store2 = await App.CreateStoreAsync("S2");
        var other = await App.CreateUserAsync("store2.consultant", store2.Id, Roles.SalesConsultant);
        await OldLeadAsync("别店", Grade.C, createdDaysAgo: 100, store: store2, ownerId: other.Id);
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Manager/Dormant");

        Listed(page).Should().BeEquivalentTo([quiet.Id, oldHistory.Id, voidedVisit.Id],
            "only C leads with no grade change and no (valid) visit for 90 days, of this store");
        page.QuerySelector("[data-testid=matching]")!.TextContent.Should().Contain("3").And.Contain("90");
        Listed(await manager.GetDocumentAsync($"/Manager/Dormant?owner={_zhang.Id}")).Should().BeEmpty();

        await App.WithDbAsync(async db =>
        {
            var policy = new GradePolicy(_store.Id);
            policy.ChangeDormantAfter(60);
            db.GradePolicies.Add(policy);
            await db.SaveChangesAsync();
        });
        Listed(await manager.GetDocumentAsync("/Manager/Dormant")).Should().BeEquivalentTo(
            [quiet.Id, oldHistory.Id, voidedVisit.Id, young.Id], "the store's own setting of 60 days decides");
    }

    [Fact]
    public async Task Moving_all_eligible_closes_their_plans_takes_them_off_the_daily_list_and_is_audited_once()
    {
        var first = await OldLeadAsync("冷客户甲", Grade.C, createdDaysAgo: 100);
        var second = await OldLeadAsync("冷客户乙", Grade.C, createdDaysAgo: 300);
        var awake = await OldLeadAsync("新客户丙", Grade.C, createdDaysAgo: 30);
        using var li = await App.SignInAsync("consultant.li");
        (await li.GetDocumentAsync("/FollowUps")).Body!.TextContent.Should().Contain("冷客户甲").And.Contain("冷客户乙",
            "their plans are overdue, so they clog the daily list");
        using var manager = await App.SignInAsync("manager");

        using var moved = await manager.SubmitFormAsync("/Manager/Dormant", new Dictionary<string, string>(),
            "form[data-testid=dormant-form]");

        moved.RedirectPath().Should().StartWith("/Manager/Dormant");
        var leads = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).ToDictionaryAsync(l => l.Id));
        foreach (var id in new[] { first.Id, second.Id })
        {
            leads[id].Status.Should().Be(LeadStatus.Dormant);
            leads[id].NextFollowUpDate.Should().BeNull();
            leads[id].OwnerId.Should().Be(_li.Id, "a dormant lead keeps its consultant");
            leads[id].Plans.Should().ContainSingle().Which.Status.Should().Be(PlanStatus.Cancelled);
        }

        leads[awake.Id].Status.Should().Be(LeadStatus.Active);
        leads[awake.Id].Plans.Should().ContainSingle().Which.Status.Should().Be(PlanStatus.Open);
        (await App.WithDbAsync(db => db.LeadEvents.CountAsync(e => e.Kind == LeadEventKind.StatusChanged
            && e.ToStatus == LeadStatus.Dormant))).Should().Be(2);
        var audit = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.LeadsMadeDormant));
        audit.Details.Should().Contain("moved=2");
        var daily = (await li.GetDocumentAsync("/FollowUps")).Body!.TextContent;
        daily.Should().NotContain("冷客户甲").And.NotContain("冷客户乙");
        daily.Should().Contain("新客户丙");
        Listed(await manager.GetDocumentAsync("/Manager/Dormant?tab=dormant"), "dormant-leads")
            .Should().BeEquivalentTo([first.Id, second.Id]);
    }

    [Fact]
    public async Task Only_the_ticked_eligible_leads_move_and_ticking_none_is_refused_beside_the_list()
    {
        var ticked = await OldLeadAsync("勾选", Grade.C, createdDaysAgo: 100);
        var unticked = await OldLeadAsync("未勾选", Grade.C, createdDaysAgo: 100);
        var notEligible = await OldLeadAsync("B级", Grade.B, createdDaysAgo: 100);
        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync("/Manager/Dormant");

        using var none = await manager.SubmitFormAsync(page, "/Manager/Dormant",
            new Dictionary<string, string> { ["TickedOnly"] = "true" }, "form[data-testid=dormant-form]");
        (await TestClient.ParseAsync(none)).FieldError("Selected").Should().Be("Tick at least one lead.");
        (await App.WithDbAsync(db => db.Leads.CountAsync(l => l.Status == LeadStatus.Dormant))).Should().Be(0);

        using var moved = await manager.SubmitFormAsync(page, "/Manager/Dormant", new Dictionary<string, string>
        {
            ["TickedOnly"] = "true",
            ["Selected"] = TestClient.Many(ticked.Id.ToString(), notEligible.Id.ToString()),
        }, "form[data-testid=dormant-form]");

        moved.RedirectPath().Should().StartWith("/Manager/Dormant");
        var statuses = await App.WithDbAsync(db => db.Leads.ToDictionaryAsync(l => l.Id, l => l.Status));
        statuses[ticked.Id].Should().Be(LeadStatus.Dormant);
        statuses[unticked.Id].Should().Be(LeadStatus.Active, "it was not ticked");
        statuses[notEligible.Id].Should().Be(LeadStatus.Active, "a posted id outside the rule does not move");
    }

    [Fact]
    public async Task The_manager_reactivates_a_dormant_lead_with_a_new_plan_and_the_consultant_is_notified()
    {
        var lead = await DormantLeadAsync("休眠客户", "坦克300");
        await DormantLeadAsync("另一个", "哈弗H6");
        using var manager = await App.SignInAsync("manager");
        var url = "/Manager/Dormant?tab=dormant&carModel=坦克";
        var page = await manager.GetDocumentAsync(url);
        Listed(page, "dormant-leads").Should().Equal([lead.Id], "filtered by intended model");
        var due = App.TodayIn(_store).AddDays(5);

        using var done = await manager.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["PlanDate"] = due.ToString("yyyy-MM-dd"),
            ["Note"] = "邀请参加车主活动",
        }, $"form[data-testid=reactivate-{lead.Id}]");

        done.RedirectPath().Should().StartWith("/Manager/Dormant?tab=dormant");
        var saved = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == lead.Id));
        (saved.Status, saved.OwnerId, saved.NextFollowUpDate).Should().Be((LeadStatus.Active, _li.Id, due));
        var plan = saved.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open).Subject;
        (plan.DueDate, plan.Note, plan.OwnerId).Should().Be((due, "邀请参加车主活动", _li.Id));
        var notice = await App.WithDbAsync(db => db.Notifications.SingleAsync());
        (notice.UserId, notice.MessageKey).Should().Be((_li.Id, "Notification.DormantReactivated"));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LeadReactivated)))
            .Should().Be(1);
        using var li = await App.SignInAsync("consultant.li");
        (await li.GetDocumentAsync("/FollowUps?view=week")).Body!.TextContent.Should().Contain("休眠客户");
    }

    [Theory]
    [InlineData("", "Choose the date of the new plan.")]
    [InlineData("yesterday", "The plan cannot be due before today.")]
    public async Task Reactivating_without_a_valid_plan_date_says_so_beside_the_field_keeps_the_input_and_saves_nothing(
        string date, string message)
    {
        var lead = await DormantLeadAsync("休眠客户", "坦克300");
        using var manager = await App.SignInAsync("manager");
        var url = "/Manager/Dormant?tab=dormant";
        var page = await manager.GetDocumentAsync(url);
        var posted = date == "yesterday" ? App.TodayIn(_store).AddDays(-1).ToString("yyyy-MM-dd") : date;

        using var refused = await manager.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["PlanDate"] = posted,
            ["Note"] = "车展邀约",
        }, $"form[data-testid=reactivate-{lead.Id}]");

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        var shown = await TestClient.ParseAsync(refused);
        shown.FieldError("PlanDate").Should().Be(message);
        shown.QuerySelector($"#note-{lead.Id}")!.GetAttribute("value").Should().Be("车展邀约");
        shown.QuerySelector($"#plan-{lead.Id}")!.GetAttribute("value").Should().Be(posted == string.Empty ? null : posted);
        var saved = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == lead.Id));
        saved.Status.Should().Be(LeadStatus.Dormant);
        saved.Plans.Should().NotContain(p => p.Status == PlanStatus.Open);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_walk_in_checked_out_with_the_mobile_of_a_dormant_customer_wakes_the_lead_for_its_consultant()
    {
        var lead = await DormantLeadAsync("回头客", "坦克300");
        var mobile = await MobileOfAsync(lead);
        var entry = await App.CreateWalkInAsync(_store, _receptionist.Id, _zhang.Id);
        using var reception = await App.SignInAsync("receptionist");

        using var checkOut = await reception.SubmitFormAsync($"/Showroom/CheckOut/{entry.Id}",
            new Dictionary<string, string> { ["Input.Mobile"] = mobile, ["Input.Purpose"] = "Browse" },
            "form[data-testid=check-out-form]");

        checkOut.RedirectPath().Should().Be("/Showroom");
        await ShouldBeAwakeWithPlanTodayAsync(lead, "Notification.DormantWalkedIn");
        using var li = await App.SignInAsync("consultant.li");
        (await li.GetDocumentAsync("/FollowUps")).Body!.TextContent.Should().Contain("回头客");
    }

    [Fact]
    public async Task A_call_from_a_dormant_customer_wakes_the_lead_for_its_consultant()
    {
        var lead = await DormantLeadAsync("来电客户", "坦克300");
        var mobile = await MobileOfAsync(lead);
        using var reception = await App.SignInAsync("receptionist");

        using var logged = await reception.SubmitFormAsync("/Showroom", new Dictionary<string, string>
        {
            ["Call.Mobile"] = mobile,
            ["Call.Purpose"] = "PriceEnquiry",
        }, "form[data-testid=call-form]");

        logged.RedirectPath().Should().Be("/Showroom");
        await ShouldBeAwakeWithPlanTodayAsync(lead, "Notification.DormantCalled");
    }

    [Fact]
    public async Task A_new_card_for_a_dormant_customer_reopens_the_lead_for_its_owner_instead_of_a_second_card()
    {
        var lead = await DormantLeadAsync("老客户", "坦克300");
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync("/Leads/New", NewCard("老客户", await MobileOfAsync(lead)),
            "form[data-testid=card-form]");

        response.RedirectPath().Should().Be($"/Leads/{lead.Id}");
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(1, "no second card");
        var saved = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync());
        (saved.Status, saved.OwnerId).Should().Be((LeadStatus.Active, _li.Id));
        saved.Plans.Single(p => p.Status == PlanStatus.Open).DueDate.Should().Be(App.TodayIn(_store));
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0, "the consultant did it themself");
    }

    [Fact]
    public async Task Another_consultant_making_a_card_wakes_the_lead_for_its_owner_and_is_refused_as_for_a_followed_customer()
    {
        var lead = await DormantLeadAsync("老客户", "坦克300");
        using var zhang = await App.SignInAsync("consultant.zhang");

        using var response = await zhang.SubmitFormAsync("/Leads/New", NewCard("老客户", await MobileOfAsync(lead)),
            "form[data-testid=card-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Mobile").Should().Contain("Display consultant.li");
        page.QuerySelector("[data-testid=duplicate-refusal]").Should().NotBeNull("Zhang can ask the manager for it");
        (await App.WithDbAsync(db => db.Leads.CountAsync())).Should().Be(1);
        await ShouldBeAwakeWithPlanTodayAsync(lead, "Notification.DormantMetAgain");
    }

    [Fact]
    public async Task The_card_offers_make_dormant_to_the_manager_for_an_eligible_lead_only_and_it_checks_the_row_version()
    {
        var eligible = await OldLeadAsync("冷客户", Grade.C, createdDaysAgo: 100);
        var young = await OldLeadAsync("新客户", Grade.C, createdDaysAgo: 10);
        using var manager = await App.SignInAsync("manager");
        (await manager.GetDocumentAsync($"/Leads/{eligible.Id}")).QuerySelector("[data-testid=dormant-link]")
            .Should().NotBeNull();
        (await manager.GetDocumentAsync($"/Leads/{young.Id}")).QuerySelector("[data-testid=dormant-link]")
            .Should().BeNull();

        using var refused = await manager.SubmitFormAsync($"/Leads/{young.Id}/Dormant", new Dictionary<string, string>(),
            "form[data-testid=dormant-form]");
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent
            .Should().Contain("90 days");

        var stale = await manager.GetDocumentAsync($"/Leads/{eligible.Id}/Dormant");
        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.SingleAsync(l => l.Id == eligible.Id);
            lead.UpdateInterest(new LeadInterest { IntendedModel = "哈弗H9" }, new NeedsAnalysis(), _li.Id,
                App.Now);
            await db.SaveChangesAsync();
        });
        using var conflict = await manager.SubmitFormAsync(stale, $"/Leads/{eligible.Id}/Dormant",
            new Dictionary<string, string>(), "form[data-testid=dormant-form]");
        (await TestClient.ParseAsync(conflict)).Body!.TextContent.Should().Contain("changed");
        (await App.WithDbAsync(db => db.Leads.SingleAsync(l => l.Id == eligible.Id))).Status.Should().Be(LeadStatus.Active);

        using var done = await manager.SubmitFormAsync($"/Leads/{eligible.Id}/Dormant", new Dictionary<string, string>(),
            "form[data-testid=dormant-form]");

        done.RedirectPath().Should().Be($"/Leads/{eligible.Id}");
        var saved = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == eligible.Id));
        saved.Status.Should().Be(LeadStatus.Dormant);
        saved.Plans.Should().OnlyContain(p => p.Status == PlanStatus.Cancelled);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LeadsMadeDormant)))
            .Should().Be(1);
        (await App.WithDbAsync(db => db.Leads.SingleAsync(l => l.Id == young.Id))).Status.Should().Be(LeadStatus.Active);
    }

    [Theory]
    [InlineData("consultant.li")]
    [InlineData("receptionist")]
    [InlineData("store2.manager")]
    public async Task Others_are_refused_on_every_dormant_page_and_nothing_changes(string userName)
    {
        var eligible = await OldLeadAsync("冷客户", Grade.C, createdDaysAgo: 100);
        var dormant = await DormantLeadAsync("休眠客户", "坦克300");
        var store2 = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("store2.manager", store2.Id, Roles.SalesManager);
        using var client = await App.SignInAsync(userName);
        var isOtherManager = userName == "store2.manager";
        var token = await TokenAsync(client);
        var tomorrow = App.TodayIn(_store).AddDays(1).ToString("yyyy-MM-dd");

        if (isOtherManager)
        {
            Listed(await client.GetDocumentAsync("/Manager/Dormant")).Should().BeEmpty("another store's leads are not shown");
            Listed(await client.GetDocumentAsync("/Manager/Dormant?tab=dormant"), "dormant-leads").Should().BeEmpty();
        }
        else
        {
            (await client.GetAsync("/Manager/Dormant")).IsRefused().Should().BeTrue();
            (await client.GetAsync("/Manager/Dormant?tab=dormant")).IsRefused().Should().BeTrue();
        }

        (await client.GetAsync($"/Leads/{eligible.Id}/Dormant")).IsRefused().Should().BeTrue();
        using var move = await PostAsync(client, "/Manager/Dormant?handler=Move", token,
            ("TickedOnly", "true"), ("Selected", eligible.Id.ToString()));
        using var reactivate = await PostAsync(client, "/Manager/Dormant?handler=Reactivate&tab=dormant", token,
            ("LeadId", dormant.Id.ToString()), ("PlanDate", tomorrow));
        using var single = await PostAsync(client, $"/Leads/{eligible.Id}/Dormant", token, ("Version", "0"));

        if (!isOtherManager)
        {
            move.IsRefused().Should().BeTrue();
        }

        reactivate.IsRefused().Should().BeTrue();
        single.IsRefused().Should().BeTrue();
        var statuses = await App.WithDbAsync(db => db.Leads.ToDictionaryAsync(l => l.Id, l => l.Status));
        statuses[eligible.Id].Should().Be(LeadStatus.Active);
        statuses[dormant.Id].Should().Be(LeadStatus.Dormant);
        (await App.WithDbAsync(db => db.FollowUpPlans.CountAsync(p => p.Status == PlanStatus.Open))).Should().Be(1);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
            a.Action == AuditActions.LeadsMadeDormant && a.Details!.Contains("moved=1")))).Should().Be(0);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LeadReactivated))).Should().Be(0);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_admin_sets_the_dormancy_period_between_30_and_365_days()
    {
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");
        var url = $"/Admin/GradePolicy?store={_store.Id}";
        (await admin.GetDocumentAsync(url)).InputValue("Input.DormantAfterDays").Should().Be("90");

        using var tooShort = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.DormantAfterDays"] = "29" },
            "form[data-testid=policy-form]");
        var page = await TestClient.ParseAsync(tooShort);
        page.FieldError("Input.DormantAfterDays").Should().Be("Enter between 30 and 365 days.");
        page.InputValue("Input.DormantAfterDays").Should().Be("29");
        (await App.WithDbAsync(db => db.GradePolicies.CountAsync())).Should().Be(0);

        using var saved = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.DormantAfterDays"] = "120" },
            "form[data-testid=policy-form]");
        saved.RedirectPath().Should().Be(url);
        (await App.WithDbAsync(db => db.GradePolicies.SingleAsync())).DormantAfterDays.Should().Be(120);
    }

    private DateTimeOffset DaysAgo(int days) => App.Now.AddDays(-days);

    private static List<long> Listed(AngleSharp.Html.Dom.IHtmlDocument page, string table = "eligible-leads") =>
        table == "eligible-leads"
            ? page.QuerySelectorAll("[data-testid=eligible-leads] input[name=Selected]")
                .Select(i => long.Parse(i.GetAttribute("value")!)).ToList()
            : page.QuerySelectorAll("[data-testid=dormant-leads] tr[data-lead]")
                .Select(r => long.Parse(r.GetAttribute("data-lead")!)).ToList();

    /// <summary>A lead created days ago (its first plan then, now overdue), with optional history and a visit.</summary>
    private async Task<Lead> OldLeadAsync(string name, Grade grade, int createdDaysAgo, Action<Lead, long>? history = null,
        int? visitDaysAgo = null, bool voidVisit = false, Store? store = null, long? ownerId = null, string model = "哈弗H6")
    {
        store ??= _store;
        var owner = ownerId ?? _li.Id;
        var customer = await App.CreateCustomerAsync(store.Id, name, $"1390000{++_mobile:D4}");
        var then = DaysAgo(createdDaysAgo);
        var thenDay = store.LocalDate(then);
        var policy = new GradePolicy(store.Id);
        var lead = Lead.Create(new NewLead
        {
            StoreId = store.Id,
            CustomerId = customer.Id,
            OwnerId = owner,
            Source = SourceChannel.DealerWebsite,
            Grade = grade,
            Interest = new LeadInterest { IntendedModel = model },
            FirstPlan = new PlanRequest(policy.DefaultNextPlanDate(grade, thenDay), null, ContactMethod.Phone,
                PlanPurpose.InviteToStore, null, null),
        }, policy, thenDay, then);
        history?.Invoke(lead, owner);
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            if (visitDaysAgo is { } days)
            {
                var at = DaysAgo(days);
                var visit = TrafficEntry.CheckIn(store.Id, _receptionist.Id, at, store.LocalDate(at), store.LocalDate(at), 1,
                    owner, at);
                visit.CheckOut(at.AddMinutes(20), new VisitorDetails { Mobile = customer.Mobile, Purpose = VisitPurpose.Browse },
                    at.AddMinutes(30));
                visit.LinkCustomer(customer.Id, returning: true);
                if (voidVisit)
                {
                    visit.Void("登记错误");
                }

                db.TrafficEntries.Add(visit);
            }

            await db.SaveChangesAsync();
        });
        return lead;
    }

    /// <summary>A C lead of Li's made Dormant through the domain.</summary>
    private async Task<Lead> DormantLeadAsync(string name, string model)
    {
        var lead = await OldLeadAsync(name, Grade.C, createdDaysAgo: 100, model: model);
        await App.WithDbAsync(async db =>
        {
            var tracked = await db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == lead.Id);
            tracked.MakeDormant(_li.Id, App.Now.AddDays(-1));
            await db.SaveChangesAsync();
        });
        return lead;
    }

    private Task<string> MobileOfAsync(Lead lead) =>
        App.WithDbAsync(db => db.Customers.Where(c => c.Id == lead.CustomerId).Select(c => c.Mobile!).SingleAsync());

    private async Task ShouldBeAwakeWithPlanTodayAsync(Lead lead, string notificationKey)
    {
        var saved = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == lead.Id));
        (saved.Status, saved.OwnerId).Should().Be((LeadStatus.Active, _li.Id));
        saved.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open)
            .Which.DueDate.Should().Be(App.TodayIn(_store));
        var notice = await App.WithDbAsync(db => db.Notifications.SingleAsync());
        (notice.UserId, notice.MessageKey).Should().Be((_li.Id, notificationKey));
    }

    private static async Task<string> TokenAsync(TestClient client)
    {
        var home = await client.GetDocumentAsync("/Notifications");
        return home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static Task<HttpResponseMessage> PostAsync(TestClient client, string url, string token,
        params (string Name, string Value)[] fields) =>
        client.Http.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token))));

    private static Dictionary<string, string> NewCard(string name, string mobile) => new()
    {
        ["Input.Source"] = "DealerWebsite",
        ["Input.Name"] = name,
        ["Input.Gender"] = "Male",
        ["Input.Mobile"] = mobile,
        ["Input.Interest.IntendedModel"] = "坦克300",
        ["Input.Grade.Grade"] = "C",
        ["Input.Plan.Method"] = "Phone",
        ["Input.Plan.Purpose"] = "InviteToStore",
    };
}
