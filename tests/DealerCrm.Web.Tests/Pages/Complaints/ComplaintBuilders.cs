using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Pages.Admin.Callbacks;
using DealerCrm.Web.Pages.Complaints;
using DealerCrm.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealerCrm.Web.Tests.Pages.Complaints;

/// <summary>Grievances and complaints through the domain's own factories, with the store's clock from the app.</summary>
public static class ComplaintBuilders
{
    /// <summary>Thursday 10 December 2026, 10:00 in Shanghai: a working day (Mon–Sat 08:30–17:30 by default).</summary>
    public static readonly DateTime Thursday10 = new(2026, 12, 10, 10, 0, 0);

    /// <summary>The store's default categories (and the rest of its callback defaults).</summary>
    public static Task AddDefaultsAsync(this AppFixture app, Store store) => app.WithDbAsync(async db =>
    {
        await CallbackDefaults.AddMissingAsync(db, store.Id, app.Now);
        await db.SaveChangesAsync();
    });

    public static async Task<ComplaintClock> ClockAsync(this AppFixture app, Store store)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ComplaintWorkflow>().ClockAsync(store);
    }

    /// <summary>A complaint entered directly by <paramref name="byUserId"/> now, received at <paramref name="receivedAt"/>.</summary>
    public static async Task<Complaint> OpenComplaintAsync(this AppFixture app, Store store, long customerId, long byUserId,
        DateTimeOffset? receivedAt = null, ComplaintSource source = ComplaintSource.Phone,
        ComplaintDepartment department = ComplaintDepartment.AfterSales, string category = "RepairQuality",
        long? vehicleId = null, long? visitId = null, string? caseNumber = null, string description = "异响没有修好")
    {
        var clock = await app.ClockAsync(store);
        var item = Complaint.OpenComplaint(store.Id, customerId, vehicleId, visitId, null, source, department, category,
            description, receivedAt, caseNumber, byUserId, app.Now, clock);
        return await app.SaveComplaintAsync(item);
    }

    /// <summary>The grievance a reached callback raises (submitted at once; the manager's call due 1 working day on).</summary>
    public static async Task<Complaint> RaiseGrievanceAsync(this AppFixture app, Store store, CallbackTask callback,
        long officerId, string category = "WaitingTime")
    {
        var clock = await app.ClockAsync(store);
        return await app.SaveComplaintAsync(Complaint.RaiseGrievance(callback, category, "等了两个小时", officerId, app.Now, clock));
    }

    public static async Task<Complaint> SaveComplaintAsync(this AppFixture app, Complaint item)
    {
        await app.WithDbAsync(async db =>
        {
            db.Complaints.Add(item);
            await db.SaveChangesAsync();
        });
        return item;
    }

    /// <summary>Changes a saved item through its domain methods (the clock handed in).</summary>
    public static Task ChangeComplaintAsync(this AppFixture app, Store store, long id, Action<Complaint, ComplaintClock> change) =>
        app.WithDbAsync(async db =>
        {
            var clock = await app.ClockAsync(store);
            var item = await db.Complaints.Include(c => c.Steps).SingleAsync(c => c.Id == id);
            change(item, clock);
            await db.SaveChangesAsync();
        });

    public static Task<Complaint> LoadComplaintAsync(this AppFixture app, long id) =>
        app.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Steps).SingleAsync(c => c.Id == id));
}
