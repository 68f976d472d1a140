using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>Spec chapter 2 scenarios 2, 3 and 5: a follow-up with its next plan, an order, a delivery.</summary>
public sealed class SalesFlowTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Lead _lead = null!;
    private DateOnly _today;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        var customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _lead = await App.CreateLeadAsync(_store, customer, li.Id, Grade.A);
        _today = App.TodayIn(_store);
    }

    [Fact]
    public async Task A_phone_follow_up_with_result_invited_closes_the_plan_and_the_next_is_due_in_seven_days()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var withoutContent = await li.SubmitFormAsync($"/Leads/{_lead.Id}/FollowUp", new Dictionary<string, string>
        {
            ["Input.Content"] = string.Empty,
            ["Input.Result"] = "Invited",
        }, "form[data-testid=follow-up-form]");
        (await TestClient.ParseAsync(withoutContent)).FieldError("Input.Content").Should().Be("What was said is required.");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}/FollowUp", new Dictionary<string, string>
        {
            ["Input.Method"] = "Phone",
            ["Input.Content"] = "约好周六上午来店看车",
            ["Input.Result"] = "Invited",
            ["Plan.Purpose"] = "InviteToStore",
        }, "form[data-testid=follow-up-form]");

        response.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var plans = await App.WithDbAsync(db => db.FollowUpPlans.Where(p => p.LeadId == _lead.Id).ToListAsync());
        plans.Should().HaveCount(2);
        plans.Single(p => p.Status == PlanStatus.Done).ClosedAt.Should().NotBeNull();
        plans.Single(p => p.Status == PlanStatus.Open).DueDate.Should().Be(_today.AddDays(7));
        var record = await App.WithDbAsync(db => db.FollowUpRecords.SingleAsync());
        (record.Result, record.GradeAfter, record.Content).Should().Be((FollowUpResult.Invited, Grade.A, "约好周六上午来店看车"));
        var page = await li.GetDocumentAsync($"/Leads/{_lead.Id}");
        page.QuerySelector("[data-testid=lead-records]")!.TextContent.Should().Contain("约好周六上午来店看车");
    }

    [Fact]
    public async Task A_next_plan_later_than_the_interval_without_a_reason_is_refused_and_nothing_is_recorded()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}/FollowUp", new Dictionary<string, string>
        {
            ["Input.Content"] = "客户说下个月再说",
            ["Plan.DueDate"] = _today.AddDays(20).ToString("yyyy-MM-dd"),
        }, "form[data-testid=follow-up-form]");

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Plan.LateReason").Should().Contain(_today.AddDays(7).ToString("yyyy-MM-dd"));
        page.QuerySelector("textarea[name='Input.Content']")!.TextContent.Should().Be("客户说下个月再说");
        (await App.WithDbAsync(db => db.FollowUpRecords.CountAsync())).Should().Be(0);
        (await App.WithDbAsync(db => db.FollowUpPlans.CountAsync(p => p.Status == PlanStatus.Open))).Should().Be(1);
    }

    [Fact]
    public async Task An_order_with_a_5000_deposit_makes_the_lead_O_Ordered_on_the_ten_day_interval()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Order", Order("5000"), "form[data-testid=order-form]");

        response.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        (lead.Grade, lead.Status).Should().Be((Grade.O, LeadStatus.Ordered));
        var plan = await App.WithDbAsync(db => db.FollowUpPlans.SingleAsync(p => p.Status == PlanStatus.Open));
        (plan.DueDate, plan.Purpose).Should().Be((_today.AddDays(10), PlanPurpose.OrderReassurance));
    }

    [Fact]
    public async Task An_order_with_a_500_deposit_is_saved_and_the_grade_stays()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Order", Order("500"), "form[data-testid=order-form]");

        response.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        (await App.WithDbAsync(db => db.Orders.CountAsync())).Should().Be(1);
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync());
        (lead.Grade, lead.Status).Should().Be((Grade.A, LeadStatus.Active));
    }

    [Fact]
    public async Task A_delivery_creates_the_vehicle_and_owner_wins_the_lead_and_schedules_the_callback_in_three_days()
    {
        using var li = await App.SignInAsync("consultant.li");
        using var ordered = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Order", Order("5000"), "form[data-testid=order-form]");

        using var badVin = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Deliver", Delivery("LSVAU2180N218329O"),
            "form[data-testid=delivery-form]");
        (await TestClient.ParseAsync(badVin)).FieldError("Input.Vin").Should().Be("A VIN never contains the letters I, O or Q.");
        (await App.WithDbAsync(db => db.Vehicles.CountAsync())).Should().Be(0);
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Status.Should().Be(LeadStatus.Ordered, "nothing is half-saved");

        using var delivered = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Deliver", Delivery("LSVAU218XN2183294"),
            "form[data-testid=delivery-form]");

        delivered.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        var vehicle = await App.WithDbAsync(db => db.Vehicles.SingleAsync());
        (vehicle.Vin, vehicle.Plate, vehicle.SoldByUs, vehicle.OwnerCustomerId).Should().Be(("LSVAU218XN2183294", "沪A12345", true, _lead.CustomerId));
        var lead = await App.WithDbAsync(db => db.Leads.Include(l => l.Plans).SingleAsync());
        lead.Status.Should().Be(LeadStatus.Won);
        lead.Plans.Should().NotContain(p => p.Status == PlanStatus.Open);
        var callback = await App.WithDbAsync(db => db.CallbackTasks.SingleAsync());
        (callback.Type, callback.VehicleId, callback.DueDate).Should().Be((CallbackType.NewCarThreeDay, vehicle.Id,
            new WorkingCalendar(_store.WorkingHours, Array.Empty<StoreHoliday>()).CallbackDueDay(_today)),
            "day 3, or the last working day of days 1-3 when the store is closed on day 3 (4.7)");
        var customer = await App.WithDbAsync(db => db.Customers.SingleAsync());
        customer.CumulativeSpend.Should().Be(148_000m);
        customer.IdNumberMasked.Should().Be("110***********002X");
    }

    [Fact]
    public async Task An_ordered_lead_is_sent_for_defeat_only_once_its_order_is_cancelled()
    {
        using var li = await App.SignInAsync("consultant.li");
        using var ordered = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Order", Order("5000"), "form[data-testid=order-form]");

        using var refused = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Defeat", Defeat(), "form[data-testid=defeat-form]");

        (await refused.Content.ReadAsStringAsync()).Should().Contain("The order is still open: cancel it first");
        (await App.WithDbAsync(db => db.DefeatRequests.CountAsync())).Should().Be(0);
        using var cancelled = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Order?handler=Cancel", new Dictionary<string, string>
        {
            ["Cancel.Reason"] = "客户改主意了",
            ["Cancel.DepositRefunded"] = "true",
        }, "form[data-testid=cancel-order-form]");
        cancelled.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        using var sent = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Defeat", Defeat(), "form[data-testid=defeat-form]");

        sent.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Status.Should().Be(LeadStatus.DefeatPending);
    }

    [Fact]
    public async Task A_lead_waiting_for_a_defeat_decision_is_neither_delivered_nor_its_order_cancelled()
    {
        using var li = await App.SignInAsync("consultant.li");
        using var ordered = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Order", Order("5000"), "form[data-testid=order-form]");
        var deliveryPage = await li.GetDocumentAsync($"/Leads/{_lead.Id}/Deliver");
        var orderPage = await li.GetDocumentAsync($"/Leads/{_lead.Id}/Order");

        // Sent for defeat with its order open, as earlier versions allowed (or in another tab meanwhile).
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE leads SET status = {(int)LeadStatus.DefeatPending} WHERE id = {_lead.Id}"));
        using var delivered = await li.SubmitFormAsync(deliveryPage, $"/Leads/{_lead.Id}/Deliver", Delivery("LSVAU218XN2183294"),
            "form[data-testid=delivery-form]");
        using var cancelled = await li.SubmitFormAsync(orderPage, $"/Leads/{_lead.Id}/Order?handler=Cancel",
            new Dictionary<string, string> { ["Cancel.Reason"] = "客户改主意了" }, "form[data-testid=cancel-order-form]");

        foreach (var response in new[] { delivered, cancelled })
        {
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).Should().Contain("waiting for the manager&#x27;s decision on its defeat request");
        }

        (await App.WithDbAsync(db => db.Vehicles.CountAsync())).Should().Be(0, "nothing is half-saved");
        (await App.WithDbAsync(db => db.Orders.SingleAsync())).Status.Should().Be(OrderStatus.Open);
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Status.Should().Be(LeadStatus.DefeatPending);
    }

    [Fact]
    public async Task Another_consultant_cannot_record_follow_ups_orders_or_deliveries_on_Lis_lead()
    {
        using var zhang = await App.SignInAsync("consultant.zhang");

        foreach (var path in new[] { "FollowUp", "Order", "Deliver" })
        {
            (await zhang.GetAsync($"/Leads/{_lead.Id}/{path}")).IsRefused().Should().BeTrue(path);
        }
    }

    private static Dictionary<string, string> Order(string deposit) => new()
    {
        ["Input.Model"] = "哈弗H6",
        ["Input.AgreedPrice"] = "150000",
        ["Input.Deposit"] = deposit,
    };

    private static Dictionary<string, string> Defeat() => new()
    {
        ["Input.Reason"] = "NoLongerInterested",
        ["Input.Explanation"] = "客户不想买了",
    };

    private static Dictionary<string, string> Delivery(string vin) => new()
    {
        ["Input.Vin"] = vin,
        ["Input.Plate"] = "沪A12345",
        ["Input.FinalPrice"] = "148000",
        ["Input.InvoiceNumber"] = "FP-20261124-01",
        ["Input.BuyerIdNumber"] = "11010519491231002X",
    };
}
