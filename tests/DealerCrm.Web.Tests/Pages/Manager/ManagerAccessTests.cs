using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>
/// Spec 3 and 7.2: every page of the manager's chapter refuses the roles the spec does not give it, and a manager of
/// another store reaches none of this store's records by URL; nothing changes in the database.
/// </summary>
public sealed class ManagerAccessTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private Lead _lead = null!;
    private long _defeatId;
    private long _claimId;
    private long _importId;
    private long _incomingId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        var zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        var li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        var manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
        _lead = await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000"), zhang.Id);
        var other = await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id, "卫女士", "13800138001"), zhang.Id);
        await App.WithDbAsync(async db =>
        {
            var lead = await db.Leads.Include(l => l.Plans).SingleAsync(l => l.Id == other.Id);
            var defeat = lead.RequestDefeat(zhang.Id, DefeatReason.NoLongerInterested, null, null, "不买了", App.Now);
            db.DefeatRequests.Add(defeat);
            var claim = new DuplicateClaim(_store.Id, _lead.Id, _lead.CustomerId, zhang.Id, li.Id, "客户是我先接待的",
                App.Now);
            db.DuplicateClaims.Add(claim);
            var import = new LeadImport(_store.Id, "leads.csv", manager.Id, [], App.Now);
            import.Complete(0, 0, 0, App.Now);
            db.LeadImports.Add(import);
            var incoming = new IncomingLead(_store.Id, "褚先生", "13900000001", null, SourceChannel.DealerWebsite,
                App.Now.AddHours(-1), null, App.Now);
            db.IncomingLeads.Add(incoming);
            await db.SaveChangesAsync();
            (_defeatId, _claimId, _importId, _incomingId) = (defeat.Id, claim.Id, import.Id, incoming.Id);
        });
    }

    private string[] Pages =>
    [
        "/Manager", "/Manager/Unassigned", "/Manager/Import", $"/Manager/Import/{_importId}", "/Manager/Reassign",
        "/Manager/Defeats", $"/Manager/Defeats/{_defeatId}", "/Manager/Claims", $"/Manager/Claims/{_claimId}",
        "/Manager/Audit", "/Manager/Dormant", $"/Leads/{_lead.Id}/Reassign", $"/Leads/{_lead.Id}/Rescue",
        $"/Leads/{_lead.Id}/Dormant", "/Reports/ResponseTime",
    ];

    [Theory]
    [InlineData(Roles.SalesConsultant)]
    [InlineData(Roles.Receptionist)]
    [InlineData(Roles.CrmOfficer)]
    [InlineData(Roles.ServiceAdvisor)]
    public async Task Roles_without_the_managers_work_are_refused_every_page_and_post(string role)
    {
        await App.CreateUserAsync("someone", _store.Id, role);
        using var client = await App.SignInAsync("someone");
        var before = await SnapshotAsync();

        foreach (var page in Pages)
        {
            (await client.GetAsync(page)).IsRefused().Should().BeTrue($"GET {page} as {role}");
            using var post = await client.Http.PostAsync(page, new FormUrlEncodedContent(
                [new("To", "1"), new("Selected", _incomingId.ToString()), new("ConsultantId", "-1"), new("Reason", "x")]));
            post.IsRefused().Should().BeTrue($"POST {page} as {role}");
        }

        (await SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Another_stores_manager_reaches_none_of_this_stores_records_by_url()
    {
        var other = await App.CreateStoreAsync("S2");
        await App.CreateUserAsync("manager2", other.Id, Roles.SalesManager);
        var theirs = await App.CreateUserAsync("consultant2", other.Id, Roles.SalesConsultant);
        using var manager2 = await App.SignInAsync("manager2");
        var before = await SnapshotAsync();

        foreach (var page in new[]
                 {
                     $"/Manager/Import/{_importId}", $"/Manager/Defeats/{_defeatId}", $"/Manager/Claims/{_claimId}",
                     $"/Leads/{_lead.Id}/Reassign", $"/Leads/{_lead.Id}/Rescue", $"/Leads/{_lead.Id}/Dormant", $"/Leads/{_lead.Id}",
                 })
        {
            (await manager2.GetAsync(page)).IsRefused().Should().BeTrue($"GET {page} by another store's manager");
        }

        var board = await manager2.GetDocumentAsync("/Manager");
        board.Body!.TextContent.Should().NotContain("consultant.zhang");
        (await manager2.GetDocumentAsync("/Manager/Defeats")).Body!.TextContent.Should().NotContain("卫女士");
        (await manager2.GetDocumentAsync("/Manager/Claims")).Body!.TextContent.Should().NotContain("冯先生");
        (await manager2.GetDocumentAsync("/Manager/Unassigned")).Body!.TextContent.Should().NotContain("褚先生");
        (await manager2.GetDocumentAsync($"/Manager/Reassign?from={_lead.OwnerId}")).QuerySelector("[data-testid=reassign-form]")
            .Should().BeNull("another store's consultant is not one whose leads this manager can move");
        using var moved = await manager2.Http.PostAsync($"/Manager/Reassign?from={_lead.OwnerId}",
            new FormUrlEncodedContent([new("To", theirs.Id.ToString()), new("Reason", "x")]));
        moved.IsSuccessStatusCode.Should().BeFalse("no anti-forgery token, and no such consultant in this store anyway");

        (await SnapshotAsync()).Should().Be(before);
    }

    private Task<string> SnapshotAsync() => App.WithDbAsync(async db =>
        string.Join('|',
            string.Join(',', await db.Leads.OrderBy(l => l.Id).Select(l => $"{l.Id}:{l.OwnerId}:{l.Status}").ToListAsync()),
            string.Join(',', await db.DefeatRequests.Select(d => d.Decision.ToString()).ToListAsync()),
            string.Join(',', await db.DuplicateClaims.Select(c => c.Status.ToString()).ToListAsync()),
            string.Join(',', await db.IncomingLeads.Select(i => i.Status.ToString()).ToListAsync()),
            await db.FollowUpPlans.CountAsync()));
}
