using AngleSharp.Dom;
using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Service;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Complaints;

/// <summary>
/// Entering a complaint directly (spec 4.4): the customer found within the store, a car and a repair order of theirs,
/// the source (the manufacturer's hotline with its case number and sent time as the receipt); the item and its
/// escalation's notifications saved together; a refused field keeps what was typed and saves nothing.
/// </summary>
public sealed class NewComplaintTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Customer _customer = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(ComplaintBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        await App.AddDefaultsAsync(_store);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager);
        await App.CreateUserAsync("gm", _store.Id, Roles.GeneralManager);
        _customer = await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
    }

    [Fact]
    public async Task The_officer_finds_the_customer_by_mobile_enters_a_phone_complaint_and_the_managers_are_told()
    {
        var car = await App.CreateVehicleAsync(_store, _customer, 1);
        var visit = await App.CreateVisitAsync(_store, car, "RO-0815", TimeSpan.FromDays(3), completed: true);
        using var crm = await App.SignInAsync("crm");

        using var found = await crm.SubmitFormAsync("/Complaints/New", new Dictionary<string, string> { ["Q"] = "0138000" },
            "form[data-testid=find-form]");
        var results = await TestClient.ParseAsync(found);
        var choose = results.QuerySelector<IHtmlAnchorElement>("[data-testid=choose-customer]")!;
        choose.TextContent.Should().Be("冯先生");

        var form = choose.GetAttribute("href")!;
        using var saved = await crm.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.ServiceVisitId"] = visit.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.Source"] = "Phone",
            ["Input.Department"] = "AfterSales",
            ["Input.CategoryCode"] = "RepairQuality",
            ["Input.Description"] = "保养后发动机异响",
        }, "form[data-testid=complaint-form]");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var item = await App.WithDbAsync(db => db.Complaints.Include(c => c.Steps).SingleAsync());
        saved.RedirectPath().Should().Be($"/Complaints/{item.Id}");
        item.Kind.Should().Be(ComplaintKind.Complaint);
        item.CustomerId.Should().Be(_customer.Id);
        item.ServiceVisitId.Should().Be(visit.Id);
        item.VehicleId.Should().Be(car.Id, "the repair order names the car");
        item.ReceivedAt.Should().Be(App.Now);
        item.Steps.Select(s => s.Type).Should().Equal(ComplaintStepType.Escalated, ComplaintStepType.FirstContact,
            ComplaintStepType.Resolved);
        (await App.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.ComplaintRaised).CountAsync()))
            .Should().Be(2, "the GM and the service manager");
    }

    [Fact]
    public async Task A_manufacturer_case_without_its_number_or_received_in_the_future_is_refused_beside_the_field_and_nothing_saved()
    {
        using var crm = await App.SignInAsync("crm");
        var url = $"/Complaints/New?customerId={_customer.Id}";

        using var noNumber = await crm.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Source"] = "ManufacturerHotline",
            ["Input.Description"] = "方向盘抖动",
            ["Input.ReceivedAt"] = "2026-12-10T08:40",
        }, "form[data-testid=complaint-form]");
        var page = await TestClient.ParseAsync(noNumber);
        noNumber.StatusCode.Should().Be(HttpStatusCode.OK);
        page.FieldError("Input.ManufacturerCaseNumber").Should().Be("A manufacturer case needs the manufacturer's case number.");
        page.QuerySelector<IHtmlTextAreaElement>("#Input_Description")!.Value.Should().Be("方向盘抖动");
        page.InputValue("Input.ReceivedAt").Should().Be("2026-12-10T08:40");
        page.QuerySelector<IHtmlSelectElement>("#Input_Source")!.Value.Should().Be("ManufacturerHotline");

        using var future = await crm.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Source"] = "ManufacturerHotline",
            ["Input.ManufacturerCaseNumber"] = "GW-1",
            ["Input.Description"] = "方向盘抖动",
            ["Input.ReceivedAt"] = "2026-12-10T12:00",
        }, "form[data-testid=complaint-form]");
        (await TestClient.ParseAsync(future)).FieldError("Input.ReceivedAt")
            .Should().Be("The time of receipt cannot be in the future.");

        using var noText = await crm.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Description"] = "" },
            "form[data-testid=complaint-form]");
        (await TestClient.ParseAsync(noText)).FieldError("Input.Description").Should().Be("Describe the problem.");

        (await App.WithDbAsync(db => db.Complaints.CountAsync())).Should().Be(0);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_hotline_case_takes_the_manufacturers_sent_time_as_its_receipt()
    {
        using var sm = await App.SignInAsync("sm");
        using var saved = await sm.SubmitFormAsync($"/Complaints/New?customerId={_customer.Id}", new Dictionary<string, string>
        {
            ["Input.Source"] = "ManufacturerHotline",
            ["Input.ManufacturerCaseNumber"] = "GW-2026-0815",
            ["Input.Description"] = "方向盘抖动",
            ["Input.ReceivedAt"] = "2026-12-09T16:00",
        }, "form[data-testid=complaint-form]");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var item = await App.WithDbAsync(db => db.Complaints.Include(c => c.Steps).SingleAsync());
        item.ReceivedAt.Should().Be(TestClock.ShanghaiInstant(new DateTime(2026, 12, 9, 16, 0, 0)));
        item.ManufacturerCaseNumber.Should().Be("GW-2026-0815");
        item.Steps.Single(s => s.Type == ComplaintStepType.PortalUpdated).Deadline
            .Should().Be(TestClock.ShanghaiInstant(new DateTime(2026, 12, 10, 16, 0, 0)));
    }

    [Fact]
    public async Task The_vehicle_file_link_prefills_the_owner_and_the_car_and_another_stores_records_are_not_found()
    {
        var car = await App.CreateVehicleAsync(_store, _customer, 1);
        var other = await App.CreateStoreAsync("S2");
        var stranger = await App.CreateCustomerAsync(other.Id, "外店客户", "13700137000");
        using var crm = await App.SignInAsync("crm");

        var page = await crm.GetDocumentAsync($"/Complaints/New?vehicleId={car.Id}");

        page.QuerySelector("[data-testid=new-customer]")!.TextContent.Should().Contain("冯先生");
        page.QuerySelector<IHtmlSelectElement>("#Input_VehicleId")!.Value.Should().Be(car.Id.ToString(CultureInfo.InvariantCulture));
        (await crm.GetAsync($"/Complaints/New?customerId={stranger.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
