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

    public static string Lead(long id) => LeadPrefix + id.ToString(CultureInfo.InvariantCulture);

    public static string DuplicateClaim(long id) => "/Manager/Claims/" + id.ToString(CultureInfo.InvariantCulture);

    public static string DefeatRequest(long id) => "/Manager/Defeats/" + id.ToString(CultureInfo.InvariantCulture);
}
