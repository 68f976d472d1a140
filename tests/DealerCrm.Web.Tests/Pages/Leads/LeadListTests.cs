using System.Net;
using System.Text;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Export;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>Spec 3.4: the lead list's filters, scope, keyset paging, and the managers' audited CSV/xlsx export.</summary>
public sealed class LeadListTests(AppFixture app) : WebTest(app)
{
    private const string IdNumber = "11010519491231002X";
    private const string Formula = "=HYPERLINK(\"x\")";

    private Store _store = null!;
    private long _zhangId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1");
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        var zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        _zhangId = zhang.Id;
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);

        var qian = await App.CreateCustomerAsync(_store.Id, "钱晓红", "13812345678");
        await App.CreateLeadAsync(_store, qian, li.Id, Grade.H, SourceChannel.DealerWebsite, "哈弗H6");

        var sun = await App.CreateCustomerAsync(_store.Id, "孙大伟", "13987654321");
        await App.CreateLeadAsync(_store, sun, zhang.Id, Grade.B, SourceChannel.OwnerReferral, "坦克300");
        await App.WithDbAsync(async db =>
        {
            db.Vehicles.Add(new Vehicle(_store.Id, "LFV2A21K0D3123456", "沪A12345", null, "坦克300", null, sun.Id,
                App.TodayIn(_store), null, soldByUs: false, App.Now));
            await db.SaveChangesAsync();
        });

        var zhao = await App.CreateCustomerAsync(_store.Id, "赵逾期", "13700001111");
        await CreateLeadOnAsync(zhao, li.Id, Grade.A, App.TodayIn(_store).AddDays(-20));

        var formula = await App.CreateCustomerAsync(_store.Id, Formula, "13600002222",
            c => c.RecordIdNumber(ResidentIdNumber.Normalize(IdNumber), n => "protected-" + n.Length,
                App.Now));
        await App.CreateLeadAsync(_store, formula, zhang.Id, Grade.C, SourceChannel.InternetPlatform, "-1+1");
    }

    [Theory]
    [InlineData("grade=H", new[] { "钱晓红" })]
    [InlineData("source=OwnerReferral", new[] { "孙大伟" })]
    [InlineData("carModel=%E5%9D%A6%E5%85%8B", new[] { "孙大伟" })]
    [InlineData("overdue=true", new[] { "赵逾期" })]
    [InlineData("grade=B&overdue=true", new string[0])]
    public async Task A_manager_filters_the_store_s_leads(string query, string[] expected)
    {
        using var manager = await App.SignInAsync("manager");

        var page = await manager.GetDocumentAsync($"/Leads?{query}");

        Names(page).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task A_lead_waiting_for_a_defeat_decision_is_not_in_the_overdue_list()
    {
        var zhao = await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Name == "赵逾期"));
        var lead = await App.WithDbAsync(db => db.Leads.SingleAsync(l => l.CustomerId == zhao.Id));
        using var manager = await App.SignInAsync("manager");
        Names(await manager.GetDocumentAsync("/Leads?overdue=true")).Should().Equal("赵逾期");

        await App.ChangeLeadAsync(lead.Id, (l, db) =>
            db.DefeatRequests.Add(l.RequestDefeat(l.OwnerId, Domain.Defeats.DefeatReason.Other, null, null, "联系不上", App.Now)));

        Names(await manager.GetDocumentAsync("/Leads?overdue=true")).Should().BeEmpty(
            "its follow-up waits for the manager's decision (docs/decisions.md: lead overdue)");
    }

    [Fact]
    public async Task A_manager_filters_by_owner_and_by_status()
    {
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE leads SET status = {(int)LeadStatus.Defeated} WHERE owner_id = {_zhangId} AND grade = {(int)Grade.B}"));
        using var manager = await App.SignInAsync("manager");

        var zhangs = await manager.GetDocumentAsync($"/Leads?owner={_zhangId}");
        var defeated = await manager.GetDocumentAsync("/Leads?status=Defeated");
        var active = await manager.GetDocumentAsync("/Leads?status=Active");

        Names(zhangs).Should().BeEquivalentTo("孙大伟", Formula);
        Names(defeated).Should().Equal("孙大伟");
        defeated.QuerySelector("[data-testid=lead-row] td:nth-child(4)")!.TextContent.Should().Be("Defeated");
        Names(active).Should().BeEquivalentTo("钱晓红", "赵逾期", Formula);
    }

    [Theory]
    [InlineData("晓红", "钱晓红")]
    [InlineData("8765", "孙大伟")]
    [InlineData("沪A 12345", "孙大伟")]
    [InlineData("lfv2a21k0d3123456", "孙大伟")]
    public async Task The_search_box_finds_a_lead_by_name_mobile_part_plate_or_vin_and_stays_out_of_the_url(
        string q, string expected)
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.SubmitFormAsync("/Leads", new Dictionary<string, string> { ["Q"] = q },
            "form[data-testid=filter-form]");

        Names(await TestClient.ParseAsync(response)).Should().Equal(expected);
        response.RequestMessage!.RequestUri!.Query.Should().BeEmpty("the search text is posted, never put in a URL");
    }

    [Fact]
    public async Task A_consultant_sees_only_their_own_leads_even_when_asking_for_another_owner()
    {
        using var li = await App.SignInAsync("consultant.li");

        var own = await li.GetDocumentAsync("/Leads");
        var other = await li.GetDocumentAsync($"/Leads?owner={_zhangId}");
        using var searched = await li.SubmitFormAsync("/Leads", new Dictionary<string, string> { ["Q"] = "孙" },
            "form[data-testid=filter-form]");

        Names(own).Should().BeEquivalentTo("钱晓红", "赵逾期");
        Names(other).Should().BeEquivalentTo("钱晓红", "赵逾期");
        Names(await TestClient.ParseAsync(searched)).Should().BeEmpty();
        own.QuerySelector("[data-testid=export]").Should().BeNull("consultants are not offered an export");
        own.QuerySelector("select[name=Owner]").Should().BeNull();
    }

    [Fact]
    public async Task A_consultant_s_export_is_refused_and_not_audited()
    {
        using var li = await App.SignInAsync("consultant.li");
        var page = await li.GetDocumentAsync("/Leads");

        using var csv = await li.SubmitFormAsync(page, "/Leads?handler=Csv", new Dictionary<string, string>(),
            "form[data-testid=filter-form]");
        using var xlsx = await li.SubmitFormAsync(page, "/Leads?handler=Xlsx", new Dictionary<string, string>(),
            "form[data-testid=filter-form]");

        csv.IsRefused().Should().BeTrue();
        xlsx.IsRefused().Should().BeTrue();
        (await csv.Content.ReadAsStringAsync()).Should().NotContain("钱晓红");
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.LeadsExported)))
            .Should().Be(0);
    }

    [Fact]
    public async Task Another_store_s_manager_sees_none_of_this_store_s_leads()
    {
        var store2 = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("store2.manager", store2.Id, Roles.SalesManager);
        using var stranger = await App.SignInAsync("store2.manager");

        var all = await stranger.GetDocumentAsync("/Leads");
        using var searched = await stranger.SubmitFormAsync("/Leads", new Dictionary<string, string> { ["Q"] = "138" },
            "form[data-testid=filter-form]");
        using var export = await stranger.SubmitFormAsync(all, "/Leads", new Dictionary<string, string>(),
            "form[data-testid=export-csv]");

        Names(all).Should().BeEmpty();
        Names(await TestClient.ParseAsync(searched)).Should().BeEmpty();
        (await export.Content.ReadAsStringAsync()).Should().NotContain("钱晓红").And.NotContain("138");
    }

    [Fact]
    public async Task Pages_follow_by_keyset_with_the_filters_kept_and_no_lead_twice_or_missed()
    {
        var today = App.TodayIn(_store);
        await App.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 55; i++)
            {
                var customer = new Customer(_store.Id, $"测试{i:D2}", Gender.Female, $"1350000{i:D4}", App.Now);
                db.Customers.Add(customer);
                await db.SaveChangesAsync();
                db.Leads.Add(NewLead(customer.Id, _zhangId, Grade.C, today));
            }

            await db.SaveChangesAsync();
        });
        using var client = await App.SignInAsync("manager");

        var first = await client.GetDocumentAsync("/Leads?grade=C");
        var next = first.QuerySelector("[data-testid=next-page]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);

        next.Should().Contain("Grade=C").And.Contain("before=");
        var page1 = Names(first);
        var page2 = Names(second);
        page1.Should().HaveCount(50).And.StartWith("测试55");
        page2.Should().HaveCount(6).And.EndWith(Formula, "the older C lead comes last");
        page1.Concat(page2).Should().OnlyHaveUniqueItems()
            .And.BeEquivalentTo(Enumerable.Range(1, 55).Select(i => $"测试{i:D2}").Append(Formula));
        second.QuerySelector("[data-testid=next-page]").Should().BeNull();
    }

    [Fact]
    public async Task A_manager_exports_the_filtered_list_to_csv_with_masked_id_numbers_and_safe_cells_and_it_is_audited()
    {
        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync("/Leads?source=InternetPlatform");

        using var response = await manager.SubmitFormAsync(page, "/Leads", new Dictionary<string, string>(),
            "form[data-testid=export-csv]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(Encoding.UTF8.Preamble.ToArray());
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, "the header and the one lead from an internet platform");
        lines[0].Should().Be("Customer,Mobile,Resident ID number,Grade,Status,Source,Intended model,Consultant,Next follow-up,Last follow-up,Created");
        lines[1].Should().StartWith("\"'=HYPERLINK(\"\"x\"\")\",13600002222,")
            .And.Contain(ResidentIdNumber.Mask(IdNumber))
            .And.Contain(",'-1+1,", "a model beginning with '-' is escaped too")
            .And.NotContain(IdNumber);
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.LeadsExported));
        entry.UserName.Should().Be("manager");
        entry.StoreId.Should().Be(_store.Id);
        entry.Details.Should().Contain("format=csv").And.Contain("rows=1").And.Contain("Source=InternetPlatform")
            .And.Contain("search=no");
    }

    [Fact]
    public async Task A_search_export_holds_the_search_s_rows_and_its_audit_entry_never_the_number_typed()
    {
        using var manager = await App.SignInAsync("manager");
        using var searched = await manager.SubmitFormAsync("/Leads", new Dictionary<string, string> { ["Q"] = "13812" },
            "form[data-testid=filter-form]");
        var page = await TestClient.ParseAsync(searched);

        using var response = await manager.SubmitFormAsync(page, "/Leads", new Dictionary<string, string>(),
            "form[data-testid=export-csv]");

        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[1].Should().StartWith("钱晓红,13812345678,");
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.LeadsExported));
        entry.Details.Should().Contain("rows=1").And.Contain("search=yes").And.NotContain("13812");
        response.RequestMessage!.RequestUri!.Query.Should().NotContain("13812");
    }

    [Fact]
    public async Task A_manager_exports_to_xlsx_that_opens_with_every_row_and_the_escaped_cell()
    {
        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync("/Leads");

        using var response = await manager.SubmitFormAsync(page, "/Leads", new Dictionary<string, string>(),
            "form[data-testid=export-xlsx]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should()
            .Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var sheet = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync());
        sheet.ValidationErrors.Should().BeEmpty();
        sheet.Name.Should().Be("Leads");
        sheet.Rows[0][0].Should().Be("Customer");
        sheet.Rows.Should().HaveCount(5, "the header and the store's four leads");
        var names = sheet.Rows.Skip(1).Select(r => r[0]).ToList();
        names.Should().BeEquivalentTo("钱晓红", "孙大伟", "赵逾期", "'" + Formula);
        sheet.Formulas.Should().Be(0);
        sheet.Cells.Should().Contain(ResidentIdNumber.Mask(IdNumber)).And.NotContain(IdNumber);
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.LeadsExported));
        entry.Details.Should().Contain("format=xlsx").And.Contain("rows=4");
    }

    private async Task CreateLeadOnAsync(Customer customer, long ownerId, Grade grade, DateOnly day) =>
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(NewLead(customer.Id, ownerId, grade, day));
            await db.SaveChangesAsync();
        });

    /// <summary>A lead as the card page makes it on <paramref name="day"/> (a past day leaves its plan overdue).</summary>
    private Lead NewLead(long customerId, long ownerId, Grade grade, DateOnly day)
    {
        var policy = new GradePolicy(_store.Id);
        return Lead.Create(new NewLead
        {
            StoreId = _store.Id,
            CustomerId = customerId,
            OwnerId = ownerId,
            Source = SourceChannel.DealerWebsite,
            Grade = grade,
            Interest = new LeadInterest { IntendedModel = "哈弗H6" },
            FirstPlan = new PlanRequest(policy.DefaultNextPlanDate(grade, day), null, ContactMethod.Phone,
                PlanPurpose.InviteToStore, null, null),
        }, policy, day, App.Now);
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=leads] tr[data-testid=lead-row] td:first-child a")
            .Select(a => a.TextContent).ToList();
}
