using Microsoft.AspNetCore.Authorization;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>Named policies, one per kind of work. Pages and folders declare these, never raw role lists.</summary>
public static class Policies
{
    public const string Admin = nameof(Admin);
    public const string Reception = nameof(Reception);
    public const string Sales = nameof(Sales);
    public const string SalesManagement = nameof(SalesManagement);
    public const string ServiceDesk = nameof(ServiceDesk);
    public const string ServiceManagement = nameof(ServiceManagement);

    /// <summary>Reading the service desk (/Service): the advisors who work it, the managers who read it.</summary>
    public const string ServiceRead = nameof(ServiceRead);

    /// <summary>The DMS import (/Service/Import): the advisors, and the service manager who answers for the workshop's data.</summary>
    public const string ServiceImport = nameof(ServiceImport);

    /// <summary>The vehicle file (/Vehicles/{id}): the record handler decides which car each of these may read.</summary>
    public const string VehicleFiles = nameof(VehicleFiles);
    public const string Reports = nameof(Reports);
    public const string CustomerFiles = nameof(CustomerFiles);
    public const string LeadCards = nameof(LeadCards);
    public const string Export = nameof(Export);

    /// <summary>The callback queue and call form: the CRM officer works them, the service manager and GM read them.</summary>
    public const string Callbacks = nameof(Callbacks);

    /// <summary>Making the calls: the CRM officer only (the queue shows the take and call buttons to them).</summary>
    public const string CallbackWork = nameof(CallbackWork);

    /// <summary>The sales manager's own acts on the store's leads: assign, reassign, rescue, dormancy, import, corrections.</summary>
    public const string LeadManagement = nameof(LeadManagement);

    /// <summary>Grievances and complaints (/Complaints, issue 12): the managers work them, CRM officers raise and read
    /// them, the GM reads all, service advisors those on their own repair orders (the record handler decides which).</summary>
    public const string Complaints = nameof(Complaints);

    /// <summary>Entering a complaint directly (/Complaints/New): CRM officers, the service and sales managers, the GM.</summary>
    public const string ComplaintEntry = nameof(ComplaintEntry);

    /// <summary>Corrective and preventive actions (/Actions): the service manager opens and verifies, the GM approves,
    /// the responsible person and participants (advisors, the sales manager, CRM officers) carry them out (the record
    /// handler decides which).</summary>
    public const string Actions = nameof(Actions);

    /// <summary>Opening a corrective or preventive action (/Actions/New): the service manager (spec 4.5).</summary>
    public const string ActionOpening = nameof(ActionOpening);

    /// <summary>The monthly callback report (/Reports/Callbacks): CRM officers, the service manager, the GM, Admins.</summary>
    public const string CallbackReports = nameof(CallbackReports);

    /// <summary>Submitting the month's callback report to the GM: the service manager (4.6).</summary>
    public const string CallbackReportSubmit = nameof(CallbackReportSubmit);

    /// <summary>Loyalty and tiers (/Loyalty, issue 13): CRM officers, the service manager and the GM read them.</summary>
    public const string Loyalty = nameof(Loyalty);

    /// <summary>Exporting the loyalty lists: the managers (the service manager and the GM).</summary>
    public const string LoyaltyExport = nameof(LoyaltyExport);

    /// <summary>The sales reports of chapter 6 (daily, conversion, defeats, campaigns) and the GM's home figures: the GM
    /// and the sales manager their store, Admins every store (issue 15).</summary>
    public const string SalesReports = nameof(SalesReports);

    /// <summary>The data-quality report (6.6): as <see cref="SalesReports"/>, and the CRM officers who fix the data.</summary>
    public const string DataQualityReport = nameof(DataQualityReport);

    /// <summary>Campaigns (/Campaigns, 6.5): the sales manager creates and links; the GM reads.</summary>
    public const string Campaigns = nameof(Campaigns);

    /// <summary>Creating and changing campaigns and their contacts: the sales manager.</summary>
    public const string CampaignManagement = nameof(CampaignManagement);

    /// <summary>Setting the store's monthly targets (6.6a): the sales manager the sales ones, the service manager the
    /// after-sales ones (the page decides which part each may change).</summary>
    public const string Targets = nameof(Targets);

    /// <summary>Setting a month's sales targets (cards, orders, deliveries): the sales manager.</summary>
    public const string SalesTargets = nameof(SalesTargets);

    /// <summary>Setting a month's after-sales targets (callback and complaint rates): the service manager.</summary>
    public const string ServiceTargets = nameof(ServiceTargets);

    public static void Register(AuthorizationOptions options)
    {
        // Everything needs a signed-in user unless a page says otherwise; the session validator
        // throws out users who were deactivated since they signed in.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();

        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Reception, p => p.RequireRole(Roles.Receptionist, Roles.SalesManager));
        options.AddPolicy(Sales, p => p.RequireRole(Roles.SalesConsultant));
        options.AddPolicy(SalesManagement, p => p.RequireRole(Roles.SalesManager, Roles.GeneralManager));
        // Spec roles (issue 11): the service advisor works visits and imports; the managers only read them.
        options.AddPolicy(ServiceDesk, p => p.RequireRole(Roles.ServiceAdvisor));
        options.AddPolicy(CallbackWork, p => p.RequireRole(Roles.CrmOfficer));
        options.AddPolicy(ServiceImport, p => p.RequireRole(Roles.ServiceAdvisor, Roles.ServiceManager));
        options.AddPolicy(ServiceRead, p => p.RequireRole(Roles.ServiceAdvisor, Roles.ServiceManager, Roles.GeneralManager));
        options.AddPolicy(VehicleFiles, p => p.RequireRole(Roles.SalesConsultant, Roles.SalesManager,
            Roles.GeneralManager, Roles.CrmOfficer, Roles.ServiceAdvisor, Roles.ServiceManager, Roles.Admin));
        options.AddPolicy(ServiceManagement, p => p.RequireRole(Roles.ServiceManager, Roles.GeneralManager));
        options.AddPolicy(CustomerFiles, p => p.RequireRole(
            Roles.SalesConsultant, Roles.SalesManager, Roles.GeneralManager, Roles.CrmOfficer, Roles.Admin));
        options.AddPolicy(LeadCards, p => p.RequireRole(
            Roles.SalesConsultant, Roles.SalesManager, Roles.GeneralManager, Roles.CrmOfficer));
        // Spec 3.4: "Managers export any list".
        options.AddPolicy(Export, p => p.RequireRole(Roles.SalesManager, Roles.GeneralManager));
        options.AddPolicy(Callbacks, p => p.RequireRole(Roles.CrmOfficer, Roles.ServiceManager, Roles.GeneralManager));
        options.AddPolicy(LeadManagement, p => p.RequireRole(Roles.SalesManager));
        options.AddPolicy(Complaints, p => p.RequireRole(Roles.ServiceManager, Roles.SalesManager, Roles.CrmOfficer,
            Roles.GeneralManager, Roles.ServiceAdvisor));
        options.AddPolicy(ComplaintEntry, p => p.RequireRole(Roles.CrmOfficer, Roles.ServiceManager, Roles.SalesManager,
            Roles.GeneralManager));
        // A CRM officer may be an action's responsible person or a participant (the record handler decides which).
        options.AddPolicy(Actions, p => p.RequireRole(Roles.ServiceManager, Roles.GeneralManager, Roles.ServiceAdvisor,
            Roles.SalesManager, Roles.CrmOfficer));
        options.AddPolicy(ActionOpening, p => p.RequireRole(Roles.ServiceManager));
        options.AddPolicy(CallbackReports, p => p.RequireRole(Roles.CrmOfficer, Roles.ServiceManager,
            Roles.GeneralManager, Roles.Admin));
        options.AddPolicy(CallbackReportSubmit, p => p.RequireRole(Roles.ServiceManager));
        options.AddPolicy(Loyalty, p => p.RequireRole(Roles.CrmOfficer, Roles.ServiceManager, Roles.GeneralManager));
        options.AddPolicy(LoyaltyExport, p => p.RequireRole(Roles.ServiceManager, Roles.GeneralManager));

        options.AddPolicy(SalesReports, p => p.RequireRole(Roles.GeneralManager, Roles.SalesManager, Roles.Admin));
        options.AddPolicy(DataQualityReport, p => p.RequireRole(Roles.GeneralManager, Roles.SalesManager, Roles.Admin,
            Roles.CrmOfficer));
        options.AddPolicy(Campaigns, p => p.RequireRole(Roles.SalesManager, Roles.GeneralManager));
        options.AddPolicy(CampaignManagement, p => p.RequireRole(Roles.SalesManager));
        options.AddPolicy(Targets, p => p.RequireRole(Roles.SalesManager, Roles.ServiceManager));
        options.AddPolicy(SalesTargets, p => p.RequireRole(Roles.SalesManager));
        options.AddPolicy(ServiceTargets, p => p.RequireRole(Roles.ServiceManager));

        // The /Reports folder: Admins too (issue 12: they read the callback report of any store); each report page
        // narrows it with its own policy (response time: the sales managers and GM only).
        options.AddPolicy(Reports, p => p.RequireRole(
            Roles.GeneralManager, Roles.SalesManager, Roles.ServiceManager, Roles.CrmOfficer, Roles.Admin));
    }
}
