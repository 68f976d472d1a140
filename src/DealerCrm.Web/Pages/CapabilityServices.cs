using DealerCrm.Web.Pages.Admin.Users;
using DealerCrm.Web.Pages.Leads;

namespace DealerCrm.Web.Pages;

/// <summary>
/// The services each capability owns, registered by the capabilities themselves so that Infrastructure knows none of
/// them. A page or job of another capability uses them from the owner's folder (dormancy, reassignment and intake
/// belong to Leads; accounts to Admin).
/// </summary>
public static class CapabilityServices
{
    public static IServiceCollection AddCrmCapabilities(this IServiceCollection services)
    {
        services.AddScoped<StaffAccounts>();
        services.AddScoped<LeadReassignment>();
        services.AddScoped<DormantLeads>();
        services.AddScoped<LeadImporter>();
        services.AddScoped<Service.ServiceVisitImporter>();
        services.AddScoped<Infrastructure.Import.CsvImportPipeline>();
        services.AddScoped<Infrastructure.Import.IImportReader>(s => s.GetRequiredService<LeadImporter>());
        services.AddScoped<Infrastructure.Import.IImportReader>(s => s.GetRequiredService<Service.ServiceVisitImporter>());
        services.AddScoped<IncomingLeadAssignment>();
        services.AddScoped<Complaints.ComplaintWorkflow>();
        return services;
    }
}
