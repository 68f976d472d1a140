using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>The card's history: every line says what changed, from what to what, in the reader's language.</summary>
public sealed class LeadHistoryTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _zhang = null!;
    private Lead _lead = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        var customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _lead = await App.CreateLeadAsync(_store, customer, _li.Id, Grade.A);
    }

    [Fact]
    public async Task An_order_a_reassignment_and_a_delivery_each_say_what_changed_in_English_and_Chinese()
    {
        var today = App.TodayIn(_store);
        using (var li = await App.SignInAsync("consultant.li"))
        {
            using var interest = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
            {
                ["Interest.IntendedModel"] = "坦克500",
                ["Interest.PaymentMethod"] = "Loan",
            }, "form[data-testid=interest-form]");
            interest.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
            using var ordered = await li.SubmitFormAsync($"/Leads/{_lead.Id}/Order", new Dictionary<string, string>
            {
                ["Input.Model"] = "坦克500",
                ["Input.AgreedPrice"] = "150000",
                ["Input.Deposit"] = "5000",
            }, "form[data-testid=order-form]");
            ordered.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        }

        using var manager = await App.SignInAsync("manager");
        using var moved = await manager.SubmitFormAsync($"/Leads/{_lead.Id}/Reassign", new Dictionary<string, string>
        {
            ["OwnerId"] = _zhang.Id.ToString(),
            ["Reason"] = "李顾问休假",
        }, "form[data-testid=reassign-form]");
        moved.RedirectPath().Should().Be($"/Leads/{_lead.Id}");

        using (var zhang = await App.SignInAsync("consultant.zhang"))
        {
            using var delivered = await zhang.SubmitFormAsync($"/Leads/{_lead.Id}/Deliver", new Dictionary<string, string>
            {
                ["Input.Vin"] = "LSVAU218XN2183294",
                ["Input.FinalPrice"] = "148000",
                ["Input.InvoiceNumber"] = "FP-20261124-01",
            }, "form[data-testid=delivery-form]");
            delivered.RedirectPath().Should().Be($"/Leads/{_lead.Id}");
        }

        var english = await HistoryAsync(manager);
        english.Should().Contain([
            "Status: Ordered → Won",
            "Delivered: VIN LSVAU218XN2183294, price ¥148,000",
            "Consultant: Display consultant.li → Display consultant.zhang",
            "Order entered: 坦克500, price ¥150,000, deposit ¥5,000",
            "Grade: A → O",
            "Interest, Intended model: 哈弗H6 → 坦克500",
            "Interest, Payment: Not known yet → Loan",
            "Card created: grade A, consultant Display consultant.li",
            $"Follow-up planned for {today.AddDays(7):yyyy-MM-dd}",
        ]);
        english.Should().NotContain(["Status changed", "Consultant changed", "Grade changed", "Order entered", "Interest updated"],
            "no line only names the kind of change");

        manager.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var chinese = await HistoryAsync(manager);
        chinese.Should().Contain([
            "状态：已订车 → 已成交",
            "交车：车架号 LSVAU218XN2183294，成交价 ¥148,000",
            "销售顾问：Display consultant.li → Display consultant.zhang",
            "录入订单：坦克500，成交价 ¥150,000，定金 ¥5,000",
            "级别：A → O",
        ]);

        var delivery = await App.WithDbAsync(db => db.LeadEvents.SingleAsync(e => e.Kind == LeadEventKind.Delivered));
        (delivery.Vin, delivery.Amount, delivery.ActorId, delivery.OrderId)
            .Should().Be(("LSVAU218XN2183294", 148_000m, _zhang.Id, await App.WithDbAsync(db => db.Orders.Select(o => (long?)o.Id).SingleAsync())));
    }

    /// <summary>The lines of the card's history, in the order shown.</summary>
    private async Task<List<string>> HistoryAsync(TestClient client)
    {
        var page = await client.GetDocumentAsync($"/Leads/{_lead.Id}");
        return page.QuerySelectorAll("[data-testid=lead-history] [data-kind]").Select(e => e.TextContent.Trim()).ToList();
    }
}
