using System.Globalization;

namespace DealerCrm.Web.Infrastructure;

/// <summary>
/// The addresses notifications point to, built in one place. SQL that writes notifications takes the prefix as a
/// parameter (<c>{CrmLinks.LeadPrefix} || l.id</c>) instead of repeating the path.
/// </summary>
public static class CrmLinks
{
    public const string LeadPrefix = "/Leads/";
    public const string FollowUps = "/FollowUps";
    public const string ManagerBoard = "/Manager";

    /// <summary>A callback task's call form: <c>/Callbacks/{id}</c> (the callback jobs' notifications).</summary>
    public const string CallbackPrefix = "/Callbacks/";

    /// <summary>A customer's file: <c>/Customers/{id}</c> (the loyalty recalculation tells the consultant).</summary>
    public const string CustomerPrefix = "/Customers/";

    /// <summary>The loyalty overview the CRM officers are told to open after a recalculation changed something.</summary>
    public const string Loyalty = "/Loyalty";

    public static string Lead(long id) => LeadPrefix + id.ToString(CultureInfo.InvariantCulture);

    public static string DuplicateClaim(long id) => "/Manager/Claims/" + id.ToString(CultureInfo.InvariantCulture);

    public static string DefeatRequest(long id) => "/Manager/Defeats/" + id.ToString(CultureInfo.InvariantCulture);
}
