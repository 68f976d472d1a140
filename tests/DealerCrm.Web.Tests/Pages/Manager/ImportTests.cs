using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>Spec 3.1: CSV import of unassigned leads — bad rows reported by line, good rows imported once.</summary>
public sealed class ImportTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
    }

    [Fact]
    public async Task Good_rows_are_imported_once_and_each_bad_row_is_reported_with_its_line_and_reason()
    {
        var csv = string.Join('\n',
            "姓名,手机,意向车型,来源,到达时间",
            "赵先生,139 0000 0001,星越L,经销商网站,2026-11-20 09:30",
            "钱女士,12345,帝豪,DealerWebsite,2026-11-20 10:00",
            "孙先生,13900000003,,Manufacturer Assigned,2026/11/21 8:05",
            "李先生,13900000004,博越,报纸,2026-11-21 09:00",
            ",13900000005,博越,网络平台,2026-11-21 09:00",
            "周先生,13900000006,博越,InternetPlatform,明天",
            "吴先生,13900000007,博越,InternetPlatform,2099-01-01 09:00",
            "郑先生,13900000008,\"=HYPERLINK(\"\"x\"\")\",网络平台,2026-11-22 09:00",
            "赵先生,13900000001,星越L,经销商网站,2026-11-20 09:30");
        using var manager = await App.SignInAsync("manager");

        using var first = await UploadAsync(manager, "leads.csv", Encoding.UTF8.GetBytes(csv));
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var result = await manager.GetDocumentAsync(first.RedirectPath()!);
        Figure(result, "rows-read").Should().Be("9");
        Figure(result, "added").Should().Be("3");
        Figure(result, "present").Should().Be("1", "line 10 repeats line 2");
        Figure(result, "refused").Should().Be("5");
        var problems = result.QuerySelectorAll("[data-testid=import-problems] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-line")!, r => r.TextContent);
        problems.Keys.Should().BeEquivalentTo(["3", "5", "6", "7", "8"]);
        problems["3"].Should().Contain("Mobile");
        problems["5"].Should().Contain("Source").And.Contain("Unknown source");
        problems["6"].Should().Contain("Name");
        problems["7"].Should().Contain("not a date and time");
        problems["8"].Should().Contain("future");

        var stored = await App.WithDbAsync(db => db.IncomingLeads.OrderBy(i => i.ArrivedAt).ToListAsync());
        stored.Select(i => i.Mobile).Should().BeEquivalentTo(["13900000001", "13900000003", "13900000008"],
            "the duplicate line 10 is line 2 again");
        stored.Should().HaveCount(3);
        stored[0].ArrivedAt.Should().Be(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8)), "store time");
        stored[1].Source.Should().Be(SourceChannel.ManufacturerAssigned);
        stored[2].IntendedModel.Should().Be("=HYPERLINK(\"x\")", "stored as typed; exports escape it");

        using var again = await UploadAsync(manager, "leads.csv", Encoding.UTF8.GetBytes(csv));
        var second = await manager.GetDocumentAsync(again.RedirectPath()!);
        Figure(second, "added").Should().Be("0", "the same file twice adds nothing");
        Figure(second, "present").Should().Be("4");
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(3);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "sales.leads_imported"))).Should().Be(2);
    }

    [Fact]
    public async Task A_large_file_is_read_by_the_background_job_once_and_the_page_shows_it_until_done()
    {
        var lines = new List<string> { "name,mobile,model,source,arrived_at" };
        for (var i = 0; i < 25_000; i++)
        {
            lines.Add($"客户{i},16{i:D9},星越L,InternetPlatform,2026-11-{1 + i % 20:D2} 09:{i % 60:D2}");
        }

        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        bytes.Length.Should().BeGreaterThan(DealerCrm.Web.Pages.Leads.LeadImporter.InlineMaxBytes);
        using var manager = await App.SignInAsync("manager");

        using var response = await UploadAsync(manager, "big.csv", bytes);

        var import = await App.WithDbAsync(db => db.LeadImports.SingleAsync());
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<DealerCrm.Web.Jobs.LeadImportJob>();
            await job.RunAsync(import.Id, CancellationToken.None);
            await job.RunAsync(import.Id, CancellationToken.None);
        }

        var page = await manager.GetDocumentAsync(response.RedirectPath()!);
        page.Body!.TextContent.Should().Contain("being read in the background", "the request did not wait for the file");
        Figure(page, "rows-read").Should().Be("25000");
        Figure(page, "added").Should().Be("25000");
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(25_000, "read once, however often the job runs");
        (await App.WithDbAsync(db => db.LeadImports.SingleAsync())).Content.Should().BeNull("the uploaded file is not kept");
        (await App.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "sales.leads_imported")))
            .UserName.Should().Be("manager", "the job records who imported");
    }

    [Fact]
    public async Task Arrival_times_at_the_ends_of_the_calendar_are_refused_as_unreadable_not_a_500()
    {
        var csv = string.Join("\n",
            "姓名,手机,意向车型,来源,到达时间",
            "赵先生,13900000001,星越L,经销商网站,0001-01-01 00:00",
            "钱女士,13900000002,帝豪,经销商网站,0001-01-01T00:00:00+08:00",
            "孙先生,13900000003,博越,经销商网站,1899-12-31 09:00");
        using var manager = await App.SignInAsync("manager");

        using var response = await UploadAsync(manager, "leads.csv", Encoding.UTF8.GetBytes(csv));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var result = await manager.GetDocumentAsync(response.RedirectPath()!);
        Figure(result, "refused").Should().Be("3");
        result.QuerySelectorAll("[data-testid=import-problems] tbody tr")
            .Should().OnlyContain(r => r.TextContent.Contains("not a date and time"));
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_source_words_the_help_text_names_are_accepted()
    {
        var csv = string.Join('\n',
            "name,mobile,model,source,arrived_at",
            "Wang,13900000011,H6,website,2026-11-20 09:30",
            "Chen,13900000012,H6,Manufacturer,2026-11-20 09:40",
            "Liu,13900000013,H6,internet platform,2026-11-20 09:50");
        using var manager = await App.SignInAsync("manager");

        using var upload = await UploadAsync(manager, "short-words.csv", Encoding.UTF8.GetBytes(csv));
        var result = await manager.GetDocumentAsync(upload.RedirectPath()!);

        Figure(result, "refused").Should().Be("0");
        Figure(result, "added").Should().Be("3");
        var stored = await App.WithDbAsync(db => db.IncomingLeads.OrderBy(i => i.Mobile).Select(i => i.Source).ToListAsync());
        stored.Should().Equal(SourceChannel.DealerWebsite, SourceChannel.ManufacturerAssigned, SourceChannel.InternetPlatform);
    }

    [Fact]
    public async Task The_template_in_chinese_imports_as_it_is()
    {
        using var manager = await App.SignInAsync("manager");
        manager.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        using var template = await manager.GetAsync("/Manager/Import?handler=Template");
        template.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var bytes = await template.Content.ReadAsByteArrayAsync();
        Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Should().StartWith("姓名,手机,意向车型,来源,到达时间");

        using var upload = await UploadAsync(manager, "template.csv", bytes);

        var result = await manager.GetDocumentAsync(upload.RedirectPath()!);
        (Figure(result, "added"), Figure(result, "refused")).Should().Be(("1", "0"));
        (await App.WithDbAsync(db => db.IncomingLeads.SingleAsync())).Name.Should().Be("张三");
    }

    [Fact]
    public async Task The_same_file_imported_twice_at_the_same_instant_is_stored_once()
    {
        var lines = new List<string> { "name,mobile,source,arrived_at" };
        lines.AddRange(Enumerable.Range(0, 500).Select(i => $"客户{i},139{i:D8},DealerWebsite,2026-11-20 09:{i % 60:D2}"));
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        using var manager = await App.SignInAsync("manager");

        var responses = await Task.WhenAll(UploadAsync(manager, "a.csv", bytes), UploadAsync(manager, "b.csv", bytes));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(500);
        var imports = await App.WithDbAsync(db => db.LeadImports.Select(i => new { i.Added, i.AlreadyPresent }).ToListAsync());
        imports.Sum(i => i.Added).Should().Be(500);
        imports.Sum(i => i.AlreadyPresent).Should().Be(500);
    }

    [Fact]
    public async Task A_gb18030_file_from_excel_keeps_its_chinese_names()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("姓名,手机,来源,到达时间\r\n欧阳娜娜,13900000001,厂家下发,2026-11-20 09:30\r\n");
        using var manager = await App.SignInAsync("manager");

        using var response = await UploadAsync(manager, "excel.csv", bytes);

        Figure(await manager.GetDocumentAsync(response.RedirectPath()!), "added").Should().Be("1");
        (await App.WithDbAsync(db => db.IncomingLeads.SingleAsync())).Name.Should().Be("欧阳娜娜");
    }

    [Fact]
    public async Task A_file_without_the_needed_columns_imports_nothing_and_says_which_are_missing()
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await UploadAsync(manager, "bad.csv", Encoding.UTF8.GetBytes("name,phone\n赵先生,13900000001\n"));

        var page = await manager.GetDocumentAsync(response.RedirectPath()!);
        Figure(page, "added").Should().Be("0");
        page.QuerySelector("[data-testid=import-problems]")!.TextContent.Should().Contain("Source").And.Contain("Arrived");
        (await App.WithDbAsync(db => db.IncomingLeads.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Submitting_without_a_file_asks_for_one()
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.SubmitFormAsync("/Manager/Import", new Dictionary<string, string>(),
            "form[data-testid=import-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).FieldError("Upload").Should().Be("Choose a CSV file to import.");
    }

    [Fact]
    public async Task Another_stores_import_result_is_not_shown()
    {
        using var manager = await App.SignInAsync("manager");
        using var response = await UploadAsync(manager, "leads.csv",
            Encoding.UTF8.GetBytes("name,mobile,source,arrived_at\n赵先生,13900000001,DealerWebsite,2026-11-20 09:30\n"));
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("manager2", other.Id, Roles.SalesManager);
        using var manager2 = await App.SignInAsync("manager2");

        (await manager2.GetAsync(response.RedirectPath()!)).IsRefused().Should().BeTrue();
    }

    private static string Figure(IHtmlDocument page, string testId) =>
        page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    private static async Task<HttpResponseMessage> UploadAsync(TestClient client, string fileName, byte[] content)
    {
        var page = await client.GetDocumentAsync("/Manager/Import");
        var token = page.QuerySelector<IHtmlInputElement>("form[data-testid=import-form] input[name=__RequestVerificationToken]")!.Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        return await client.Http.PostAsync("/Manager/Import", form);
    }
}
