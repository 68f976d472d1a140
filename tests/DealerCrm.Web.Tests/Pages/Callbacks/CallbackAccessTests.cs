using System.Net;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Callbacks;

/// <summary>
/// Who reaches the callback pages (spec roles): the CRM officer works them; the service manager and the general manager
/// read them and change nothing; sales consultants, receptionists and service advisors are refused; another store's
/// users reach no task of this store by URL. Nothing changes in the database on any refusal.
/// </summary>
public sealed class CallbackAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private CallbackTask _task = null!;
    private CallbackTask _colleagues = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        var qian = await App.CreateUserAsync("qian", _store.Id, Roles.CrmOfficer);
        var customer = await App.CreateOwnerAsync(_store.Id, "冯先生", "13800138000");
        _task = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, customer.Id, null, null,
            App.TodayIn(_store), App.Now, occasionKey: "b1"));
        var other = await App.CreateOwnerAsync(_store.Id, "卫女士", "13800138001");
        _colleagues = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, other.Id, null, null,
            App.TodayIn(_store), App.Now, occasionKey: "b2", assignedToId: qian.Id));
    }

    private string[] Pages => ["/Callbacks", $"/Callbacks/{_task.Id}"];

    private static FormUrlEncodedContent Attempt() => new(
        [new("Input.Outcome", "NoAnswer"), new("Input.NumberDialled", "13800138000"), new("version", "0")]);

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.ServiceAdvisor)]
    [InlineData(Roles.SalesManager)]
    public async Task Roles_without_callback_work_are_refused_every_page_and_post(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        var before = await SnapshotAsync();

        foreach (var page in Pages)
        {
            (await client.GetAsync(page)).IsRefused().Should().BeTrue($"GET {page} as {role}");
            using var post = await client.Http.PostAsync(page, Attempt());
            post.IsRefused().Should().BeTrue($"POST {page} as {role}");
        }

        using var take = await client.Http.PostAsync($"/Callbacks?handler=Take&id={_task.Id}", Attempt());
        take.IsRefused().Should().BeTrue();
        (await SnapshotAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.GeneralManager)]
    public async Task Managers_read_the_queue_and_the_call_but_record_and_take_nothing(string role)
    {
        await App.CreateUserAsync("boss", _store.Id, role);
        using var boss = await App.SignInAsync("boss");
        var before = await SnapshotAsync();

        var queue = await boss.GetDocumentAsync("/Callbacks");
        var call = await boss.GetDocumentAsync($"/Callbacks/{_task.Id}");
        call.QuerySelector("form[data-testid=call-form]").Should().BeNull();

        // Posted with a real anti-forgery token (from the page's own forms), so only the authorization refuses them.
        var token = queue.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? call.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = await boss.Http.PostAsync($"/Callbacks/{_task.Id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Outcome", "NoAnswer"), new("Input.NumberDialled", "13800138000")]));
        using var take = await boss.Http.PostAsync($"/Callbacks?handler=Take&id={_task.Id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("version", "0")]));

        post.IsRefused().Should().BeTrue();
        take.IsRefused().Should().BeTrue();
        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task The_crm_officer_works_the_callbacks()
    {
        await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        using var zhao = await App.SignInAsync("zhao");

        (await zhao.GetAsync("/Callbacks")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var saved = await zhao.SubmitFormAsync($"/Callbacks/{_task.Id}",
            new Dictionary<string, string> { ["Input.Outcome"] = "NoAnswer" }, "form[data-testid=call-form]");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.CallbackAttempts.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task An_officer_reads_but_cannot_record_on_a_colleagues_task()
    {
        await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        using var zhao = await App.SignInAsync("zhao");
        var before = await SnapshotAsync();

        var page = await zhao.GetDocumentAsync($"/Callbacks/{_colleagues.Id}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await zhao.GetDocumentAsync("/Callbacks")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = await zhao.Http.PostAsync($"/Callbacks/{_colleagues.Id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Outcome", "NoAnswer"), new("Input.NumberDialled", "13800138001")]));

        page.QuerySelector("form[data-testid=call-form]").Should().BeNull();
        post.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(post)).QuerySelector("[data-testid=call-error]")!.TextContent
            .Should().Contain("Another CRM officer has taken this callback.");
        (await SnapshotAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.GeneralManager)]
    public async Task Another_stores_users_reach_no_task_of_this_store_by_url(string role)
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("elsewhere", other.Id, role);
        using var client = await App.SignInAsync("elsewhere");
        var before = await SnapshotAsync();

        (await client.GetAsync($"/Callbacks/{_task.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var queue = await client.GetDocumentAsync("/Callbacks");
        queue.Body!.TextContent.Should().NotContain("冯先生").And.NotContain("卫女士");
        var token = queue.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? string.Empty;
        using var take = await client.Http.PostAsync($"/Callbacks?handler=Take&id={_task.Id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("version", "0")]));
        take.IsSuccessStatusCode.Should().BeFalse();
        take.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        (await SnapshotAsync()).Should().Be(before);
    }

    private Task<string> SnapshotAsync() => App.WithDbAsync(async db => string.Join('|',
        string.Join(',', await db.CallbackTasks.OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.Status}:{t.AssignedToId}").ToListAsync()),
        await db.CallbackAttempts.CountAsync(), await db.Notifications.CountAsync()));
}
