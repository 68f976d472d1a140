using System.Net;
using AngleSharp.Dom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Admin;

public sealed class StoresTests(AppFixture app) : WebTest(app)
{
    private TestClient _admin = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var store = await App.CreateStoreAsync("HQ", "Head office");
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        _admin = await App.SignInAsync("admin");
    }

    public override Task DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_creates_a_store_with_time_zone_and_working_hours()
    {
        using var response = await _admin.SubmitFormAsync("/Admin/Stores/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "sh-pd01",
            ["Input.Name"] = "上海浦东店",
            ["Input.TimeZoneId"] = "Asia/Urumqi",
            ["Input.Days"] = TestClient.Many("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
            ["Input.Opens"] = "09:00",
            ["Input.Closes"] = "18:00",
        });

        response.RedirectPath().Should().Be("/Admin/Stores");
        var store = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Code == "SH-PD01"));
        store.Name.Should().Be("上海浦东店");
        store.TimeZoneId.Should().Be("Asia/Urumqi");
        store.WorkingHours.Should().Be(new WorkingHours(
            WorkDays.Monday | WorkDays.Tuesday | WorkDays.Wednesday | WorkDays.Thursday | WorkDays.Friday,
            new TimeOnly(9, 0), new TimeOnly(18, 0)));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.StoreCreated)))
            .Should().Be(1);
        var list = await _admin.GetDocumentAsync("/Admin/Stores");
        list.QuerySelector("[data-testid=stores]")!.TextContent.Should().Contain("SH-PD01").And.Contain("上海浦东店");
    }

    [Fact]
    public async Task A_store_with_no_working_day_ticked_is_refused_not_saved_as_monday_to_saturday()
    {
        var page = await _admin.GetDocumentAsync("/Admin/Stores/Create");
        page.QuerySelectorAll("input[name='Input.Days']:checked").Length.Should().Be(6, "the form starts at Mon-Sat");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;
        var fields = TestClient.FormFields(form).Where(f => f.Key != "Input.Days").ToList();
        fields.RemoveAll(f => f.Key is "Input.Code" or "Input.Name");
        fields.Add(new("Input.Code", "NODAYS"));
        fields.Add(new("Input.Name", "无工作日店"));

        using var response = await _admin.Http.PostAsync("/Admin/Stores/Create", new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await TestClient.ParseAsync(response);
        again.FieldError("Input.Days").Should().Be("Tick at least one working day.");
        again.QuerySelectorAll("input[name='Input.Days']:checked").Should().BeEmpty("what was posted stays");
        again.InputValue("Input.Name").Should().Be("无工作日店");
        (await App.WithDbAsync(db => db.Stores.AnyAsync(s => s.Code == "NODAYS"))).Should().BeFalse();
    }

    [Fact]
    public async Task Time_zones_are_offered_by_names_people_read_in_their_language()
    {
        var english = await _admin.GetDocumentAsync("/Admin/Stores/Create");
        _admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await _admin.GetDocumentAsync("/Admin/Stores/Create");
        var list = await _admin.GetDocumentAsync("/Admin/Stores");

        static string Option(AngleSharp.Html.Dom.IHtmlDocument page, string zone) =>
            page.QuerySelector($"select[name='Input.TimeZoneId'] option[value='{zone}']")!.TextContent.Trim();
        Option(english, "Asia/Shanghai").Should().Be("China Standard Time (UTC+8)");
        Option(english, "Asia/Urumqi").Should().Be("Xinjiang Time (Urumqi) (UTC+6)");
        Option(chinese, "Asia/Shanghai").Should().Be("北京时间 (UTC+8)");
        Option(chinese, "UTC").Should().Be("协调世界时 (UTC)");
        chinese.QuerySelectorAll("select[name='Input.TimeZoneId'] option")
            .Should().OnlyContain(o => !o.TextContent.Contains('/'), "no raw ids like Asia/Shanghai");
        list.QuerySelector("[data-testid=stores]")!.TextContent.Should().Contain("北京时间 (UTC+8)")
            .And.NotContain("Asia/Shanghai");
    }

    [Fact]
    public async Task Bad_input_is_refused_beside_the_field_and_what_was_typed_stays()
    {
        using var response = await _admin.SubmitFormAsync("/Admin/Stores/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "bad code!",
            ["Input.Name"] = "<script>alert(1)</script>",
            ["Input.Opens"] = "18:00",
            ["Input.Closes"] = "09:00",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("<script>alert(1)</script>", "what was typed is shown encoded");
        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Code").Should().Contain("letters, digits and dashes");
        page.InputValue("Input.Code").Should().Be("bad code!");
        page.InputValue("Input.Name").Should().Be("<script>alert(1)</script>");
        (await App.WithDbAsync(db => db.Stores.CountAsync())).Should().Be(1, "nothing was saved");
    }

    [Fact]
    public async Task Closing_before_opening_is_refused_beside_the_closing_time()
    {
        using var response = await _admin.SubmitFormAsync("/Admin/Stores/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "BJ01",
            ["Input.Name"] = "Beijing",
            ["Input.Opens"] = "18:00",
            ["Input.Closes"] = "09:00",
        });

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Closes").Should().Be("The closing time must be after the opening time.");
        (await App.WithDbAsync(db => db.Stores.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_duplicate_code_is_refused()
    {
        using var response = await _admin.SubmitFormAsync("/Admin/Stores/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "hq",
            ["Input.Name"] = "Another",
        });

        (await TestClient.ParseAsync(response)).FieldError("Input.Code").Should().Be("Another store already has this code.");
    }

    [Fact]
    public async Task Editing_keeps_the_code_and_saves_name_and_hours()
    {
        var id = await App.WithDbAsync(db => db.Stores.Select(s => s.Id).SingleAsync());

        using var response = await _admin.SubmitFormAsync($"/Admin/Stores/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Code"] = "CHANGED",
            ["Input.Name"] = "Head office (new)",
            ["Input.Days"] = TestClient.Many("Saturday", "Sunday"),
        });

        response.RedirectPath().Should().Be("/Admin/Stores");
        var store = await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Id == id));
        store.Code.Should().Be("HQ");
        store.Name.Should().Be("Head office (new)");
        store.WorkingHours.Days.Should().Be(WorkDays.Saturday | WorkDays.Sunday);
    }

    [Fact]
    public async Task Two_admins_editing_one_store_do_not_overwrite_each_other()
    {
        var id = await App.WithDbAsync(db => db.Stores.Select(s => s.Id).SingleAsync());
        var first = await _admin.GetDocumentAsync($"/Admin/Stores/Edit/{id}");
        var second = await _admin.GetDocumentAsync($"/Admin/Stores/Edit/{id}");

        using var saved = await _admin.SubmitFormAsync(first, $"/Admin/Stores/Edit/{id}",
            new Dictionary<string, string> { ["Input.Name"] = "First admin's name" });
        using var conflict = await _admin.SubmitFormAsync(second, $"/Admin/Stores/Edit/{id}",
            new Dictionary<string, string> { ["Input.Name"] = "Second admin's name" });

        saved.RedirectPath().Should().Be("/Admin/Stores");
        conflict.StatusCode.Should().Be(HttpStatusCode.OK);
        (await conflict.Content.ReadAsStringAsync()).Should().Contain("Someone else changed this record");
        (await App.WithDbAsync(db => db.Stores.SingleAsync(s => s.Id == id))).Name.Should().Be("First admin's name");
    }

    [Fact]
    public async Task An_unknown_store_is_not_found()
    {
        using var response = await _admin.GetAsync("/Admin/Stores/Edit/999999");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
