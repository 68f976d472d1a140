namespace DealerCrm.Web.Infrastructure.Identity;

public static class CrmClaimTypes
{
    public const string StoreId = "dealercrm:store_id";
    public const string DisplayName = "dealercrm:display_name";
    public const string StoreName = "dealercrm:store_name";

    /// <summary>Kept in the authentication properties: when the user typed their password.</summary>
    public const string AuthTimeItem = "dealercrm.auth_time";
}
