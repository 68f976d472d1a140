using System.Net;
using System.Text.Json;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Showroom;

/// <summary>
/// Spec 1.1 and acceptance scenarios 1, 2, 5 and 6 of chapter 1, on a clock fixed at 10:00 in Shanghai so that
/// "40 minutes ago" is always today.
/// </summary>
public sealed class ShowroomTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _receptionist = null!;


    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.PinShanghai(App.ShanghaiToday.ToDateTime(new TimeOnly(10, 0)));
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _receptionist = await App.CreateUserAsync("receptionist", _store.Id, Roles.Receptionist);
    }

    [Fact]
    public async Task A_party_of_two_checked_in_for_Li_and_out_forty_minutes_later_counts_once_and_creates_no_customer()
    {
        using var reception = await SignInAsync("receptionist");

        using var checkIn = await reception.SubmitFormAsync("/Showroom", new Dictionary<string, string>
        {
            ["CheckIn.PartySize"] = "2",
            ["CheckIn.ConsultantId"] = _li.Id.ToString(),
            ["CheckIn.ArrivedAt"] = "09:20",
        }, "form[data-testid=check-in-form]");
        checkIn.RedirectPath().Should().Be("/Showroom");
        var entry = await App.WithDbAsync(db => db.TrafficEntries.SingleAsync());
        var list = await reception.GetDocumentAsync("/Showroom");
        list.QuerySelector($"[data-testid=entry-{entry.Id}] [data-testid=open-minutes]")!.TextContent
            .Should().Contain("40 min");

        using var checkOut = await reception.SubmitFormAsync($"/Showroom/CheckOut/{entry.Id}",
            new Dictionary<string, string> { ["Input.LeftAt"] = "10:00", ["Input.Purpose"] = "Browse" },
            "form[data-testid=check-out-form]");

        checkOut.RedirectPath().Should().Be("/Showroom");
        var page = await reception.GetDocumentAsync("/Showroom");
        page.QuerySelector("[data-testid=count-walk-ins]")!.TextContent.Should().Be("1");
        page.QuerySelector("[data-testid=count-without-contact]")!.TextContent.Should().Be("1");
        page.QuerySelector($"[data-testid=entry-{entry.Id}] [data-testid=duration]")!.TextContent.Should().Contain("40 min");
        var saved = await App.WithDbAsync(db => db.TrafficEntries.SingleAsync());
        (saved.LeftAt - saved.ArrivedAt).Should().Be(TimeSpan.FromMinutes(40));
        saved.PartySize.Should().Be(2);
        saved.ConsultantId.Should().Be(_li.Id);
        (await App.WithDbAsync(db => db.Customers.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_visitor_in_the_showroom_since_five_past_midnight_reads_9_h_55_min_not_595_min()
    {
        var entry = await AddWalkInAsync(TodayAt(0, 5), checkOut: false);
        using var reception = await SignInAsync("receptionist");

        var list = await reception.GetDocumentAsync("/Showroom");

        list.QuerySelector($"[data-testid=entry-{entry.Id}] [data-testid=open-minutes]")!.TextContent.Trim()
            .Should().Be("in the showroom for 9 h 55 min");
        list.QuerySelector("[data-testid=open-walk-ins]")!.TextContent.Should().Contain("9 h 55 min").And.NotContain("595");
    }

    [Fact]
    public async Task A_call_from_a_number_Wang_follows_shows_returning_followed_by_Wang_and_nothing_else()
    {
        var wang = await App.CreateUserAsync("consultant.wang", _store.Id, Roles.SalesConsultant);
        var customer = await App.CreateCustomerAsync(_store.Id, "孙女士", "13800138000",
            c => c.SetFlags(true, false, false, null, App.Now));
        await App.CreateLeadAsync(_store, customer, wang.Id);
        using var reception = await SignInAsync("receptionist");
        var page = await reception.GetDocumentAsync("/Showroom");

        using var lookup = await PostLookupAsync(reception, page, "138 0013 8000");
        var json = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync()).RootElement;
        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["returning", "consultant"],
            "the receptionist learns that the visitor returns and who follows them, nothing more");
        json.GetProperty("returning").GetBoolean().Should().BeTrue();
        json.GetProperty("consultant").GetString().Should().Be("Display consultant.wang");

        using var logged = await reception.SubmitFormAsync(page, "/Showroom", new Dictionary<string, string>
        {
            ["Call.Mobile"] = "13800138000",
            ["Call.Purpose"] = "PriceEnquiry",
        }, "form[data-testid=call-form]");
        logged.RedirectPath().Should().Be("/Showroom");
        var after = await reception.GetDocumentAsync("/Showroom");
        after.QuerySelector("[data-testid=returning]")!.TextContent.Should().Be("returning — followed by Display consultant.wang");
        after.QuerySelector("[data-testid=count-return-visits]")!.TextContent.Should().Be("1");
        after.Body!.TextContent.Should().NotContain("孙女士").And.NotContain("VIP");
        var entry = await App.WithDbAsync(db => db.TrafficEntries.SingleAsync());
        (entry.CustomerId, entry.IsReturnVisit, entry.Kind).Should().Be((customer.Id, true, TrafficKind.PhoneCall));
    }

    [Fact]
    public async Task An_unknown_number_is_not_returning_and_the_lookup_needs_the_anti_forgery_token()
    {
        using var reception = await SignInAsync("receptionist");
        var page = await reception.GetDocumentAsync("/Showroom");

        using var unknown = await PostLookupAsync(reception, page, "13900000000");
        using var withoutToken = await reception.Http.PostAsync("/Showroom?handler=Lookup",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["mobile"] = "13900000000" }));

        JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("returning")
            .GetBoolean().Should().BeFalse();
        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_receptionist_cannot_change_yesterdays_entry()
    {
        var yesterday = await AddWalkInAsync(TodayAt(15, 0).AddDays(-1));
        using var reception = await SignInAsync("receptionist");

        var page = await reception.GetDocumentAsync($"/Showroom/Edit/{yesterday.Id}");
        page.QuerySelector("form[data-testid=edit-form]").Should().BeNull("yesterday's entry is shown read-only");
        page.QuerySelector("[data-testid=read-only-reason]")!.TextContent
            .Should().Be("Entries are logged the same day; ask a manager to correct an earlier day.");

        var home = await reception.GetDocumentAsync("/Showroom");
        using var response = await reception.Http.PostAsync($"/Showroom/Edit/{yesterday.Id}", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
                ["Input.Purpose"] = "Browse",
                ["Input.PartySize"] = "3",
            }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestClient.ParseAsync(response)).QuerySelector("[data-testid=read-only-reason]")!.TextContent
            .Should().Be("Entries are logged the same day; ask a manager to correct an earlier day.");
        (await App.WithDbAsync(db => db.TrafficEntries.SingleAsync())).PartySize.Should().Be(1);
    }

    [Fact]
    public async Task A_mobile_with_country_code_and_dashes_is_stored_plain_and_a_short_one_is_refused_keeping_the_form()
    {
        using var reception = await SignInAsync("receptionist");

        using var shortNumber = await reception.SubmitFormAsync("/Showroom", new Dictionary<string, string>
        {
            ["Call.Mobile"] = "1380013800",
            ["Call.VisitorName"] = "周先生",
            ["Call.Purpose"] = "PriceEnquiry",
        }, "form[data-testid=call-form]");
        var page = await TestClient.ParseAsync(shortNumber);
        page.FieldError("Call.Mobile").Should().Be("The mobile number is too short: it must have 11 digits.");
        page.InputValue("Call.VisitorName").Should().Be("周先生");
        page.InputValue("Call.Mobile").Should().Be("1380013800");
        (await App.WithDbAsync(db => db.TrafficEntries.CountAsync())).Should().Be(0);

        using var longNumber = await reception.SubmitFormAsync("/Showroom", new Dictionary<string, string>
        {
            ["Call.Mobile"] = "138001380001",
            ["Call.Purpose"] = "PriceEnquiry",
        }, "form[data-testid=call-form]");
        (await TestClient.ParseAsync(longNumber)).FieldError("Call.Mobile")
            .Should().Be("The mobile number is too long: it must have 11 digits.");

        using var good = await reception.SubmitFormAsync("/Showroom", new Dictionary<string, string>
        {
            ["Call.Mobile"] = "+86 138-0013-8000",
            ["Call.Purpose"] = "PriceEnquiry",
        }, "form[data-testid=call-form]");
        good.RedirectPath().Should().Be("/Showroom");
        (await App.WithDbAsync(db => db.TrafficEntries.SingleAsync())).Mobile.Should().Be("13800138000");
    }

    [Fact]
    public async Task Once_a_card_is_made_the_receptionist_can_no_longer_edit_the_entry()
    {
        var entry = await AddWalkInAsync(TodayAt(9, 0), mobile: "13912345678");
        var customer = await App.CreateCustomerAsync(_store.Id, "赵先生", "13912345678");
        await App.WithDbAsync(async db =>
        {
            var tracked = await db.TrafficEntries.SingleAsync();
            tracked.AttachLead((await App.CreateLeadAsync(_store, customer, _li.Id)).Id, customer.Id);
            await db.SaveChangesAsync();
        });
        using var reception = await SignInAsync("receptionist");

        var list = await reception.GetDocumentAsync("/Showroom");
        list.QuerySelector($"[data-testid=entry-{entry.Id}] a[href='/Showroom/Edit/{entry.Id}']").Should().BeNull();
        var edit = await reception.GetDocumentAsync($"/Showroom/Edit/{entry.Id}");
        edit.QuerySelector("form[data-testid=edit-form]").Should().BeNull("the entry is shown read-only from the start");
        edit.QuerySelector("[data-testid=read-only-reason]")!.TextContent.Should().Contain("A card has been made from this entry");
        edit.QuerySelector("[data-testid=read-only-entry]")!.TextContent.Should().Contain("13912345678").And.Contain("Browse");

        // A post all the same (a page opened before the card was made) changes nothing.
        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forced = await reception.Http.PostAsync($"/Showroom/Edit/{entry.Id}", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Purpose"] = "Other",
                ["Input.PartySize"] = "1",
                ["Input.Version"] = entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));

        (await TestClient.ParseAsync(forced)).QuerySelector("[data-testid=read-only-reason]")!.TextContent
            .Should().Contain("A card has been made from this entry");
        (await App.WithDbAsync(db => db.TrafficEntries.SingleAsync())).Purpose.Should().Be(VisitPurpose.Browse);
    }

    [Fact]
    public async Task The_receptionist_gets_the_form_for_todays_entry_without_a_card_and_a_manager_still_corrects_one_with_a_card()
    {
        var entry = await AddWalkInAsync(TodayAt(9, 0), mobile: "13912345678");
        using var reception = await SignInAsync("receptionist");

        var edit = await reception.GetDocumentAsync($"/Showroom/Edit/{entry.Id}");
        edit.QuerySelector("form[data-testid=edit-form]").Should().NotBeNull();
        edit.QuerySelector("[data-testid=read-only-reason]").Should().BeNull();

        var customer = await App.CreateCustomerAsync(_store.Id, "赵先生", "13912345678");
        var lead = await App.CreateLeadAsync(_store, customer, _li.Id);
        await App.WithDbAsync(async db =>
        {
            (await db.TrafficEntries.SingleAsync()).AttachLead(lead.Id, customer.Id);
            await db.SaveChangesAsync();
        });
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        using var manager = await SignInAsync("manager");
        var correction = await manager.GetDocumentAsync($"/Showroom/Edit/{entry.Id}");
        correction.QuerySelector("form[data-testid=edit-form]").Should().NotBeNull("a manager corrects any entry");
    }

    [Fact]
    public async Task A_manager_sees_yesterdays_open_walk_in_corrects_it_and_voids_another_both_audited()
    {
        var open = await AddWalkInAsync(TodayAt(16, 0).AddDays(-1), checkOut: false);
        var wrong = await AddWalkInAsync(TodayAt(9, 30));
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        using var manager = await SignInAsync("manager");

        var page = await manager.GetDocumentAsync("/Showroom");
        page.QuerySelector("[data-testid=incomplete]")!.InnerHtml.Should().Contain($"/Showroom/Edit/{open.Id}");
        using var corrected = await manager.SubmitFormAsync($"/Showroom/Edit/{open.Id}", new Dictionary<string, string>
        {
            ["Input.LeftTime"] = "16:45",
            ["Input.Purpose"] = "TestDrive",
        }, "form[data-testid=edit-form]");
        corrected.RedirectPath().Should().Be("/Showroom");

        using var noReason = await manager.SubmitFormAsync($"/Showroom/Edit/{wrong.Id}",
            new Dictionary<string, string> { ["voidReason"] = " " }, "form[data-testid=void-form]");
        (await TestClient.ParseAsync(noReason)).FieldError("VoidReason").Should().Be("Give the reason for voiding the entry.");
        using var voided = await manager.SubmitFormAsync($"/Showroom/Edit/{wrong.Id}",
            new Dictionary<string, string> { ["voidReason"] = "重复登记" }, "form[data-testid=void-form]");
        voided.RedirectPath().Should().Be("/Showroom");

        var entries = await App.WithDbAsync(db => db.TrafficEntries.OrderBy(t => t.Id).ToListAsync());
        (entries[0].LeftAt - entries[0].ArrivedAt).Should().Be(TimeSpan.FromMinutes(45));
        entries[0].Purpose.Should().Be(VisitPurpose.TestDrive);
        (entries[1].IsVoided, entries[1].VoidReason).Should().Be((true, "重复登记"));
        entries.Should().HaveCount(2, "entries are never deleted");
        var actions = await App.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        actions.Should().Contain([AuditActions.ShowroomCorrected, AuditActions.ShowroomVoided]);
        var after = await manager.GetDocumentAsync("/Showroom");
        after.QuerySelector("[data-testid=count-walk-ins]")!.TextContent.Should().Be("0", "a voided entry no longer counts");
    }

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.GeneralManager)]
    [InlineData(Roles.ServiceAdvisor)]
    [InlineData(Roles.ServiceManager)]
    [InlineData(Roles.Admin)]
    public async Task Other_roles_cannot_open_or_change_the_showroom_log(string role)
    {
        var entry = await AddWalkInAsync(TodayAt(9, 0), checkOut: false);
        await App.CreateUserAsync("other", _store.Id, role);
        using var other = await SignInAsync("other");

        foreach (var path in new[] { "/Showroom", $"/Showroom/Edit/{entry.Id}", $"/Showroom/CheckOut/{entry.Id}" })
        {
            (await other.GetAsync(path)).IsRefused().Should().BeTrue($"{role} must not open {path}");
        }

        (await App.WithDbAsync(db => db.TrafficEntries.SingleAsync())).LeftAt.Should().BeNull();
    }

    [Fact]
    public async Task The_receptionist_of_another_store_sees_nothing_of_this_store()
    {
        var entry = await AddWalkInAsync(TodayAt(9, 0), checkOut: false);
        var customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        await App.CreateLeadAsync(_store, customer, _li.Id);
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("store2.receptionist", other.Id, Roles.Receptionist);
        using var stranger = await SignInAsync("store2.receptionist");

        var page = await stranger.GetDocumentAsync("/Showroom");
        page.QuerySelector($"[data-testid=entry-{entry.Id}]").Should().BeNull();
        (await stranger.GetAsync($"/Showroom/Edit/{entry.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/Showroom/CheckOut/{entry.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var lookup = await PostLookupAsync(stranger, page, "13800138000");
        JsonDocument.Parse(await lookup.Content.ReadAsStringAsync()).RootElement.GetProperty("returning")
            .GetBoolean().Should().BeFalse("the other store does not know this customer");
    }

    private DateTimeOffset TodayAt(int hour, int minute) =>
        new(App.ShanghaiToday.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));

    private async Task<TrafficEntry> AddWalkInAsync(DateTimeOffset arrived, string? mobile = null, bool checkOut = true)
    {
        var day = _store.LocalDate(arrived);
        var entry = TrafficEntry.CheckIn(_store.Id, _receptionist.Id, arrived, day, day, 1, _li.Id, arrived);
        if (checkOut)
        {
            entry.CheckOut(arrived.AddMinutes(30), new VisitorDetails { Mobile = mobile, Purpose = VisitPurpose.Browse },
                arrived.AddMinutes(30));
        }

        await App.WithDbAsync(async db =>
        {
            db.TrafficEntries.Add(entry);
            await db.SaveChangesAsync();
        });
        return entry;
    }

    private Task<TestClient> SignInAsync(string userName) => App.SignInAsync(userName);

    private static async Task<HttpResponseMessage> PostLookupAsync(TestClient client, AngleSharp.Html.Dom.IHtmlDocument page,
        string mobile)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Showroom?handler=Lookup")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["mobile"] = mobile }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.Http.SendAsync(request);
    }
}
