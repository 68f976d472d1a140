using DealerCrm.Domain.Defeats;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// Builds leads at chosen store-local moments through the domain's own methods (card, follow-up, order, cancellation,
/// delivery, defeat request and decision, rescue), the clock pinned to each moment as the pages would see it.
/// </summary>
public sealed class SalesReportScenario(AppFixture app, Store store)
{
    private int _customers;

    public AppFixture App { get; } = app;

    public Store Store { get; } = store;

    public GradePolicy Policy { get; } = new(store.Id);

    public DateOnly Today => Store.LocalDate(App.Now);

    public DateTimeOffset At(int month, int day, int hour, int minute = 0, int second = 0, int year = 2026)
    {
        App.PinShanghai(new DateTime(year, month, day, hour, minute, second));
        return App.Now;
    }

    public async Task<Lead> LeadAsync(long ownerId, SourceChannel source, LeadProject project = LeadProject.None,
        string? model = "哈弗H6", Grade grade = Grade.A)
    {
        _customers++;
        var customer = await App.CreateCustomerAsync(Store.Id, $"客户{_customers}", $"139{_customers:D8}");
        var lead = Lead.Create(new NewLead
        {
            StoreId = Store.Id,
            CustomerId = customer.Id,
            OwnerId = ownerId,
            Source = source,
            Project = project,
            Grade = grade,
            Interest = new LeadInterest { IntendedModel = model },
            FirstPlan = Plan(grade),
        }, Policy, Today, App.Now);
        await App.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }

    public Task TestDriveAsync(Lead lead, long actorId) => App.ChangeLeadAsync(lead.Id, (l, _) =>
        l.RecordFollowUp(new FollowUpEntry(App.Now, ContactMethod.Phone, "试驾了", FollowUpResult.TestDriveDone, null),
            Plan(l.Grade), Policy, Today, actorId, App.Now));

    public Task OrderAsync(Lead lead, long actorId) => App.ChangeLeadAsync(lead.Id, (l, _) =>
        l.PlaceOrder(new OrderRequest(Today, "哈弗H6", null, null, 150_000m, 20_000m, PaymentMethod.Full, null, null, null),
            Policy, Today, actorId, App.Now));

    public Task CancelOrderAsync(Lead lead, long actorId) => App.ChangeLeadAsync(lead.Id, (l, _) =>
        l.CancelOrder("客户改主意了", true, Plan(Grade.A), Policy, Today, actorId, App.Now));

    public Task DeliverAsync(Lead lead, long actorId) => App.ChangeLeadAsync(lead.Id, (l, db) =>
        db.Deliveries.Add(l.Deliver(new DeliveryRequest(App.Now, 150_000m, $"FP-{l.Id}", "LSVAU218XN2183294"), actorId,
            App.Now)));

    public Task RequestDefeatAsync(Lead lead, long actorId, DefeatReason reason, string? brand = null, string? model = null) =>
        App.ChangeLeadAsync(lead.Id, (l, db) =>
            db.DefeatRequests.Add(l.RequestDefeat(actorId, reason, brand, model, "客户不买了", App.Now)));

    public Task ApproveAsync(Lead lead, long managerId) =>
        DecideAsync(lead, (l, request) => l.ApproveDefeat(request, managerId, null, App.Now));

    public Task RejectAsync(Lead lead, long managerId, long? reassignTo = null) =>
        DecideAsync(lead, (l, request) => l.ReturnFromDefeat(request, managerId, "再跟一次", reassignTo, Today.AddDays(1),
            Policy, Today, App.Now));

    public Task RescueAsync(Lead lead, long managerId, long ownerId) => App.ChangeLeadAsync(lead.Id, (l, _) =>
        l.Rescue(managerId, ownerId, Today.AddDays(1), "再试试", Policy, Today, App.Now));

    private Task DecideAsync(Lead lead, Action<Lead, DefeatRequest> decide) => App.WithDbAsync(async db =>
    {
        var request = await db.DefeatRequests.SingleAsync(r => r.LeadId == lead.Id && r.Decision == DefeatDecision.Pending);
        var tracked = await db.Leads.Include(l => l.Plans.Where(p => p.Status == PlanStatus.Open))
            .Include(l => l.Orders.Where(o => o.Status == OrderStatus.Open)).AsSplitQuery()
            .SingleAsync(l => l.Id == lead.Id);
        decide(tracked, request);
        await db.SaveChangesAsync();
    });

    private PlanRequest Plan(Grade grade) =>
        new(Policy.DefaultNextPlanDate(grade, Today), null, ContactMethod.Phone,
            PlanPurpose.InviteToStore, null, null);
}
