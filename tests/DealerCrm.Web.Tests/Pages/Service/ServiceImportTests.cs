using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Import;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Pages.Service;

/// <summary>
/// Spec 4.2 and scenario 5: the DMS's repair orders as CSV — every bad row reported by line, column and reason, good
/// rows imported once (store + order number), a re-sent order with a later completion completes the visit, unknown
/// cars and owners created from the row, nothing half-imported.
/// </summary>
public sealed class ServiceImportTests(AppFixture app) : WebTest(app)
{
    private const string Header = "order_number,vin,plate,brand,model,owner_name,owner_mobile,opened_at,completed_at,"
        + "mileage,service_types,amount,advisor,brought_by_name,brought_by_mobile,accepts_callback,callback_number,callback_time";

    private Store _store = null!;
    private DateOnly _day;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        _day = App.TodayIn(_store).AddDays(-2);
    }

    [Fact]
    public async Task Scenario_5_a_thousand_orders_with_three_bad_import_997_and_list_the_three_with_their_lines()
    {
        var lines = new List<string> { Header };
        for (var i = 0; i < 1000; i++)
        {
            lines.Add(Order(i));
        }

        lines[101] = lines[101].Replace(VinOf(100), VinOf(100)[..8] + Wrong(VinOf(100)[8]) + VinOf(100)[9..], StringComparison.Ordinal);
        lines[501] = Order(500, ownerMobile: "12345");
        lines[901] = Order(900, completed: $"{App.TodayIn(_store).AddDays(3):yyyy-MM-dd} 10:00");
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "dms.csv", Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));

        (Figure(page, "rows-read"), Figure(page, "added"), Figure(page, "refused")).Should().Be(("1000", "997", "3"));
        var problems = Problems(page);
        problems.Keys.Should().Equal("102", "502", "902");
        problems["102"].Should().Contain("VIN").And.Contain("check digit");
        problems["502"].Should().Contain("Owner's mobile");
        problems["902"].Should().Contain("Completed at").And.Contain("future");
        (await App.WithDbAsync(db => db.ServiceVisits.CountAsync())).Should().Be(997);
        (await App.WithDbAsync(db => db.Vehicles.CountAsync())).Should().Be(997);
        (await App.WithDbAsync(db => db.ServiceVisits.Select(v => v.OrderNumber).ToListAsync()))
            .Should().NotContain(["RO00100", "RO00500", "RO00900"]);
    }

    [Fact]
    public async Task The_same_file_twice_adds_nothing_and_a_resent_order_with_a_later_completion_completes_the_visit()
    {
        var open = Csv(Order(1), Order(2, completed: $"{_day:yyyy-MM-dd} 15:00"));
        using var advisor = await App.SignInAsync("advisor");
        await ResultAsync(advisor, "day1.csv", open);

        var again = await ResultAsync(advisor, "day1.csv", open);
        (Figure(again, "added"), Figure(again, "updated"), Figure(again, "present")).Should().Be(("0", "0", "2"));

        var resent = Csv(
            Order(1, completed: $"{_day:yyyy-MM-dd} 17:45", amount: "999.00"),
            Order(2, completed: $"{_day:yyyy-MM-dd} 14:00"),
            Order(3));
        var page = await ResultAsync(advisor, "day2.csv", resent);

        (Figure(page, "added"), Figure(page, "updated"), Figure(page, "present")).Should().Be(("1", "1", "1"));
        var visits = await App.WithDbAsync(db => db.ServiceVisits.OrderBy(v => v.OrderNumber).ToListAsync());
        visits.Should().HaveCount(3);
        visits[0].CompletedAt.Should().Be(Local(_day, 17, 45), "a later completion time completes the open visit");
        visits[0].Amount.Should().Be(680m, "nothing else of a re-sent row changes the visit");
        visits[1].CompletedAt.Should().Be(Local(_day, 15, 0), "an earlier completion changes nothing");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "service.visits_imported"))).Should().Be(3);

        var thirdTime = await ResultAsync(advisor, "day2.csv", resent);
        (Figure(thirdTime, "added"), Figure(thirdTime, "updated"), Figure(thirdTime, "present")).Should().Be(("0", "0", "3"));
    }

    [Fact]
    public async Task A_gb18030_file_with_chinese_headers_keeps_its_chinese_and_reads_every_column()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var manager = await App.CreateUserAsync("wang.advisor", _store.Id, Roles.ServiceAdvisor);
        await App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == manager.Id);
            user.DisplayName = "王顾问";
            await db.SaveChangesAsync();
        });
        var text = "委托书号,车架号,车牌号,品牌,车型,车主姓名,车主手机,开单时间,完工时间,进厂里程,维修类型,金额,服务顾问,送修人,送修人手机,是否接受回访,回访电话,回访时间,保险公司,保险到期日,下次年检日期\r\n"
            + $"WX-0001,{VinOf(7)},沪A12345,吉利,星越L,欧阳娜娜,13900000007,{_day:yyyy/M/d} 9:05,{_day:yyyy/M/d} 16:20,\"12,345\",首保、小修,\"1,280.50\",王顾问,司马师傅,13700000007,否,13600000007,周末,平安保险,2027-03-31,2027/6/30\r\n"
            + $"WX-0002,{VinOf(8)},,,坦克300,诸葛亮,13900000008,{_day:yyyy-MM-dd} 10:00,,8000,BodyAndPaint|Warranty,,李四,,,,,,,,\r\n";
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "dms-excel.csv", Encoding.GetEncoding("GB18030").GetBytes(text));

        (Figure(page, "added"), Figure(page, "refused")).Should().Be(("2", "0"));
        var first = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync(v => v.OrderNumber == "WX-0001"));
        first.OpenedAt.Should().Be(Local(_day, 9, 5));
        first.CompletedAt.Should().Be(Local(_day, 16, 20));
        first.Mileage.Should().Be(12345);
        first.Types.Should().Be(ServiceTypes.FirstMaintenance | ServiceTypes.MinorRepair);
        first.Amount.Should().Be(1280.50m);
        (first.AdvisorId, first.AdvisorName).Should().Be((manager.Id, null), "the full name of a store account");
        (first.BroughtByName, first.BroughtByMobile).Should().Be(("司马师傅", "13700000007"));
        (first.AcceptsCallback, first.CallbackNumber, first.CallbackTime).Should().Be((false, "13600000007", "周末"));
        var second = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync(v => v.OrderNumber == "WX-0002"));
        (second.Types, second.AdvisorId, second.AdvisorName, second.AcceptsCallback)
            .Should().Be((ServiceTypes.BodyAndPaint | ServiceTypes.Warranty, (long?)null, "李四", true), "consent defaults to yes");
        var car = await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Vin == VinOf(7)));
        (car.Plate, car.Brand, car.Model, car.Insurer).Should().Be(("沪A12345", "吉利", "星越L", "平安保险"));
        (car.InsuranceExpiry, car.NextInspectionDate).Should().Be((new DateOnly(2027, 3, 31), new DateOnly(2027, 6, 30)));
        (await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Mobile == "13900000007"))).Name.Should().Be("欧阳娜娜");
    }

    [Fact]
    public async Task A_car_and_an_owner_not_on_file_are_created_from_the_row()
    {
        using var advisor = await App.SignInAsync("advisor");

        await ResultAsync(advisor, "new.csv", Csv(
            Order(1, opened: $"{_day.AddDays(-1):yyyy-MM-dd} 09:00", mileage: 5000),
            Order(2, vin: VinOf(1), opened: $"{_day:yyyy-MM-dd} 09:00", mileage: 5200, ownerName: "别的名字", ownerMobile: "13900000001")));

        var car = await App.WithDbAsync(db => db.Vehicles.SingleAsync());
        (car.Vin, car.StoreId, car.SoldByUs, car.Status, car.Model, car.Plate).Should()
            .Be((VinOf(1), _store.Id, false, VehicleStatus.InUse, "星越L", (string?)null));
        (car.FirstServiceDate, car.FirstServiceMileage).Should().Be((_day.AddDays(-1), 5000));
        (car.LatestMileage, car.LatestMileageDate).Should().Be((5200, _day));
        var owner = await App.WithDbAsync(db => db.Customers.SingleAsync());
        (owner.StoreId, owner.Name, owner.Mobile, owner.Id).Should().Be((_store.Id, "车主1", "13900000001", car.OwnerCustomerId),
            "the first row of a mobile names the new owner");
        (await App.WithDbAsync(db => db.ServiceVisits.Select(v => new { v.VehicleId, v.CustomerId }).Distinct().ToListAsync()))
            .Should().ContainSingle().Which.Should().Be(new { VehicleId = car.Id, CustomerId = owner.Id });
    }

    [Fact]
    public async Task An_existing_owner_is_reused_and_never_overwritten()
    {
        var known = await App.CreateCustomerAsync(_store.Id, "王小明", "13900000001");
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "owner.csv", Csv(Order(1, ownerName: "王大明")));

        Figure(page, "added").Should().Be("1");
        var owners = await App.WithDbAsync(db => db.Customers.ToListAsync());
        owners.Should().ContainSingle().Which.Name.Should().Be("王小明");
        (await App.WithDbAsync(db => db.ServiceVisits.SingleAsync())).CustomerId.Should().Be(known.Id);
        (await App.WithDbAsync(db => db.Vehicles.SingleAsync())).OwnerCustomerId.Should().Be(known.Id);
    }

    [Fact]
    public async Task A_vin_on_file_in_another_store_reuses_that_car_and_its_owner_becomes_a_customer_here()
    {
        var other = await App.CreateStoreAsync("S2");
        var theirOwner = await App.CreateCustomerAsync(other.Id, "东方先生", "13911112222");
        var car = await CreateVehicleAsync(other.Id, VinOf(9), theirOwner.Id, v => v.RecordServiceVisit(_day.AddDays(-100), 30000));
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "visit.csv", Csv(Order(9, ownerName: "", ownerMobile: "", mileage: 31000, model: "")));

        (Figure(page, "added"), Figure(page, "refused")).Should().Be(("1", "0"));
        (await App.WithDbAsync(db => db.Vehicles.CountAsync())).Should().Be(1, "a VIN is one car in the whole group");
        var visit = await App.WithDbAsync(db => db.ServiceVisits.SingleAsync());
        visit.VehicleId.Should().Be(car.Id);
        var here = await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == visit.CustomerId));
        (here.StoreId, here.Name, here.Mobile).Should().Be((_store.Id, "东方先生", "13911112222"));
        var after = await App.WithDbAsync(db => db.Vehicles.SingleAsync());
        (after.OwnerCustomerId, after.StoreId, after.LatestMileage).Should().Be((theirOwner.Id, other.Id, 31000));
    }

    [Fact]
    public async Task The_bulk_path_leaves_the_same_first_service_and_latest_mileage_as_the_entity_path()
    {
        var owner = await App.CreateCustomerAsync(_store.Id, "王小明", "13900000001");
        var visits = new (DateOnly Date, int Hour, int Mileage)[]
        {
            (_day.AddDays(-9), 9, 20000), (_day.AddDays(-4), 9, 25000), (_day.AddDays(-4), 15, 25000),
            (_day.AddDays(-2), 9, 29000), (_day.AddDays(-1), 9, 30000), (_day, 9, 30000),
        };
        var entity = await CreateVehicleAsync(_store.Id, VinOf(1), owner.Id, v => v.RecordServiceVisit(_day.AddDays(-5), 20000));
        var bulk = await CreateVehicleAsync(_store.Id, VinOf(2), owner.Id, v => v.RecordServiceVisit(_day.AddDays(-5), 20000));
        var unseen = await CreateVehicleAsync(_store.Id, VinOf(3), owner.Id, _ => { });
        foreach (var (date, _, mileage) in visits)
        {
            entity.RecordServiceVisit(date, mileage);
        }

        var rows = visits.Select((v, i) => Order(100 + i, vin: VinOf(2), opened: $"{v.Date:yyyy-MM-dd} {v.Hour:D2}:00",
            mileage: v.Mileage)).ToList();
        rows.AddRange(Enumerable.Reverse(visits).Select((v, i) => Order(200 + i, vin: VinOf(3), opened: $"{v.Date:yyyy-MM-dd} {v.Hour:D2}:00",
            mileage: v.Mileage)));
        rows.AddRange(Enumerable.Reverse(visits).Select((v, i) => Order(300 + i, vin: VinOf(5), opened: $"{v.Date:yyyy-MM-dd} {v.Hour:D2}:00",
            mileage: v.Mileage, ownerMobile: "13900000001")));
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "bulk.csv", Csv([.. rows]));

        var stored = await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Id == bulk.Id));
        (stored.FirstServiceDate, stored.FirstServiceMileage, stored.LatestMileage, stored.LatestMileageDate)
            .Should().Be((entity.FirstServiceDate, entity.FirstServiceMileage, entity.LatestMileage, entity.LatestMileageDate));
        (stored.FirstServiceDate, stored.LatestMileage, stored.LatestMileageDate).Should().Be((_day.AddDays(-9), 30000, _day), "the last of equal readings dates the latest");

        // The same orders written in reverse in the file are applied in the order they were opened.
        var fresh = new Vehicle(_store.Id, VinOf(4), null, null, "星越L", null, owner.Id, null, null, false, App.Now);
        foreach (var (date, _, mileage) in visits)
        {
            fresh.RecordServiceVisit(date, mileage);
        }

        var reversed = await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Id == unseen.Id));
        (reversed.FirstServiceDate, reversed.FirstServiceMileage, reversed.LatestMileage, reversed.LatestMileageDate)
            .Should().Be((fresh.FirstServiceDate, fresh.FirstServiceMileage, fresh.LatestMileage, fresh.LatestMileageDate));

        // A car not on file is created with what its orders tell its file, the same as an empty file recording them.
        var created = await App.WithDbAsync(db => db.Vehicles.SingleAsync(v => v.Vin == VinOf(5)));
        (created.FirstServiceDate, created.FirstServiceMileage, created.LatestMileage, created.LatestMileageDate)
            .Should().Be((fresh.FirstServiceDate, fresh.FirstServiceMileage, fresh.LatestMileage, fresh.LatestMileageDate));
        Figure(page, "refused").Should().Be("0");
    }

    [Fact]
    public async Task A_file_over_a_megabyte_is_read_by_the_background_job_once()
    {
        var lines = new List<string> { Header };
        for (var i = 0; i < 10_000; i++)
        {
            lines.Add(Order(i) + ",18:00以后");
        }

        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        bytes.Length.Should().BeGreaterThan(CsvImportPipeline.InlineMaxBytes);
        using var advisor = await App.SignInAsync("advisor");

        using var response = await UploadAsync(advisor, "big.csv", bytes);
        var waiting = await advisor.GetDocumentAsync(response.RedirectPath()!);
        waiting.QuerySelector("[data-testid=import-queued]").Should().NotBeNull("the request did not wait for the file");
        waiting.QuerySelector("meta[http-equiv=refresh]").Should().NotBeNull("the page refreshes until it is done");

        var import = await App.WithDbAsync(db => db.LeadImports.SingleAsync());
        import.Kind.Should().Be(ImportKind.ServiceVisits);
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<ImportJob>();
            await job.RunAsync(import.Id, ImportKind.ServiceVisits, CancellationToken.None);
            await job.RunAsync(import.Id, ImportKind.ServiceVisits, CancellationToken.None);
        }

        var page = await advisor.GetDocumentAsync(response.RedirectPath()!);
        (Figure(page, "rows-read"), Figure(page, "added")).Should().Be(("10000", "10000"));
        (await App.WithDbAsync(db => db.ServiceVisits.CountAsync())).Should().Be(10_000, "read once, however often the job runs");
        (await App.WithDbAsync(db => db.LeadImports.SingleAsync())).Content.Should().BeNull("the uploaded file is not kept");
    }

    [Fact]
    public async Task The_same_file_imported_twice_at_the_same_instant_is_stored_once()
    {
        var lines = new List<string> { Header };
        lines.AddRange(Enumerable.Range(0, 400).Select(i => Order(i, vin: VinOf(i % 150))));
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        using var advisor = await App.SignInAsync("advisor");

        var responses = await Task.WhenAll(UploadAsync(advisor, "a.csv", bytes), UploadAsync(advisor, "b.csv", bytes));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ServiceVisits.CountAsync())).Should().Be(400);
        (await App.WithDbAsync(db => db.Vehicles.CountAsync())).Should().Be(150);
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(400);
        var imports = await App.WithDbAsync(db => db.LeadImports.Select(i => new { i.Added, i.AlreadyPresent, i.Refused }).ToListAsync());
        imports.Sum(i => i.Added).Should().Be(400);
        imports.Sum(i => i.AlreadyPresent).Should().Be(400);
        imports.Sum(i => i.Refused).Should().Be(0);
    }

    [Fact]
    public async Task Every_kind_of_bad_cell_is_reported_with_its_line_column_and_reason_and_the_good_rows_still_import()
    {
        var owner = await App.CreateCustomerAsync(_store.Id, "老客户", "13900000050");
        await CreateVehicleAsync(_store.Id, VinOf(50), owner.Id, v => v.RecordServiceVisit(_day.AddDays(-30), 50000));
        var rows = new (string Row, string Column, string Reason)[]
        {
            (Order(1, vin: ""), "VIN", "17"),
            (Order(2, vin: VinOf(2)[..8] + Wrong(VinOf(2)[8]) + VinOf(2)[9..]), "VIN", "check digit"),
            (Order(3, ownerMobile: "1390000"), "Owner's mobile", "11 digits"),
            (Order(4, types: "洗车"), "Service types", "Unknown service type: 洗车"),
            (Order(5, opened: "yesterday"), "Opened at", "Not a date and time"),
            (Order(6, completed: $"{App.TodayIn(_store).AddDays(2):yyyy-MM-dd} 10:00"), "Completed at", "future"),
            (Order(7, completed: $"{_day.AddDays(-1):yyyy-MM-dd} 10:00"), "Completed at", "before"),
            (Order(8, mileage: 3_000_000), "Mileage", "between"),
            (Order(9, mileage: 99_999_999_999), "Mileage", "between"),
            (Order(50, mileage: 49000, ownerName: "", ownerMobile: ""), "Mileage", "50000"),
            (Order(11, amount: "abc"), "Amount", "Not a number"),
            (Order(12, accepts: "maybe"), "Accepts a callback", "是"),
            (Order(13, model: ""), "Model", "model"),
            (Order(14, ownerMobile: ""), "Owner's mobile", "mobile"),
            (Order(15, ownerName: ""), "Owner's name", "name"),
            (Order(16, opened: "0001-01-01 00:00"), "Opened at", "Not a date and time"),
            (Order(17, types: ""), "Service types", "at least one"),
            (Order(18, orderNumber: "RO 18"), "Order number", "no spaces"),
            (Order(20, amount: "1.5e300"), "Amount", "Not a number"),
            (Order(21, mileage: 1000) + ",x" + new string('长', 100), "Callback time", "50"),
        };
        var lines = new List<string> { Header, Order(30) };
        lines.AddRange(rows.Select(r => r.Row));
        lines.Add(Order(30, amount: "1.00"));
        lines.Add(Order(31));
        lines.Add(Order(31));
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "bad.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var problems = page.QuerySelectorAll("[data-testid=import-problems] tbody tr")
            .ToDictionary(r => int.Parse(r.GetAttribute("data-line")!, CultureInfo.InvariantCulture),
                r => (Column: r.Children[1].TextContent, Reason: r.Children[2].TextContent));
        for (var i = 0; i < rows.Length; i++)
        {
            var line = i + 3;
            problems.Should().ContainKey(line, rows[i].Row);
            problems[line].Column.Should().Be(rows[i].Column, $"line {line}: {rows[i].Row}");
            problems[line].Reason.Should().Contain(rows[i].Reason, $"line {line}: {rows[i].Row}");
        }

        var duplicateLine = rows.Length + 3;
        problems[duplicateLine].Column.Should().Be("Order number");
        problems[duplicateLine].Reason.Should().Contain("line 2");
        problems.Should().HaveCount(rows.Length + 1);
        (Figure(page, "added"), Figure(page, "present"), Figure(page, "refused"))
            .Should().Be(("2", "1", (rows.Length + 1).ToString(CultureInfo.InvariantCulture)), "line 25 repeats line 24 exactly");
        (await App.WithDbAsync(db => db.ServiceVisits.Select(v => v.OrderNumber).OrderBy(o => o).ToListAsync()))
            .Should().Equal("RO00030", "RO00031");
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(3, "no owner of a refused row was created");
        (await App.WithDbAsync(db => db.Vehicles.CountAsync())).Should().Be(3, "no car of a refused row was created");
    }

    [Fact]
    public async Task A_file_without_the_needed_columns_imports_nothing_and_says_which_are_missing()
    {
        using var advisor = await App.SignInAsync("advisor");

        var page = await ResultAsync(advisor, "bad.csv", Encoding.UTF8.GetBytes("委托书号,车架号,车型\nRO1,x,y\n"));

        Figure(page, "added").Should().Be("0");
        page.QuerySelector("[data-testid=import-problems]")!.TextContent.Should()
            .Contain("Opened at").And.Contain("Mileage").And.Contain("Service types");
        (await App.WithDbAsync(db => db.ServiceVisits.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_template_in_chinese_has_a_bom_and_imports_as_it_is()
    {
        using var advisor = await App.SignInAsync("advisor");
        advisor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        using var template = await advisor.GetAsync("/Service/Import?handler=Template");
        template.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var bytes = await template.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(Encoding.UTF8.GetPreamble());
        Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Should().StartWith("委托书号,车架号,车牌号");

        var page = await ResultAsync(advisor, "template.csv", bytes);

        (Figure(page, "added"), Figure(page, "refused")).Should().Be(("1", "0"));
        (await App.WithDbAsync(db => db.ServiceVisits.SingleAsync())).Types
            .Should().Be(ServiceTypes.FirstMaintenance | ServiceTypes.MinorRepair);
    }

    [Fact]
    public async Task The_page_documents_the_columns_and_lists_only_this_stores_repair_order_imports()
    {
        using var advisor = await App.SignInAsync("advisor");
        await ResultAsync(advisor, "mine.csv", Csv(Order(1)));
        var manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        await App.WithDbAsync(async db =>
        {
            var leads = new LeadImport(_store.Id, "leads.csv", manager.Id, [], App.Now);
            leads.Complete(0, 0, 0, App.Now);
            db.LeadImports.Add(leads);
            await db.SaveChangesAsync();
        });

        var page = await advisor.GetDocumentAsync("/Service/Import");

        page.QuerySelector("[data-testid=import-columns]")!.TextContent.Should().Contain("委托书号").And.Contain("送修人");
        var recent = page.QuerySelector("[data-testid=import-recent]")!.TextContent;
        recent.Should().Contain("mine.csv").And.NotContain("leads.csv");
    }

    [Fact]
    public async Task Submitting_without_a_file_asks_for_one()
    {
        using var advisor = await App.SignInAsync("advisor");

        using var response = await advisor.SubmitFormAsync("/Service/Import", new Dictionary<string, string>(),
            "form[data-testid=import-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Upload").Should().Be("Choose a CSV file to import.");
    }

    internal static string VinOf(int i) => Vin.WithCheckDigit($"LSVAU2180N{i:D7}");

    internal static async Task<HttpResponseMessage> UploadAsync(TestClient client, string fileName, byte[] content)
    {
        var page = await client.GetDocumentAsync("/Service/Import");
        var token = page.QuerySelector<IHtmlInputElement>("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        return await client.Http.PostAsync("/Service/Import", form);
    }

    private static char Wrong(char checkDigit) => checkDigit == '1' ? '2' : '1';

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\n" + string.Join('\n', rows));

    private static string Figure(IHtmlDocument page, string testId) =>
        page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static Dictionary<string, string> Problems(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=import-problems] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-line")!, r => r.TextContent);

    private static async Task<IHtmlDocument> ResultAsync(TestClient client, string fileName, byte[] content)
    {
        using var response = await UploadAsync(client, fileName, content);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await client.GetDocumentAsync(response.RedirectPath()!);
    }

    private static DateTimeOffset Local(DateOnly day, int hour, int minute) =>
        TestClock.ShanghaiInstant(day.ToDateTime(new TimeOnly(hour, minute)));

    private async Task<Vehicle> CreateVehicleAsync(int storeId, string vin, long ownerId, Action<Vehicle> configure)
    {
        var vehicle = new Vehicle(storeId, vin, null, "吉利", "星越L", null, ownerId, null, null, false, App.Now);
        configure(vehicle);
        await App.WithDbAsync(async db =>
        {
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync();
        });
        return vehicle;
    }

    /// <summary>Order RO{i:D5} of car i, owner 车主i with mobile 139{i:D8}, opened two days ago at 09:00.</summary>
    private string Order(int i, string? vin = null, string? ownerName = null, string? ownerMobile = null,
        string? opened = null, string? completed = null, long mileage = 10000, string types = "首保;小修",
        string amount = "680.00", string accepts = "是", string model = "星越L", string? orderNumber = null) =>
        string.Join(',', orderNumber ?? $"RO{i:D5}", vin ?? VinOf(i), string.Empty, "吉利", model, ownerName ?? $"车主{i}",
            ownerMobile ?? $"139{i:D8}", opened ?? $"{_day:yyyy-MM-dd} 09:00", completed ?? string.Empty,
            mileage.ToString(CultureInfo.InvariantCulture), types, amount, string.Empty, string.Empty, string.Empty, accepts,
            string.Empty);
}
