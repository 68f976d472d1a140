using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Customers;

/// <summary>Spec 1.2/3.4 search: any part of a name or mobile, scoped, keyset-paged, never a number in a URL.</summary>
public sealed class CustomerSearchTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1");
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        var zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        var qian = await App.CreateCustomerAsync(_store.Id, "钱晓红", "13812345678");
        var sun = await App.CreateCustomerAsync(_store.Id, "孙大伟", "13987654321");
        await App.CreateLeadAsync(_store, qian, li.Id);
        await App.CreateLeadAsync(_store, sun, zhang.Id);
    }

    [Theory]
    [InlineData("晓红", "钱晓红")]
    [InlineData("5432", "孙大伟")]
    [InlineData("138-1234", "钱晓红")]
    public async Task A_manager_finds_a_customer_by_part_of_the_name_or_the_mobile(string q, string expected)
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = q },
            "form[data-testid=search-form]");

        var names = Names(await TestClient.ParseAsync(response));
        names.Should().Equal(expected);
        response.RequestMessage!.RequestUri!.Query.Should().BeEmpty("the search term is posted, never put in the URL");
    }

    [Fact]
    public async Task A_consultant_finds_only_the_customers_of_their_own_leads()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var all = await li.GetAsync("/Customers");
        using var sun = await li.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = "孙" },
            "form[data-testid=search-form]");

        Names(await TestClient.ParseAsync(all)).Should().Equal("钱晓红");
        Names(await TestClient.ParseAsync(sun)).Should().BeEmpty();
    }

    [Fact]
    public async Task Another_stores_manager_finds_nothing_and_a_receptionist_is_refused()
    {
        var store2 = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("store2.manager", store2.Id, Roles.SalesManager);
        await App.CreateUserAsync("receptionist", _store.Id, Roles.Receptionist);
        using var stranger = await App.SignInAsync("store2.manager");
        using var reception = await App.SignInAsync("receptionist");

        using var found = await stranger.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = "138" },
            "form[data-testid=search-form]");

        Names(await TestClient.ParseAsync(found)).Should().BeEmpty();
        (await reception.GetAsync("/Customers")).IsRefused().Should().BeTrue();
    }

    [Fact]
    public async Task Results_page_by_keyset_fifty_at_a_time()
    {
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO customers (store_id, kind, name, gender, mobile, is_vip, is_key_account, is_blacklisted,
                marketing_consent, callback_consent, cumulative_spend, created_at, updated_at)
            SELECT {_store.Id}, 0, '测试客户' || g, 1, '1370000' || lpad(g::text, 4, '0'), false, false, false,
                false, false, 0, {App.Now}, {App.Now}
            FROM generate_series(1, 55) AS g
            """));
        using var manager = await App.SignInAsync("manager");

        using var first = await manager.SubmitFormAsync("/Customers", new Dictionary<string, string> { ["Q"] = "测试客户" },
            "form[data-testid=search-form]");
        var firstPage = await TestClient.ParseAsync(first);
        using var second = await manager.SubmitFormAsync(firstPage, "/Customers", new Dictionary<string, string>(),
            "form[data-testid=next-page-form]");

        var page1 = Names(firstPage);
        var page2 = Names(await TestClient.ParseAsync(second));
        page1.Should().HaveCount(50).And.StartWith("测试客户55");
        page2.Should().HaveCount(5).And.Equal("测试客户5", "测试客户4", "测试客户3", "测试客户2", "测试客户1");
        page1.Intersect(page2).Should().BeEmpty();
    }

    private static List<string> Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=customers] tbody tr td:first-child a").Select(a => a.TextContent).ToList();
}
