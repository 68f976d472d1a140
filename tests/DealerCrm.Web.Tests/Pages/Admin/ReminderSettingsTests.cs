using System.Net;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Admin;

/// <summary>The service reminder and replacement lead settings (issue 14) on the store's callback settings form.</summary>
public sealed class ReminderSettingsTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private TestClient _admin = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync("HQ", "Head office");
        await App.CreateUserAsync("admin", _store.Id, Roles.Admin);
        _admin = await App.SignInAsync("admin");
    }

    public override Task DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    private string Page => $"/Admin/Callbacks?store={_store.Id}&type=ServiceReminder";

    [Fact]
    public async Task The_form_shows_the_defaults_and_saves_all_three_for_the_store()
    {
        var form = await _admin.GetDocumentAsync(Page);
        (form.InputValue("Settings.InsuranceReminderDays"), form.InputValue("Settings.ReplacementAfterMonths"),
            form.InputValue("Settings.ReplacementAfterKm")).Should().Be(("30", "24", "100000"));

        using var saved = await _admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Settings.InsuranceReminderDays"] = "45",
            ["Settings.ReplacementAfterMonths"] = "36",
            ["Settings.ReplacementAfterKm"] = "120000",
        }, "form[data-testid=settings-form]");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var settings = await App.WithDbAsync(db => db.CallbackSettings.SingleAsync());
        (settings.StoreId, settings.InsuranceReminderDays, settings.ReplacementAfterMonths, settings.ReplacementAfterKm,
            settings.ContactGapDays).Should().Be((_store.Id, 45, 36, 120_000, 7));
        (await _admin.GetDocumentAsync(Page)).InputValue("Settings.InsuranceReminderDays").Should().Be("45");
    }

    [Theory]
    [InlineData("0", "24", "100000", "Settings.InsuranceReminderDays")]
    [InlineData("91", "24", "100000", "Settings.InsuranceReminderDays")]
    [InlineData("30", "5", "100000", "Settings.ReplacementAfterMonths")]
    [InlineData("30", "24", "999", "Settings.ReplacementAfterKm")]
    [InlineData("30", "24", "99999999999", "Settings.ReplacementAfterKm")]
    [InlineData("", "24", "100000", "Settings.InsuranceReminderDays")]
    public async Task Values_out_of_range_are_refused_beside_their_field_and_nothing_is_saved(
        string days, string months, string km, string field)
    {
        var values = new Dictionary<string, string>
        {
            ["Settings.InsuranceReminderDays"] = days,
            ["Settings.ReplacementAfterMonths"] = months,
            ["Settings.ReplacementAfterKm"] = km,
        };
        using var response = await _admin.SubmitFormAsync(Page, values, "form[data-testid=settings-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError(field).Should().NotBeEmpty();
        page.InputValue(field).Should().Be(values[field], "what was typed stays");
        (await App.WithDbAsync(db => db.CallbackSettings.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task The_weekly_replacement_caps_show_their_defaults_and_save_for_the_store()
    {
        var form = await _admin.GetDocumentAsync(Page);
        (form.InputValue("Settings.ReplacementWeeklyPerConsultant"), form.InputValue("Settings.ReplacementWeeklyToQueue"))
            .Should().Be(("25", "100"));

        using var saved = await _admin.SubmitFormAsync(Page, new Dictionary<string, string>
        {
            ["Settings.ReplacementWeeklyPerConsultant"] = "500",
            ["Settings.ReplacementWeeklyToQueue"] = "0",
        }, "form[data-testid=settings-form]");

        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var settings = await App.WithDbAsync(db => db.CallbackSettings.SingleAsync());
        (settings.StoreId, settings.ReplacementWeeklyPerConsultant, settings.ReplacementWeeklyToQueue,
            settings.ReplacementAfterMonths).Should().Be((_store.Id, 500, 0, 24));
        var again = await _admin.GetDocumentAsync(Page);
        (again.InputValue("Settings.ReplacementWeeklyPerConsultant"), again.InputValue("Settings.ReplacementWeeklyToQueue"))
            .Should().Be(("500", "0"));
    }

    [Theory]
    [InlineData("0", "100", "Settings.ReplacementWeeklyPerConsultant", "en",
        "Replacement cards per consultant per week must be between 1 and 500.")]
    [InlineData("501", "100", "Settings.ReplacementWeeklyPerConsultant", "zh-CN", "每位顾问每周的置换线索数应在 1 至 500 之间。")]
    [InlineData("25", "-1", "Settings.ReplacementWeeklyToQueue", "en",
        "Replacement enquiries to the unassigned queue per week must be between 0 and 5000.")]
    [InlineData("25", "5001", "Settings.ReplacementWeeklyToQueue", "zh-CN", "每周进入待分配队列的置换线索数应在 0 至 5000 之间。")]
    public async Task A_weekly_cap_out_of_range_is_refused_in_the_users_language_beside_its_field_and_nothing_is_saved(
        string perConsultant, string toQueue, string field, string language, string message)
    {
        _admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var values = new Dictionary<string, string>
        {
            ["Settings.InsuranceReminderDays"] = "45",
            ["Settings.ReplacementWeeklyPerConsultant"] = perConsultant,
            ["Settings.ReplacementWeeklyToQueue"] = toQueue,
        };
        using var response = await _admin.SubmitFormAsync(Page, values, "form[data-testid=settings-form]");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(response);
        page.FieldError(field).Should().Be(message);
        page.InputValue(field).Should().Be(values[field], "what was typed stays");
        page.InputValue("Settings.InsuranceReminderDays").Should().Be("45");
        (await App.WithDbAsync(db => db.CallbackSettings.CountAsync())).Should().Be(0, "nothing is half-saved");
    }
}
