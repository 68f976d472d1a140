using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Tests.Infrastructure;

namespace DealerCrm.Web.Tests.Pages.Callbacks;

/// <summary>Callback test data through the domain's own constructors: vehicles, completed repair orders, tasks, questions.</summary>
public static class CallbackBuilders
{
    private static int _serial;

    /// <summary>A Thursday morning in Shanghai, inside the default calling hours.</summary>
    public static readonly DateTime Thursday10 = new(2026, 12, 10, 10, 0, 0);

    public static async Task<Vehicle> CreateVehicleAsync(this AppFixture app, int storeId, long ownerId,
        string plate = "沪A12345")
    {
        var serial = Interlocked.Increment(ref _serial).ToString("000000", CultureInfo.InvariantCulture);
        var vehicle = new Vehicle(storeId, Vin.WithCheckDigit("LSVAU2180N2" + serial), plate, "长城", "哈弗H6", null,
            ownerId, null, null, true, app.Now);
        await app.WithDbAsync(async db =>
        {
            db.Vehicles.Add(vehicle);
            await db.SaveChangesAsync();
        });
        return vehicle;
    }

    public static async Task<ServiceVisit> CreateCompletedVisitAsync(this AppFixture app, Store store, Vehicle vehicle,
        long customerId, DateOnly completedOn, long? advisorId = null, string? broughtByName = "李师傅",
        string? broughtByMobile = "13900139000", string? callbackNumber = null, string orderNumber = "RO-1",
        ServiceTypes types = ServiceTypes.Maintenance)
    {
        var completedAt = store.StartOfLocalDay(completedOn).AddHours(8.5);
        var visit = new ServiceVisit(store.Id, orderNumber, vehicle, customerId, completedAt.AddHours(-2), 12_000, null,
            types, 680m, advisorId, null, broughtByName, broughtByMobile, true, callbackNumber, "下午", app.Now);
        visit.Complete(completedAt, app.Now);
        await app.WithDbAsync(async db =>
        {
            db.ServiceVisits.Add(visit);
            await db.SaveChangesAsync();
        });
        return visit;
    }

    /// <summary>The after-sales callback of a completed visit: due on day 3 of its completion.</summary>
    public static Task<CallbackTask> CreateAfterSalesTaskAsync(this AppFixture app, Store store, ServiceVisit visit,
        long? assignedToId = null) =>
        app.SaveTaskAsync(new CallbackTask(store.Id, CallbackType.AfterSalesThreeDay, visit.CustomerId, visit.VehicleId,
            null, store.LocalDate(visit.CompletedAt!.Value).AddDays(3), app.Now, serviceVisitId: visit.Id,
            assignedToId: assignedToId));

    public static async Task<CallbackTask> SaveTaskAsync(this AppFixture app, CallbackTask task)
    {
        await app.WithDbAsync(async db =>
        {
            db.CallbackTasks.Add(task);
            await db.SaveChangesAsync();
        });
        return task;
    }

    public static async Task<CallbackQuestion> CreateQuestionAsync(this AppFixture app, int storeId, CallbackType type,
        int position, string en, string zh, QuestionKind kind = QuestionKind.YesNo)
    {
        var question = new CallbackQuestion(storeId, type, kind, position, en, zh, app.Now);
        await app.WithDbAsync(async db =>
        {
            db.CallbackQuestions.Add(question);
            await db.SaveChangesAsync();
        });
        return question;
    }

    public static Task<Customer> CreateOwnerAsync(this AppFixture app, int storeId, string name = "王小明",
        string mobile = "13800138000", Gender gender = Gender.Male) =>
        app.CreateCustomerAsync(storeId, name, mobile, c => c.UpdateFixedInformation(new FixedInformation
        {
            Name = name,
            Gender = gender,
            Mobile = mobile,
        }, app.Now));
}
