using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// Test data through the domain's own constructors and methods, saved with the app's DbContext. "Today" is the
/// store-local date of the test's clock, as the pages see it.
/// </summary>
public static class Builders
{
    public static DateOnly TodayIn(this AppFixture app, Store store) => store.LocalDate(app.Now);

    public static async Task<Customer> CreateCustomerAsync(this AppFixture app, int storeId, string name = "王小明",
        string? mobile = "13800138000", Action<Customer>? configure = null)
    {
        var customer = new Customer(storeId, name, Gender.Male, mobile, app.Now);
        configure?.Invoke(customer);
        await app.WithDbAsync(async db =>
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        });
        return customer;
    }

    /// <summary>An Active lead with its first plan due by the grade's standard interval.</summary>
    public static async Task<Lead> CreateLeadAsync(this AppFixture app, Store store, Customer customer, long ownerId,
        Grade grade = Grade.A, SourceChannel source = SourceChannel.DealerWebsite, string? intendedModel = "哈弗H6")
    {
        var today = app.TodayIn(store);
        var policy = new GradePolicy(store.Id);
        var lead = Lead.Create(new NewLead
        {
            StoreId = store.Id,
            CustomerId = customer.Id,
            OwnerId = ownerId,
            Source = source,
            Grade = grade,
            Interest = new LeadInterest { IntendedModel = intendedModel },
            FirstPlan = new PlanRequest(policy.DefaultNextPlanDate(grade, today), null, ContactMethod.Phone,
                PlanPurpose.InviteToStore, null, null),
        }, policy, today, app.Now);
        await app.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }

    /// <summary>An Active lead whose card was made on <paramref name="due"/> with its plan due that day: a past day
    /// leaves it overdue.</summary>
    public static async Task<Lead> CreateLeadDueAsync(this AppFixture app, Store store, Customer customer, long ownerId,
        DateOnly due, Grade grade = Grade.C)
    {
        var policy = new GradePolicy(store.Id);
        var lead = Lead.Create(new NewLead
        {
            StoreId = store.Id,
            CustomerId = customer.Id,
            OwnerId = ownerId,
            Source = SourceChannel.DealerWebsite,
            Grade = grade,
            Interest = new LeadInterest { IntendedModel = "哈弗H6" },
            FirstPlan = new PlanRequest(due, null, ContactMethod.Phone, PlanPurpose.Reminder, null, null),
        }, policy, due, app.Now);
        await app.WithDbAsync(async db =>
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        });
        return lead;
    }

    /// <summary>Loads a lead as the pages do (its open plan and open order), lets the domain change it, and saves.</summary>
    public static Task ChangeLeadAsync(this AppFixture app, long leadId, Action<Lead, CrmDbContext> change) =>
        app.WithDbAsync(async db =>
        {
            var lead = await db.Leads.Include(l => l.Plans.Where(p => p.Status == PlanStatus.Open))
                .Include(l => l.Orders.Where(o => o.Status == OrderStatus.Open)).AsSplitQuery()
                .SingleAsync(l => l.Id == leadId);
            change(lead, db);
            await db.SaveChangesAsync();
        });

    /// <summary>A walk-in checked in now for the consultant; checked out too when details are given.</summary>
    public static async Task<TrafficEntry> CreateWalkInAsync(this AppFixture app, Store store, long receptionistId,
        long? consultantId, VisitorDetails? checkOut = null, DateTimeOffset? arrivedAt = null)
    {
        var now = app.Now;
        var arrived = arrivedAt ?? now.AddMinutes(-30);

        // Just after local midnight, half an hour ago was yesterday: keep the visit on today's date.
        if (arrivedAt is null && store.LocalDate(arrived) != store.LocalDate(now))
        {
            arrived = store.StartOfLocalDay(store.LocalDate(now));
        }
        var entry = TrafficEntry.CheckIn(store.Id, receptionistId, arrived, store.LocalDate(arrived),
            store.LocalDate(arrived), 1, consultantId, now);
        if (checkOut is not null)
        {
            entry.CheckOut(now, checkOut, now);
        }

        await app.WithDbAsync(async db =>
        {
            db.TrafficEntries.Add(entry);
            await db.SaveChangesAsync();
        });
        return entry;
    }
}
