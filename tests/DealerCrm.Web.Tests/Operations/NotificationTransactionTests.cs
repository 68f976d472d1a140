using System.Net;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealerCrm.Web.Tests.Operations;

/// <summary>
/// A notification is part of the change that causes it: when the notification cannot be written, the change is not
/// saved either (with notifications written after the commit, the change would stay and the notification be lost).
/// The database is made to refuse every new notification for the length of a test.
/// </summary>
public sealed class NotificationTransactionTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _zhang = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
    }

    public override async Task DisposeAsync()
    {
        await ExecuteAsync("""
            DROP TRIGGER IF EXISTS test_refuse_notifications ON notifications;
            DROP FUNCTION IF EXISTS test_refuse_notifications();
            """);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_reassignment_whose_notification_fails_is_not_saved_at_all()
    {
        var customer = await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
        var lead = await App.CreateLeadAsync(_store, customer, _li.Id, Grade.B);
        using var manager = await App.SignInAsync("manager");
        var form = await manager.GetDocumentAsync($"/Leads/{lead.Id}/Reassign");
        await RefuseNotificationsAsync();

        using var response = await manager.SubmitFormAsync(form, $"/Leads/{lead.Id}/Reassign", new Dictionary<string, string>
        {
            ["OwnerId"] = _zhang.Id.ToString(),
            ["Reason"] = "李顾问休假",
        }, "form[data-testid=reassign-form]");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await App.WithDbAsync(db => db.Leads.SingleAsync())).OwnerId.Should().Be(_li.Id);
        (await App.WithDbAsync(db => db.LeadEvents.CountAsync(e => e.Kind == LeadEventKind.OwnerChanged))).Should().Be(0);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "sales.lead_reassigned"))).Should().Be(0);
        (await App.WithDbAsync(db => db.Notifications.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_bulk_reassignment_whose_notification_fails_moves_no_lead()
    {
        for (var i = 0; i < 3; i++)
        {
            var customer = await App.CreateCustomerAsync(_store.Id, $"客户{i}", $"1380013800{i}");
            await App.CreateLeadAsync(_store, customer, _li.Id, Grade.B);
        }

        using var manager = await App.SignInAsync("manager");
        var page = await manager.GetDocumentAsync($"/Manager/Reassign?from={_li.Id}");
        await RefuseNotificationsAsync();

        using var response = await manager.SubmitFormAsync(page, $"/Manager/Reassign?from={_li.Id}", new Dictionary<string, string>
        {
            ["To"] = _zhang.Id.ToString(),
            ["Reason"] = "李顾问离职",
        }, "form[data-testid=reassign-form]");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await App.WithDbAsync(db => db.Leads.CountAsync(l => l.OwnerId == _li.Id))).Should().Be(3);
        (await App.WithDbAsync(db => db.LeadEvents.CountAsync(e => e.Kind == LeadEventKind.OwnerChanged))).Should().Be(0);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "sales.leads_reassigned"))).Should().Be(0);
    }

    [Fact]
    public async Task Without_the_fault_the_same_reassignment_saves_the_change_and_its_notifications_together()
    {
        var customer = await App.CreateCustomerAsync(_store.Id, "冯先生", "13800138000");
        var lead = await App.CreateLeadAsync(_store, customer, _li.Id, Grade.B);
        using var manager = await App.SignInAsync("manager");

        using var response = await manager.SubmitFormAsync($"/Leads/{lead.Id}/Reassign", new Dictionary<string, string>
        {
            ["OwnerId"] = _zhang.Id.ToString(),
            ["Reason"] = "李顾问休假",
        }, "form[data-testid=reassign-form]");

        response.RedirectPath().Should().Be($"/Leads/{lead.Id}");
        var moved = await App.WithDbAsync(db => db.LeadEvents.SingleAsync(e => e.Kind == LeadEventKind.OwnerChanged));
        var notes = await App.WithDbAsync(db => db.Notifications.Select(n => new { n.UserId, n.Link, n.CreatedAt }).ToListAsync());
        notes.Should().BeEquivalentTo([
            new { UserId = _zhang.Id, Link = $"/Leads/{lead.Id}", CreatedAt = moved.At },
            new { UserId = _li.Id, Link = "/FollowUps", CreatedAt = moved.At },
        ]);
    }

    private Task RefuseNotificationsAsync() => ExecuteAsync("""
        CREATE FUNCTION test_refuse_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'notifications are refused by the test';
        END $$;
        CREATE TRIGGER test_refuse_notifications BEFORE INSERT ON notifications
            FOR EACH ROW EXECUTE FUNCTION test_refuse_notifications();
        """);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
