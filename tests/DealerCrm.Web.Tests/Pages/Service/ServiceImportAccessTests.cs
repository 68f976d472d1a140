using System.Text;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Service;

/// <summary>
/// Spec 4.2 and 7.2: the DMS import is the service desk's (advisors import, the service manager too); the sales
/// floor and the CRM officer are refused every page and post; another store's import is not reached by URL, nor a
/// lead import through this page. Nothing changes in the database when refused.
/// </summary>
public sealed class ServiceImportAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private long _importId;
    private long _leadImportId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        var advisor = await App.CreateUserAsync("advisor", _store.Id, Roles.ServiceAdvisor);
        await App.WithDbAsync(async db =>
        {
            var import = new LeadImport(_store.Id, "dms.csv", advisor.Id, [], App.Now, ImportKind.ServiceVisits);
            import.Complete(0, 0, 0, App.Now);
            var leads = new LeadImport(_store.Id, "leads.csv", advisor.Id, [], App.Now);
            leads.Complete(0, 0, 0, App.Now);
            db.LeadImports.AddRange(import, leads);
            await db.SaveChangesAsync();
            (_importId, _leadImportId) = (import.Id, leads.Id);
        });
    }

    private string[] Pages => ["/Service/Import", $"/Service/Import/{_importId}", "/Service/Import?handler=Template"];

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.SalesManager)]
    [InlineData(Roles.GeneralManager)]
    public async Task Roles_without_the_service_desks_work_are_refused_every_page_and_post(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        var before = await SnapshotAsync();

        foreach (var page in Pages)
        {
            (await client.GetAsync(page)).IsRefused().Should().BeTrue($"GET {page} as {role}");
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes("委托书号\nRO1\n")), "Upload", "x.csv" },
            };
            using var post = await client.Http.PostAsync(page, form);
            post.IsRefused().Should().BeTrue($"POST {page} as {role}");
        }

        (await SnapshotAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData(Roles.ServiceAdvisor)]
    [InlineData(Roles.ServiceManager)]
    public async Task The_service_desk_opens_the_page_and_its_stores_import(string role)
    {
        await App.CreateUserAsync("desk", _store.Id, role);
        using var client = await App.SignInAsync("desk");

        var page = await client.GetDocumentAsync($"/Service/Import/{_importId}");

        page.QuerySelector("[data-testid=import-result]")!.TextContent.Should().Contain("dms.csv");
        page.QuerySelector("form[data-testid=import-form] input[name=__RequestVerificationToken]").Should().NotBeNull();
    }

    [Fact]
    public async Task Another_stores_advisor_does_not_reach_this_stores_import_by_url()
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("advisor2", other.Id, Roles.ServiceAdvisor);
        using var advisor2 = await App.SignInAsync("advisor2");

        (await advisor2.GetAsync($"/Service/Import/{_importId}")).IsRefused().Should().BeTrue();
        (await advisor2.GetDocumentAsync("/Service/Import")).QuerySelector("[data-testid=import-recent]")!
            .TextContent.Should().NotContain("dms.csv");
    }

    [Fact]
    public async Task A_lead_import_is_not_shown_through_the_repair_order_page()
    {
        using var advisor = await App.SignInAsync("advisor");

        (await advisor.GetAsync($"/Service/Import/{_leadImportId}")).IsRefused().Should().BeTrue();
    }

    [Fact]
    public async Task An_upload_without_the_anti_forgery_token_is_refused_and_stores_nothing()
    {
        using var advisor = await App.SignInAsync("advisor");
        var before = await SnapshotAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("委托书号\nRO1\n")), "Upload", "x.csv" },
        };

        using var post = await advisor.Http.PostAsync("/Service/Import", form);

        post.IsSuccessStatusCode.Should().BeFalse();
        (await SnapshotAsync()).Should().Be(before);
    }

    private Task<string> SnapshotAsync() => App.WithDbAsync(async db =>
        $"{await db.LeadImports.CountAsync()}|{await db.ServiceVisits.CountAsync()}|{await db.Vehicles.CountAsync()}|{await db.Customers.CountAsync()}");
}
