using System.Net;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Callbacks;

/// <summary>
/// Who reaches the service reminders (issue 14: "access as for callbacks"): the CRM officer works them from the queue
/// and the call form; service advisors and the service manager see the bookings on /Service; receptionists and sales
/// consultants are refused the reminders and the bookings; another store's users reach no reminder of this store by
/// URL and see none of its bookings. Nothing changes in the database on any refusal.
/// </summary>
public sealed class ReminderAccessTests(AppFixture app) : WebTest(app)
{
    private const string Mobile = "13800138000";

    private Store _store = null!;
    private CallbackTask _open = null!;
    private CallbackTask _booked = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        var officer = await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        var customer = await App.CreateOwnerAsync(_store.Id, "冯先生", Mobile);
        var car = await App.CreateVehicleAsync(_store.Id, customer.Id, "沪A12345");
        var today = App.TodayIn(_store);
        _open = await App.CreateReminderAsync(_store, customer.Id, today,
            [(car, ServiceReminderReason.Maintenance, today.AddDays(5))], officer.Id);
        var other = await App.CreateOwnerAsync(_store.Id, "卫女士", "13800138001");
        var otherCar = await App.CreateVehicleAsync(_store.Id, other.Id, "沪B67890");
        _booked = await App.CreateReminderAsync(_store, other.Id, today.AddDays(-1),
            [(otherCar, ServiceReminderReason.InsuranceExpiring, today.AddDays(25))], officer.Id,
            ReminderBuilders.ReachedAt(App.Now, officer.Id, _store.StartOfLocalDay(today.AddDays(2)).AddHours(9)));
    }

    /// <summary>The reached-and-booked post, with a real anti-forgery token when the user has a page that gives one, so
    /// only the authorization or the store scoping refuses it.</summary>
    private static FormUrlEncodedContent Reached(string token = "") => new(
    [
        new("__RequestVerificationToken", token), new("Input.Outcome", "Reached"), new("Input.NumberDialled", Mobile), new("Input.Booked", "true"),
        new("Input.BookedFor", "2026-12-12T09:30"), new("Input.Version", "0"),
    ]);

    private static bool ListsBooking(AngleSharp.Html.Dom.IHtmlDocument page, long taskId) =>
        page.QuerySelector($"[data-testid=booking-row][data-task-id='{taskId}']") is not null;

    [Fact]
    public async Task The_crm_officer_works_reminders_from_the_queue_and_the_call_form()
    {
        using var zhao = await App.SignInAsync("zhao");

        var queue = await zhao.GetDocumentAsync("/Callbacks?kind=Reminders");
        var call = await zhao.GetDocumentAsync($"/Callbacks/{_open.Id}");
        using var saved = await zhao.SubmitFormAsync($"/Callbacks/{_open.Id}", new Dictionary<string, string>
        {
            ["Input.Outcome"] = "Reached", ["Input.NumberDialled"] = Mobile, ["Input.Booked"] = "true",
            ["Input.BookedFor"] = "2026-12-12T09:30",
        }, "form[data-testid=call-form]");

        queue.QuerySelector($"[data-task-id='{_open.Id}'] [data-testid=open-call]").Should().NotBeNull();
        call.QuerySelector("form[data-testid=call-form]").Should().NotBeNull();
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.CallbackTasks.SingleAsync(t => t.Id == _open.Id))).BookedFor.Should().NotBeNull();
    }

    [Theory]
    [InlineData(Roles.ServiceAdvisor)]
    [InlineData(Roles.ServiceManager)]
    public async Task Service_advisors_and_the_service_manager_see_the_bookings_on_service(string role)
    {
        await App.CreateUserAsync("desk", _store.Id, role);
        using var desk = await App.SignInAsync("desk");

        var page = await desk.GetDocumentAsync("/Service");

        ListsBooking(page, _booked.Id).Should().BeTrue();
        ListsBooking(page, _open.Id).Should().BeFalse("an open reminder books nothing");
    }

    [Fact]
    public async Task A_service_advisor_sees_bookings_but_works_no_reminder_call()
    {
        await App.CreateUserAsync("desk", _store.Id, Roles.ServiceAdvisor);
        using var desk = await App.SignInAsync("desk");
        var before = await SnapshotAsync();

        (await desk.GetAsync($"/Callbacks/{_open.Id}")).IsRefused().Should().BeTrue();
        using var post = await desk.Http.PostAsync($"/Callbacks/{_open.Id}", Reached());

        post.IsRefused().Should().BeTrue();
        (await SnapshotAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.SalesConsultant)]
    public async Task Receptionists_and_consultants_are_refused_the_reminders_and_the_bookings(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        var before = await SnapshotAsync();

        foreach (var url in new[] { "/Callbacks?kind=Reminders", $"/Callbacks/{_open.Id}", "/Service" })
        {
            (await client.GetAsync(url)).IsRefused().Should().BeTrue($"GET {url} as {role}");
        }

        using var post = await client.Http.PostAsync($"/Callbacks/{_open.Id}", Reached());
        post.IsRefused().Should().BeTrue();
        (await SnapshotAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.ServiceAdvisor)]
    [InlineData(Roles.ServiceManager)]
    public async Task Another_stores_users_reach_no_reminder_and_see_no_booking_of_this_store(string role)
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("elsewhere", other.Id, role);
        using var client = await App.SignInAsync("elsewhere");
        var before = await SnapshotAsync();

        var home = await client.GetDocumentAsync(role == Roles.ServiceAdvisor ? "/Service" : "/Callbacks");
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? string.Empty;
        using var call = await client.GetAsync($"/Callbacks/{_open.Id}");
        using var post = await client.Http.PostAsync($"/Callbacks/{_open.Id}", Reached(token));

        call.IsRefused().Should().BeTrue();
        post.IsRefused().Should().BeTrue();
        if (role != Roles.CrmOfficer)
        {
            var service = await client.GetDocumentAsync("/Service");
            ListsBooking(service, _booked.Id).Should().BeFalse();
            service.Body!.TextContent.Should().NotContain("卫女士");
        }
        else
        {
            var queue = await client.GetDocumentAsync("/Callbacks?kind=Reminders");
            queue.Body!.TextContent.Should().NotContain("冯先生");
        }

        (await SnapshotAsync()).Should().Be(before);
    }

    private Task<string> SnapshotAsync() => App.WithDbAsync(async db => string.Join('|',
        string.Join(',', await db.CallbackTasks.OrderBy(t => t.Id)
            .Select(t => $"{t.Id}:{t.Status}:{t.AssignedToId}:{t.BookedFor}").ToListAsync()),
        await db.CallbackAttempts.CountAsync(), await db.Notifications.CountAsync()));
}
