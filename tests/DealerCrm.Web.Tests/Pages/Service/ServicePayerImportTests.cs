using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Service;

/// <summary>
/// Issue 13: who pays a repair order (结算方式) read from the DMS file's optional payer column — every accepted
/// spelling, an empty cell following the order's types (<see cref="ServiceVisit.DefaultPayer"/>), an unknown value
/// refused on its line, the header in its three spellings, a re-sent row changing the payer only when it states one,
/// and a 1,000-row file with the column still imported in one pass.
/// </summary>
public sealed class ServicePayerImportTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private DateOnly _day;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        _day = App.TodayIn(_store).AddDays(-2);
    }

    private static readonly (string Cell, ServicePayer Payer)[] Spellings =
    [
        ("customer", ServicePayer.Customer), ("Customer", ServicePayer.Customer), (" CUSTOMER ", ServicePayer.Customer),
        ("客户", ServicePayer.Customer), ("客户付费", ServicePayer.Customer), ("自费", ServicePayer.Customer),
        ("manufacturer", ServicePayer.Manufacturer), ("Warranty", ServicePayer.Manufacturer),
        ("厂家", ServicePayer.Manufacturer), ("索赔", ServicePayer.Manufacturer), ("保修", ServicePayer.Manufacturer),
        ("insurer", ServicePayer.Insurer), ("INSURANCE", ServicePayer.Insurer), ("保险", ServicePayer.Insurer),
        ("internal", ServicePayer.Internal), ("内部", ServicePayer.Internal),
    ];

    [Fact]
    public async Task Every_accepted_spelling_of_who_pays_is_read_whatever_the_types_imply()
    {
        // One file, one order per spelling, all of type 保养 (which alone would make the customer pay): each order keeps
        // what its cell says.
        var rows = Spellings.Select((s, i) => Order(i + 1, "保养", s.Cell)).ToArray();
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "payers.csv", Csv("payer", rows));

        (Figure(page, "added"), Figure(page, "refused"))
            .Should().Be((Spellings.Length.ToString(CultureInfo.InvariantCulture), "0"));
        var payers = await App.WithDbAsync(db => db.ServiceVisits.ToDictionaryAsync(v => v.OrderNumber, v => v.Payer));
        for (var i = 0; i < Spellings.Length; i++)
        {
            payers[$"RO{i + 1:D5}"].Should().Be(Spellings[i].Payer, $"\"{Spellings[i].Cell}\"");
        }
    }

    [Fact]
    public async Task An_empty_payer_follows_the_types_as_the_repair_order_page_does()
    {
        var cases = new (string Types, ServiceTypes Parsed)[]
        {
            ("保养", ServiceTypes.Maintenance),
            ("首保;小修", ServiceTypes.FirstMaintenance | ServiceTypes.MinorRepair),
            ("Warranty", ServiceTypes.Warranty),
            ("Warranty|MinorRepair", ServiceTypes.Warranty | ServiceTypes.MinorRepair),
            ("InsuranceRepair|BodyAndPaint", ServiceTypes.InsuranceRepair | ServiceTypes.BodyAndPaint),
            ("InsuranceRepair|Warranty", ServiceTypes.InsuranceRepair | ServiceTypes.Warranty),
            ("BodyAndPaint", ServiceTypes.BodyAndPaint),
            ("PartsCounter", ServiceTypes.PartsCounter),
        };
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "defaults.csv",
            Csv("付费方式", cases.Select((c, i) => Order(i + 1, c.Types, string.Empty)).ToArray()));

        Figure(page, "added").Should().Be(cases.Length.ToString(CultureInfo.InvariantCulture));
        var visits = await App.WithDbAsync(db => db.ServiceVisits.OrderBy(v => v.OrderNumber).ToListAsync());
        visits.Select(v => v.Types).Should().Equal(cases.Select(c => c.Parsed));
        visits.Select(v => v.Payer).Should().Equal(cases.Select(c => ServiceVisit.DefaultPayer(c.Parsed)));
        visits.Select(v => v.Payer).Should().Contain([ServicePayer.Customer, ServicePayer.Manufacturer, ServicePayer.Insurer],
            "the cases cover every default");
    }

    [Fact]
    public async Task A_file_without_the_payer_column_gets_the_payer_of_the_types()
    {
        using var advisor = await App.SignInAsync("advisor");

        await ResultAsync(advisor, "old-dms.csv", Csv(null, Order(1, "Warranty", null), Order(2, "保养", null)));

        var payers = await App.WithDbAsync(db => db.ServiceVisits.OrderBy(v => v.OrderNumber).Select(v => v.Payer).ToListAsync());
        payers.Should().Equal(ServicePayer.Manufacturer, ServicePayer.Customer);
    }

    [Theory]
    [InlineData("payer")]
    [InlineData("付费方式")]
    [InlineData("结算方式")]
    [InlineData("Payer")]
    public async Task The_payer_column_is_found_by_each_of_its_headers(string header)
    {
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "header.csv", Csv(header, Order(1, "保养", "保险")));

        (Figure(page, "added"), Figure(page, "refused")).Should().Be(("1", "0"));
        (await App.WithDbAsync(db => db.ServiceVisits.SingleAsync())).Payer.Should().Be(ServicePayer.Insurer);
    }

    [Fact]
    public async Task An_unknown_payer_is_refused_on_its_line_in_the_users_language_and_the_other_rows_import()
    {
        using var advisor = await App.SignInAsync("advisor");

        using var response = await ServiceImportTests.UploadAsync(advisor, "bad.csv", Csv("结算方式",
            Order(1, "保养", "客户"), Order(2, "保养", "朋友付"), Order(3, "保养", "99"), Order(4, "保养", new string('x', 500))));
        var result = response.RedirectPath()!;
        var page = await advisor.GetDocumentAsync(result);

        (Figure(page, "added"), Figure(page, "refused")).Should().Be(("1", "3"));
        var problems = page.QuerySelectorAll("[data-testid=import-problems] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-line")!, r => (Column: r.Children[1].TextContent, Reason: r.Children[2].TextContent));
        problems.Keys.Should().Equal("3", "4", "5");
        problems["3"].Column.Should().Be("Paid by");
        problems["3"].Reason.Should().Contain("Unknown payer: 朋友付").And.Contain("customer, manufacturer, insurer or internal");
        problems["4"].Reason.Should().Contain("Unknown payer: 99");
        problems["5"].Reason.Should().Contain("Unknown payer: " + new string('x', 30)).And.NotContain(new string('x', 31));
        (await App.WithDbAsync(db => db.ServiceVisits.Select(v => v.OrderNumber).ToListAsync())).Should().Equal("RO00001");

        advisor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await advisor.GetDocumentAsync(result);
        var line3 = chinese.QuerySelector("[data-testid=import-problems] tbody tr[data-line='3']")!;
        (line3.Children[1].TextContent, line3.Children[2].TextContent)
            .Should().Be(("付费方式", "无法识别的付费方式：朋友付。请填写 客户、厂家、保险 或 内部（customer、manufacturer、insurer、internal）。"));
    }

    [Fact]
    public async Task A_resent_order_keeps_its_payer_unless_the_row_states_one()
    {
        using var advisor = await App.SignInAsync("advisor");
        await ResultAsync(advisor, "day1.csv", Csv("payer",
            Order(1, "Warranty", string.Empty), Order(2, "保养", "internal"), Order(3, "保养", "customer")));

        // Day 2: order 1's warranty claim was refused (the customer pays now); order 2 re-sent without a payer; order 3
        // re-sent with the payer it already has.
        var page = await ResultAsync(advisor, "day2.csv", Csv("payer",
            Order(1, "Warranty", "客户付费"), Order(2, "保养", string.Empty), Order(3, "保养", "customer")));

        (Figure(page, "added"), Figure(page, "updated"), Figure(page, "present")).Should().Be(("0", "1", "2"),
            "order 1's payer changed; orders 2 and 3 were already there as they are");
        var payers = await App.WithDbAsync(db => db.ServiceVisits.OrderBy(v => v.OrderNumber).Select(v => v.Payer).ToListAsync());
        payers.Should().Equal(ServicePayer.Customer, ServicePayer.Internal, ServicePayer.Customer);

        var again = await ResultAsync(advisor, "day2.csv", Csv("payer",
            Order(1, "Warranty", "客户付费"), Order(2, "保养", string.Empty), Order(3, "保养", "customer")));
        Figure(again, "updated").Should().Be("0", "the same file again changes nothing");
    }

    [Fact]
    public async Task A_thousand_orders_with_the_payer_column_import_in_one_pass()
    {
        string[] payers = ["customer", "索赔", "保险", "内部", string.Empty];
        var rows = Enumerable.Range(1, 1000)
            .Select(i => Order(i, i % 7 == 0 ? "Warranty" : "保养", payers[i % payers.Length])).ToArray();
        rows[499] = Order(500, "保养", "免费");
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "thousand.csv", Csv("付费方式", rows));

        (Figure(page, "rows-read"), Figure(page, "added"), Figure(page, "refused")).Should().Be(("1000", "999", "1"));
        page.QuerySelector("[data-testid=import-problems] tbody tr")!.GetAttribute("data-line").Should().Be("501");
        var counts = await App.WithDbAsync(db => db.ServiceVisits.GroupBy(v => v.Payer)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var expected = Enumerable.Range(1, 1000).Where(i => i != 500)
            .GroupBy(i => payers[i % payers.Length] switch
            {
                "customer" => ServicePayer.Customer,
                "索赔" => ServicePayer.Manufacturer,
                "保险" => ServicePayer.Insurer,
                "内部" => ServicePayer.Internal,
                _ => i % 7 == 0 ? ServicePayer.Manufacturer : ServicePayer.Customer,
            })
            .ToDictionary(g => g.Key, g => g.Count());
        counts.Should().BeEquivalentTo(expected);
        (await App.WithDbAsync(db => db.LeadImports.CountAsync())).Should().Be(1, "one import, read in one pass");
    }

    [Fact]
    public async Task The_template_has_the_payer_column_and_the_page_documents_it()
    {
        using var advisor = await App.SignInAsync("advisor");

        using var template = await advisor.GetAsync("/Service/Import?handler=Template");
        var text = Encoding.UTF8.GetString(await template.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n");
        var header = lines[0].Split(',');
        var example = lines[1].Split(',');
        header.Should().Contain("payer");
        example[Array.IndexOf(header, "payer")].Should().Be("Customer pays");

        var page = await ResultAsync(advisor, "template.csv", Encoding.UTF8.GetBytes(text));
        (Figure(page, "added"), Figure(page, "refused")).Should().Be(("1", "0"));
        (await App.WithDbAsync(db => db.ServiceVisits.SingleAsync())).Payer.Should().Be(ServicePayer.Customer);

        var columns = (await advisor.GetDocumentAsync("/Service/Import")).QuerySelector("[data-testid=import-columns]")!.TextContent;
        columns.Should().Contain("付费方式").And.Contain("payer").And.Contain("Paid by");
    }

    private static byte[] Csv(string? payerHeader, params string[] rows) =>
        Encoding.UTF8.GetBytes("order_number,vin,model,owner_name,owner_mobile,opened_at,mileage,service_types,amount"
            + (payerHeader is null ? string.Empty : "," + payerHeader) + "\n" + string.Join('\n', rows));

    /// <summary>Order RO{i:D5} of a new car i and owner; <paramref name="payer"/> null: no payer cell at all.</summary>
    private string Order(int i, string types, string? payer) =>
        string.Join(',', $"RO{i:D5}", ServiceImportTests.VinOf(i), "星越L", $"车主{i}", $"139{i:D8}",
            $"{_day:yyyy-MM-dd} 09:00", "10000", types, "680.00") + (payer is null ? string.Empty : "," + payer);

    private static string Figure(IHtmlDocument page, string testId) =>
        page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static async Task<IHtmlDocument> ResultAsync(TestClient client, string fileName, byte[] content)
    {
        using var response = await ServiceImportTests.UploadAsync(client, fileName, content);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await client.GetDocumentAsync(response.RedirectPath()!);
    }
}
