namespace DealerCrm.Web.Infrastructure.Auditing;

/// <summary>
/// Who did what, when and from where (spec 7.2). Append-only; never holds ID numbers or full mobile numbers.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Action = string.Empty;
    }

    public AuditEntry(DateTimeOffset at, string action, long? userId, string? userName, int? storeId,
        string? target, string? details, string? ipAddress)
    {
        At = at;
        Action = action;
        UserId = userId;
        UserName = userName;
        StoreId = storeId;
        Target = target;
        Details = details;
        IpAddress = ipAddress;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Action { get; private set; }

    public long? UserId { get; private set; }

    public string? UserName { get; private set; }

    public int? StoreId { get; private set; }

    public string? Target { get; private set; }

    public string? Details { get; private set; }

    public string? IpAddress { get; private set; }
}

/// <summary>
/// The one catalogue of audit actions: every entry's action is one of these names, and the audit viewer offers and
/// labels exactly these (a test requires a label in both languages for each). Details never hold an ID number or a
/// mobile.
/// </summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string LockedOut = "auth.locked_out";
    public const string SignOut = "auth.sign_out";
    public const string PasswordChanged = "auth.password_changed";
    public const string AccessDenied = "auth.access_denied";
    public const string SessionEnded = "auth.session_ended";
    public const string UserCreated = "admin.user_created";
    public const string UserUpdated = "admin.user_updated";
    public const string UserRolesChanged = "admin.user_roles_changed";
    public const string UserDeactivated = "admin.user_deactivated";
    public const string UserReactivated = "admin.user_reactivated";
    public const string UserPasswordReset = "admin.user_password_reset";
    public const string StoreCreated = "admin.store_created";
    public const string StoreUpdated = "admin.store_updated";
    public const string GroupUpdated = "admin.group_updated";
    public const string GradePolicyChanged = "admin.grade_policy_changed";
    public const string HolidaysChanged = "admin.holidays_changed";
    public const string CallbackSettingsChanged = "admin.callback_settings_changed";
    public const string LoyaltySettingsChanged = "admin.loyalty_settings_changed";
    public const string DefeatDecided = "sales.defeat_decided";
    public const string DefeatRescued = "sales.defeat_rescued";
    public const string LeadsReassigned = "sales.leads_reassigned";
    public const string LeadsImported = "sales.leads_imported";
    public const string ServiceVisitsImported = "service.visits_imported";
    public const string LeadsAssigned = "sales.leads_assigned";
    public const string IncomingLeadDismissed = "sales.incoming_lead_dismissed";
    public const string LeadsExported = "data.export_leads";
    public const string CustomersExported = "data.export_customers";
    public const string CallbackReportExported = "data.export_callback_report";

    /// <summary>A chapter-6 store report downloaded (issue 15; the details name the report).</summary>
    public const string ReportExported = "data.export_report";

    /// <summary>A store's monthly targets set (issue 15; the details name the part, the month and the values).</summary>
    public const string TargetsSet = "reports.targets_set";

    /// <summary>A campaign created or changed by the sales manager (issue 15).</summary>
    public const string CampaignSaved = "sales.campaign_saved";

    /// <summary>Customers linked to a campaign or moved up a stage (details: how, stage and counts).</summary>
    public const string CampaignContactsLinked = "sales.campaign_contacts_linked";
    public const string LoyaltyExported = "data.export_loyalty";
    public const string LeadReassigned = "sales.lead_reassigned";
    public const string ClaimDecided = "sales.claim_decided";
    public const string LeadsMadeDormant = "sales.leads_made_dormant";
    public const string LeadReactivated = "sales.lead_reactivated";
    public const string ShowroomCorrected = "showroom.corrected";
    public const string ShowroomVoided = "showroom.voided";
    public const string CustomerIdRevealed = "customer.id_revealed";
    public const string CustomerUpdated = "customer.updated";
}
