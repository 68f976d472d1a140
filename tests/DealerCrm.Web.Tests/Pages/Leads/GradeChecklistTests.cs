using System.Net;
using System.Text.Json;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Leads;

/// <summary>
/// Spec 1.4: the checklist suggests a grade as signs are ticked. A small script under the CSP (no inline script)
/// asks the server, which keeps the rule and still decides on Save. The browser side is in the E2E suite.
/// </summary>
public sealed class GradeChecklistTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Lead _lead = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("S1");
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        var customer = await App.CreateCustomerAsync(_store.Id, "钱女士", "13800138000");
        _lead = await App.CreateLeadAsync(_store, customer, li.Id, Grade.B);
    }

    [Theory]
    [InlineData("/Leads/New")]
    [InlineData("/Leads/{id}")]
    public async Task The_checklist_pages_load_the_script_from_the_site_with_no_inline_script(string path)
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.GetAsync(path.Replace("{id}", _lead.Id.ToString(), StringComparison.Ordinal));
        var page = await TestClient.ParseAsync(response);

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self';")
            .And.NotContain("unsafe-inline");
        var scripts = page.QuerySelectorAll("script");
        scripts.Should().OnlyContain(s => s.HasAttribute("src") && s.TextContent.Trim().Length == 0,
            "the CSP allows no inline script");
        scripts.Select(s => s.GetAttribute("src")).Should().Contain(src => src!.StartsWith("/js/grade-checklist.js", StringComparison.Ordinal));
        page.QuerySelector("fieldset[data-grade-suggest]")!.GetAttribute("data-grade-suggest").Should().Be("/Leads/GradeSuggestion");
        page.QuerySelector("[data-grade-suggestion]").Should().NotBeNull("the script writes the suggestion there");
        page.QuerySelector("select[data-grade-select]").Should().NotBeNull();
    }

    [Fact]
    public async Task The_script_is_served_as_javascript_and_asks_the_server_with_the_forms_token()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/js/grade-checklist.js");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().BeOneOf("text/javascript", "application/javascript");
        var script = await response.Content.ReadAsStringAsync();
        script.Should().Contain("data-grade-suggest").And.Contain("RequestVerificationToken").And.Contain("fetch(");
    }

    [Fact]
    public async Task The_server_says_which_grade_the_ticked_signs_suggest_and_ignores_what_is_not_a_sign()
    {
        using var li = await App.SignInAsync("consultant.li");
        var page = await li.GetDocumentAsync($"/Leads/{_lead.Id}");

        var h = await SuggestAsync(li, page, "ModelAndColourChosen", "PriceAgreed", "ModelChosen");
        var none = await SuggestAsync(li, page);
        var junk = await SuggestAsync(li, page, "3", "ModelAndColourChosen,PriceAgreed", "Nonsense", new string('x', 10_000));
        var c = await SuggestAsync(li, page, "NeedJustAppeared");

        (h.GetProperty("grade").GetString(), h.GetProperty("text").GetString())
            .Should().Be(("H", "Suggested by the ticked signs: H — within 7 days"));
        none.GetProperty("grade").ValueKind.Should().Be(JsonValueKind.Null);
        none.GetProperty("text").GetString().Should().BeEmpty();
        junk.GetProperty("grade").ValueKind.Should().Be(JsonValueKind.Null, "numbers and flag combinations are not signs");
        c.GetProperty("grade").GetString().Should().Be("C");
    }

    [Fact]
    public async Task Without_the_forms_token_the_server_answers_nothing()
    {
        using var li = await App.SignInAsync("consultant.li");

        using var response = await li.Http.PostAsync("/Leads/GradeSuggestion", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["signs"] = "PriceAgreed" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_server_still_decides_on_save_whatever_the_page_showed()
    {
        using var li = await App.SignInAsync("consultant.li");

        // As a page without the script (or a forged post) would send it: H signs, grade C, no reason.
        using var response = await li.SubmitFormAsync($"/Leads/{_lead.Id}", new Dictionary<string, string>
        {
            ["GradeForm.Grade"] = "C",
            ["GradeForm.Signs"] = TestClient.Many("ModelAndColourChosen", "PriceAgreed"),
            ["GradeForm.GradeReason"] = string.Empty,
        }, "form[data-testid=grade-form]");

        var page = await TestClient.ParseAsync(response);
        page.FieldError("GradeForm.GradeReason").Should().Contain("suggest grade H");
        page.QuerySelector("[data-testid=suggested-grade]")!.TextContent.Should().Contain("H — within 7 days");
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).Grade.Should().Be(Grade.B);
    }

    private static async Task<JsonElement> SuggestAsync(TestClient client, AngleSharp.Html.Dom.IHtmlDocument page,
        params string[] signs)
    {
        var token = page.QuerySelector("form[data-testid=grade-form] input[name=__RequestVerificationToken]")!
            .GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Leads/GradeSuggestion")
        {
            Content = new FormUrlEncodedContent(signs.Select(s => KeyValuePair.Create("signs", s))),
        };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await client.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
