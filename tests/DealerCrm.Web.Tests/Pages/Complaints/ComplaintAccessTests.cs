using AngleSharp.Dom;
using System.Globalization;
using System.Net;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Service;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Complaints;

/// <summary>
/// Who reaches the grievance and complaint pages (issue 12 "Access"): the service manager and the GM read the store's
/// items and work them; the sales manager reads and works the Sales department's; the CRM officer reads all, enters
/// complaints and adds notes but does not work them; a service advisor reads only the items on their own repair
/// orders and changes nothing; consultants, receptionists and Admins are refused; another store's users reach no item
/// by URL. Nothing changes in the database on any refusal.
/// </summary>
public sealed class ComplaintAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Complaint _service = null!;
    private Complaint _sales = null!;
    private Complaint _ownOrder = null!;
    private StaffUser _advisor = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(ComplaintBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        await App.AddDefaultsAsync(_store);
        var manager = await App.CreateUserAsync("sm", _store.Id, Roles.ServiceManager);
        _advisor = await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        var colleague = await App.CreateUserAsync("colleague", _store.Id, Roles.ServiceAdvisor);
        var customer = await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
        var car = await App.CreateVehicleAsync(_store, customer, 1);
        var mine = await App.CreateVisitAsync(_store, car, "RO-1", TimeSpan.FromDays(2), completed: true, advisorId: _advisor.Id);
        var theirs = await App.CreateVisitAsync(_store, car, "RO-2", TimeSpan.FromDays(1), completed: true, advisorId: colleague.Id);
        _ownOrder = await App.OpenComplaintAsync(_store, customer.Id, manager.Id, vehicleId: car.Id, visitId: mine.Id,
            description: "本人工单");
        _service = await App.OpenComplaintAsync(_store, customer.Id, manager.Id, vehicleId: car.Id, visitId: theirs.Id,
            description: "同事工单");
        _sales = await App.OpenComplaintAsync(_store, customer.Id, manager.Id, department: ComplaintDepartment.Sales,
            category: "DeliveryHandover", description: "交车问题");
    }

    /// <summary>Read but not allowed: 403, which the cookie scheme answers with the access-denied page.</summary>
    private static bool Forbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect
            && response.RedirectPath()!.StartsWith("/Account/AccessDenied", StringComparison.Ordinal));

    private static string Id(Complaint c) => c.Id.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> TokenAsync(TestClient client) =>
        TestClient.FormFields((await client.GetDocumentAsync("/Account/ChangePassword"))
                .QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!)
            .Single(f => f.Key == "__RequestVerificationToken").Value;

    /// <summary>Every act on the item's page, posted with a real token and the item's current version.</summary>
    private async Task<List<(string Handler, HttpResponseMessage Response)>> PostEveryActAsync(TestClient client, Complaint item)
    {
        var token = await TokenAsync(client);
        var version = (await App.LoadComplaintAsync(item.Id)).Version.ToString(CultureInfo.InvariantCulture);
        var acts = new (string Handler, string Field, string Value)[]
        {
            ("Step", "Step.Type", "FirstContact"), ("Resolve", "Resolve.Resolution", "修好了"),
            ("Raise", "Raise.Note", "升级"), ("Assign", "Assign.Department", "Sales"),
            ("Category", "Category.Code", "Price"), ("Note", "Note.Text", "备注"),
        };
        var responses = new List<(string, HttpResponseMessage)>();
        foreach (var (handler, field, value) in acts)
        {
            var prefix = field.Split('.')[0];
            responses.Add((handler, await client.Http.PostAsync($"/Complaints/{item.Id}?handler={handler}",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), new(field, value),
                    new($"{prefix}.Version", version)]))));
        }

        return responses;
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.Admin)]
    public async Task Roles_without_complaints_are_refused_the_list_the_item_the_form_and_every_act(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        var before = await SnapshotAsync();

        foreach (var url in new[] { "/Complaints", $"/Complaints/{Id(_service)}", "/Complaints/New" })
        {
            (await client.GetAsync(url)).IsRefused().Should().BeTrue($"GET {url} as {role}");
        }

        (await PostEveryActAsync(client, _service)).Should().OnlyContain(r => r.Response.IsRefused());
        (await SnapshotAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.GeneralManager)]
    public async Task The_service_manager_and_the_gm_read_every_item_and_work_them(string role)
    {
        await App.CreateUserAsync("boss", _store.Id, role);
        using var boss = await App.SignInAsync("boss");

        var list = await boss.GetDocumentAsync("/Complaints");
        list.QuerySelectorAll("[data-testid=complaint-row]").Should().HaveCount(3);
        (await boss.GetAsync("/Complaints/New")).StatusCode.Should().Be(HttpStatusCode.OK);
        var item = await boss.GetDocumentAsync($"/Complaints/{Id(_service)}");
        item.QuerySelector("form[data-testid=resolve-form]").Should().NotBeNull();
        using var noted = await boss.SubmitFormAsync($"/Complaints/{Id(_service)}",
            new Dictionary<string, string> { ["Note.Text"] = "已处理" }, "form[data-testid=note-form]");
        noted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var step = await boss.SubmitFormAsync($"/Complaints/{Id(_service)}",
            new Dictionary<string, string> { ["Step.Type"] = "FirstContact" }, "form[data-testid=step-form]");
        step.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_crm_officer_reads_all_enters_complaints_and_adds_notes_but_does_not_work_an_item()
    {
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        using var crm = await App.SignInAsync("crm");

        (await crm.GetDocumentAsync("/Complaints")).QuerySelectorAll("[data-testid=complaint-row]").Should().HaveCount(3);
        (await crm.GetAsync("/Complaints/New")).StatusCode.Should().Be(HttpStatusCode.OK);
        var item = await crm.GetDocumentAsync($"/Complaints/{Id(_service)}");
        item.QuerySelector("form[data-testid=note-form]").Should().NotBeNull();
        item.QuerySelector("form[data-testid=resolve-form]").Should().BeNull();
        var before = await SnapshotAsync();

        var responses = await PostEveryActAsync(crm, _service);

        responses.Where(r => r.Handler is "Step" or "Resolve" or "Assign" or "Category")
            .Should().OnlyContain(r => Forbidden(r.Response));
        responses.Single(r => r.Handler == "Note").Response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        responses.Single(r => r.Handler == "Raise").Response.StatusCode.Should().Be(HttpStatusCode.OK,
            "a complaint is not raised again: the page says so");
        (await SnapshotAsync()).Should().NotBe(before, "the note was added");
    }

    [Fact]
    public async Task The_sales_manager_reads_and_works_only_the_sales_items()
    {
        await App.CreateUserAsync("salesboss", _store.Id, Roles.SalesManager);
        using var boss = await App.SignInAsync("salesboss");

        var list = await boss.GetDocumentAsync("/Complaints");
        list.QuerySelectorAll("[data-testid=complaint-row]").Select(r => r.GetAttribute("data-complaint-id"))
            .Should().Equal(Id(_sales));
        (await boss.GetAsync($"/Complaints/{Id(_service)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var before = await SnapshotAsync();
        (await PostEveryActAsync(boss, _service)).Should().OnlyContain(r => r.Response.StatusCode == HttpStatusCode.NotFound);
        (await SnapshotAsync()).Should().Be(before);

        using var resolved = await boss.SubmitFormAsync($"/Complaints/{Id(_sales)}",
            new Dictionary<string, string> { ["Resolve.Resolution"] = "补交了随车资料" }, "form[data-testid=resolve-form]");
        resolved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await boss.GetAsync("/Complaints/New")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_service_advisor_reads_only_the_items_on_their_own_repair_orders_and_cannot_act()
    {
        using var advisor = await App.SignInAsync("advisor");

        var list = await advisor.GetDocumentAsync("/Complaints");
        list.QuerySelectorAll("[data-testid=complaint-row]").Select(r => r.GetAttribute("data-complaint-id"))
            .Should().Equal(Id(_ownOrder));
        var own = await advisor.GetDocumentAsync($"/Complaints/{Id(_ownOrder)}");
        own.QuerySelectorAll("main form[method=post]").Should().BeEmpty("the advisor reads only");
        (await advisor.GetAsync($"/Complaints/{Id(_service)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await advisor.GetAsync($"/Complaints/{Id(_sales)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await advisor.GetAsync("/Complaints/New")).IsRefused().Should().BeTrue();
        var before = await SnapshotAsync();

        (await PostEveryActAsync(advisor, _ownOrder)).Should().OnlyContain(r => Forbidden(r.Response));
        (await PostEveryActAsync(advisor, _service)).Should().OnlyContain(r => r.Response.StatusCode == HttpStatusCode.NotFound);
        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_advisor_named_responsible_works_the_item()
    {
        await App.ChangeComplaintAsync(_store, _service.Id, (c, _) =>
            c.AssignResponsible(_advisor.Id, ComplaintDepartment.AfterSales, _advisor.Id, App.Now));
        using var advisor = await App.SignInAsync("advisor");

        using var step = await advisor.SubmitFormAsync($"/Complaints/{Id(_service)}",
            new Dictionary<string, string> { ["Step.Type"] = "FirstContact" }, "form[data-testid=step-form]");

        step.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.GeneralManager)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.SalesManager)]
    public async Task Another_stores_users_reach_no_item_of_this_store_by_url(string role)
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("elsewhere", other.Id, role);
        using var client = await App.SignInAsync("elsewhere");
        var before = await SnapshotAsync();

        foreach (var item in new[] { _service, _sales })
        {
            (await client.GetAsync($"/Complaints/{Id(item)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await PostEveryActAsync(client, item)).Should().OnlyContain(r => r.Response.StatusCode == HttpStatusCode.NotFound);
        }

        (await client.GetDocumentAsync("/Complaints")).QuerySelectorAll("[data-testid=complaint-row]").Should().BeEmpty();
        (await client.GetAsync("/Complaints/New?customerId=" + (await App.LoadComplaintAsync(_service.Id)).CustomerId))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await SnapshotAsync()).Should().Be(before);
    }

    private Task<string> SnapshotAsync() => App.WithDbAsync(async db => string.Join('|',
        string.Join(',', await db.Complaints.OrderBy(c => c.Id)
            .Select(c => $"{c.Id}:{c.Kind}:{c.Status}:{c.CategoryCode}:{c.Department}:{c.ResponsibleUserId}").ToListAsync()),
        await db.ComplaintSteps.CountAsync(s => s.DoneAt != null), await db.CallbackTasks.CountAsync(),
        await db.Notifications.CountAsync()));
}
