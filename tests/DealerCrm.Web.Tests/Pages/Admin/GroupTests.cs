using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Admin;

public sealed class GroupTests(AppFixture app) : WebTest(app)
{
    [Fact]
    public async Task An_admin_renames_the_group_and_sets_the_audit_retention_within_its_bounds()
    {
        var store = await App.CreateStoreAsync();
        await App.CreateUserAsync("admin", store.Id, Roles.Admin);
        using var admin = await App.SignInAsync("admin");

        using var tooShort = await admin.SubmitFormAsync("/Admin/Group", new Dictionary<string, string>
        {
            ["Input.Name"] = "华东汽车集团",
            ["Input.AuditRetentionMonths"] = "3",
        });
        var page = await TestClient.ParseAsync(tooShort);
        page.FieldError("Input.AuditRetentionMonths").Should().Be("Keep audit entries between 6 and 120 months.");
        page.InputValue("Input.Name").Should().Be("华东汽车集团");

        using var saved = await admin.SubmitFormAsync("/Admin/Group", new Dictionary<string, string>
        {
            ["Input.Name"] = "华东汽车集团",
            ["Input.AuditRetentionMonths"] = "24",
        });

        saved.RedirectPath().Should().Be("/Admin");
        var group = await App.WithDbAsync(db => db.DealerGroups.SingleAsync());
        group.Name.Should().Be("华东汽车集团");
        group.AuditRetentionMonths.Should().Be(24);
        await App.WithDbAsync(db => db.DealerGroups.ExecuteUpdateAsync(s => s
            .SetProperty(g => g.AuditRetentionMonths, 36).SetProperty(g => g.Name, "DealerCrm")));
    }
}
