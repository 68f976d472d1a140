using System.Net;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Complaints;

/// <summary>
/// The Admin keeps each store's grievance and complaint categories (spec 4.4): the defaults by their localized names,
/// the store's own added with a name in each language, retired and restored; new items choose among the active ones.
/// </summary>
public sealed class ComplaintCategoryAdminTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(ComplaintBuilders.Thursday10);
        _store = await App.CreateStoreAsync();
        await App.AddDefaultsAsync(_store);
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
    }

    [Fact]
    public async Task An_admin_adds_a_category_that_new_complaints_offer_by_its_name_in_the_readers_language_until_it_is_retired()
    {
        using var admin = await App.SignInAsync("admin");
        var url = $"/Admin/ComplaintCategories?store={_store.Id}";

        var list = await admin.GetDocumentAsync(url);
        list.QuerySelectorAll("[data-testid=category] [data-testid=category-name]").Select(c => c.TextContent.Trim())
            .Should().HaveCount(7).And.Contain(n => n.StartsWith("Repair quality", StringComparison.Ordinal));
        using var added = await admin.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Code"] = "Noise",
            ["Input.NameEn"] = "Noise after repair",
            ["Input.NameZh"] = "维修后异响",
        }, "form[data-testid=category-form]");
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var twice = await admin.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Code"] = "Noise",
            ["Input.NameEn"] = "Again",
            ["Input.NameZh"] = "重复",
        }, "form[data-testid=category-form]");
        (await TestClient.ParseAsync(twice)).FieldError("Input.Code").Should().Be("This store already has a category with this code.");

        using var crm = await App.SignInAsync("crm");
        crm.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var customerId = await App.WithDbAsync(db => db.Customers.Select(c => c.Id).SingleAsync());
        var form = await crm.GetDocumentAsync($"/Complaints/New?customerId={customerId}");
        form.QuerySelectorAll("#Input_CategoryCode option").Select(o => o.TextContent)
            .Should().Contain(["维修后异响", "维修质量"]);

        using var retired = await admin.SubmitFormAsync(url, new Dictionary<string, string>(),
            "tr[data-code=Noise] form[data-testid=retire]");
        retired.StatusCode.Should().Be(HttpStatusCode.Redirect);
        form = await crm.GetDocumentAsync($"/Complaints/New?customerId={customerId}");
        form.QuerySelectorAll("#Input_CategoryCode option").Select(o => o.GetAttribute("value")).Should().NotContain("Noise");
        (await admin.GetDocumentAsync(url)).QuerySelector("tr[data-code=Noise] [data-testid=category-state]")!.TextContent
            .Should().Be("Retired");
        (await App.WithDbAsync(db => db.ComplaintCategories.CountAsync(c => c.StoreId == _store.Id))).Should().Be(8);
    }
}
