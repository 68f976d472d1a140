using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Admin.Callbacks;

/// <summary>
/// The one definition of what a store starts with for its callbacks (spec 4.3, 4.7): the settings row, a script per
/// callback type and a questionnaire per type, in English and Chinese. Given to a store when it is created
/// (/Admin/Stores), to the demo stores, and to every store that lacks them when the database is brought up to date
/// (<see cref="EnsureForAllStoresAsync"/>, run by the migrate step). A store keeps what it has: a type that has any
/// question (retired ones included) or a script is never touched again.
/// </summary>
public static class CallbackDefaults
{
    /// <summary>An arbitrary constant naming this step's lock ("CBDF").</summary>
    private const long AdvisoryLockKey = 0x4342_4446;

    public static IReadOnlyList<DefaultQuestion> Questions { get; } =
    [
        new(CallbackType.NewCarThreeDay, QuestionKind.YesNo,
            "Was the car delivered at the agreed time?", "车辆是否在约定的时间交付？"),
        new(CallbackType.NewCarThreeDay, QuestionKind.YesNo,
            "Was the car clean and exactly as you ordered it?", "交车时车辆是否干净整洁，配置与订购一致？"),
        new(CallbackType.NewCarThreeDay, QuestionKind.YesNo,
            "Did the consultant explain the car's functions to you?", "销售顾问是否为您详细讲解了车辆功能和使用方法？"),
        new(CallbackType.NewCarThreeDay, QuestionKind.YesNo,
            "Were all the documents and keys handed over?", "随车资料、票据和钥匙是否已全部交给您？"),
        new(CallbackType.NewCarThreeDay, QuestionKind.OtherProblems,
            "Is there any other problem we should know about?", "还有其他需要我们解决的问题吗？"),

        new(CallbackType.AfterSalesThreeDay, QuestionKind.YesNo,
            "Was the car ready at the promised time?", "车辆是否在承诺的时间完工交车？"),
        new(CallbackType.AfterSalesThreeDay, QuestionKind.YesNo,
            "Was the work done right the first time?", "维修保养项目是否一次修好？"),
        new(CallbackType.AfterSalesThreeDay, QuestionKind.YesNo,
            "Were the charges explained to you?", "服务顾问是否向您解释了各项费用？"),
        new(CallbackType.AfterSalesThreeDay, QuestionKind.YesNo,
            "Was the car returned clean?", "交车时车辆是否清洁？"),
        new(CallbackType.AfterSalesThreeDay, QuestionKind.OtherProblems,
            "Is there any other problem we should know about?", "还有其他需要我们解决的问题吗？"),

        new(CallbackType.DormantCustomer, QuestionKind.YesNo,
            "Would you like us to book a service for your car?", "需要为您预约一次保养或检查吗？"),
        new(CallbackType.DormantCustomer, QuestionKind.OtherProblems,
            "Is there any problem with the car or with our service we should know about?", "车辆或我们的服务还有什么需要解决的问题吗？"),

        new(CallbackType.BirthdayCare, QuestionKind.YesNo,
            "Did the customer receive our greeting (birthday or the car's anniversary)?", "是否已向客户送上生日（或车辆生日）祝福？"),
        new(CallbackType.BirthdayCare, QuestionKind.YesNo,
            "Would you like to take up our birthday service offer?", "您是否愿意使用我们的生日保养优惠？"),
        new(CallbackType.BirthdayCare, QuestionKind.OtherProblems,
            "Is there any other problem we should know about?", "还有其他需要我们解决的问题吗？"),
    ];

    /// <summary>Fields: {dealer}, {officer}, {title}, {name}, {date}, {service}, {reasons} (filled in on the call form).</summary>
    public static IReadOnlyList<DefaultScript> Scripts { get; } =
    [
        new(CallbackType.NewCarThreeDay,
            "Hello, {title} {name}. This is {officer} from {dealer}.",
            "Thank you for collecting your new car on {date}. May I take two minutes to ask how it is going?",
            "Thank you for your time. If you need anything, please call us at any time. Have a safe drive!",
            "{name}{title}您好，我是{dealer}的客服专员{officer}。",
            "感谢您于{date}在我店提车，想占用您两分钟时间了解一下您的用车感受，请问现在方便吗？",
            "感谢您的配合！如有任何需要请随时联系我们，祝您用车愉快、一路平安！"),
        new(CallbackType.AfterSalesThreeDay,
            "Hello, {title} {name}. This is {officer} from {dealer}.",
            "Your car had its {service} with us on {date}. May I ask a few questions about the visit?",
            "Thank you for your time. We look forward to seeing you at the next service. Have a safe drive!",
            "{name}{title}您好，我是{dealer}的客服专员{officer}。",
            "您的爱车于{date}在我店进行了{service}，想耽误您几分钟做个回访，请问现在方便吗？",
            "感谢您的配合！期待您下次光临，祝您行车平安！"),
        new(CallbackType.DormantCustomer,
            "Hello, {title} {name}. This is {officer} from {dealer}.",
            "We have not seen your car for a while and wanted to know how it is doing, and whether we can help with its next service.",
            "Thank you for your time. We would be glad to see you again; please call us whenever it suits you.",
            "{name}{title}您好，我是{dealer}的客服专员{officer}。",
            "有一段时间没有见到您的爱车了，想了解一下车辆的使用情况，看看有什么可以帮到您的。",
            "感谢您的配合！欢迎您随时回店，有需要请随时联系我们。"),
        new(CallbackType.BirthdayCare,
            "Hello, {title} {name}. This is {officer} from {dealer}.",
            "Everyone at {dealer} sends you their best wishes on this special day!",
            "Thank you, and happy birthday once more. We look forward to seeing you.",
            "{name}{title}您好，我是{dealer}的客服专员{officer}。",
            "值此特别的日子，{dealer}全体员工向您送上最诚挚的祝福！",
            "再次祝您生日快乐，期待您的光临！"),

        // The follow-up call of a resolved grievance or complaint (issue 12): no questionnaire, only the satisfaction.
        new(CallbackType.ComplaintFollowUp,
            "Hello, {title} {name}. This is {officer} from {dealer}.",
            "We are following up the concern you raised with us, which our manager has now dealt with. Are you satisfied with how it was resolved?",
            "Thank you for your patience and for telling us. If anything is still not right, please call us at any time.",
            "{name}{title}您好，我是{dealer}的客服专员{officer}。",
            "关于您之前向我们反映的问题，经理已经进行了处理，今天特地回访一下：请问您对处理结果满意吗？",
            "感谢您的耐心和反馈！如果还有任何不满意的地方，请随时联系我们。"),

        // The service reminder (issue 14): {reasons} lists what is due, with the car and the date; no questionnaire.
        new(CallbackType.ServiceReminder,
            "Hello, {title} {name}. This is {officer} from {dealer}.",
            "A friendly reminder about your car: {reasons}. Would you like to book a time to bring it in?",
            "Thank you for your time. We look forward to seeing you; if the time no longer suits you, please call us.",
            "{name}{title}您好，我是{dealer}的客服专员{officer}。",
            "温馨提示您的爱车：{reasons}。请问您需要预约一个时间回店吗？",
            "感谢您的配合！期待您的光临，如需调整预约时间请随时联系我们。"),
    ];

    /// <summary>
    /// Adds to <paramref name="db"/> (unsaved) the defaults the store lacks: the settings row, and the script and the
    /// questionnaire of each type that has none. Returns how many rows were added.
    /// </summary>
    public static async Task<int> AddMissingAsync(CrmDbContext db, int storeId, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var added = 0;
        if (!await db.CallbackSettings.AnyAsync(s => s.StoreId == storeId, cancellationToken))
        {
            db.CallbackSettings.Add(new CallbackSettings(storeId));
            added++;
        }

        var scripted = await db.CallbackScripts.Where(s => s.StoreId == storeId).Select(s => s.Type)
            .ToListAsync(cancellationToken);
        foreach (var script in Scripts.Where(s => !scripted.Contains(s.Type)))
        {
            db.CallbackScripts.Add(new CallbackScript(storeId, script.Type, script.GreetingEn, script.PurposeEn,
                script.ClosingEn, script.GreetingZh, script.PurposeZh, script.ClosingZh));
            added++;
        }

        var asked = await db.CallbackQuestions.Where(q => q.StoreId == storeId).Select(q => q.Type).Distinct()
            .ToListAsync(cancellationToken);
        foreach (var group in Questions.Where(q => !asked.Contains(q.Type)).GroupBy(q => q.Type))
        {
            var position = 0;
            foreach (var question in group)
            {
                db.CallbackQuestions.Add(new CallbackQuestion(storeId, question.Type, question.Kind, ++position,
                    question.TextEn, question.TextZh, now));
                added++;
            }
        }

        // The store's grievance and complaint categories (4.4), the defaults when it has none (issue 12).
        if (!await db.ComplaintCategories.AnyAsync(c => c.StoreId == storeId, cancellationToken))
        {
            foreach (var category in ComplaintCategory.DefaultsFor(storeId))
            {
                db.ComplaintCategories.Add(category);
                added++;
            }
        }

        return added;
    }

    /// <summary>
    /// Every store gets what it lacks, in one transaction under an advisory lock so that two instances running the
    /// migrate step at once add the defaults once.
    /// </summary>
    public static async Task<int> EnsureForAllStoresAsync(CrmDbContext db, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        var added = 0;
        foreach (var storeId in await db.Stores.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken))
        {
            added += await AddMissingAsync(db, storeId, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public sealed record DefaultQuestion(CallbackType Type, QuestionKind Kind, string TextEn, string TextZh);

    public sealed record DefaultScript(CallbackType Type, string GreetingEn, string PurposeEn, string ClosingEn,
        string GreetingZh, string PurposeZh, string ClosingZh);
}
