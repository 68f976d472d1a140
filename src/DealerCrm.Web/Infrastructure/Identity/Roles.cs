namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>The roles of spec README "Who uses it". Ids are fixed because the migration seeds them.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string GeneralManager = "GeneralManager";
    public const string SalesManager = "SalesManager";
    public const string SalesConsultant = "SalesConsultant";
    public const string Receptionist = "Receptionist";
    public const string CrmOfficer = "CrmOfficer";
    public const string ServiceManager = "ServiceManager";
    public const string ServiceAdvisor = "ServiceAdvisor";

    public static IReadOnlyList<(long Id, string Name)> All { get; } =
    [
        (1, Admin),
        (2, GeneralManager),
        (3, SalesManager),
        (4, SalesConsultant),
        (5, Receptionist),
        (6, CrmOfficer),
        (7, ServiceManager),
        (8, ServiceAdvisor),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(r => r.Name).ToArray();
}
