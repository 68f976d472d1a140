namespace DealerCrm.Web.Pages.Showroom;

/// <summary>Audit actions of the showroom log. Details never hold a mobile number.</summary>
public static class ShowroomAuditActions
{
    public const string Corrected = "showroom.corrected";
    public const string Voided = "showroom.voided";
}
