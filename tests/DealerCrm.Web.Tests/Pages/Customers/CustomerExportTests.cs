using System.Net;
using System.Text;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Export;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Customers;

/// <summary>Spec 3.4 on the customer list: plate/VIN search and the managers' audited export.</summary>
public sealed class CustomerExportTests(AppFixture app) : WebTest(app)
{
    private const string IdNumber = "11010519491231002X";
    private const string Formula = "=HYPERLINK(\"x\")";

    private Store _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1");
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        var qian = await App.CreateCustomerAsync(_store.Id, "钱晓红", "13812345678");
        var sun = await App.CreateCustomerAsync(_store.Id, "孙大伟", "13987654321");
        await App.CreateCustomerAsync(_store.Id, Formula, "13600002222",
            c => c.RecordIdNumber(ResidentIdNumber.Normalize(IdNumber), n => "protected-" + n.Length,
                App.Now));
        await App.CreateLeadAsync(_store, qian, li.Id);
        await App.WithDbAsync(async db =>
        {
            db.Vehicles.Add(new Vehicle(_store.Id, "LFV2A21K0D3123456", "粤BD12345", null, "坦克300", null, sun.Id,
                App.TodayIn(_store), null, soldByUs: true, App.Now));
            await db.SaveChangesAsync();
        });
    }

    [Theory]
    [InlineData("粤BD12345")]
    [InlineData("粤b·d12345")]
    [InlineData("LFV2A21K0D3123456")]
    public async Task A_manager_finds_a_customer_by_the_plate_or_vin_of_their_car(string q)
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = q },
            "form[data-testid=search-form]");

        Names(await TestClient.ParseAsync(response)).Should().Equal("孙大伟");
    }

    [Fact]
    public async Task A_manager_exports_the_customers_to_csv_with_masked_id_numbers_and_safe_cells_and_it_is_audited()
    {
        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync("/Customers");

        using var response = await manager.SubmitFormAsync(page, "/Customers", new Dictionary<string, string>(),
            "form[data-testid=export-csv]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..])
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4);
        lines[0].Should().StartWith("Name,Gender,Mobile,Resident ID number,");
        lines[1].Should().StartWith($"\"'=HYPERLINK(\"\"x\"\")\",Male,13600002222,{ResidentIdNumber.Mask(IdNumber)},");
        string.Join('\n', lines).Should().NotContain(IdNumber).And.NotContain("protected-");
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.CustomersExported));
        entry.UserName.Should().Be("manager");
        entry.Details.Should().Contain("format=csv").And.Contain("rows=3").And.Contain("search=no");
    }

    [Fact]
    public async Task A_manager_exports_a_search_to_xlsx_holding_only_its_rows()
    {
        using var manager = await App.SignInAsync("manager");
        using var searched = await manager.SubmitFormAsync("/Customers",
            new Dictionary<string, string> { ["Q"] = "HYPERLINK" }, "form[data-testid=search-form]");

        using var response = await manager.SubmitFormAsync(await TestClient.ParseAsync(searched), "/Customers",
            new Dictionary<string, string>(), "form[data-testid=export-xlsx]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var sheet = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync());
        sheet.ValidationErrors.Should().BeEmpty();
        sheet.Name.Should().Be("Customers");
        sheet.Rows.Should().HaveCount(2);
        sheet.Rows[0].Should().StartWith(["Name", "Gender", "Mobile", "Resident ID number"]);
        sheet.Rows[1][0].Should().Be("'" + Formula);
        sheet.Formulas.Should().Be(0);
        sheet.Rows[1][3].Should().Be(ResidentIdNumber.Mask(IdNumber));
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.CustomersExported));
        entry.Details.Should().Contain("format=xlsx").And.Contain("rows=1").And.Contain("search=yes")
            .And.NotContain("HYPERLINK");
    }

    [Fact]
    public async Task A_consultant_has_no_export_and_a_posted_export_is_refused_without_an_audit_entry()
    {
        using var li = await App.SignInAsync("consultant.li");
        var page = await li.GetDocumentAsync("/Customers");

        using var csv = await li.SubmitFormAsync(page, "/Customers?handler=Csv", new Dictionary<string, string>(),
            "form[data-testid=search-form]");

        page.QuerySelector("[data-testid=export]").Should().BeNull();
        csv.IsRefused().Should().BeTrue();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.CustomersExported)))
            .Should().Be(0);
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=customers] tbody tr td:first-child a").Select(a => a.TextContent).ToList();
}
