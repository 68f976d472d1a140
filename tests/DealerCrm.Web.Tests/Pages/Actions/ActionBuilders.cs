using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Pages.Complaints;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Pages.Actions;

/// <summary>Corrective and preventive actions for the /Actions tests, through the domain's own constructor and steps.</summary>
public static class ActionBuilders
{
    /// <summary>A Thursday morning in Shanghai, a working day.</summary>
    public static readonly DateTime Thursday10 = new(2026, 12, 10, 10, 0, 0);

    /// <summary>An action waiting for approval, opened by <paramref name="openedById"/>, due in a week unless told.</summary>
    public static async Task<CorrectiveAction> CreateActionAsync(this AppFixture app, Store store, long openedById,
        long responsibleId, long[]? participants = null, DateOnly? due = null, long? complaintId = null,
        string description = "Re-train the advisors on the handover checklist", ActionKind kind = ActionKind.Corrective)
    {
        var today = app.TodayIn(store);
        var action = new CorrectiveAction(store.Id, kind, complaintId, null, null, description, responsibleId,
            participants ?? [], due ?? today.AddDays(7), today, openedById, app.Now);
        await app.WithDbAsync(async db =>
        {
            db.CorrectiveActions.Add(action);
            await db.SaveChangesAsync();
        });
        return action;
    }

    /// <summary>Loads the action as the pages do, lets the domain move it, and saves.</summary>
    public static Task MoveActionAsync(this AppFixture app, long actionId, Action<CorrectiveAction> step) =>
        app.WithDbAsync(async db =>
        {
            var action = await db.CorrectiveActions.Include(a => a.Participants).Include(a => a.Events)
                .AsSplitQuery().SingleAsync(a => a.Id == actionId);
            step(action);
            await db.SaveChangesAsync();
        });

    public static Task<CorrectiveAction> LoadActionAsync(this AppFixture app, long actionId) =>
        app.WithDbAsync(db => db.CorrectiveActions.AsNoTracking().Include(a => a.Participants)
            .Include(a => a.Events.OrderBy(e => e.Id)).AsSplitQuery().SingleAsync(a => a.Id == actionId));

    /// <summary>The store's default problem categories (4.4), as the store's defaults are ensured.</summary>
    public static Task AddCategoriesAsync(this AppFixture app, Store store) =>
        app.WithDbAsync(async db =>
        {
            db.ComplaintCategories.AddRange(ComplaintCategory.DefaultsFor(store.Id));
            await db.SaveChangesAsync();
        });

    /// <summary>A walk-in complaint about a customer of the store, entered now.</summary>
    public static async Task<Complaint> CreateComplaintAsync(this AppFixture app, Store store, long byUserId,
        string customerName = "冯先生", string mobile = "13800138000")
    {
        var customer = await app.CreateCustomerAsync(store.Id, customerName, mobile);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<ComplaintWorkflow>();
        var db = scope.ServiceProvider.GetRequiredService<DealerCrm.Web.Data.CrmDbContext>();
        var complaint = Complaint.OpenComplaint(store.Id, customer.Id, null, null, null, ComplaintSource.WalkIn,
            ComplaintDepartment.AfterSales, "RepairQuality", "异响修了三次还没好", null, null, byUserId, app.Now,
            await workflow.ClockAsync(store));
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync();
        return complaint;
    }
}
