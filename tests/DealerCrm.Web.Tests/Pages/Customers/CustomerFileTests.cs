using System.Net;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Customers;

/// <summary>Spec 1.2: the customer file, its ID number (encrypted, masked, revealed only by an audited click).</summary>
public sealed class CustomerFileTests(AppFixture app) : WebTest(app)
{
    private const string IdNumber = "11010519491231002X";

    private Store _store = null!;
    private Customer _customer = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1");
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("crm", _store.Id, Roles.CrmOfficer);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        _customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        await App.CreateLeadAsync(_store, _customer, li.Id, Grade.A, intendedModel: null);
    }

    [Fact]
    public async Task The_id_number_is_stored_encrypted_shown_masked_and_revealed_only_to_the_crm_officer_with_an_audit()
    {
        using var crm = await App.SignInAsync("crm");
        using var saved = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}",
            new Dictionary<string, string> { ["Input.IdNumber"] = IdNumber.ToLowerInvariant() }, "form[data-testid=customer-form]");
        saved.RedirectPath().Should().Be($"/Customers/{_customer.Id}");

        var stored = await App.WithDbAsync(db => db.Customers.SingleAsync());
        stored.IdNumberMasked.Should().Be("110***********002X");
        stored.IdNumberProtected.Should().NotBeNullOrEmpty().And.NotContain(IdNumber).And.NotContain("19491231");
        var raw = await App.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT concat_ws('|', id_number_protected, id_number_masked) AS \"Value\" FROM customers").SingleAsync());
        raw.Should().NotContain(IdNumber);

        var file = await crm.GetDocumentAsync($"/Customers/{_customer.Id}");
        file.QuerySelector("[data-testid=id-number]")!.TextContent.Should().Be("110***********002X");
        using var editForm = await crm.GetAsync($"/Customers/Edit/{_customer.Id}");
        (await editForm.Content.ReadAsStringAsync()).Should().NotContain(IdNumber, "the edit form never sends the stored number back");
        using var revealed = await crm.SubmitFormAsync(file, $"/Customers/{_customer.Id}",
            new Dictionary<string, string>(), "form[data-testid=reveal-form]");
        (await TestClient.ParseAsync(revealed)).QuerySelector("[data-testid=id-number]")!.TextContent.Should().Be(IdNumber);
        var audits = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.CustomerIdRevealed).ToListAsync());
        audits.Should().ContainSingle().Which.Target.Should().Be($"customer:{_customer.Id}");
        audits[0].Details.Should().BeNull("the number itself is never written to the audit log");
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("consultant.li")]
    public async Task Others_who_may_read_the_file_cannot_reveal_the_id_number(string userName)
    {
        await App.WithDbAsync(async db =>
        {
            var customer = await db.Customers.SingleAsync();
            customer.RecordIdNumber(IdNumber, n => "protected-" + n.Length, App.Now);
            await db.SaveChangesAsync();
        });
        using var client = await App.SignInAsync(userName);

        var file = await client.GetDocumentAsync($"/Customers/{_customer.Id}");
        file.QuerySelector("[data-testid=reveal-form]").Should().BeNull();
        var token = file.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forced = await client.Http.PostAsync($"/Customers/{_customer.Id}?handler=Reveal",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        forced.IsRefused().Should().BeTrue();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.CustomerIdRevealed))).Should().Be(0);
    }

    [Fact]
    public async Task Bad_input_is_refused_beside_every_field_at_once_and_nothing_is_saved()
    {
        using var crm = await App.SignInAsync("crm");

        using var response = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}", new Dictionary<string, string>
        {
            ["Input.IdNumber"] = "110105194912310021",
            ["Input.HomePostcode"] = "20001",
            ["Input.Email"] = "not-an-email",
            ["Input.Mobile"] = "1380013800",
            ["Input.Occupation"] = "教师",
            ["Input.IsBlacklisted"] = "true",
        }, "form[data-testid=customer-form]");

        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.IdNumber").Should().Be("The ID number's check digit does not match: please check the number.");
        page.FieldError("Input.HomePostcode").Should().Be("A postcode has 6 digits.");
        page.FieldError("Input.Email").Should().StartWith("Enter an e-mail address");
        page.FieldError("Input.Mobile").Should().Be("The mobile number is too short: it must have 11 digits.");
        page.FieldError("Input.BlacklistReason").Should().Be("Give the reason for blacklisting the customer.");
        page.InputValue("Input.Occupation").Should().Be("教师");
        var unchanged = await App.WithDbAsync(db => db.Customers.SingleAsync());
        (unchanged.Occupation, unchanged.IdNumberMasked, unchanged.IsBlacklisted).Should().Be((null, null, false));
    }

    [Fact]
    public async Task Consent_changes_are_recorded_with_their_time_and_flags_with_a_reason()
    {
        using var crm = await App.SignInAsync("crm");

        using var response = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}", new Dictionary<string, string>
        {
            ["Input.MarketingConsent"] = "true",
            ["Input.CallbackConsent"] = "true",
            ["Input.IsBlacklisted"] = "true",
            ["Input.BlacklistReason"] = "恶意投诉",
            ["Input.StoreId"] = "999",
            ["Input.CumulativeSpend"] = "999999",
        }, "form[data-testid=customer-form]");

        response.RedirectPath().Should().Be($"/Customers/{_customer.Id}");
        var customer = await App.WithDbAsync(db => db.Customers.SingleAsync());
        customer.MarketingConsent.Should().BeTrue();
        customer.MarketingConsentChangedAt.Should().NotBeNull();
        (customer.IsBlacklisted, customer.BlacklistReason).Should().Be((true, "恶意投诉"));
        (customer.StoreId, customer.CumulativeSpend).Should().Be((_store.Id, 0m), "posted fields the form does not offer change nothing");
    }

    [Fact]
    public async Task Completeness_rises_with_the_information_of_each_level()
    {
        using var crm = await App.SignInAsync("crm");
        var level = async () => (await crm.GetDocumentAsync($"/Customers/{_customer.Id}"))
            .QuerySelector("[data-testid=completeness]")!.TextContent;

        (await level()).Should().Contain("level 1 of 5", "name and gender are known");

        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.SingleAsync();
            lead.UpdateInterest(new LeadInterest
            {
                IntendedModel = "哈弗H6",
                CompetitorModels = "吉利星越L",
                IntendedUse = "家用",
                PurchaseType = PurchaseType.First,
            }, new NeedsAnalysis { HeardOfUsFrom = "朋友介绍" }, lead.OwnerId, App.Now);
            await db.SaveChangesAsync();
        });
        (await level()).Should().Contain("level 1 of 5", "level 2 also needs the region");

        using var region = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}",
            new Dictionary<string, string> { ["Input.Region"] = "浦东新区" }, "form[data-testid=customer-form]");
        (await level()).Should().Contain("level 3 of 5", "region completes level 2; mobile, use and purchase type level 3");
    }

    [Fact]
    public async Task The_file_lists_the_vehicles_the_customer_owns()
    {
        var today = App.TodayIn(_store);
        await App.WithDbAsync(async db =>
        {
            db.Vehicles.Add(new DealerCrm.Domain.Vehicles.Vehicle(_store.Id, "LSVAU218XN2183294", "沪A12345", null, "哈弗H6",
                "白色", _customer.Id, today.AddDays(-30), today.AddDays(-2), soldByUs: true, App.Now));
            await db.SaveChangesAsync();
        });
        using var crm = await App.SignInAsync("crm");

        var file = await crm.GetDocumentAsync($"/Customers/{_customer.Id}");

        var vehicles = file.QuerySelectorAll("[data-testid=customer-vehicles] li");
        vehicles.Should().ContainSingle();
        vehicles[0].TextContent.Should().Contain("LSVAU218XN2183294").And.Contain("沪A12345").And.Contain("哈弗H6")
            .And.Contain($"delivered {today.AddDays(-2):yyyy-MM-dd}");
    }

    [Fact]
    public async Task A_file_without_vehicles_says_so_and_empty_fields_read_a_dash_not_a_bare_label()
    {
        using var crm = await App.SignInAsync("crm");

        var file = await crm.GetDocumentAsync($"/Customers/{_customer.Id}");

        file.QuerySelector("[data-testid=customer-vehicles]")!.TextContent.Should().Contain("No vehicle on file.");
        var values = file.QuerySelectorAll("[data-testid=fixed-information] dd, [data-testid=consent] dd")
            .Select(dd => dd.TextContent.Trim()).ToList();
        values.Should().HaveCountGreaterThan(10).And.NotContain(string.Empty, "every label has a value or a dash");
        values.Should().Contain("—", "the file has empty fields (e-mail, employer, …)");
    }

    [Fact]
    public async Task A_file_below_level_1_says_so_instead_of_showing_level_0()
    {
        var unknown = await App.CreateCustomerAsync(_store.Id, "来电客户", "13900000002", c => c.UpdateFixedInformation(
            new FixedInformation { Name = "来电客户", Gender = Gender.Unknown, Mobile = "13900000002" }, App.Now));
        using var crm = await App.SignInAsync("crm");

        var text = (await crm.GetDocumentAsync($"/Customers/{unknown.Id}")).QuerySelector("[data-testid=completeness]")!
            .TextContent;

        text.Should().Be("Information level 1 of 5 not reached yet: name and gender").And.NotContain("0");
    }

    [Fact]
    public async Task The_mobile_of_a_customer_with_a_lead_card_cannot_be_emptied_and_so_never_frees_the_number()
    {
        using var crm = await App.SignInAsync("crm");

        using var response = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}", new Dictionary<string, string>
        {
            ["Input.Mobile"] = " ",
            ["Input.Occupation"] = "教师",
        }, "form[data-testid=customer-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError("Input.Mobile")
            .Should().Be("This customer has a lead card: the mobile number is required and cannot be removed.");
        page.InputValue("Input.Occupation").Should().Be("教师", "the rest of the input is kept");
        var stored = await App.WithDbAsync(db => db.Customers.SingleAsync());
        (stored.Mobile, stored.Occupation).Should().Be(("13800138000", null), "nothing is half-saved");
    }

    [Fact]
    public async Task A_customer_without_a_lead_card_may_have_the_mobile_removed()
    {
        var walkIn = await App.CreateCustomerAsync(_store.Id, "孙先生", "13900000001");
        using var crm = await App.SignInAsync("crm");

        using var response = await crm.SubmitFormAsync($"/Customers/Edit/{walkIn.Id}",
            new Dictionary<string, string> { ["Input.Mobile"] = string.Empty }, "form[data-testid=customer-form]");

        response.RedirectPath().Should().Be($"/Customers/{walkIn.Id}");
        (await App.WithDbAsync(db => db.Customers.SingleAsync(c => c.Id == walkIn.Id))).Mobile.Should().BeNull();
    }

    [Fact]
    public async Task A_mobile_another_customer_has_is_refused_beside_the_mobile()
    {
        await App.CreateCustomerAsync(_store.Id, "孙先生", "13900000000");
        using var crm = await App.SignInAsync("crm");

        using var response = await crm.SubmitFormAsync($"/Customers/Edit/{_customer.Id}",
            new Dictionary<string, string> { ["Input.Mobile"] = "139 0000 0000" }, "form[data-testid=customer-form]");

        (await TestClient.ParseAsync(response)).FieldError("Input.Mobile")
            .Should().Be("Another customer of the store has this mobile number.");
    }

    public static TheoryData<string, bool, bool> Access() => new()
    {
        { Roles.CrmOfficer, true, true },
        { Roles.SalesManager, true, true },
        { Roles.GeneralManager, true, false },
        { Roles.SalesConsultant, false, false },
        { Roles.Receptionist, false, false },
        { Roles.ServiceAdvisor, false, false },
        { Roles.ServiceManager, false, false },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Each_role_reads_and_edits_only_what_the_spec_allows(string role, bool reads, bool edits)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");

        using var file = await client.GetAsync($"/Customers/{_customer.Id}");
        using var edit = await client.GetAsync($"/Customers/Edit/{_customer.Id}");

        (file.StatusCode == HttpStatusCode.OK).Should().Be(reads, $"{role} reading");
        (edit.StatusCode == HttpStatusCode.OK).Should().Be(edits, $"{role} editing");
        if (!reads)
        {
            file.IsRefused().Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_consultant_sees_the_customers_of_their_own_leads_only_and_another_store_sees_nothing()
    {
        var other = await App.CreateCustomerAsync(_store.Id, "孙先生", "13900000000");
        var zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        await App.CreateLeadAsync(_store, other, zhang.Id);
        var store2 = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("store2.crm", store2.Id, Roles.CrmOfficer);
        using var li = await App.SignInAsync("consultant.li");
        using var stranger = await App.SignInAsync("store2.crm");

        (await li.GetAsync($"/Customers/{_customer.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await li.GetAsync($"/Customers/{other.Id}")).IsRefused().Should().BeTrue();
        (await stranger.GetAsync($"/Customers/{_customer.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
