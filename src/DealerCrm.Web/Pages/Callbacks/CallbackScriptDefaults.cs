using DealerCrm.Domain.Callbacks;

namespace DealerCrm.Web.Pages.Callbacks;

/// <summary>
/// The script a store without its own (<see cref="CallbackScript"/>) is shown: a tiny built-in fallback. Stores get
/// fuller defaults when they are created; this only keeps the call form whole when a row is missing.
/// </summary>
public static class CallbackScriptDefaults
{
    public static CallbackScript For(int storeId, CallbackType type) => new(storeId, type,
        "Hello, is this {title} {name}? This is {officer} from {dealer}.",
        type switch
        {
            CallbackType.NewCarThreeDay => "You took delivery of your new car on {date}; may I take two minutes to ask how the purchase and the handover went?",
            CallbackType.AfterSalesThreeDay => "Your car was at our workshop on {date} ({service}); may I take two minutes to ask how it went?",
            CallbackType.DormantCustomer => "We have not seen your car for a while; may I ask how it is doing and how we can help?",
            CallbackType.ComplaintFollowUp => "We are following up the concern you raised with us; are you satisfied with how it was resolved?",
            CallbackType.ServiceReminder => "A reminder about your car: {reasons}. Would you like to book a visit?",
            _ => "We would like to send you our warmest wishes today!",
        },
        "Thank you for your time, {title} {name}. Have a safe drive!",
        "您好，请问是{name}{title}吗？我是{dealer}的客服专员{officer}。",
        type switch
        {
            CallbackType.NewCarThreeDay => "您于{date}在我店提车，想耽误您两分钟，了解一下您对购车和交车的感受。",
            CallbackType.AfterSalesThreeDay => "您的爱车于{date}在我店进行了{service}，想耽误您两分钟，了解一下您的满意度。",
            CallbackType.DormantCustomer => "您的爱车有一段时间没有回店了，想了解一下车辆的使用情况，看看我们能为您做些什么。",
            CallbackType.ComplaintFollowUp => "关于您之前反映的问题，想回访一下：请问您对处理结果满意吗？",
            CallbackType.ServiceReminder => "温馨提示您的爱车：{reasons}。请问需要为您预约回店吗？",
            _ => "今天我们想向您送上最诚挚的祝福！",
        },
        "感谢您的配合，祝您用车愉快，再见！");
}
