using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Service;

/// <summary>
/// Issue 13: who pays a repair order (结算方式) on the advisor's new-order form — a select whose empty choice follows
/// the service types (<see cref="ServiceVisit.DefaultPayer"/>), an explicit choice kept whatever the types, a hostile
/// value answered beside the field — and shown on the order's page.
/// </summary>
public sealed class ServiceVisitPayerTests(AppFixture app) : WebTest(app)
{
    private const string Form = "form[data-testid=visit-form]";
    private Store _store = null!;
    private Vehicle _car = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 3, 10, 14, 0, 0));
        _store = await App.CreateStoreAsync();
        await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        Customer owner = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _car = await App.CreateVehicleAsync(_store, owner, 1, "粤B12345", latestMileage: 20_000);
    }

    private string NewUrl => $"/Service/Visits/New?vehicleId={_car.Id}";

    private static Dictionary<string, string> Order(string number, string[] types, string? payer) => new()
    {
        ["Input.OrderNumber"] = number,
        ["Input.Mileage"] = "25000",
        ["Input.Types"] = TestClient.Many(types),
        ["Input.Amount"] = "680.50",
        ["Input.Payer"] = payer ?? string.Empty,
    };

    [Fact]
    public async Task The_form_offers_who_pays_with_by_the_types_chosen_first()
    {
        using var advisor = await App.SignInAsync("advisor");

        var page = await advisor.GetDocumentAsync(NewUrl);

        var select = page.QuerySelector<IHtmlSelectElement>($"{Form} select[name='Input.Payer']")!;
        select.Options.Select(o => o.Value).Should().Equal("", "Customer", "Manufacturer", "Insurer", "Internal");
        select.Options.Select(o => o.Text.Trim()).Should().Equal("By the service types", "Customer pays",
            "Manufacturer (warranty claim)", "Insurance company", "Internal");
        select.Value.Should().Be(string.Empty, "nothing chosen means what the types imply");
        page.QuerySelector($"label[for='{select.Id}']")!.TextContent.Should().Be("Paid by");
    }

    [Theory]
    [InlineData(new[] { "Maintenance", "MinorRepair" }, ServicePayer.Customer)]
    [InlineData(new[] { "Warranty" }, ServicePayer.Manufacturer)]
    [InlineData(new[] { "Warranty", "MinorRepair" }, ServicePayer.Manufacturer)]
    [InlineData(new[] { "InsuranceRepair", "BodyAndPaint" }, ServicePayer.Insurer)]
    [InlineData(new[] { "InsuranceRepair", "Warranty" }, ServicePayer.Insurer)]
    public async Task By_the_types_the_order_gets_the_payer_its_types_imply(string[] types, ServicePayer expected)
    {
        using var advisor = await App.SignInAsync("advisor");

        using var response = await advisor.SubmitFormAsync(NewUrl, Order("RO-0001", types, null), Form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var visit = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        visit.Payer.Should().Be(expected);
        visit.Payer.Should().Be(ServiceVisit.DefaultPayer(visit.Types), "one rule for the form, the import and the migration");
    }

    [Theory]
    [InlineData("Internal", new[] { "Maintenance" }, ServicePayer.Internal)]
    [InlineData("Customer", new[] { "Warranty" }, ServicePayer.Customer)]
    [InlineData("Manufacturer", new[] { "MinorRepair" }, ServicePayer.Manufacturer)]
    [InlineData("2", new[] { "BodyAndPaint" }, ServicePayer.Insurer)]
    public async Task A_chosen_payer_is_kept_whatever_the_types_and_the_order_page_shows_it(string posted,
        string[] types, ServicePayer expected)
    {
        using var advisor = await App.SignInAsync("advisor");

        using var response = await advisor.SubmitFormAsync(NewUrl, Order("RO-0002", types, posted), Form);

        var visit = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        visit.Payer.Should().Be(expected);
        var page = await advisor.GetDocumentAsync(response.RedirectPath()!);
        page.QuerySelector("[data-testid=visit-payer]")!.TextContent.Trim().Should().Be(expected switch
        {
            ServicePayer.Customer => "Customer pays",
            ServicePayer.Manufacturer => "Manufacturer (warranty claim)",
            ServicePayer.Insurer => "Insurance company",
            _ => "Internal",
        });
    }

    [Fact]
    public async Task The_order_page_shows_who_pays_in_chinese()
    {
        using var advisor = await App.SignInAsync("advisor");
        using var response = await advisor.SubmitFormAsync(NewUrl, Order("RO-0003", ["Warranty"], null), Form);
        advisor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var page = await advisor.GetDocumentAsync(response.RedirectPath()!);

        page.QuerySelector("[data-testid=visit-fields]")!.TextContent.Should().Contain("结算方式");
        page.QuerySelector("[data-testid=visit-payer]")!.TextContent.Trim().Should().Be("厂家索赔");
    }

    [Theory]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("Friend")]
    [InlineData("99999999999999999999")]
    [InlineData("2147483648")]
    public async Task A_hostile_payer_gets_a_message_beside_the_field_and_nothing_is_saved(string posted)
    {
        using var advisor = await App.SignInAsync("advisor");

        using var response = await advisor.SubmitFormAsync(NewUrl, Order("RO-0004", ["Maintenance"], posted), Form);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Payer").Should().Be("Choose who pays from the list.");
        page.QuerySelector<IHtmlInputElement>($"{Form} [name='Input.OrderNumber']")!.Value
            .Should().Be("RO-0004", "the advisor's input is still there");
        (await App.WithDbAsync(db => db.ServiceVisits.CountAsync())).Should().Be(0);
    }
}
