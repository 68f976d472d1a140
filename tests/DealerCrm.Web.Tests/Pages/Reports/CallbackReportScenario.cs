using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Tests.Infrastructure;
using DealerCrm.Web.Tests.Pages.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Tests.Pages.Reports;

/// <summary>
/// A known month for the callback report (November 2026 in a Shanghai store, read on 10 December), built through the
/// domain's own methods, as a reader would count it from the records:
/// <list type="bullet">
/// <item>40 callbacks due outside birthday care (spec scenario 4-4): 36 attempted, 30 reached — after-sales 20/18/15,
/// new car 15/14/12, dormant 5/4/3 — including 2 missed (one of them with an unanswered attempt: still not attempted),
/// refused and unreachable ones; birthday care 3/1/1 (left out of "all types"); 2 cancelled and 1 combined (not due);
/// one due in December (not in the month).</item>
/// <item>Satisfaction of the 27 reached 3-day callbacks: 12 very satisfied, 9 satisfied, 3 neutral, 2 dissatisfied, 1
/// very dissatisfied (a dormant call's level is not counted).</item>
/// <item>Questions: "ready on time" reworded between October and November (one question), "charges explained",
/// "other problems" (Price, WaitingTime), the new-car "handover explained"; October's after-sales answers beside them.</item>
/// <item>Grievances G1 (5 Nov, call on time), G2 (20 Nov, call late), G3 (24 Nov, call never made), G4 (16 Nov, raised
/// to a complaint the same day: its manager's call superseded); complaints C1 (phone, 10 Nov, all on time) and C2
/// (manufacturer, 12 Nov: first contact late, portal on time, resolution and report never done); one in December.</item>
/// <item>Actions: a corrective one opened 6 Nov, a preventive one opened 8 Nov, a corrective one opened in October and
/// closed 25 Nov, a preventive one opened in December.</item>
/// </list>
/// </summary>
public sealed class CallbackReportScenario
{
    public static readonly DateTime ReadOn = new(2026, 12, 10, 10, 0, 0);

    private const string Number = "13800138000";

    private readonly AppFixture _app;
    private ComplaintClock _clock = null!;
    private long _officerId;
    private long _managerId;

    private CallbackReportScenario(AppFixture app) => _app = app;

    public Store Store { get; private set; } = null!;

    public Customer Customer { get; private set; } = null!;

    public CallbackQuestion ReadyOnTime { get; private set; } = null!;

    public CallbackQuestion ChargesExplained { get; private set; } = null!;

    public CallbackQuestion OtherProblems { get; private set; } = null!;

    public CallbackQuestion HandoverExplained { get; private set; } = null!;

    /// <summary>The November after-sales tasks reached, in the order their answers were given.</summary>
    public List<CallbackTask> AfterSalesReached { get; } = [];

    public static DateTimeOffset At(int month, int day, int hour = 10, int minute = 0) =>
        TestClock.ShanghaiInstant(new DateTime(2026, month, day, hour, minute, 0));

    /// <summary>Pins the clock on 10 December 2026, builds the store with its service manager ("manager"), GM ("gm")
    /// and CRM officer ("officer"), and the month.</summary>
    public static async Task<CallbackReportScenario> BuildAsync(AppFixture app)
    {
        app.PinShanghai(ReadOn);
        var scenario = new CallbackReportScenario(app);
        await scenario.BuildAsync();
        return scenario;
    }

    private async Task BuildAsync()
    {
        Store = await _app.CreateStoreAsync();
        _clock = new ComplaintClock(new WorkingCalendar(Store.WorkingHours, Array.Empty<StoreHoliday>()), Store.TimeZone);
        _officerId = (await _app.CreateUserAsync("officer", Store.Id, Roles.CrmOfficer)).Id;
        _managerId = (await _app.CreateUserAsync("manager", Store.Id, Roles.ServiceManager)).Id;
        var gm = await _app.CreateUserAsync("gm", Store.Id, Roles.GeneralManager);
        Customer = await _app.CreateOwnerAsync(Store.Id, "冯先生", Number);
        await QuestionsAsync();
        await TasksAsync();
        await ItemsAsync();
        await ActionsAsync(gm.Id);
    }

    private async Task QuestionsAsync()
    {
        var early = At(9, 1);
        _app.PinClock(early);
        ReadyOnTime = await _app.CreateQuestionAsync(Store.Id, CallbackType.AfterSalesThreeDay, 1,
            "Was the car ready on time?", "车辆是否按时交付？");
        ChargesExplained = await _app.CreateQuestionAsync(Store.Id, CallbackType.AfterSalesThreeDay, 2,
            "Were the charges explained?", "费用是否解释清楚？");
        OtherProblems = await _app.CreateQuestionAsync(Store.Id, CallbackType.AfterSalesThreeDay, 3,
            "Any other problems?", "还有其他问题吗？", QuestionKind.OtherProblems);
        HandoverExplained = await _app.CreateQuestionAsync(Store.Id, CallbackType.NewCarThreeDay, 1,
            "Was the handover explained?", "交车讲解是否清楚？");
        _app.PinShanghai(ReadOn);
    }

    private async Task<long> RewordReadyOnTimeAsync()
    {
        await _app.WithDbAsync(async db =>
        {
            var question = await db.CallbackQuestions.Include(q => q.Versions).SingleAsync(q => q.Id == ReadyOnTime.Id);
            question.Reword("Was the car ready at the promised time?", "车辆是否在承诺的时间交付？", At(10, 31));
            await db.SaveChangesAsync();
        });
        return await CurrentVersionAsync(ReadyOnTime.Id);
    }

    private Task<long> CurrentVersionAsync(long questionId) => _app.WithDbAsync(db => db.CallbackQuestionVersions
        .Where(v => v.QuestionId == questionId).OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync());

    private async Task TasksAsync()
    {
        var tasks = new List<CallbackTask>();
        var v1 = await CurrentVersionAsync(ReadyOnTime.Id);
        var charges = await CurrentVersionAsync(ChargesExplained.Id);
        var other = await CurrentVersionAsync(OtherProblems.Id);
        var handover = await CurrentVersionAsync(HandoverExplained.Id);

        // October (the previous month): 4 after-sales callbacks reached, asked the first wording.
        for (var i = 0; i < 4; i++)
        {
            var task = NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 10, 10 + i));
            Reach(task, At(10, 11 + i), Satisfaction.Satisfied,
            [
                (new QuestionAsked(v1, QuestionKind.YesNo), i < 3 ? AnswerValue.Yes : AnswerValue.No, null),
                (new QuestionAsked(charges, QuestionKind.YesNo), AnswerValue.Yes, null),
                (new QuestionAsked(other, QuestionKind.OtherProblems), AnswerValue.No, null),
            ]);
            tasks.Add(task);
        }

        var v2 = await RewordReadyOnTimeAsync();
        int[] levels = [.. Enumerable.Repeat(5, 12), .. Enumerable.Repeat(4, 9), 3, 3, 3, 2, 2, 1];
        var level = 0;

        // After-sales, November: 20 due — 15 reached, refused, unreachable, open with an attempt, open untried, missed
        // after an unanswered attempt.
        for (var i = 0; i < 15; i++)
        {
            var task = NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 11, 2 + i));
            Reach(task, At(11, 3 + i), (Satisfaction)levels[level++],
            [
                (new QuestionAsked(v2, QuestionKind.YesNo), i < 10 ? AnswerValue.Yes : i < 13 ? AnswerValue.No : AnswerValue.NotApplicable, null),
                (new QuestionAsked(charges, QuestionKind.YesNo), i < 12 ? AnswerValue.Yes : i == 12 ? AnswerValue.No : AnswerValue.NotApplicable, null),
                (new QuestionAsked(other, QuestionKind.OtherProblems), i < 2 ? AnswerValue.Yes : AnswerValue.No,
                    i == 0 ? "Price" : i == 1 ? "WaitingTime" : null),
            ]);
            tasks.Add(task);
            AfterSalesReached.Add(task);
        }

        tasks.Add(Refused(NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 11, 18))));
        tasks.Add(Unreachable(NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 11, 19))));
        tasks.Add(Tried(NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 11, 30))));
        tasks.Add(NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 11, 30)));
        var missed = Tried(NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 11, 20)));
        missed.MarkMissed(new DateOnly(2026, 11, 28), At(11, 28, 1));
        tasks.Add(missed);

        // New car, November: 15 due — 12 reached, refused, unreachable, missed untried.
        for (var i = 0; i < 12; i++)
        {
            var task = NewTask(CallbackType.NewCarThreeDay, new DateOnly(2026, 11, 1 + i));
            Reach(task, At(11, 2 + i), (Satisfaction)levels[level++],
                [(new QuestionAsked(handover, QuestionKind.YesNo), i == 0 ? AnswerValue.No : AnswerValue.Yes, null)]);
            tasks.Add(task);
        }

        tasks.Add(Refused(NewTask(CallbackType.NewCarThreeDay, new DateOnly(2026, 11, 14))));
        tasks.Add(Unreachable(NewTask(CallbackType.NewCarThreeDay, new DateOnly(2026, 11, 15))));
        var untried = NewTask(CallbackType.NewCarThreeDay, new DateOnly(2026, 11, 16));
        untried.MarkMissed(new DateOnly(2026, 11, 24), At(11, 24, 1));
        tasks.Add(untried);

        // Dormant, November: 5 due — 3 reached (one gave a level, not counted), open with an attempt, open untried.
        for (var i = 0; i < 3; i++)
        {
            var task = NewTask(CallbackType.DormantCustomer, new DateOnly(2026, 11, 3 + i));
            task.RecordReached(Number, _officerId, At(11, 3 + i, 15), [], [], i == 0 ? Satisfaction.VerySatisfied : null,
                LapseReason.Moved, null);
            tasks.Add(task);
        }

        tasks.Add(Tried(NewTask(CallbackType.DormantCustomer, new DateOnly(2026, 11, 27))));
        tasks.Add(NewTask(CallbackType.DormantCustomer, new DateOnly(2026, 11, 28)));

        // Birthday care, November: 3 due — 1 reached, 2 open untried. Left out of "all types".
        var birthday = NewTask(CallbackType.BirthdayCare, new DateOnly(2026, 11, 8));
        birthday.RecordReached(Number, _officerId, At(11, 8, 11), [], [], null, null, "生日快乐");
        tasks.Add(birthday);
        tasks.Add(NewTask(CallbackType.BirthdayCare, new DateOnly(2026, 11, 9)));
        tasks.Add(NewTask(CallbackType.BirthdayCare, new DateOnly(2026, 11, 10)));

        // Not due: cancelled (one after an attempt), combined; due in December.
        var cancelled = NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 11, 21));
        cancelled.Cancel(_officerId, At(11, 20));
        tasks.Add(cancelled);
        var cancelledTried = Tried(NewTask(CallbackType.NewCarThreeDay, new DateOnly(2026, 11, 22)));
        cancelledTried.Cancel(_officerId, At(11, 23));
        tasks.Add(cancelledTried);
        tasks.Add(Tried(NewTask(CallbackType.AfterSalesThreeDay, new DateOnly(2026, 12, 1))));

        await _app.WithDbAsync(async db =>
        {
            db.CallbackTasks.AddRange(tasks);
            await db.SaveChangesAsync();

            // Combined into a task that exists (the greeting given on the first reached call).
            var combined = NewTask(CallbackType.BirthdayCare, new DateOnly(2026, 11, 12));
            combined.CombineInto(AfterSalesReached[0].Id, At(11, 12));
            db.CallbackTasks.Add(combined);
            await db.SaveChangesAsync();
        });
    }

    private async Task ItemsAsync()
    {
        var g1 = Complaint.RaiseGrievance(AfterSalesReached[0], "WaitingTime", "等了很久", _officerId, At(11, 5, 10), _clock);
        g1.CompleteStep(ComplaintStepType.ManagerCalled, _managerId, null, At(11, 5, 12));
        var g2 = Complaint.RaiseGrievance(AfterSalesReached[1], "RepairQuality", "没修好", _officerId, At(11, 20, 10), _clock);
        g2.CompleteStep(ComplaintStepType.ManagerCalled, _managerId, null, At(11, 23, 10));
        var g3 = Complaint.RaiseGrievance(AfterSalesReached[2], "Other", "不满意", _officerId, At(11, 24, 10), _clock);
        var g4 = Complaint.RaiseGrievance(AfterSalesReached[3], "Attitude", "态度差", _officerId, At(11, 16, 10), _clock);
        g4.RaiseToComplaint(_managerId, "严重", At(11, 16, 14), _clock);
        g4.CompleteStep(ComplaintStepType.FirstContact, _managerId, null, At(11, 17, 9));
        g4.Resolve(_managerId, "已道歉", At(11, 20, 10));
        var c1 = Complaint.OpenComplaint(Store.Id, Customer.Id, null, null, null, ComplaintSource.Phone,
            ComplaintDepartment.AfterSales, "RepairQuality", "异响", null, null, _managerId, At(11, 10, 10), _clock);
        c1.CompleteStep(ComplaintStepType.FirstContact, _managerId, null, At(11, 10, 12));
        c1.Resolve(_managerId, "已修复", At(11, 13, 10));
        var c2 = Complaint.OpenComplaint(Store.Id, Customer.Id, null, null, null, ComplaintSource.ManufacturerHotline,
            ComplaintDepartment.AfterSales, "Parts", "缺件", At(11, 12, 10), "MFR-1", _managerId, At(11, 12, 11), _clock);
        c2.CompleteStep(ComplaintStepType.PortalUpdated, _managerId, null, At(11, 12, 12));
        c2.CompleteStep(ComplaintStepType.FirstContact, _managerId, null, At(11, 13, 16));
        var december = Complaint.OpenComplaint(Store.Id, Customer.Id, null, null, null, ComplaintSource.WalkIn,
            ComplaintDepartment.AfterSales, "Price", "贵", null, null, _managerId, At(12, 2, 10), _clock);
        await _app.WithDbAsync(async db =>
        {
            db.Complaints.AddRange(g1, g2, g3, g4, c1, c2, december);
            await db.SaveChangesAsync();
        });
    }

    private async Task ActionsAsync(long gmId)
    {
        CorrectiveAction Open(ActionKind kind, DateTimeOffset at) => new(Store.Id, kind, null, "WaitingTime", "等待时间",
            "缩短等待", _managerId, [], Store.LocalDate(at).AddDays(30), Store.LocalDate(at), _managerId, at);
        var closedInNovember = Open(ActionKind.Corrective, At(10, 20));
        closedInNovember.Approve(gmId, null, At(10, 21));
        closedInNovember.RecordDone(_managerId, "已培训", At(11, 20));
        closedInNovember.Verify(_managerId, null, At(11, 25));
        var actions = new[]
        {
            Open(ActionKind.Corrective, At(11, 6)), Open(ActionKind.Preventive, At(11, 8)), closedInNovember,
            Open(ActionKind.Preventive, At(12, 3)),
        };
        await _app.WithDbAsync(async db =>
        {
            db.CorrectiveActions.AddRange(actions);
            await db.SaveChangesAsync();
        });
    }

    private CallbackTask NewTask(CallbackType type, DateOnly due) =>
        new(Store.Id, type, Customer.Id, null, null, due, At(due.Month, Math.Max(1, due.Day - 3)), contactName: "冯先生",
            contactNumber: Number, assignedToId: _officerId);

    private void Reach(CallbackTask task, DateTimeOffset at, Satisfaction level,
        IReadOnlyList<(QuestionAsked Question, AnswerValue Value, string? Category)> answers) =>
        task.RecordReached(Number, _officerId, at, answers.Select(a => a.Question).ToList(),
            answers.Select(a => new AnswerGiven(a.Question.QuestionVersionId, a.Value,
                a.Value == AnswerValue.No && a.Question.Kind == QuestionKind.YesNo || a.Category is not null ? "原因" : null,
                a.Category)).ToList(),
            level, null, null);

    private CallbackTask Tried(CallbackTask task)
    {
        task.RecordAttempt(CallOutcome.NoAnswer, Number, _officerId, At(task.DueDate.Month, task.DueDate.Day, 11),
            Store.LocalDate, [Number]);
        return task;
    }

    private CallbackTask Refused(CallbackTask task)
    {
        task.RecordAttempt(CallOutcome.Refused, Number, _officerId, At(task.DueDate.Month, task.DueDate.Day, 11),
            Store.LocalDate, [Number]);
        return task;
    }

    private CallbackTask Unreachable(CallbackTask task)
    {
        var day = task.DueDate.Day;
        foreach (var (d, h) in new[] { (day, 10), (day, 16), (day + 1, 11) })
        {
            task.RecordAttempt(CallOutcome.NoAnswer, Number, _officerId, At(11, d, h), Store.LocalDate, [Number]);
        }

        task.Status.Should().Be(CallbackStatus.Unreachable);
        return task;
    }
}
