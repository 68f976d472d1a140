using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Vehicles;

/// <summary>The reads of the vehicle file (一车一档): its sale, status history, service visits and callbacks.</summary>
public static class VehicleQueries
{
    public static Task<SaleRow?> SaleAsync(CrmDbContext db, long vehicleId) =>
        (from d in db.Deliveries
         where d.VehicleId == vehicleId
         join l in db.Leads on d.LeadId equals l.Id
         orderby d.DeliveredAt descending
         select new SaleRow(d.DeliveredAt, d.FinalPrice, l.Id,
             db.Users.Where(u => u.Id == l.OwnerId).Select(u => u.DisplayName).FirstOrDefault()))
        .AsNoTracking().FirstOrDefaultAsync();

    public static Task<List<StatusRow>> StatusHistoryAsync(CrmDbContext db, long vehicleId) =>
        db.VehicleStatusChanges.AsNoTracking().Where(c => c.VehicleId == vehicleId)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new StatusRow(c.At, c.From, c.To, c.Reason,
                db.Users.Where(u => u.Id == c.ByUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync();

    /// <summary>Every repair order of the car, in any store of the group, newest first.</summary>
    public static Task<List<VisitRow>> VisitsAsync(CrmDbContext db, long vehicleId) =>
        (from s in db.ServiceVisits
         where s.VehicleId == vehicleId
         join st in db.Stores on s.StoreId equals st.Id
         orderby s.OpenedAt descending, s.Id descending
         select new VisitRow(s.Id, s.StoreId, st.Name, s.OrderNumber, s.OpenedAt, s.CompletedAt, s.Mileage,
             s.MileageReason, s.Types, s.Amount,
             db.Users.Where(u => u.Id == s.AdvisorId).Select(u => u.DisplayName).FirstOrDefault() ?? s.AdvisorName))
        .AsNoTracking().ToListAsync();

    /// <summary>
    /// Every callback task of the car with its attempts and answers, newest due date first; each answer with the
    /// question's wording as it was asked (the version the answer points at), in the reader's language.
    /// </summary>
    public static async Task<List<CallbackRow>> CallbacksAsync(CrmDbContext db, long vehicleId)
    {
        var tasks = await db.CallbackTasks.AsNoTracking().Where(t => t.VehicleId == vehicleId)
            .OrderByDescending(t => t.DueDate).ThenByDescending(t => t.Id)
            .Select(t => new
            {
                t.Id, t.StoreId, t.Type, t.DueDate, t.Status, t.ContactName, t.ContactNumber, t.OverallSatisfaction,
                t.Comments, t.LapseReason, t.ClosedAt,
            })
            .ToListAsync();
        var ids = tasks.Select(t => t.Id).ToList();
        var attempts = await (from a in db.CallbackAttempts
                              where ids.Contains(a.TaskId)
                              orderby a.At
                              select new AttemptRow(a.TaskId, a.At, a.Outcome, a.NumberDialled, a.CallBackAt, a.Note,
                                  db.Users.Where(u => u.Id == a.ByUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .AsNoTracking().ToListAsync();
        var answers = await (from a in db.CallbackAnswers
                             where ids.Contains(a.TaskId)
                             join v in db.CallbackQuestionVersions on a.QuestionVersionId equals v.Id
                             orderby a.Id
                             select new { a.TaskId, Version = v, a.Value, a.Reason, a.ProblemCategory })
            .AsNoTracking().ToListAsync();
        var culture = CultureInfo.CurrentUICulture.Name;
        return tasks.Select(t => new CallbackRow(t.Id, t.StoreId, t.Type, t.DueDate, t.Status, t.ContactName,
                t.ContactNumber, t.OverallSatisfaction, t.Comments, t.LapseReason, t.ClosedAt,
                attempts.Where(a => a.TaskId == t.Id).ToList(),
                answers.Where(a => a.TaskId == t.Id)
                    .Select(a => new AnswerRow(a.Version.TextFor(culture), a.Value, a.Reason, a.ProblemCategory))
                    .ToList()))
            .ToList();
    }

    public sealed record SaleRow(DateTimeOffset DeliveredAt, decimal FinalPrice, long LeadId, string? Consultant);

    public sealed record StatusRow(DateTimeOffset At, VehicleStatus From, VehicleStatus To, string? Reason, string? By);

    public sealed record VisitRow(long Id, int StoreId, string StoreName, string OrderNumber, DateTimeOffset OpenedAt,
        DateTimeOffset? CompletedAt, int Mileage, string? MileageReason, ServiceTypes Types, decimal? Amount,
        string? Advisor);

    public sealed record CallbackRow(long Id, int StoreId, CallbackType Type, DateOnly DueDate, CallbackStatus Status,
        string? ContactName, string? ContactNumber, Satisfaction? Satisfaction, string? Comments,
        LapseReason? LapseReason, DateTimeOffset? ClosedAt, IReadOnlyList<AttemptRow> Attempts,
        IReadOnlyList<AnswerRow> Answers);

    public sealed record AttemptRow(long TaskId, DateTimeOffset At, CallOutcome Outcome, string NumberDialled,
        DateTimeOffset? CallBackAt, string? Note, string? By);

    public sealed record AnswerRow(string Question, AnswerValue Value, string? Reason, string? ProblemCategory);
}
