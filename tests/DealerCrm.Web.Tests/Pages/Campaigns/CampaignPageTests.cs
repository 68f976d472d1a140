using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Campaigns;

/// <summary>
/// The sales manager's campaign pages (spec 6.5): the form refuses bad input beside its fields and saves nothing; the
/// CSV of mobiles links the consenting customers and lists the refused and the unknown; ticking from the lead list;
/// the lead card's "add to campaign"; walk-ins as attended without consent; moving up a stage; a double post links once.
/// </summary>
public sealed class CampaignPageTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private long _managerId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(new DateTime(2026, 11, 10, 10, 0, 0));
        _store = await App.CreateStoreAsync("S1", "东区店");
        _managerId = (await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager)).Id;
    }

    private static Dictionary<string, string> Form(string name = "十一月车展", string type = "Exhibition",
        string starts = "2026-11-15", string ends = "2026-11-16", string cost = "30000", string targetLeads = "5") => new()
    {
        ["Input.Name"] = name,
        ["Input.Type"] = type,
        ["Input.StartsOn"] = starts,
        ["Input.EndsOn"] = ends,
        ["Input.Cost"] = cost,
        ["Input.TargetModel"] = "哈弗H6",
        ["Input.TargetLeads"] = targetLeads,
        ["Input.TargetAttendees"] = "20",
        ["Input.TargetContracts"] = "3",
    };

    [Fact]
    public async Task The_manager_creates_a_campaign_and_edits_it()
    {
        using var manager = await App.SignInAsync("manager");

        using var created = await manager.SubmitFormAsync("/Campaigns/Edit", Form(), "form[data-testid=campaign-form]");

        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var campaign = await App.WithDbAsync(db => db.Campaigns.SingleAsync());
        (campaign.Name, campaign.Type, campaign.StartsOn, campaign.Cost, campaign.TargetLeads, campaign.StoreId)
            .Should().Be(("十一月车展", CampaignType.Exhibition, new DateOnly(2026, 11, 15), 30000m, 5, _store.Id));
        created.RedirectPath().Should().Be($"/Campaigns/Details/{campaign.Id}");

        using var edited = await manager.SubmitFormAsync($"/Campaigns/Edit/{campaign.Id}", Form(name: "车展（改期）", ends: "2026-11-17"),
            "form[data-testid=campaign-form]");
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await App.WithDbAsync(db => db.Campaigns.SingleAsync());
        (after.Name, after.EndsOn).Should().Be(("车展（改期）", new DateOnly(2026, 11, 17)));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.CampaignSaved))).Should().Be(2);

        var list = await manager.GetDocumentAsync("/Campaigns");
        list.QuerySelector($"[data-campaign='{campaign.Id}']")!.TextContent.Should().Contain("车展（改期）");
    }

    [Theory]
    [InlineData("Input.Name", "", "Exhibition", "2026-11-15", "2026-11-16", "100")]
    [InlineData("Input.EndsOn", "活动", "Exhibition", "2026-11-15", "2026-11-14", "100")]
    [InlineData("Input.EndsOn", "活动", "Exhibition", "2026-01-01", "2027-06-01", "100")]
    [InlineData("Input.StartsOn", "活动", "Exhibition", "0001-01-01", "0001-01-02", "100")]
    [InlineData("Input.StartsOn", "活动", "Exhibition", "9999-12-30", "9999-12-31", "100")]
    [InlineData("Input.Cost", "活动", "Exhibition", "2026-11-15", "2026-11-16", "-1")]
    [InlineData("Input.Cost", "活动", "Exhibition", "2026-11-15", "2026-11-16", "99999999999999999999999")]
    [InlineData("Input.Type", "活动", "99", "2026-11-15", "2026-11-16", "100")]
    [InlineData("Input.StartsOn", "活动", "Exhibition", "", "2026-11-16", "100")]
    public async Task Bad_input_is_said_beside_its_field_and_nothing_is_saved(string field, string name, string type,
        string starts, string ends, string cost)
    {
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.SubmitFormAsync("/Campaigns/Edit", Form(name, type, starts, ends, cost),
            "form[data-testid=campaign-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError(field).Should().NotBeEmpty();
        (await App.WithDbAsync(db => db.Campaigns.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_target_past_int_and_a_name_of_100k_characters_are_refused_beside_their_fields()
    {
        using var manager = await App.SignInAsync("manager");
        var form = Form(name: new string('名', 100_000));
        form["Input.TargetLeads"] = "99999999999";

        using var response = await manager.SubmitFormAsync("/Campaigns/Edit", form, "form[data-testid=campaign-form]");

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Name").Should().NotBeEmpty();
        page.FieldError("Input.TargetLeads").Should().NotBeEmpty();
        (await App.WithDbAsync(db => db.Campaigns.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_csv_of_mobiles_links_the_consenting_and_lists_the_refused_and_the_unknown()
    {
        var campaign = await CampaignAsync();
        var yes1 = await CustomerAsync("同意一", "13900000001", consent: true);
        var yes2 = await CustomerAsync("同意二", "13900000002", consent: true);
        var no = await CustomerAsync("不同意", "13900000003", consent: false);
        var other = await App.CreateStoreAsync("S2", "西区店");
        await App.CreateCustomerAsync(other.Id, "别店客户", "13900000004", c => c.SetConsent(true, true, null, null, App.Now));
        using var manager = await App.SignInAsync("manager");

        using var response = await UploadAsync(manager, campaign.Id,
            "手机\n13900000001\n+86 139-0000-0002\n13900000003\n13900000004\n13900000009\nnot-a-number\n13900000001\n",
            "Notified");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.QuerySelectorAll("[data-testid=refused] li").Select(li => li.GetAttribute("data-mobile"))
            .Should().Equal("13900000003");
        page.QuerySelector("[data-testid=refused]")!.TextContent.Should().Contain("不同意").And.Contain("no marketing consent");
        page.QuerySelectorAll("[data-testid=unknown] li").Select(li => li.GetAttribute("data-mobile"))
            .Should().BeEquivalentTo("not-a-number", "13900000004", "13900000009");
        page.QuerySelector("[data-testid=csv-result]")!.TextContent.Should().Contain("Linked: 2.");
        var contacts = await App.WithDbAsync(db => db.CampaignContacts.OrderBy(c => c.CustomerId).ToListAsync());
        contacts.Select(c => (c.CustomerId, c.Stage, c.StoreId)).Should().Equal(
            (yes1.Id, CampaignStage.Notified, _store.Id), (yes2.Id, CampaignStage.Notified, _store.Id));
        no.Id.Should().NotBe(0);

        // The same file again, as invited: nobody is linked twice; both move up.
        using var again = await UploadAsync(manager, campaign.Id, "13900000001\n13900000002\n", "Invited");
        (await TestClient.ParseAsync(again)).QuerySelector("[data-testid=csv-result]")!.TextContent
            .Should().Contain("Linked: 0.").And.Contain("Moved up a stage: 2.");
        (await App.WithDbAsync(db => db.CampaignContacts.CountAsync(c => c.Stage == CampaignStage.Invited))).Should().Be(2);
    }

    [Fact]
    public async Task Ticking_leads_links_their_customers_once_and_refuses_those_without_consent()
    {
        var campaign = await CampaignAsync();
        var consenting = await LeadAsync("同意", "13900000011", consent: true, Grade.A, "哈弗H6");
        var refusing = await LeadAsync("不同意", "13900000012", consent: false, Grade.A, "哈弗H6");
        var otherModel = await LeadAsync("别的车", "13900000013", consent: true, Grade.A, "坦克300");
        using var manager = await App.SignInAsync("manager");

        var url = $"/Campaigns/Pick/{campaign.Id}?Model=H6";
        var list = await manager.GetDocumentAsync(url);
        list.QuerySelectorAll("[data-testid=pick-list] tr[data-lead]").Select(r => r.GetAttribute("data-lead"))
            .Should().BeEquivalentTo(consenting.Id.ToString(), refusing.Id.ToString());
        var values = new Dictionary<string, string>
        {
            ["Selected"] = TestClient.Many(consenting.Id.ToString(), refusing.Id.ToString()),
            ["LinkStage"] = "Invited",
        };

        using var first = await manager.SubmitFormAsync(list, url, values, "form[data-testid=pick-form]");
        using var second = await manager.SubmitFormAsync(list, url, values, "form[data-testid=pick-form]");

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var contact = await App.WithDbAsync(db => db.CampaignContacts.SingleAsync());
        (contact.CustomerId, contact.LeadId, contact.Stage).Should().Be((consenting.CustomerId, consenting.Id, CampaignStage.Invited));
        contact.InvitedAt.Should().Be(contact.NotifiedAt);
        otherModel.Id.Should().NotBe(0);
        var details = await manager.GetDocumentAsync($"/Campaigns/Details/{campaign.Id}");
        details.QuerySelector("[data-testid=stage-counts] [data-col=invited]")!.TextContent.Should().Be("1");
    }

    [Fact]
    public async Task A_lead_from_another_store_cannot_be_ticked_into_a_campaign()
    {
        var campaign = await CampaignAsync();
        var other = await App.CreateStoreAsync("S2", "西区店");
        var foreignCustomer = await App.CreateCustomerAsync(other.Id, "别店", "13900000021", c => c.SetConsent(true, true, null, null, App.Now));
        var foreignOwner = await App.CreateUserAsync("west", other.Id, Roles.SalesConsultant);
        var foreign = await App.CreateLeadAsync(other, foreignCustomer, foreignOwner.Id);
        var mine = await LeadAsync("本店", "13900000022", consent: true, Grade.A, "哈弗H6");
        using var manager = await App.SignInAsync("manager");
        var url = $"/Campaigns/Pick/{campaign.Id}";
        var list = await manager.GetDocumentAsync(url);

        using var post = await manager.SubmitFormAsync(list, url, new Dictionary<string, string>
        {
            ["Selected"] = TestClient.Many(foreign.Id.ToString(), mine.Id.ToString()),
        }, "form[data-testid=pick-form]");

        (await App.WithDbAsync(db => db.CampaignContacts.Select(c => c.CustomerId).ToListAsync()))
            .Should().Equal(mine.CustomerId);
    }

    [Fact]
    public async Task The_lead_card_adds_the_lead_to_a_campaign_for_the_manager_only()
    {
        var campaign = await CampaignAsync();
        var lead = await LeadAsync("卡片", "13900000031", consent: true, Grade.B, "哈弗H6");
        using var manager = await App.SignInAsync("manager");

        var card = await manager.GetDocumentAsync($"/Leads/{lead.Id}");
        card.QuerySelector("form[data-testid=add-to-campaign]").Should().NotBeNull();
        using var post = await manager.SubmitFormAsync(card, $"/Leads/{lead.Id}",
            new Dictionary<string, string> { ["CampaignId"] = campaign.Id.ToString(), ["Stage"] = "Invited" },
            "form[data-testid=add-to-campaign]");
        using var again = await manager.SubmitFormAsync(card, $"/Leads/{lead.Id}",
            new Dictionary<string, string> { ["CampaignId"] = campaign.Id.ToString(), ["Stage"] = "Notified" },
            "form[data-testid=add-to-campaign]");

        post.RedirectPath().Should().Be($"/Leads/{lead.Id}");
        var contact = await App.WithDbAsync(db => db.CampaignContacts.SingleAsync());
        (contact.LeadId, contact.Stage).Should().Be((lead.Id, CampaignStage.Invited), "a lower stage never moves a contact down");

        var consultant = await App.CreateUserAsync("li", _store.Id, Roles.SalesConsultant);
        using var li = await App.SignInAsync("li");
        var theirs = await App.CreateLeadAsync(_store, await CustomerAsync("李的客户", "13900000032", true), consultant.Id);
        (await li.GetDocumentAsync($"/Leads/{theirs.Id}")).QuerySelector("form[data-testid=add-to-campaign]")
            .Should().BeNull("only the sales manager links leads to campaigns");
    }

    [Fact]
    public async Task A_walk_in_is_recorded_as_attended_without_consent_and_a_contact_moves_up_a_stage()
    {
        var campaign = await CampaignAsync();
        var walkIn = await CustomerAsync("路过", "13900000041", consent: false);
        var invited = await CustomerAsync("受邀", "13900000042", consent: true);
        using var manager = await App.SignInAsync("manager");
        var url = $"/Campaigns/Details/{campaign.Id}";

        using var unknown = await manager.SubmitFormAsync(url, new Dictionary<string, string> { ["WalkInMobile"] = "13900000049" },
            "form[data-testid=walk-in-form]");
        (await TestClient.ParseAsync(unknown)).FieldError("WalkInMobile").Should().Contain("Make their card first");
        using var bad = await manager.SubmitFormAsync(url, new Dictionary<string, string> { ["WalkInMobile"] = "12345x" },
            "form[data-testid=walk-in-form]");
        var badPage = await TestClient.ParseAsync(bad);
        badPage.FieldError("WalkInMobile").Should().NotBeEmpty(bad.StatusCode + badPage.QuerySelector("main")?.InnerHtml);

        using var came = await manager.SubmitFormAsync(url, new Dictionary<string, string> { ["WalkInMobile"] = "139 0000 0041" },
            "form[data-testid=walk-in-form]");
        came.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var contact = await App.WithDbAsync(db => db.CampaignContacts.SingleAsync());
        (contact.CustomerId, contact.Stage, contact.AttendedAt).Should().Be((walkIn.Id, CampaignStage.Attended, App.Now));

        using var csv = await UploadAsync(manager, campaign.Id, "13900000042", "Invited");
        var page = await manager.GetDocumentAsync(url);
        var row = page.QuerySelector($"[data-testid=contacts] tr[data-customer='{invited.Id}']")!;
        row.QuerySelector("[data-testid=advance-Attended]").Should().NotBeNull();
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        using var advanced = await manager.SubmitFormAsync(page, url, new Dictionary<string, string>(),
            $"[data-testid=contacts] tr[data-customer='{invited.Id}'] form");
        advanced.RedirectPath().Should().Be(url);
        var moved = await App.WithDbAsync(db => db.CampaignContacts.SingleAsync(c => c.CustomerId == invited.Id));
        (moved.Stage, moved.AttendedAt).Should().Be((CampaignStage.Attended, App.Now));
        moved.InvitedAt.Should().Be(App.Now.AddMinutes(-10));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.CampaignContactsLinked)))
            .Should().Be(3);
    }

    private async Task<Campaign> CampaignAsync()
    {
        var campaign = new Campaign(_store.Id, new CampaignDetails("十一月车展", CampaignType.Exhibition,
            new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 16), 30000m, "哈弗H6", 5, 20, 3), _managerId, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
        });
        return campaign;
    }

    private Task<Customer> CustomerAsync(string name, string mobile, bool consent) =>
        App.CreateCustomerAsync(_store.Id, name, mobile, c => c.SetConsent(consent, true, null, null, App.Now));

    private async Task<Lead> LeadAsync(string name, string mobile, bool consent, Grade grade, string model) =>
        await App.CreateLeadAsync(_store, await CustomerAsync(name, mobile, consent), _managerId, grade, intendedModel: model);

    internal static async Task<HttpResponseMessage> UploadAsync(TestClient client, long campaignId, string text, string stage)
    {
        var page = await client.GetDocumentAsync($"/Campaigns/Details/{campaignId}");
        var form = page.QuerySelector<IHtmlFormElement>("form[data-testid=csv-form]")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(stage), "LinkStage" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "Upload", "mobiles.csv" },
        };
        return await client.Http.PostAsync(form.GetAttribute("action"), content);
    }
}
