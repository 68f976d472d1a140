using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Jobs;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Pages.Manager;

/// <summary>
/// The bulk statements that repeat an entity's transition for speed (<see cref="Web.Pages.Leads.LeadReassignment"/>
/// for <see cref="Lead.Reassign"/>, <see cref="Web.Pages.Leads.DormantLeads"/> for <see cref="Lead.MakeDormant"/>):
/// two identical leads, one moved by its card's page (the entity), one by the manager's bulk page (the statement), at
/// the same instant, leave identical rows — lead, plans, history — but for their ids and customers.
/// </summary>
public sealed class BulkPathTests(AppFixture app) : WebTest(app)
{
    private Store _store = null!;
    private StaffUser _li = null!;
    private StaffUser _zhang = null!;
    private StaffUser _manager = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _store = await App.CreateStoreAsync();
        _li = await App.CreateUserAsync("consultant.li", _store.Id, Roles.SalesConsultant);
        _zhang = await App.CreateUserAsync("consultant.zhang", _store.Id, Roles.SalesConsultant);
        _manager = await App.CreateUserAsync("manager", _store.Id, Roles.SalesManager);
    }

    [Theory]
    [InlineData(LeadStatus.Active)]
    [InlineData(LeadStatus.Ordered)]
    [InlineData(LeadStatus.DefeatPending)]
    public async Task Reassigning_in_bulk_leaves_the_rows_Lead_Reassign_leaves(LeadStatus status)
    {
        var byEntity = await LeadInAsync(status, "甲", "13700000001");
        var byBulk = await LeadInAsync(status, "乙", "13700000002");
        using var manager = await App.SignInAsync("manager");

        using var single = await manager.SubmitFormAsync($"/Leads/{byEntity.Id}/Reassign", new Dictionary<string, string>
        {
            ["OwnerId"] = _zhang.Id.ToString(),
            ["Reason"] = "离职交接",
        }, "form[data-testid=reassign-form]");
        using var bulk = await manager.SubmitFormAsync($"/Manager/Reassign?from={_li.Id}", new Dictionary<string, string>
        {
            ["To"] = _zhang.Id.ToString(),
            ["Reason"] = "离职交接",
            ["TickedOnly"] = "true",
            ["Selected"] = byBulk.Id.ToString(),
        }, "form[data-testid=reassign-form]");

        single.RedirectPath().Should().Be($"/Leads/{byEntity.Id}");
        bulk.RedirectPath().Should().StartWith("/Manager/Reassign");
        var entityRows = await RowsOfAsync(byEntity.Id);
        (await RowsOfAsync(byBulk.Id)).Should().BeEquivalentTo(entityRows);
        entityRows.Lead.Should().Contain($"\"owner_id\": {_zhang.Id}", "both moved");
    }

    [Fact]
    public async Task Making_dormant_in_bulk_leaves_the_rows_Lead_MakeDormant_leaves()
    {
        var byEntity = await QuietLeadAsync("甲", "13700000001");
        var byBulk = await QuietLeadAsync("乙", "13700000002");
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            // Their plans are long overdue: the job flags them out of control, which moving them clears.
            await scope.ServiceProvider.GetRequiredService<OverdueFollowUpsJob>().RunAsync(CancellationToken.None);
        }

        (await App.WithDbAsync(db => db.Leads.CountAsync(l => l.IsOutOfControl))).Should().Be(2);
        using var manager = await App.SignInAsync("manager");

        using var single = await manager.SubmitFormAsync($"/Leads/{byEntity.Id}/Dormant", new Dictionary<string, string>(),
            "form[data-testid=dormant-form]");
        using var bulk = await manager.SubmitFormAsync("/Manager/Dormant", new Dictionary<string, string>
        {
            ["TickedOnly"] = "true",
            ["Selected"] = byBulk.Id.ToString(),
        }, "form[data-testid=dormant-form]");

        single.RedirectPath().Should().Be($"/Leads/{byEntity.Id}");
        bulk.RedirectPath().Should().StartWith("/Manager/Dormant");
        var entityRows = await RowsOfAsync(byEntity.Id);
        (await RowsOfAsync(byBulk.Id)).Should().BeEquivalentTo(entityRows);
        entityRows.Lead.Should().Contain($"\"status\": {(int)LeadStatus.Dormant}", "both moved");
    }

    /// <summary>A lead of Li's in the given status, through the domain, with its plan and history.</summary>
    private async Task<Lead> LeadInAsync(LeadStatus status, string name, string mobile)
    {
        var lead = await App.CreateLeadAsync(_store, await App.CreateCustomerAsync(_store.Id, name, mobile), _li.Id, Grade.B);
        var today = App.TodayIn(_store);
        await App.ChangeLeadAsync(lead.Id, (l, db) =>
        {
            if (status == LeadStatus.Ordered)
            {
                l.PlaceOrder(new OrderRequest(today, "哈弗H6", null, null, 150_000m, 5_000m, PaymentMethod.Full, null, null,
                    null), new GradePolicy(_store.Id), today, _li.Id, App.Now);
            }
            else if (status == LeadStatus.DefeatPending)
            {
                db.DefeatRequests.Add(l.RequestDefeat(_li.Id, DefeatReason.Other, null, null, "联系不上", App.Now));
            }
        });
        return lead;
    }

    /// <summary>A C lead whose card was made 100 days ago and that nothing has moved since: eligible for Dormant.</summary>
    private async Task<Lead> QuietLeadAsync(string name, string mobile)
    {
        var customer = await App.CreateCustomerAsync(_store.Id, name, mobile);
        var then = App.Now.AddDays(-100);
        var day = _store.LocalDate(then);
        var policy = new GradePolicy(_store.Id);
        var lead = Lead.Create(new NewLead
        {
            StoreId = _store.Id,
            CustomerId = customer.Id,
            OwnerId = _li.Id,
            Source = SourceChannel.DealerWebsite,
            Grade = Grade.C,
            FirstPlan = new PlanRequest(policy.DefaultNextPlanDate(Grade.C, day), null, ContactMethod.Phone,
                PlanPurpose.InviteToStore, null, null),
        }, policy, day, then);
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }

    /// <summary>Every column of the lead, its plans and its history, as JSON, without the row ids and the customer.</summary>
    private Task<Rows> RowsOfAsync(long leadId) => App.WithDbAsync(async db => new Rows(
        await JsonAsync(db, $"SELECT (to_jsonb(l) - 'id' - 'customer_id')::text AS \"Value\" FROM leads l WHERE l.id = {leadId}"),
        await JsonAsync(db, $"""
            SELECT coalesce(jsonb_agg(to_jsonb(p) - 'id' - 'lead_id' ORDER BY p.id), '[]')::text AS "Value"
            FROM follow_up_plans p WHERE p.lead_id = {leadId}
            """),
        await JsonAsync(db, $"""
            SELECT coalesce(jsonb_agg(to_jsonb(e) - 'id' - 'lead_id' - 'order_id' ORDER BY e.id), '[]')::text AS "Value"
            FROM lead_events e WHERE e.lead_id = {leadId}
            """)));

    private static async Task<string> JsonAsync(Web.Data.CrmDbContext db, FormattableString sql) =>
        (await db.Database.SqlQuery<string>(sql).ToListAsync()).Single();

    private sealed record Rows(string Lead, string Plans, string History);
}
