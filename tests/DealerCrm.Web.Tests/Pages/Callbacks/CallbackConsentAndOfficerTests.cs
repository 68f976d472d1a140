using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Callbacks;

/// <summary>
/// 4.7 consent and 4.3 officers: withdrawing callback consent or blacklisting the customer closes their open callbacks
/// with the change; deactivating a CRM officer puts their open callbacks back in the store's queue.
/// </summary>
public sealed class CallbackConsentAndOfficerTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _zhao = null!;
    private Customer _customer = null!;
    private CallbackTask _open = null!;
    private CallbackTask _other = null!;
    private CallbackTask _closed = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(CallbackBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        _zhao = await App.CreateUserAsync("zhao", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        _customer = await App.CreateOwnerAsync(_store.Id, "孙女士", "13800138000", Gender.Female);
        await App.WithDbAsync(async db =>
        {
            var c = await db.Customers.SingleAsync(x => x.Id == _customer.Id);
            c.SetConsent(false, true, null, null, App.Now);
            await db.SaveChangesAsync();
        });
        var today = App.TodayIn(_store);
        _open = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, _customer.Id, null, null,
            today, App.Now, occasionKey: "b1", assignedToId: _zhao.Id));
        _closed = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.DormantCustomer, _customer.Id, null,
            null, today, App.Now, occasionKey: "d1", assignedToId: _zhao.Id));
        await App.WithDbAsync(async db =>
        {
            var t = await db.CallbackTasks.SingleAsync(x => x.Id == _closed.Id);
            t.Cancel(null, App.Now.AddDays(-1));
            await db.SaveChangesAsync();
        });
        var someoneElse = await App.CreateOwnerAsync(_store.Id, "周先生", "13800138001");
        _other = await App.SaveTaskAsync(new CallbackTask(_store.Id, CallbackType.BirthdayCare, someoneElse.Id, null,
            null, today, App.Now, occasionKey: "b2", assignedToId: _zhao.Id));
    }

    private Task<CallbackTask> TaskAsync(long id) =>
        App.WithDbAsync(db => db.CallbackTasks.AsNoTracking().SingleAsync(t => t.Id == id));

    [Fact]
    public async Task Withdrawing_callback_consent_closes_the_customers_open_callbacks()
    {
        using var crm = await App.SignInAsync("crm");

        using var response = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}",
            new Dictionary<string, string> { ["Input.CallbackConsent"] = "false" }, "form[data-testid=customer-form]");

        response.RedirectPath().Should().Be($"/Customers/{_customer.Id}");
        var open = await TaskAsync(_open.Id);
        open.Status.Should().Be(CallbackStatus.Cancelled);
        open.ClosedAt.Should().Be(App.Now);
        (await TaskAsync(_closed.Id)).ClosedAt.Should().Be(App.Now.AddDays(-1), "a closed task stays as it was");
        (await TaskAsync(_other.Id)).Status.Should().Be(CallbackStatus.Open, "another customer's task is not touched");
    }

    [Fact]
    public async Task Blacklisting_closes_them_too_and_an_unrelated_edit_does_not()
    {
        using var crm = await App.SignInAsync("crm");

        using var unrelated = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}",
            new Dictionary<string, string> { ["Input.Region"] = "浦东" }, "form[data-testid=customer-form]");
        (await TaskAsync(_open.Id)).Status.Should().Be(CallbackStatus.Open);
        using var blacklisted = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}",
            new Dictionary<string, string> { ["Input.IsBlacklisted"] = "true", ["Input.BlacklistReason"] = "恶意投诉" },
            "form[data-testid=customer-form]");

        blacklisted.RedirectPath().Should().Be($"/Customers/{_customer.Id}");
        (await TaskAsync(_open.Id)).Status.Should().Be(CallbackStatus.Cancelled);
    }

    [Fact]
    public async Task Deactivating_an_officer_puts_their_open_callbacks_back_in_the_stores_queue()
    {
        using var admin = await App.SignInAsync("admin");

        using var response = await admin.SubmitFormAsync($"/Admin/Users/Edit/{_zhao.Id}",
            new Dictionary<string, string>(), "form[action$='handler=Deactivate']");

        response.RedirectPath().Should().Be($"/Admin/Users/Edit/{_zhao.Id}");
        (await TaskAsync(_open.Id)).AssignedToId.Should().BeNull();
        (await TaskAsync(_other.Id)).AssignedToId.Should().BeNull();
        (await TaskAsync(_closed.Id)).AssignedToId.Should().Be(_zhao.Id, "closed tasks keep who had them");
        using var crm = await App.SignInAsync("crm");
        var queue = await crm.GetDocumentAsync("/Callbacks");
        queue.QuerySelectorAll("[data-testid=take]").Should().HaveCount(2);
    }
}
