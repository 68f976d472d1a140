using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>The delivery's callback (4.7): consent asked (default yes), due day from the store's calendar, officers in
/// turn.</summary>
public sealed class DeliveryCallbackTests(AppFixture app) : WebTest(app)
{
    // Wednesday 11 November 2026, 10:00 in Shanghai: day 3 is Saturday the 14th.
    private static readonly DateOnly Wednesday = new(2026, 11, 11);
    private Store _store = null!;
    private StaffUser _officerA = null!;
    private StaffUser _officerB = null!;
    private long _consultantId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(Wednesday.ToDateTime(new TimeOnly(10, 0)));
        _store = await App.CreateStoreAsync();
        _consultantId = (await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant)).Id;
        _officerA = await App.CreateUserAsync("crm.a", _store.Id, Roles.CrmOfficer);
        _officerB = await App.CreateUserAsync("crm.b", _store.Id, Roles.CrmOfficer);
    }

    [Fact]
    public async Task A_closed_day_3_moves_the_due_day_and_deliveries_go_to_the_officers_in_turn()
    {
        await App.WithDbAsync(async db =>
        {
            db.StoreHolidays.Add(new StoreHoliday(_store.Id, Wednesday.AddDays(3), HolidayKind.Closed, "店休"));
            await db.SaveChangesAsync();
        });

        using var li = await App.SignInAsync("consultant.li");
        var first = await OrderedLeadAsync("一号", "13900000001");
        var second = await OrderedLeadAsync("二号", "13900000002");
        (await DeliverAsync(li, first, "LSVAU218XN2183294", consent: null)).RedirectPath().Should().Be($"/Leads/{first}");
        (await DeliverAsync(li, second, Domain.Common.Vin.WithCheckDigit("LSVAU2180N2183295"), consent: null))
            .RedirectPath().Should().Be($"/Leads/{second}");

        var tasks = await App.WithDbAsync(db => db.CallbackTasks.OrderBy(t => t.Id).ToListAsync());
        tasks.Select(t => t.DueDate).Should().Equal([Wednesday.AddDays(2), Wednesday.AddDays(2)],
            "Saturday is closed: the last working day of days 1-3 is Friday");
        tasks.Select(t => t.AssignedToId).Should().Equal(_officerA.Id, _officerB.Id);
        tasks.Select(t => t.ContactName).Should().Equal("一号", "二号");
        (await App.WithDbAsync(db => db.Customers.Select(c => c.CallbackConsent).ToListAsync())).Should().AllBeEquivalentTo(true);
    }

    [Fact]
    public async Task A_buyer_who_declines_gets_no_callback_now_nor_from_the_job()
    {
        using var li = await App.SignInAsync("consultant.li");
        var lead = await OrderedLeadAsync("不要回访", "13900000001");
        var form = await li.GetDocumentAsync($"/Leads/{lead}/Deliver");
        ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("[data-testid=callback-consent]")!).IsChecked
            .Should().BeTrue("asked with yes as the default");

        (await DeliverAsync(li, lead, "LSVAU218XN2183294", consent: "false")).RedirectPath().Should().Be($"/Leads/{lead}");

        (await App.WithDbAsync(db => db.CallbackTasks.CountAsync())).Should().Be(0);
        var customer = await App.WithDbAsync(db => db.Customers.SingleAsync());
        (customer.CallbackConsent, customer.RefusesCallbacks, customer.CallbackConsentChangedAt).Should().Be((false, true, App.Now));
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var run = await new ThreeDayCallbacksJob(scope.ServiceProvider.GetRequiredService<Web.Data.CrmDbContext>(), App.Clock,
            NullLogger<ThreeDayCallbacksJob>.Instance).RunAsync(CancellationToken.None);
        run.NewCarTasks.Should().Be(0, "a refusal is honoured by the job too");
    }

    private async Task<long> OrderedLeadAsync(string name, string mobile)
    {
        var customer = await App.CreateCustomerAsync(_store.Id, name, mobile);
        var lead = await App.CreateLeadAsync(_store, customer, _consultantId);
        await App.ChangeLeadAsync(lead.Id, (l, _) => l.PlaceOrder(
            new OrderRequest(Wednesday, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null, null),
            new GradePolicy(_store.Id), Wednesday, _consultantId, App.Now));
        return lead.Id;
    }

    private static async Task<HttpResponseMessage> DeliverAsync(TestClient client, long leadId, string vin, string? consent)
    {
        var values = new Dictionary<string, string>
        {
            ["Input.Vin"] = vin,
            ["Input.FinalPrice"] = "148000",
            ["Input.InvoiceNumber"] = "FP-" + leadId,
        };
        if (consent is not null)
        {
            values["Input.CallbackConsent"] = consent;
        }

        return await client.SubmitFormAsync($"/Leads/{leadId}/Deliver", values, "form[data-testid=delivery-form]");
    }
}
