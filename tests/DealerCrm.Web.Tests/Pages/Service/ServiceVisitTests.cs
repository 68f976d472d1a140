using System.Net;
using AngleSharp.Dom;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Service;

/// <summary>
/// Spec 4.1–4.2: the service advisor opens a repair order for a car on file or for a car sold elsewhere (首次客户信息登记),
/// with every field of 4.2 checked before anything is saved, and completes it as a separate step.
/// </summary>
public sealed class ServiceVisitTests(AppFixture app) : WebTest(app)
{
    private const string Form = "form[data-testid=visit-form]";
    private Store _store = null!;
    private StaffUser _advisor = null!;
    private Customer _owner = null!;
    private Vehicle _car = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 3, 10, 14, 0, 0));
        _store = await App.CreateStoreAsync();
        _advisor = await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        _owner = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _car = await App.CreateVehicleAsync(_store, _owner, 1, "粤B12345", latestMileage: 20_000);
    }

    private static Dictionary<string, string> Order(string number = "RO-0001", string mileage = "25000") => new()
    {
        ["Input.OrderNumber"] = number,
        ["Input.Mileage"] = mileage,
        ["Input.Types"] = TestClient.Many("Maintenance", "MinorRepair"),
        ["Input.Amount"] = "680.50",
        ["Input.BroughtByName"] = "李师傅",
        ["Input.BroughtByMobile"] = "139 0013 9000",
        ["Input.CallbackTime"] = "下午",
    };

    private static Dictionary<string, string> Elsewhere(string vin, string ownerMobile = "13700137000")
    {
        var values = Order();
        values["Input.Vin"] = vin;
        values["Input.Plate"] = "粤A88888";
        values["Input.Brand"] = "丰田";
        values["Input.Model"] = "凯美瑞";
        values["Input.Colour"] = "黑";
        values["Input.OwnerName"] = "孙先生";
        values["Input.OwnerMobile"] = ownerMobile;
        return values;
    }

    private Task<int> VisitCountAsync() => App.WithDbAsync(db => db.ServiceVisits.CountAsync());

    [Fact]
    public async Task An_advisor_opens_a_repair_order_for_a_car_on_file_and_the_file_learns_the_mileage()
    {
        using var advisor = await App.SignInAsync("advisor");
        var page = await advisor.GetDocumentAsync($"/Service/Visits/New?vehicleId={_car.Id}");
        page.QuerySelector("[data-testid=first-registration]").Should().BeNull("the car is on file");
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("[name='Input.AdvisorId']")!.Value
            .Should().Be(_advisor.Id.ToString(), "the signed-in advisor is the default");
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.AcceptsCallback']")!.IsChecked
            .Should().BeTrue("a callback is accepted unless the customer says no");

        using var response = await advisor.SubmitFormAsync(page, $"/Service/Visits/New?vehicleId={_car.Id}", Order(), Form);

        var visit = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        response.RedirectPath().Should().Be($"/Service/Visits/{visit.Id}");
        (visit.StoreId, visit.VehicleId, visit.CustomerId, visit.OrderNumber).Should().Be((_store.Id, _car.Id, _owner.Id, "RO-0001"));
        visit.Types.Should().Be(ServiceTypes.Maintenance | ServiceTypes.MinorRepair);
        (visit.Mileage, visit.Amount, visit.AdvisorId).Should().Be((25_000, 680.50m, _advisor.Id));
        (visit.BroughtByName, visit.BroughtByMobile, visit.AcceptsCallback, visit.CallbackTime)
            .Should().Be(("李师傅", "13900139000", true, "下午"));
        visit.OpenedAt.Should().BeCloseTo(App.Now, TimeSpan.FromMinutes(1));
        visit.CompletedAt.Should().BeNull();
        var car = await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Id == _car.Id));
        (car.LatestMileage, car.LatestMileageDate).Should().Be((25_000, App.TodayIn(_store)));
        (await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == _owner.Id))).Mobile
            .Should().Be("13800138000", "the owner's mobile is never overwritten from a repair order");
    }

    [Fact]
    public async Task A_car_sold_elsewhere_gets_its_file_and_owner_at_its_first_visit()
    {
        using var advisor = await App.SignInAsync("advisor");
        var vin = ServiceBuilders.TestVin(77);

        using var response = await advisor.SubmitFormAsync("/Service/Visits/New", Elsewhere(vin), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var car = await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Vin == vin));
        (car.StoreId, car.SoldByUs, car.Plate, car.Brand, car.Model, car.Colour, car.PurchaseDate)
            .Should().Be((_store.Id, false, "粤A88888", "丰田", "凯美瑞", "黑", (DateOnly?)null));
        (car.FirstServiceDate, car.FirstServiceMileage).Should().Be((App.TodayIn(_store), 25_000));
        var owner = await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == car.OwnerCustomerId));
        (owner.StoreId, owner.Name, owner.Mobile).Should().Be((_store.Id, "孙先生", "13700137000"));
        var visit = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        (visit.VehicleId, visit.CustomerId).Should().Be((car.Id, owner.Id));
    }

    [Fact]
    public async Task An_owner_already_on_file_with_that_mobile_is_reused_and_not_overwritten()
    {
        using var advisor = await App.SignInAsync("advisor");
        var customersBefore = await App.WithDbAsync(db => db.Customers.CountAsync());

        using var response = await advisor.SubmitFormAsync("/Service/Visits/New",
            Elsewhere(ServiceBuilders.TestVin(78), ownerMobile: "138-0013-8000"), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var car = await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Vin == ServiceBuilders.TestVin(78)));
        car.OwnerCustomerId.Should().Be(_owner.Id);
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(customersBefore);
        (await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == _owner.Id))).Name.Should().Be("钱女士");
    }

    [Fact]
    public async Task A_vin_already_on_file_is_refused_with_a_link_to_that_vehicle()
    {
        var otherStore = await App.CreateStoreAsync("S2");
        var elsewhere = await App.CreateVehicleAsync(otherStore,
            await App.CreateCustomerAsync(otherStore.Id, "周先生", "13600136000"), 5, "京A00001");
        using var advisor = await App.SignInAsync("advisor");

        foreach (var vin in new[] { _car.Vin, elsewhere.Vin.ToLowerInvariant() })
        {
            using var response = await advisor.SubmitFormAsync("/Service/Visits/New", Elsewhere(vin), Form);

            var page = await TestClient.ParseAsync(response);
            page.FieldError("Input.Vin").Should().Contain("already on file");
            page.QuerySelector("[data-testid=vehicle-on-file]")!.GetAttribute("href")
                .Should().Be($"/Vehicles/{(vin == _car.Vin ? _car.Id : elsewhere.Id)}");
        }

        (await VisitCountAsync()).Should().Be(0);
        (await App.WithDbAsync(db => db.Vehicles.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task A_vin_with_a_wrong_check_digit_is_refused_and_nothing_is_saved()
    {
        using var advisor = await App.SignInAsync("advisor");
        var vin = ServiceBuilders.TestVin(79);
        var wrong = vin[..8] + (vin[8] == '1' ? '2' : '1') + vin[9..];

        using var response = await advisor.SubmitFormAsync("/Service/Visits/New", Elsewhere(wrong), Form);

        (await TestClient.ParseAsync(response)).FieldError("Input.Vin").Should().Contain("check digit");
        (await VisitCountAsync()).Should().Be(0);
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(1, "no owner is created for a refused order");
    }

    [Fact]
    public async Task A_duplicate_order_number_in_the_store_gets_a_clear_message()
    {
        await App.CreateVisitAsync(_store, _car, "RO-0001", TimeSpan.FromHours(3));
        using var advisor = await App.SignInAsync("advisor");

        using var response = await advisor.SubmitFormAsync($"/Service/Visits/New?vehicleId={_car.Id}", Order("RO-0001"), Form);

        (await TestClient.ParseAsync(response)).FieldError("Input.OrderNumber")
            .Should().Be("This store already has a repair order with this number.");
        (await VisitCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Two_advisors_saving_the_same_order_number_at_once_make_one_order_and_one_clear_message()
    {
        var second = await App.CreateVehicleAsync(_store, await App.CreateCustomerAsync(_store.Id, "吴先生", "13500135000"), 2, "粤B22222");
        await App.CreateUserAsync("advisor2", _store.Id, Roles.ServiceAdvisor);
        using var one = await App.SignInAsync("advisor");
        using var two = await App.SignInAsync("advisor2");
        var pageOne = await one.GetDocumentAsync($"/Service/Visits/New?vehicleId={_car.Id}");
        var pageTwo = await two.GetDocumentAsync($"/Service/Visits/New?vehicleId={second.Id}");

        var responses = await Task.WhenAll(
            one.SubmitFormAsync(pageOne, $"/Service/Visits/New?vehicleId={_car.Id}", Order("RO-RACE"), Form),
            two.SubmitFormAsync(pageTwo, $"/Service/Visits/New?vehicleId={second.Id}", Order("RO-RACE"), Form));

        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).Should().Be(1);
        var refused = responses.Single(r => r.StatusCode != HttpStatusCode.Redirect);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(refused)).FieldError("Input.OrderNumber")
            .Should().Be("This store already has a repair order with this number.");
        (await VisitCountAsync()).Should().Be(1);
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task A_mileage_lower_than_the_last_needs_a_reason_and_does_not_lower_the_record()
    {
        using var advisor = await App.SignInAsync("advisor");
        var url = $"/Service/Visits/New?vehicleId={_car.Id}";

        using var withoutReason = await advisor.SubmitFormAsync(url, Order(mileage: "19000"), Form);
        (await TestClient.ParseAsync(withoutReason)).FieldError("Input.Mileage").Should().Contain("20000 km");
        (await VisitCountAsync()).Should().Be(0);

        var values = Order(mileage: "19000");
        values["Input.MileageReason"] = "更换仪表";
        using var withReason = await advisor.SubmitFormAsync(url, values, Form);

        withReason.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var visit = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        (visit.Mileage, visit.MileageReason).Should().Be((19_000, "更换仪表"));
        (await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Id == _car.Id))).LatestMileage.Should().Be(20_000);
    }

    [Theory]
    [InlineData("2000001", "between 0 and 2000000 km")]
    [InlineData("-5", "between 0 and 2000000 km")]
    [InlineData("99999999999", "Mileage")]
    [InlineData("", "required")]
    public async Task An_absurd_mileage_is_refused_beside_the_field(string mileage, string message)
    {
        using var advisor = await App.SignInAsync("advisor");

        using var response = await advisor.SubmitFormAsync($"/Service/Visits/New?vehicleId={_car.Id}", Order(mileage: mileage), Form);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Input.Mileage").Should().NotBeEmpty().And.Contain(message);
        (await VisitCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_order_needs_a_service_type_and_a_future_opening_is_refused()
    {
        using var advisor = await App.SignInAsync("advisor");
        var values = Order();
        values.Remove("Input.Types");
        values["Input.OpenedAt"] = _store.LocalTime(App.Now.AddHours(2)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await advisor.SubmitFormAsync($"/Service/Visits/New?vehicleId={_car.Id}", values, Form);

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Types").Should().Be("Choose at least one service type.");
        values["Input.Types"] = "Warranty";
        using var future = await advisor.SubmitFormAsync($"/Service/Visits/New?vehicleId={_car.Id}", values, Form);
        (await TestClient.ParseAsync(future)).FieldError("Input.OpenedAt").Should().Be("The order cannot be opened in the future.");
        (await VisitCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_advisor_completes_an_order_as_a_separate_step_not_in_the_future_nor_before_it_was_opened()
    {
        var visit = await App.CreateVisitAsync(_store, _car, "RO-7", TimeSpan.FromHours(3), advisorId: _advisor.Id);
        using var advisor = await App.SignInAsync("advisor");
        var url = $"/Service/Visits/{visit.Id}";
        const string complete = "form[data-testid=complete-form]";
        string Local(DateTimeOffset instant) => _store.LocalTime(instant).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

        using var future = await advisor.SubmitFormAsync(url, new Dictionary<string, string> { ["Completion.CompletedAt"] = Local(App.Now.AddHours(2)) }, complete);
        (await TestClient.ParseAsync(future)).FieldError("Completion.CompletedAt").Should().Be("The completion time cannot be in the future.");
        using var early = await advisor.SubmitFormAsync(url, new Dictionary<string, string> { ["Completion.CompletedAt"] = Local(App.Now.AddHours(-4)) }, complete);
        (await TestClient.ParseAsync(early)).FieldError("Completion.CompletedAt").Should().Be("The order cannot be completed before it was opened.");
        (await App.WithDbAsync(db => db.ServiceVisits.SingleAsync())).CompletedAt.Should().BeNull();

        using var done = await advisor.SubmitFormAsync(url, new Dictionary<string, string> { ["Completion.CompletedAt"] = Local(App.Now.AddMinutes(-30)) }, complete);

        done.RedirectPath().Should().Be(url);
        var saved = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        saved.CompletedAt.Should().Be(App.Now.AddMinutes(-30));
        var page = await advisor.GetDocumentAsync(url);
        page.QuerySelector("[data-testid=visit-status]")!.TextContent.Should().Be("Completed");
        page.QuerySelector("[data-testid=complete-form]").Should().BeNull();
    }

    [Fact]
    public async Task Completing_with_a_stale_page_is_refused_when_someone_else_changed_the_order()
    {
        var visit = await App.CreateVisitAsync(_store, _car, "RO-8", TimeSpan.FromHours(3));
        using var advisor = await App.SignInAsync("advisor");
        var url = $"/Service/Visits/{visit.Id}";
        var stale = await advisor.GetDocumentAsync(url);
        await App.WithDbAsync(async db =>
        {
            var v = await db.ServiceVisits.SingleAsync();
            v.ChangeCallbackConsent(false, null, null, App.Now);
            await db.SaveChangesAsync();
        });

        using var response = await advisor.SubmitFormAsync(stale, url, new Dictionary<string, string>(), "form[data-testid=complete-form]");

        (await TestClient.ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent.Should().Contain("Someone else changed");
        (await App.WithDbAsync(db => db.ServiceVisits.SingleAsync())).CompletedAt.Should().BeNull();
    }

    [Fact]
    public async Task A_wrong_number_shows_a_warning_until_the_advisor_corrects_who_brought_the_car()
    {
        var visit = await App.CreateVisitAsync(_store, _car, "RO-9", TimeSpan.FromHours(3));
        await App.WithDbAsync(async db =>
        {
            var v = await db.ServiceVisits.SingleAsync();
            v.ReportWrongNumber(App.Now);
            await db.SaveChangesAsync();
        });
        using var advisor = await App.SignInAsync("advisor");
        var url = $"/Service/Visits/{visit.Id}";
        (await advisor.GetDocumentAsync(url)).QuerySelector("[data-testid=wrong-number]").Should().NotBeNull();

        using var bad = await advisor.SubmitFormAsync(url, new Dictionary<string, string> { ["Contact.BroughtByMobile"] = "12345" },
            "form[data-testid=contact-form]");
        (await TestClient.ParseAsync(bad)).FieldError("Contact.BroughtByMobile").Should().NotBeEmpty();

        using var response = await advisor.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Contact.BroughtByName"] = "李强",
            ["Contact.BroughtByMobile"] = "13911112222",
            ["Contact.AcceptsCallback"] = "false",
            ["Contact.CallbackTime"] = "周末",
        }, "form[data-testid=contact-form]");

        response.RedirectPath().Should().Be(url);
        var saved = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        (saved.BroughtByName, saved.BroughtByMobile, saved.AcceptsCallback, saved.CallbackTime, saved.WrongNumberReportedAt)
            .Should().Be(("李强", "13911112222", false, "周末", (DateTimeOffset?)null));
        (await advisor.GetDocumentAsync(url)).QuerySelector("[data-testid=wrong-number]").Should().BeNull();
        (await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == _owner.Id))).Mobile.Should().Be("13800138000");
    }

    [Fact]
    public async Task The_desk_finds_a_car_by_plate_vin_or_owner_and_lists_open_and_todays_completed_orders()
    {
        var open = await App.CreateVisitAsync(_store, _car, "RO-OPEN", TimeSpan.FromHours(2));
        var otherCar = await App.CreateVehicleAsync(_store, await App.CreateCustomerAsync(_store.Id, "吴先生", "13500135000"), 2, "粤B22222");
        await App.CreateVisitAsync(_store, otherCar, "RO-DONE", TimeSpan.FromHours(4), completed: true);
        var otherStore = await App.CreateStoreAsync("S2");
        var theirs = await App.CreateVehicleAsync(otherStore, await App.CreateCustomerAsync(otherStore.Id, "钱女士", "13800138000"), 3, "粤B12345");
        await App.CreateVisitAsync(otherStore, theirs, "RO-THEIRS", TimeSpan.FromHours(1));
        using var advisor = await App.SignInAsync("advisor");

        var home = await advisor.GetDocumentAsync("/Service");
        home.QuerySelector("[data-testid=open-visits]")!.TextContent.Should().Contain("RO-OPEN").And.NotContain("RO-DONE").And.NotContain("RO-THEIRS");
        home.QuerySelector("[data-testid=done-visits]")!.TextContent.Should().Contain("RO-DONE").And.NotContain("RO-OPEN");
        home.QuerySelector($"[data-testid=open-visits] a[href='/Service/Visits/{open.Id}']").Should().NotBeNull();

        foreach (var q in new[] { "粤B12345", _car.Vin, "钱女士", "0013800" })
        {
            using var found = await advisor.SubmitFormAsync("/Service", new Dictionary<string, string> { ["Q"] = q },
                "form[data-testid=service-search]");
            var cars = (await TestClient.ParseAsync(found)).QuerySelectorAll("[data-testid=service-cars] li");
            cars.Should().ContainSingle($"'{q}' names one car of this store, not the other store's");
            cars[0].QuerySelector($"a[href='/Vehicles/{_car.Id}']").Should().NotBeNull();
            cars[0].QuerySelector($"a[href='/Service/Visits/New?vehicleId={_car.Id}']").Should().NotBeNull();
        }

        using var tooShort = await advisor.SubmitFormAsync("/Service", new Dictionary<string, string> { ["Q"] = "钱" },
            "form[data-testid=service-search]");
        (await TestClient.ParseAsync(tooShort)).QuerySelector("[data-testid=service-cars]").Should().BeNull();
    }

    [Fact]
    public async Task Open_orders_are_paged_by_keyset_newest_first()
    {
        for (var i = 0; i < 32; i++)
        {
            await App.CreateVisitAsync(_store, _car, $"RO-{i:D3}", TimeSpan.FromMinutes(100 - i), mileage: 20_000 + i);
        }

        using var advisor = await App.SignInAsync("advisor");
        var first = await advisor.GetDocumentAsync("/Service");
        var rows = first.QuerySelectorAll("[data-testid=open-visits] tbody tr");
        rows.Should().HaveCount(30);
        rows[0].TextContent.Should().Contain("RO-031");
        var next = first.QuerySelector("[data-testid=open-next]")!.GetAttribute("href")!;

        var second = await advisor.GetDocumentAsync(next);
        second.QuerySelectorAll("[data-testid=open-visits] tbody tr").Select(r => r.QuerySelector("a")!.TextContent.Trim())
            .Should().Equal("RO-001", "RO-000");
        (await advisor.GetDocumentAsync("/Service?open=garbage")).QuerySelectorAll("[data-testid=open-visits] tbody tr")
            .Should().HaveCount(30, "a position that is not one starts at the top");
    }
}
