using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.FollowUps;

/// <summary>Spec 2.1 and chapter 2 scenarios 1 and 4, on a clock set to Monday 2026-11-23, 09:00 in Shanghai.</summary>
public sealed class DailyListTests(AppFixture app) : WebTest(app)
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private Store _store = null!;
    private StaffUser _li = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(Monday.ToDateTime(new TimeOnly(9, 0)));
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
    }

    [Fact]
    public async Task A_B_lead_due_last_thursday_is_four_days_overdue_at_the_top()
    {
        var thursday = Monday.AddDays(-4);
        await LeadAsync("周先生", "13700000001", Grade.B, createdOn: thursday.AddDays(-10), due: thursday);
        await LeadAsync("吴女士", "13700000002", Grade.C, createdOn: thursday.AddDays(-8), due: thursday.AddDays(1));
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync("/FollowUps");

        var overdue = page.QuerySelectorAll("[data-testid=overdue] .list-group-item");
        overdue.Should().HaveCount(2);
        overdue[0].TextContent.Should().Contain("周先生").And.Contain("4 days overdue");
        overdue[1].TextContent.Should().Contain("吴女士").And.Contain("3 days overdue");
        page.QuerySelector("[data-testid=overdue] a[href^='tel:']")!.GetAttribute("href").Should().Be("tel:13700000001");
    }

    [Fact]
    public async Task A_plan_due_yesterday_is_1_day_overdue_not_1_days()
    {
        await LeadAsync("冯先生", "13700000011", Grade.A, createdOn: Monday.AddDays(-8), due: Monday.AddDays(-1));
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync("/FollowUps");

        page.QuerySelector("[data-testid=overdue] [data-testid=days-overdue]")!.TextContent.Should().Be("1 day overdue");
    }

    [Fact]
    public async Task A_new_lead_not_contacted_shows_its_mobile_to_tap_and_its_model_and_an_overdue_one_is_listed_only_as_overdue()
    {
        await LeadAsync("新客户", "13700000012", Grade.B, createdOn: Monday, due: Monday.AddDays(3), model: "坦克300");
        await LeadAsync("逾期新客户", "13700000013", Grade.B, createdOn: Monday.AddDays(-5), due: Monday.AddDays(-2));
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync("/FollowUps");

        var rows = page.QuerySelectorAll("[data-testid=not-contacted] .list-group-item");
        rows.Should().ContainSingle("a lead is listed once, and the overdue one is under Overdue");
        rows[0].TextContent.Should().Contain("新客户").And.Contain("坦克300").And.Contain("Dealer website");
        rows[0].QuerySelector("a[href^='tel:']")!.GetAttribute("href").Should().Be("tel:13700000012");
        Names(page, "overdue").Should().Equal("逾期新客户");
    }

    [Fact]
    public async Task Plans_due_today_come_by_grade_H_A_B_C_and_tomorrow_and_this_week_are_views()
    {
        await LeadAsync("C客户", "13700000003", Grade.C, createdOn: Monday.AddDays(-15), due: Monday);
        await LeadAsync("H客户", "13700000004", Grade.H, createdOn: Monday.AddDays(-2), due: Monday);
        await LeadAsync("A客户", "13700000005", Grade.A, createdOn: Monday.AddDays(-7), due: Monday);
        await LeadAsync("明天客户", "13700000006", Grade.A, createdOn: Monday.AddDays(-6), due: Monday.AddDays(1));
        using var li = await App.SignInAsync("consultant.li");

        var today = await li.GetDocumentAsync("/FollowUps");
        var tomorrow = await li.GetDocumentAsync("/FollowUps?view=tomorrow");
        var week = await li.GetDocumentAsync("/FollowUps?view=week");

        Names(today, "due").Should().Equal("H客户", "A客户", "C客户");
        Names(tomorrow, "due").Should().Equal("明天客户");
        Names(week, "due").Should().HaveCount(4);
        today.QuerySelector("[data-testid=grade-counts]")!.TextContent.Should().Contain("H 1").And.Contain("A 2").And.Contain("C 1");
    }

    [Fact]
    public async Task An_order_placed_61_days_ago_and_not_delivered_is_listed_as_overdue()
    {
        var lead = await LeadAsync("郑先生", "13700000007", Grade.A, createdOn: Monday.AddDays(-70), due: Monday.AddDays(-63));
        await App.WithDbAsync(async db =>
        {
            var tracked = await db.Leads.FindAsync(lead.Id);
            await db.Entry(tracked!).Collection(l => l.Plans).LoadAsync();
            tracked!.PlaceOrder(new OrderRequest(Monday.AddDays(-61), "坦克300", null, null, 200_000m, 5_000m,
                PaymentMethod.Full, null, null, null), new GradePolicy(_store.Id), Monday.AddDays(-61), _li.Id,
                App.Now);
            await db.SaveChangesAsync();
        });
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync("/FollowUps");

        page.QuerySelector("[data-testid=overdue-orders]")!.TextContent.Should().Contain("郑先生").And.Contain("61 days ago");
    }

    [Fact]
    public async Task Another_consultants_leads_never_appear()
    {
        var zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        var customer = await App.CreateCustomerAsync(_store.Id, "张的客户", "13700000008");
        var policy = new GradePolicy(_store.Id);
        await SaveAsync(Lead.Create(Card(customer.Id, zhang.Id, Grade.H, Monday), policy, Monday, App.Now));
        using var li = await App.SignInAsync("consultant.li");

        var page = await li.GetDocumentAsync("/FollowUps");

        page.Body!.TextContent.Should().NotContain("张的客户");
    }

    private async Task<Lead> LeadAsync(string name, string mobile, Grade grade, DateOnly createdOn, DateOnly due,
        string? model = null)
    {
        var customer = await App.CreateCustomerAsync(_store.Id, name, mobile);
        var policy = new GradePolicy(_store.Id);
        var lead = Lead.Create(Card(customer.Id, _li.Id, grade, due) with
        {
            GradeReason = null,
            Interest = new LeadInterest { IntendedModel = model },
        }, policy, createdOn, App.Now);
        await SaveAsync(lead);
        return lead;
    }

    private async Task SaveAsync(Lead lead) => await App.WithDbAsync(async db =>
    {
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
    });

    private NewLead Card(long customerId, long ownerId, Grade grade, DateOnly due) => new()
    {
        StoreId = _store.Id,
        CustomerId = customerId,
        OwnerId = ownerId,
        Source = SourceChannel.DealerWebsite,
        Grade = grade,
        FirstPlan = new PlanRequest(due, null, ContactMethod.Phone, PlanPurpose.Reminder, null, "测试用较晚日期"),
    };

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page, string section) =>
        page.QuerySelectorAll($"[data-testid={section}] .list-group-item a.fw-semibold").Select(a => a.TextContent).ToList();
}
