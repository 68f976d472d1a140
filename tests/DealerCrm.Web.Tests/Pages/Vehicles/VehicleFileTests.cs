using System.Net;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Service;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Vehicles;

/// <summary>
/// Spec 4.1: one car, one file — owner, sale, insurance and inspection, status with its history, every service
/// visit, every callback with its answers — scoped like the customer file.
/// </summary>
public sealed class VehicleFileTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _advisor = null!;
    private StaffUser _li = null!;
    private Customer _owner = null!;
    private Vehicle _car = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 3, 10, 14, 0, 0));
        _store = await App.CreateStoreAsync();
        _advisor = await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        _owner = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _car = await App.CreateVehicleAsync(_store, _owner, 1, "粤B12345");
    }

    /// <summary>A callback on the car, reached: the answer points at the question's first wording, reworded since.</summary>
    private async Task<CallbackTask> ReachedCallbackAsync()
    {
        var question = new CallbackQuestion(_store.Id, CallbackType.AfterSalesThreeDay, QuestionKind.YesNo, 1,
            "Was the work done right the first time?", "是否一次修复？", App.Now);
        var task = new CallbackTask(_store.Id, CallbackType.AfterSalesThreeDay, _owner.Id, _car.Id, null,
            App.TodayIn(_store), App.Now);
        await App.WithDbAsync(async db =>
        {
            db.CallbackQuestions.Add(question);
            db.CallbackTasks.Add(task);
            await db.SaveChangesAsync();
            var asked = question.Current;
            task.RecordAttempt(CallOutcome.NoAnswer, "13900139000", _advisor.Id, App.Now.AddHours(-2), _store.LocalDate,
                ["13900139000", "13800138000"]);
            task.RecordReached("13800138000", _advisor.Id, App.Now.AddHours(-1),
                [new QuestionAsked(asked.Id, QuestionKind.YesNo)],
                [new AnswerGiven(asked.Id, AnswerValue.No, "刹车异响未修好", null)], Satisfaction.Dissatisfied, null, "请经理回电");
            question.Reword("Was the repair right the first time?", "维修是否一次到位？", App.Now);
            await db.SaveChangesAsync();
        });
        return task;
    }

    [Fact]
    public async Task The_file_shows_the_owner_the_visits_newest_first_and_each_callback_with_its_attempts_and_answers()
    {
        await App.CreateVisitAsync(_store, _car, "RO-OLD", TimeSpan.FromDays(30), completed: true, mileage: 9_000);
        await App.CreateVisitAsync(_store, _car, "RO-NEW", TimeSpan.FromHours(2), mileage: 12_000);
        await ReachedCallbackAsync();
        using var advisor = await App.SignInAsync("advisor");

        var page = await advisor.GetDocumentAsync($"/Vehicles/{_car.Id}");

        page.QuerySelector("[data-testid=vehicle-vin]")!.TextContent.Should().Be(_car.Vin);
        page.QuerySelector("[data-testid=vehicle-owner]")!.TextContent.Should().Be("钱女士");
        page.QuerySelector("[data-testid=vehicle-status]")!.TextContent.Should().Be("In use");
        var visits = page.QuerySelectorAll("[data-testid=vehicle-visits] li").Select(li => li.TextContent).ToList();
        visits.Should().HaveCount(2);
        visits[0].Should().Contain("RO-NEW");
        visits[1].Should().Contain("RO-OLD");
        var callback = page.QuerySelector("[data-testid=vehicle-callback]")!.TextContent;
        callback.Should().Contain("Reached").And.Contain("No answer").And.Contain("13900139000");
        var answers = page.QuerySelector("[data-testid=callback-answers]")!.TextContent;
        answers.Should().Contain("Was the work done right the first time?", "the answer shows the wording it was asked in")
            .And.NotContain("Was the repair right").And.Contain("刹车异响未修好");

        var zh = App.CreateClient();
        await zh.SignInAsync("advisor", AppFixture.Password);
        zh.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await zh.GetDocumentAsync($"/Vehicles/{_car.Id}?culture=zh-CN&ui-culture=zh-CN");
        chinese.QuerySelector("[data-testid=callback-answers]")!.TextContent.Should().Contain("是否一次修复？");
        zh.Dispose();
    }

    [Fact]
    public async Task A_delivered_car_shows_its_sale_and_is_linked_from_the_lead_card_and_the_customer_file()
    {
        var lead = await App.CreateLeadAsync(_store, _owner, _li.Id);
        long vehicleId = 0;
        await App.ChangeLeadAsync(lead.Id, (l, db) =>
        {
            var today = App.TodayIn(_store);
            l.PlaceOrder(new OrderRequest(today, "哈弗H6", null, "白", 150_000m, 5_000m, PaymentMethod.Full, null, null, null),
                new GradePolicy(_store.Id), today, _li.Id, App.Now);
        });
        await App.ChangeLeadAsync(lead.Id, (l, db) =>
        {
            var vin = ServiceBuilders.TestVin(42);
            var delivery = l.Deliver(new DeliveryRequest(App.Now.AddHours(-1), 148_000m, "FP-1", vin), _li.Id, App.Now);
            var car = new Vehicle(_store.Id, vin, null, null, "哈弗H6", "白", _owner.Id, App.TodayIn(_store), App.TodayIn(_store), true, App.Now);
            db.Vehicles.Add(car);
            db.Deliveries.Add(delivery);
            db.SaveChanges();
            delivery.AttachVehicle(car.Id);
            vehicleId = car.Id;
        });
        using var li = await App.SignInAsync("consultant.li");

        var card = await li.GetDocumentAsync($"/Leads/{lead.Id}");
        card.QuerySelector("[data-testid=lead-vehicle]")!.GetAttribute("href").Should().Be($"/Vehicles/{vehicleId}");
        var file = await li.GetDocumentAsync($"/Customers/{_owner.Id}");
        file.QuerySelectorAll("[data-testid=customer-vehicle-link]").Select(a => a.GetAttribute("href"))
            .Should().Contain($"/Vehicles/{vehicleId}");
        var vehicle = await li.GetDocumentAsync($"/Vehicles/{vehicleId}");
        vehicle.QuerySelector("[data-testid=vehicle-price]")!.TextContent.Should().Be("148,000.00");
        vehicle.QuerySelector("[data-testid=vehicle-sale]")!.TextContent.Should().Contain("Display consultant.li");
        vehicle.QuerySelector("[data-testid=status-form]").Should().BeNull("a consultant reads the file but does not keep it");
    }

    [Fact]
    public async Task A_customer_search_by_plate_links_to_the_vehicle_file()
    {
        await App.CreateLeadAsync(_store, _owner, _li.Id);
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = "粤B12345" },
            "form[data-testid=search-form]");

        (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=matched-vehicle]")!.GetAttribute("href")
            .Should().Be($"/Vehicles/{_car.Id}");
    }

    [Fact]
    public async Task Selling_the_car_keeps_the_history_and_cancels_its_open_callbacks_in_the_same_save()
    {
        var open = new CallbackTask(_store.Id, CallbackType.AfterSalesThreeDay, _owner.Id, _car.Id, null,
            App.TodayIn(_store).AddDays(2), App.Now);
        var otherCar = await App.CreateVehicleAsync(_store, _owner, 2, "粤B22222");
        var otherCars = new CallbackTask(_store.Id, CallbackType.AfterSalesThreeDay, _owner.Id, otherCar.Id, null,
            App.TodayIn(_store).AddDays(2), App.Now);
        await App.WithDbAsync(async db =>
        {
            db.CallbackTasks.AddRange(open, otherCars);
            await db.SaveChangesAsync();
        });
        using var crm = await App.SignInAsync("crm");
        var url = $"/Vehicles/{_car.Id}";

        using var noReason = await crm.SubmitFormAsync(url, new Dictionary<string, string> { ["Status.Status"] = "Sold" },
            "form[data-testid=status-form]");
        (await TestClient.ParseAsync(noReason)).FieldError("Status.Reason").Should().NotBeEmpty();

        using var response = await crm.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Status.Status"] = "Sold",
            ["Status.Reason"] = "客户已将车卖给朋友",
        }, "form[data-testid=status-form]");

        response.RedirectPath().Should().Be(url);
        var tasks = await App.WithDbAsync(db => db.CallbackTasks.OrderBy(t => t.Id).ToListAsync());
        tasks.Select(t => t.Status).Should().Equal(CallbackStatus.Cancelled, CallbackStatus.Open);
        var history = await App.WithDbAsync(db => db.VehicleStatusChanges.SingleAsync());
        (history.VehicleId, history.From, history.To, history.Reason).Should()
            .Be((_car.Id, VehicleStatus.InUse, VehicleStatus.Sold, "客户已将车卖给朋友"));
        var page = await crm.GetDocumentAsync(url);
        page.QuerySelector("[data-testid=vehicle-status]")!.TextContent.Should().Be("Sold");
        page.QuerySelector("[data-testid=status-history]")!.TextContent.Should().Contain("客户已将车卖给朋友");
    }

    [Fact]
    public async Task The_advisor_keeps_the_insurer_the_insurance_expiry_and_the_next_inspection()
    {
        using var advisor = await App.SignInAsync("advisor");
        var url = $"/Vehicles/{_car.Id}";

        using var response = await advisor.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Insurance.Insurer"] = "平安保险",
            ["Insurance.InsuranceExpiry"] = "2026-11-30",
            ["Insurance.NextInspectionDate"] = "2027-03-01",
        }, "form[data-testid=insurance-form]");

        response.RedirectPath().Should().Be(url);
        var car = await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Id == _car.Id));
        (car.Insurer, car.InsuranceExpiry, car.NextInspectionDate).Should()
            .Be(("平安保险", (DateOnly?)new DateOnly(2026, 11, 30), (DateOnly?)new DateOnly(2027, 3, 1)));
    }

    [Fact]
    public async Task Another_stores_staff_and_a_consultant_without_the_owners_lead_are_refused_by_url()
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("advisor2", other.Id, Roles.ServiceAdvisor);
        await App.CreateUserAsync("manager2", other.Id, Roles.SalesManager);
        await App.CreateLeadAsync(_store, _owner, _li.Id);

        foreach (var user in new[] { "advisor2", "manager2", "consultant.zhang" })
        {
            using var client = await App.SignInAsync(user);
            (await client.GetAsync($"/Vehicles/{_car.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, user);
            (await client.GetAsync($"/Service/Visits/New?vehicleId={_car.Id}")).IsRefused().Should().BeTrue(user);
        }

        using var li = await App.SignInAsync("consultant.li");
        (await li.GetAsync($"/Vehicles/{_car.Id}")).StatusCode.Should().Be(HttpStatusCode.OK, "li follows the owner's lead");
    }

    [Fact]
    public async Task A_store_that_serviced_the_car_reads_its_file_and_opens_orders_for_it()
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("advisor2", other.Id, Roles.ServiceAdvisor);
        await App.CreateVisitAsync(other, _car, "S2-RO-1", TimeSpan.FromDays(3), completed: true);
        await App.CreateVisitAsync(_store, _car, "S1-RO-1", TimeSpan.FromDays(1), completed: true);
        using var advisor2 = await App.SignInAsync("advisor2");

        var page = await advisor2.GetDocumentAsync($"/Vehicles/{_car.Id}");

        var visits = page.QuerySelector("[data-testid=vehicle-visits]")!;
        visits.TextContent.Should().Contain("S2-RO-1").And.Contain("S1-RO-1");
        visits.QuerySelectorAll("a").Select(a => a.TextContent).Should().Equal(["S2-RO-1"], "only its own orders open from here");
        (await advisor2.GetAsync($"/Service/Visits/New?vehicleId={_car.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
