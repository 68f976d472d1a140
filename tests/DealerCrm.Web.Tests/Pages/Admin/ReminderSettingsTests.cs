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
}
