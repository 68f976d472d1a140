using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Pages.Admin.Callbacks;
using DealerCrm.Web.Pages.Complaints;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data.Seed;

/// <summary>
/// After-sales II of a demo store (Development only, issue 12), relative to the seed instant: two months of 3-day
/// callbacks (last month and this month up to yesterday, about one a working day: reached with every kind of answer
/// and level, unreachable, missed, refused, attempted, a birthday), the grievances those callbacks raise through the
/// app's one place for them (<see cref="ComplaintWorkflow"/>), complaints in every state (open on time, open and late,
/// resolved and waiting for the follow-up call, closed by a satisfied or an unreachable follow-up, reopened with its
/// re-handling step, raised from a grievance, a manufacturer case with its extra steps), a sales grievance from a
/// new-car callback, and corrective and preventive actions in every state. Everything goes through the domain's
/// methods with the instants at which people would have acted. Seeded once per store (skipped when it has any
/// grievance or complaint), in one transaction.
/// </summary>
public sealed class DemoComplaintsData(CrmDbContext db, TimeProvider time, ComplaintWorkflow workflow)
{
    private static readonly string[] Surnames = ["张", "王", "刘", "陈", "杨", "黄", "赵", "吴", "徐", "孙", "马", "朱"];
    private static readonly string[] Given = ["志明", "秀兰", "建华", "丽娟", "海波", "晓东", "玉梅", "国强", "春燕", "俊杰"];
    private static readonly string[] Models = ["哈弗H6", "哈弗大狗", "坦克300", "魏牌蓝山", "欧拉好猫"];

    private readonly List<Complaint> _raised = [];
    private Store _store = null!;
    private WorkingCalendar _calendar = null!;
    private ComplaintClock _clock = null!;
    private ComplaintStaff _staff = null!;
    private DateTimeOffset _now;
    private DateOnly _today;
    private int _owner;
    private CancellationToken _cancellation;

    /// <summary>The people of the store who act in the demo's items and actions.</summary>
    public sealed record ComplaintStaff(long Officer, long Advisor, long ServiceManager, long SalesManager, long Gm,
        long Consultant);

    public async Task<int> SeedAsync(Store store, ComplaintStaff staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await db.Complaints.AnyAsync(c => c.StoreId == store.Id, cancellationToken))
        {
            return 0;
        }

        _store = store;
        _staff = staff;
        _cancellation = cancellationToken;
        _now = time.GetUtcNow();
        _today = store.LocalDate(_now);
        var holidays = await db.StoreHolidays.AsNoTracking().Where(h => h.StoreId == store.Id).ToListAsync(cancellationToken);
        _calendar = new WorkingCalendar(store.WorkingHours, holidays);
        _clock = await workflow.ClockAsync(store);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SeedCallbackMonthsAsync(cancellationToken);
        var items = await SeedItemsAsync(cancellationToken);
        await RaiseMissingGrievancesAsync(cancellationToken);
        await SeedActionsAsync(items, cancellationToken);

        // The notifications the items still open would have left in the GM's and the managers' inboxes (the same
        // dedupe keys as the app's), not those of items long closed.
        foreach (var item in _raised.Where(c => c.Status == ComplaintStatus.Open))
        {
            await workflow.NotifyRaisedAsync(item, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return _raised.Count;
    }

    /// <summary>
    /// Submits last month for the demo store as its service manager: the month's quality analysis and the figures
    /// frozen by <paramref name="freezeFigures"/> — the monthly report's one freezing query (store id, year, month →
    /// the figures' JSON, exactly what the report's Submit stores), so the demo never writes report figures by hand.
    /// <see cref="DemoDataSeeder"/> calls it right after <see cref="SeedAsync"/> for the store, with the report's
    /// freeze method. The GM's notice of a submission is the report's own and is not made here. Idempotent: nothing when the month is
    /// submitted.
    /// </summary>
    public async Task SubmitLastMonthAsync(Store store, long serviceManagerId,
        Func<int, int, int, CancellationToken, Task<string>> freezeFigures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(freezeFigures);
        var now = time.GetUtcNow();
        var month = store.LocalDate(now).AddMonths(-1);
        if (await db.CallbackReportSubmissions.AnyAsync(
                s => s.StoreId == store.Id && s.Year == month.Year && s.Month == month.Month, cancellationToken))
        {
            return;
        }

        var figures = await freezeFigures(store.Id, month.Year, month.Month, cancellationToken);
        db.CallbackReportSubmissions.Add(new CallbackReportSubmission(store.Id, month.Year, month.Month,
            "本月回访整体满意率稳定。主要问题集中在等待时间和一次修复率：已针对接车等待制定预防措施，" +
            "返修问题由服务顾问逐一回访跟进。下月重点：提高一次修复率，缩短交车等待时间。",
            figures, serviceManagerId, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>About one after-sales callback per working day from the first of last month to yesterday, in a cycle
    /// of outcomes; the ones that raise a grievance run it through the loop (closed when old, else being handled).</summary>
    private async Task SeedCallbackMonthsAsync(CancellationToken cancellationToken)
    {
        var first = new DateOnly(_today.Year, _today.Month, 1).AddMonths(-1);
        var i = 0;
        for (var due = first; due < _today; due = due.AddDays(1))
        {
            if (!_calendar.IsWorkingDay(due))
            {
                continue;
            }

            var slot = i++ % 10;
            var task = await AfterSalesAsync(due, cancellationToken);
            switch (slot)
            {
                case 0:
                    await ReachAsync(task, At(due, 10), Satisfaction.VerySatisfied, "客户对保养质量很满意");
                    break;
                case 1:
                    // "Was the car returned clean?" does not apply: the customer asked for no wash.
                    await ReachAsync(task, At(due, 10.5), Satisfaction.Satisfied, null,
                        (q, n) => n == 3 ? new AnswerGiven(q.VersionId, AnswerValue.NotApplicable, null, null) : null);
                    break;
                case 2:
                    await GrievanceLoopAsync(await ReachAsync(task, At(due, 11), Satisfaction.Neutral, "客户希望尽快处理",
                        (q, n) => n == 1 ? new AnswerGiven(q.VersionId, AnswerValue.No, "刹车异响没有修好，需要返厂", null) : null),
                        cancellationToken);
                    break;
                case 3 when due <= _today.AddDays(-2):
                    await UnreachableAsync(task, due);
                    break;
                case 3:
                case 6 when due > _today.AddDays(-CallbackTask.MissedAfterDays - 1):
                    // Attempted once, still open.
                    task.RecordAttempt(CallOutcome.NoAnswer, task.ContactNumber, _staff.Officer, At(due, 15),
                        LocalDate, [task.ContactNumber!]);
                    break;
                case 4:
                    await ReachAsync(task, At(due, 14), Satisfaction.Satisfied, null);
                    break;
                case 5:
                    await GrievanceLoopAsync(await ReachAsync(task, At(due, 14.5), Satisfaction.Satisfied, null,
                        (q, _) => q.Kind == QuestionKind.OtherProblems
                            ? new AnswerGiven(q.VersionId, AnswerValue.Yes, "休息区座位太少，等了一个多小时", "WaitingTime")
                            : null), cancellationToken);
                    break;
                case 6:
                    var missedOn = CallbackTask.MissedOn(due);
                    task.MarkMissed(missedOn, Min(At(missedOn, 1), _now));
                    break;
                case 7:
                    await ReachAsync(task, At(due, 16), Satisfaction.VerySatisfied, "客户表扬服务顾问");
                    break;
                case 8:
                    task.RecordAttempt(CallOutcome.Refused, task.ContactNumber, _staff.Officer, At(due, 9.5), LocalDate,
                        [task.ContactNumber!], note: "客户表示很忙，不接受回访");
                    break;
                default:
                    await GrievanceLoopAsync(await ReachAsync(task, At(due, 15), Satisfaction.Dissatisfied, "客户情绪较大",
                        (q, n) => n == 0 ? new AnswerGiven(q.VersionId, AnswerValue.No, "说好下午4点交车，拖到6点半", null) : null),
                        cancellationToken);
                    break;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // A birthday call of last month, reached.
        var birthday = first.AddDays(9);
        var customer = await OwnerAsync(birthday.AddYears(-1), cancellationToken, birthday: new DateOnly(1984, birthday.Month, birthday.Day));
        var care = new CallbackTask(_store.Id, CallbackType.BirthdayCare, customer.Id, null, null, birthday,
            At(birthday.AddDays(-7), 6), null, CallbackOccasions.Birthday(birthday.Year), customer.Name, customer.Mobile,
            customer.PreferredContactTime, _staff.Officer);
        db.CallbackTasks.Add(care);
        await db.SaveChangesAsync(cancellationToken);
        await ReachAsync(care, At(birthday, 10), null, "客户很高兴，预约下周保养");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A callback's grievance handled as the spec's loop: older than 12 days — the manager called within the
    /// limit, resolved two days later, closed by a satisfied follow-up call; newer — the manager called, being handled.</summary>
    private async Task GrievanceLoopAsync(Complaint? grievance, CancellationToken cancellationToken)
    {
        if (grievance is null)
        {
            return;
        }

        var raised = grievance.ReceivedAt;
        grievance.AssignResponsible(_staff.ServiceManager, ComplaintDepartment.AfterSales, _staff.ServiceManager,
            raised.AddHours(1));
        grievance.CompleteStep(ComplaintStepType.ManagerCalled, _staff.ServiceManager, "已致电客户致歉，约定复检时间",
            raised.AddHours(3));
        if (raised < _now.AddDays(-12))
        {
            await ResolveAndFollowUpAsync(grievance, raised.AddDays(2), "复检后重新处理，客户确认问题已解决",
                Satisfaction.Satisfied, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The items the issue names, each in its own state.</summary>
    private async Task<DemoItems> SeedItemsAsync(CancellationToken cancellationToken)
    {
        // Open on time: a grievance raised half an hour ago; the customer agreed the manager calls tomorrow morning.
        var onTimeTask = await AfterSalesAsync(WorkingDayOnOrBefore(_today.AddDays(-1)), cancellationToken);
        var tomorrow = At(_calendar.NextWorkingDay(_today), 10);
        await ReachAsync(onTimeTask, _now.AddMinutes(-30), Satisfaction.Dissatisfied, "客户希望经理明天上午联系",
            (q, n) => n == 2 ? new AnswerGiven(q.VersionId, AnswerValue.No, "结账时多出一项工时费，没有人解释", null) : null,
            managerCallAgreedAt: tomorrow > _now ? tomorrow : null);

        // Open and late: nobody called the customer back.
        var lateTask = await AfterSalesAsync(WorkingDayOnOrBefore(_today.AddDays(-9)), cancellationToken);
        var late = await ReachAsync(lateTask, At(lateTask.DueDate, 10.5), Satisfaction.Dissatisfied, null,
            (q, n) => n == 1 ? new AnswerGiven(q.VersionId, AnswerValue.No, "空调异味仍然存在", null) : null);

        // Resolved, waiting for the CRM officer's follow-up call.
        var resolvedTask = await AfterSalesAsync(WorkingDayOnOrBefore(_today.AddDays(-7)), cancellationToken);
        var resolved = (await ReachAsync(resolvedTask, At(resolvedTask.DueDate, 11), Satisfaction.Dissatisfied, null,
            (q, n) => n == 0 ? new AnswerGiven(q.VersionId, AnswerValue.No, "等待配件三天，没有人主动告知进度", null) : null))!;
        resolved.CompleteStep(ComplaintStepType.ManagerCalled, _staff.ServiceManager, "已向客户说明配件到货时间",
            resolved.ReceivedAt.AddHours(4));
        await workflow.ResolveAsync(_store, resolved, _staff.ServiceManager, "赠送一次免费保养，配件到货当天专人通知",
            Max(resolved.ReceivedAt.AddHours(5), _now.AddHours(-20)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // A grievance raised to a complaint by the service manager, first contact made, being resolved.
        var raisedTask = await AfterSalesAsync(WorkingDayOnOrBefore(_today.AddDays(-5)), cancellationToken);
        var escalated = (await ReachAsync(raisedTask, At(raisedTask.DueDate, 14), Satisfaction.VeryDissatisfied,
            "客户要求上级处理", (q, n) => n == 1
                ? new AnswerGiven(q.VersionId, AnswerValue.No, "同一故障第三次返修，要求退换", null) : null))!;
        escalated.RaiseToComplaint(_staff.ServiceManager, "第三次返修，客户情绪激动，升级为投诉", escalated.ReceivedAt.AddHours(2), _clock);
        escalated.CompleteStep(ComplaintStepType.FirstContact, _staff.ServiceManager, "服务经理上门拜访客户",
            escalated.ReceivedAt.AddHours(5));
        await db.SaveChangesAsync(cancellationToken);
        await workflow.NotifyRaisedAsync(escalated, cancellationToken);

        // A sales grievance from a new-car callback: the sales manager called the buyer.
        await SalesGrievanceAsync(cancellationToken);

        // Direct complaints: by phone two hours ago (on time); by phone nine days ago (first contact late, resolution
        // overdue); a walk-in twelve days ago, resolved, reopened by a dissatisfied follow-up call; a manufacturer
        // hotline case; and one of last month closed after the follow-up call ended unreachable.
        await DirectAsync(ComplaintSource.Phone, "Attitude", "客户来电投诉服务顾问接车时态度冷淡，未说明维修项目",
            _now.AddHours(-2), _now.AddHours(-2), null, cancellationToken);

        var lateReceived = At(WorkingDayOnOrBefore(_today.AddDays(-9)), 15);
        var lateComplaint = await DirectAsync(ComplaintSource.Phone, "RepairQuality", "变速箱维修后换挡顿挫，客户要求彻底检修",
            lateReceived, lateReceived, null, cancellationToken);
        lateComplaint.AssignResponsible(_staff.ServiceManager, ComplaintDepartment.AfterSales, _staff.ServiceManager,
            lateReceived.AddMinutes(30));
        lateComplaint.CompleteStep(ComplaintStepType.FirstContact, _staff.ServiceManager, "电话联系客户，约定到店检测",
            lateReceived.AddHours(30));

        var walkInReceived = At(WorkingDayOnOrBefore(_today.AddDays(-12)), 10);
        var reopened = await DirectAsync(ComplaintSource.WalkIn, "Price", "客户到店投诉保养费用比报价高出400元",
            walkInReceived, walkInReceived, null, cancellationToken);
        reopened.CompleteStep(ComplaintStepType.FirstContact, _staff.ServiceManager, "当面听取客户意见", walkInReceived.AddHours(2));
        var followUp = await workflow.ResolveAsync(_store, reopened, _staff.ServiceManager, "退还差价200元并致歉",
            walkInReceived.AddDays(4), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ReachFollowUpAsync(followUp, Satisfaction.Dissatisfied, "客户认为应全额退还差价", cancellationToken);

        var sentAt = At(WorkingDayOnOrBefore(_today.AddDays(-3)), 16);
        var entered = At(_calendar.NextWorkingDay(_store.LocalDate(sentAt)), 9);
        var manufacturer = await DirectAsync(ComplaintSource.ManufacturerHotline, "Parts",
            "厂家400热线转来：客户反映更换的原厂配件与旧件型号不符", sentAt, Min(entered, _now.AddMinutes(-90)),
            string.Create(CultureInfo.InvariantCulture, $"GWM400-{sentAt:yyyyMMdd}-{_store.Id:D2}17"), cancellationToken);
        manufacturer.CompleteStep(ComplaintStepType.PortalUpdated, _staff.ServiceManager, "已在厂家系统登记处理进度",
            Min(entered, _now.AddMinutes(-90)).AddMinutes(40));
        manufacturer.CompleteStep(ComplaintStepType.FirstContact, _staff.ServiceManager, "致电客户核实配件型号",
            Min(entered, _now.AddMinutes(-90)).AddMinutes(60));

        var closedReceived = At(WorkingDayOnOrBefore(new DateOnly(_today.Year, _today.Month, 1).AddMonths(-1).AddDays(3)), 10);
        var closed = await DirectAsync(ComplaintSource.Phone, "WaitingTime", "客户来电投诉预约保养仍排队两个小时",
            closedReceived, closedReceived, null, cancellationToken);
        closed.CompleteStep(ComplaintStepType.FirstContact, _staff.ServiceManager, "致歉并说明排班情况", closedReceived.AddHours(3));
        var unreachable = await workflow.ResolveAsync(_store, closed, _staff.ServiceManager, "增设预约专用工位，赠送洗车券",
            closedReceived.AddDays(3), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var number = unreachable.ContactNumber!;
        unreachable.RecordAttempt(CallOutcome.NoAnswer, number, _staff.Officer, At(unreachable.DueDate, 10), LocalDate, [number]);
        unreachable.RecordAttempt(CallOutcome.Busy, number, _staff.Officer, At(unreachable.DueDate, 15), LocalDate, [number]);
        unreachable.RecordAttempt(CallOutcome.SwitchedOff, number, _staff.Officer, At(unreachable.DueDate.AddDays(1), 11),
            LocalDate, [number]);
        await workflow.FollowUpEndedAsync(_store, unreachable, _staff.Officer, At(unreachable.DueDate.AddDays(1), 11),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        return new DemoItems(late!, lateComplaint, reopened, closed);
    }

    /// <summary>Corrective and preventive actions in every state, one of them late.</summary>
    private async Task SeedActionsAsync(DemoItems items, CancellationToken cancellationToken)
    {
        var sm = _staff.ServiceManager;
        var advisor = _staff.Advisor;
        long[] team = [advisor, _staff.Officer];

        // Pending approval: a preventive action for a recurring problem of the monthly report.
        var pendingDay = WorkingDayOnOrBefore(_today.AddDays(-1));
        db.CorrectiveActions.Add(new CorrectiveAction(_store.Id, ActionKind.Preventive, null, "WaitingTime", "等待时间太长",
            "高峰时段增加一名接车顾问，预约客户到店10分钟内接车", sm, team, pendingDay.AddDays(21), pendingDay, sm,
            At(pendingDay, 16)));

        // Returned by the GM with a comment.
        var returnedDay = WorkingDayOnOrBefore(_today.AddDays(-5));
        var returned = new CorrectiveAction(_store.Id, ActionKind.Corrective, items.Late.Id, null, null,
            "对服务顾问进行投诉处理培训", advisor, [sm], returnedDay.AddDays(14), returnedDay, sm, At(returnedDay, 10));
        returned.Return(_staff.Gm, "请写明培训内容、讲师和考核方式后再提交", At(returnedDay.AddDays(1), 9));
        db.CorrectiveActions.Add(returned);

        // Approved, in progress, with a participant's note: from the late complaint.
        var progressDay = WorkingDayOnOrBefore(_today.AddDays(-8));
        var progress = new CorrectiveAction(_store.Id, ActionKind.Corrective, items.LateComplaint.Id, "RepairQuality", null,
            "变速箱返修车辆由技术主管复检后方可交车，建立返修车辆台账", advisor, team, _today.AddDays(10), progressDay, sm,
            At(progressDay, 11));
        progress.Approve(_staff.Gm, "同意，请每周汇报进度", At(progressDay.AddDays(1), 9));
        progress.AddNote(advisor, "已建立返修台账，本周复检3台", Min(At(_today.AddDays(-2), 16), _now.AddMinutes(-5)));
        db.CorrectiveActions.Add(progress);

        // Done, waiting for the service manager's verification: from the reopened complaint.
        var doneDay = WorkingDayOnOrBefore(_today.AddDays(-11));
        var done = new CorrectiveAction(_store.Id, ActionKind.Corrective, items.Reopened.Id, "Price", null,
            "保养项目先报价后施工，增项须客户签字确认", advisor, team, doneDay.AddDays(14), doneDay, sm, At(doneDay, 14));
        done.Approve(_staff.Gm, null, At(doneDay.AddDays(1), 10));
        done.RecordDone(advisor, "已修改派工单流程，增项签字单上线", _now.AddDays(-1));
        db.CorrectiveActions.Add(done);

        // Closed last month: from the complaint closed after its follow-up call.
        var closedDay = _store.LocalDate(items.Closed.ReceivedAt).AddDays(4);
        var closed = new CorrectiveAction(_store.Id, ActionKind.Corrective, items.Closed.Id, "WaitingTime", null,
            "增设预约专用工位，预约客户优先接车", sm, team, closedDay.AddDays(10), closedDay, sm, At(closedDay, 10));
        closed.Approve(_staff.Gm, "同意", At(closedDay.AddDays(1), 9));
        closed.RecordDone(sm, "预约工位已启用，预约客户平均等待降至15分钟", At(closedDay.AddDays(6), 17));
        closed.Verify(sm, "连续两周抽查，效果达到预期", At(closedDay.AddDays(9), 10));
        db.CorrectiveActions.Add(closed);

        // Late: approved, past its due date, not done.
        var lateDay = WorkingDayOnOrBefore(_today.AddDays(-20));
        var late = new CorrectiveAction(_store.Id, ActionKind.Preventive, null, "Parts", "配件需要等待",
            "常用保养配件建立安全库存，缺件提前两天预警", advisor, [sm], _today.AddDays(-3), lateDay, sm, At(lateDay, 10));
        late.Approve(_staff.Gm, null, At(lateDay.AddDays(1), 9));
        db.CorrectiveActions.Add(late);

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A reached 3-day callback whose grievance was never raised (the after-sales week's "no" of issue 11):
    /// raised now as the call form would have, at the time of the call.</summary>
    private async Task RaiseMissingGrievancesAsync(CancellationToken cancellationToken)
    {
        var tasks = await db.CallbackTasks.Include(t => t.Answers)
            .Where(t => t.StoreId == _store.Id && t.Status == CallbackStatus.Reached
                        && (t.Type == CallbackType.AfterSalesThreeDay || t.Type == CallbackType.NewCarThreeDay)
                        && !db.Complaints.Any(c => c.CallbackTaskId == t.Id))
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            await RaiseAsync(task, task.ClosedAt!.Value, cancellationToken);
        }
    }

    private async Task<Complaint?> RaiseAsync(CallbackTask task, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var questions = await db.CallbackQuestions.Where(q => q.StoreId == _store.Id)
            .SelectMany(q => q.Versions.Select(v => new { v.Id, q.Kind, v.TextZh }))
            .ToDictionaryAsync(v => v.Id, cancellationToken);
        var answers = task.Answers.Select(a => (questions[a.QuestionVersionId].Kind, questions[a.QuestionVersionId].TextZh, a))
            .ToList();
        var rating = task.OverallSatisfaction switch
        {
            Satisfaction.Dissatisfied => "总体评价：不满意",
            Satisfaction.VeryDissatisfied => "总体评价：非常不满意",
            _ => null,
        };
        var grievance = await workflow.RaiseGrievanceIfAnyAsync(_store, task, answers, rating, _staff.Officer, at,
            cancellationToken);
        if (grievance is not null)
        {
            // Saved at once: its id is in the follow-up call and the notifications.
            await db.SaveChangesAsync(cancellationToken);
            _raised.Add(grievance);
        }

        return grievance;
    }

    /// <summary>Resolves an item at <paramref name="at"/> and has the CRM officer reach the customer on the follow-up
    /// call at 10:00 of its due day, with the given level.</summary>
    private async Task ResolveAndFollowUpAsync(Complaint item, DateTimeOffset at, string resolution, Satisfaction level,
        CancellationToken cancellationToken)
    {
        var followUp = await workflow.ResolveAsync(_store, item, _staff.ServiceManager, resolution, at, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ReachFollowUpAsync(followUp, level, level >= Satisfaction.Satisfied ? "客户确认问题已解决，表示满意" : null,
            cancellationToken);
    }

    private async Task ReachFollowUpAsync(CallbackTask followUp, Satisfaction level, string? comments,
        CancellationToken cancellationToken)
    {
        var at = At(followUp.DueDate, 10);
        await ReachAsync(followUp, at, level, comments);
        await workflow.FollowUpEndedAsync(_store, followUp, _staff.Officer, at, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A direct complaint entered by the CRM officer (a manufacturer case: its sent time as receipt), about
    /// a new owner's car and repair order.</summary>
    private async Task<Complaint> DirectAsync(ComplaintSource source, string category, string description,
        DateTimeOffset receivedAt, DateTimeOffset enteredAt, string? caseNumber, CancellationToken cancellationToken)
    {
        var visit = await VisitAsync(WorkingDayOnOrBefore(_store.LocalDate(receivedAt).AddDays(-1)), cancellationToken);
        var item = Complaint.OpenComplaint(_store.Id, visit.CustomerId, visit.VehicleId, visit.Id, null, source,
            ComplaintDepartment.AfterSales, category, description, receivedAt, caseNumber, _staff.Officer, enteredAt, _clock);
        db.Complaints.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        _raised.Add(item);
        return item;
    }

    /// <summary>A car sold last month or this month, its new-car callback reached with a "no": the sales department's
    /// grievance, which the sales manager called about.</summary>
    private async Task SalesGrievanceAsync(CancellationToken cancellationToken)
    {
        var policy = await db.GradePolicies.AsNoTracking().SingleOrDefaultAsync(p => p.StoreId == _store.Id,
            cancellationToken) ?? new GradePolicy(_store.Id);
        var delivered = WorkingDayOnOrBefore(_today.AddDays(-16));
        var created = delivered.AddDays(-30);
        var buyer = await OwnerAsync(created, cancellationToken);
        var createdAt = At(created, 10);
        var lead = Lead.Create(new NewLead
        {
            StoreId = _store.Id,
            CustomerId = buyer.Id,
            OwnerId = _staff.Consultant,
            Source = SourceChannel.DealerWebsite,
            ArrivedAt = createdAt,
            Grade = Grade.H,
            Signs = LeadRules.SignsByGrade[Grade.H].Take(2).ToList(),
            Interest = new LeadInterest { IntendedModel = Models[2], PurchaseType = PurchaseType.First },
            Needs = new NeedsAnalysis { HeardOfUsFrom = "网站" },
            FirstPlan = new PlanRequest(policy.DefaultNextPlanDate(Grade.H, created), null, ContactMethod.Phone,
                PlanPurpose.InviteToStore, null, null),
        }, policy, created, createdAt);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(cancellationToken);
        var orderDay = created.AddDays(5);
        var order = lead.PlaceOrder(new OrderRequest(orderDay, Models[2], null, "白色", 215_800m, 10_000m,
            PaymentMethod.Full, null, delivered, string.Create(CultureInfo.InvariantCulture, $"HT-C-{_store.Id}-{lead.Id}")),
            policy, orderDay, _staff.Consultant, At(orderDay, 15));
        await db.SaveChangesAsync(cancellationToken);
        var vin = Vin.WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"LGWEF4A54PG{(_store.Id % 90 * 10_000) + 8_000:D6}"));
        var deliveredAt = At(delivered, 15);
        var delivery = lead.Deliver(new DeliveryRequest(deliveredAt, order.AgreedPrice,
            string.Create(CultureInfo.InvariantCulture, $"FP-C-{_store.Id}-{lead.Id}"), vin), _staff.Consultant, deliveredAt);
        var vehicle = new Vehicle(_store.Id, vin, null, "长城", order.Model!, order.Colour, buyer.Id, orderDay, delivered,
            soldByUs: true, deliveredAt);
        buyer.AddSpend(delivery.FinalPrice, deliveredAt);
        db.Vehicles.Add(vehicle);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        delivery.AttachVehicle(vehicle.Id);
        var task = new CallbackTask(_store.Id, CallbackType.NewCarThreeDay, buyer.Id, vehicle.Id, delivery.Id,
            _calendar.CallbackDueDay(delivered), deliveredAt, contactName: buyer.Name, contactNumber: buyer.Mobile,
            preferredTime: buyer.PreferredContactTime, assignedToId: _staff.Officer);
        db.CallbackTasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        var grievance = await ReachAsync(task, At(task.DueDate, 10), Satisfaction.Neutral, "客户希望尽快补办",
            (q, n) => n == 3 ? new AnswerGiven(q.VersionId, AnswerValue.No, "备用钥匙和购车发票至今没有交给客户", null) : null);
        grievance?.CompleteStep(ComplaintStepType.ManagerCalled, _staff.SalesManager, "已致歉，约定周六上门送钥匙和发票",
            grievance.ReceivedAt.AddHours(3));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The callback reached at <paramref name="at"/>: every current question answered ("yes", "other problems" "no",
    /// unless <paramref name="answer"/> says otherwise for a question and its index), then the grievance it raises
    /// (if any) through the app's one place, at the time of the call.
    /// </summary>
    private async Task<Complaint?> ReachAsync(CallbackTask task, DateTimeOffset at, Satisfaction? level, string? comments,
        Func<QuestionnaireQueries.QuestionForCall, int, AnswerGiven?>? answer = null,
        DateTimeOffset? managerCallAgreedAt = null)
    {
        var questions = await QuestionnaireQueries.ForNewCall(db, _store.Id, task.Type).ToListAsync(_cancellation);
        var answers = questions.Select((q, n) => answer?.Invoke(q, n) ?? new AnswerGiven(q.VersionId,
            q.Kind == QuestionKind.OtherProblems ? AnswerValue.No : AnswerValue.Yes, null, null)).ToList();
        task.RecordReached(task.ContactNumber, _staff.Officer, at, questions.Select(q => q.Asked).ToList(), answers, level,
            null, comments, managerCallAgreedAt);
        await db.SaveChangesAsync(_cancellation);
        return task.Type == CallbackType.ComplaintFollowUp ? null : await RaiseAsync(task, at, _cancellation);
    }

    /// <summary>Three unanswered attempts over two days on the one number known.</summary>
    private async Task UnreachableAsync(CallbackTask task, DateOnly due)
    {
        string[] numbers = [task.ContactNumber!];
        task.RecordAttempt(CallOutcome.NoAnswer, numbers[0], _staff.Officer, At(due, 10), LocalDate, numbers);
        task.RecordAttempt(CallOutcome.Busy, numbers[0], _staff.Officer, At(due, 16), LocalDate, numbers);
        task.RecordAttempt(CallOutcome.SwitchedOff, numbers[0], _staff.Officer, Min(At(due.AddDays(1), 11), _now.AddMinutes(-1)),
            LocalDate, numbers);
        await db.SaveChangesAsync(_cancellation);
    }

    /// <summary>A new owner's workshop visit completed so that its after-sales callback is due on
    /// <paramref name="due"/> (by the rule of 4.7 on the store's calendar), and that callback for the CRM officer.</summary>
    private async Task<CallbackTask> AfterSalesAsync(DateOnly due, CancellationToken cancellationToken)
    {
        var completed = CompletionFor(due);
        var visit = await VisitAsync(completed, cancellationToken);
        var owner = await db.Customers.SingleAsync(c => c.Id == visit.CustomerId, cancellationToken);
        var task = new CallbackTask(_store.Id, CallbackType.AfterSalesThreeDay, owner.Id, visit.VehicleId, null,
            _calendar.CallbackDueDay(completed), visit.CompletedAt!.Value.AddMinutes(15), visit.Id,
            CallbackOccasions.AfterSales(visit.VehicleId, completed), owner.Name, visit.NumberToCall(owner.Mobile),
            visit.CallbackTime, _staff.Officer);
        db.CallbackTasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    /// <summary>A new owner with a car and its workshop visit completed on <paramref name="completed"/>.</summary>
    private async Task<ServiceVisit> VisitAsync(DateOnly completed, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(completed.AddYears(-2), cancellationToken);
        var n = _owner;
        var vin = Vin.WithCheckDigit(string.Create(CultureInfo.InvariantCulture,
            $"LGWEF4A52NG{(_store.Id % 90 * 10_000) + 7_000 + n:D6}"));
        var plate = string.Create(CultureInfo.InvariantCulture, $"沪B{(_store.Id % 9 * 10_000) + 6_000 + n:D5}");
        var bought = completed.AddYears(-1).AddDays(-5 * n);
        var vehicle = new Vehicle(_store.Id, vin, plate, "长城", Models[n % Models.Length], n % 2 == 0 ? "白色" : "灰色",
            owner.Id, bought, bought, soldByUs: true, At(bought, 12));
        db.Vehicles.Add(vehicle);
        await db.SaveChangesAsync(cancellationToken);

        var mileage = 8_000 + (n * 731 % 20_000);
        var opened = At(completed, 9 + (n % 3));
        var types = (n % 4) switch
        {
            0 => ServiceTypes.Maintenance,
            1 => ServiceTypes.MinorRepair,
            2 => ServiceTypes.Maintenance | ServiceTypes.MinorRepair,
            _ => ServiceTypes.Warranty,
        };
        var visit = new ServiceVisit(_store.Id, string.Create(CultureInfo.InvariantCulture, $"RC{completed:yyyyMMdd}{n:D3}"),
            vehicle, owner.Id, opened, mileage, null, types, 480m + (n % 9 * 120m), _staff.Advisor, null, null, null,
            acceptsCallback: true, null, owner.PreferredContactTime, opened);
        visit.Complete(opened.AddHours(5), opened.AddHours(5));
        vehicle.RecordServiceVisit(completed, mileage);
        db.ServiceVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return visit;
    }

    /// <summary>A completion day whose callback is due on <paramref name="due"/> (4.7), the latest such day.</summary>
    private DateOnly CompletionFor(DateOnly due)
    {
        for (var completed = due.AddDays(-1); completed >= due.AddDays(-10); completed = completed.AddDays(-1))
        {
            if (_calendar.CallbackDueDay(completed) == due)
            {
                return completed;
            }
        }

        return due.AddDays(-3);
    }

    private async Task<Customer> OwnerAsync(DateOnly since, CancellationToken cancellationToken, DateOnly? birthday = null)
    {
        var n = ++_owner;
        var createdAt = At(since, 11);
        var name = Surnames[n % Surnames.Length] + Given[(n * 7) % Given.Length];
        var owner = new Customer(_store.Id, name, n % 2 == 0 ? Gender.Male : Gender.Female,
            (135_0000_0000L + (_store.Id * 1_000_000L) + n).ToString(CultureInfo.InvariantCulture), createdAt);
        owner.UpdateFixedInformation(new FixedInformation
        {
            Name = owner.Name,
            Gender = owner.Gender,
            Mobile = owner.Mobile,
            Region = n % 3 == 0 ? "闵行区" : "浦东新区",
            Birthday = birthday,
        }, createdAt);
        owner.SetConsent(marketing: n % 2 == 0, callbacks: true, n % 2 == 0 ? "工作日下午" : null, null, createdAt);
        db.Customers.Add(owner);
        await db.SaveChangesAsync(cancellationToken);
        return owner;
    }

    private DateOnly WorkingDayOnOrBefore(DateOnly day)
    {
        while (!_calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    private DateOnly LocalDate(DateTimeOffset instant) => _store.LocalDate(instant);

    private DateTimeOffset At(DateOnly day, double hours) => _store.StartOfLocalDay(day).AddHours(hours);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record DemoItems(Complaint Late, Complaint LateComplaint, Complaint Reopened, Complaint Closed);
}
