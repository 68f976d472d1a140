using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Admin;

public sealed class GradePolicyTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task A_store_without_a_policy_follows_the_standard_table_until_an_admin_saves_one()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        var page = await admin.GetDocumentAsync($"/Admin/GradePolicy?store={store.Id}");

        page.InputValue("Input.HIntervalDays").Should().Be("2");
        page.InputValue("Input.AIntervalDays").Should().Be("7");
        page.InputValue("Input.BIntervalDays").Should().Be("10");
        page.InputValue("Input.CIntervalDays").Should().Be("15");
        page.InputValue("Input.OIntervalDays").Should().Be("10");
        page.InputValue("Input.AWindowDays").Should().Be("15");
        (await App.WithDbAsync(db => db.GradePolicies.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_alternative_preset_applies_and_a_new_card_takes_its_interval()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        await App.CreateUserAsync("consultant.li", store.Id, Roles.SalesConsultant);
        using var admin = await App.SignInAsync("admin");

        using var preset = await admin.SubmitFormAsync($"/Admin/GradePolicy?store={store.Id}",
            new Dictionary<string, string> { ["preset"] = "Alternative" }, "form[action*='handler=Preset']");

        preset.RedirectPath().Should().Be($"/Admin/GradePolicy?store={store.Id}");
        var policy = await App.WithDbAsync(db => db.GradePolicies.SingleAsync());
        (policy.AWindowDays, policy.BWindowDays, policy.BIntervalDays, policy.CIntervalDays).Should().Be((30, 90, 15, 30));
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.GradePolicyChanged)))
            .Should().Be(1);

        using var li = await App.SignInAsync("consultant.li");
        var card = await li.GetDocumentAsync("/Leads/New");
        card.QuerySelector("[data-testid=default-dates]")!.TextContent
            .Should().Contain($"C {App.TodayIn(store).AddDays(30):yyyy-MM-dd}");
        using var created = await li.SubmitFormAsync(card, "/Leads/New", new Dictionary<string, string>
        {
            ["Input.Name"] = "陈先生",
            ["Input.Mobile"] = "13700000000",
            ["Input.Grade.Grade"] = "C",
            ["Input.Plan.DueDate"] = string.Empty,
        }, "form[data-testid=card-form]");
        (await App.WithDbAsync(db => db.FollowUpPlans.SingleAsync())).DueDate
            .Should().Be(App.TodayIn(store).AddDays(30), "C is every 30 days in the alternative preset");
    }

    [Fact]
    public async Task Windows_that_do_not_grow_from_H_to_B_are_refused_and_the_typed_values_stay()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        using var response = await admin.SubmitFormAsync($"/Admin/GradePolicy?store={store.Id}",
            new Dictionary<string, string> { ["Input.AWindowDays"] = "5", ["Input.HIntervalDays"] = "0" },
            "form[data-testid=policy-form]");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, response.RedirectPath());
        var page = await TestClient.ParseAsync(response);
        (page.FieldError("Input.AWindowDays") + page.FieldError("Input.HIntervalDays")).Should().NotBeEmpty();
        page.InputValue("Input.AWindowDays").Should().Be("5");
        (await App.WithDbAsync(db => db.GradePolicies.CountAsync())).Should().Be(0);
    }
}
