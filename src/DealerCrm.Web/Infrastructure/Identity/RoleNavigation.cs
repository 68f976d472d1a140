using System.Security.Claims;

namespace DealerCrm.Web.Infrastructure.Identity;

/// <summary>Each role's home page and the navigation a user sees: the union over the roles they hold.</summary>
public static class RoleNavigation
{
    public static IReadOnlyList<NavItem> Items { get; } =
    [
        new(Roles.Receptionist, "/Showroom", "Nav.Showroom"),
        new(Roles.SalesConsultant, "/FollowUps", "Nav.FollowUps"),
        new(Roles.SalesConsultant, "/Leads/New", "Nav.NewCard"),
        new(Roles.SalesConsultant, "/Customers", "Nav.Customers"),
        new(Roles.SalesConsultant, "/Leads", "Nav.Leads"),
        new(Roles.SalesManager, "/Manager", "Nav.Manager"),
        new(Roles.SalesManager, "/Customers", "Nav.Customers"),
        new(Roles.SalesManager, "/Leads", "Nav.Leads"),
        new(Roles.SalesManager, "/Manager/Audit", "Nav.Audit"),
        new(Roles.SalesManager, "/Complaints", "Nav.Complaints"),
        new(Roles.SalesManager, "/Campaigns", "Nav.Campaigns"),
        new(Roles.CrmOfficer, "/Callbacks", "Nav.Callbacks"),
        new(Roles.CrmOfficer, "/Customers", "Nav.Customers"),
        new(Roles.CrmOfficer, "/Leads", "Nav.Leads"),
        new(Roles.CrmOfficer, "/Reports/Callbacks", "Nav.CallbackReport"),
        new(Roles.CrmOfficer, "/Complaints", "Nav.Complaints"),
        new(Roles.CrmOfficer, "/Loyalty", "Nav.Loyalty"),
        new(Roles.ServiceAdvisor, "/Service", "Nav.Service"),
        new(Roles.ServiceAdvisor, "/Service/Import", "Nav.ServiceImport"),
        new(Roles.ServiceAdvisor, "/Actions", "Nav.Actions"),
        new(Roles.ServiceManager, "/Complaints", "Nav.Complaints"),
        new(Roles.ServiceManager, "/Actions", "Nav.Actions"),
        new(Roles.ServiceManager, "/Callbacks", "Nav.Callbacks"),
        new(Roles.ServiceManager, "/Service", "Nav.Service"),
        new(Roles.ServiceManager, "/Reports/Callbacks", "Nav.CallbackReport"),
        new(Roles.ServiceManager, "/Loyalty", "Nav.Loyalty"),
        new(Roles.GeneralManager, "/Reports", "Nav.Reports"),
        new(Roles.GeneralManager, "/Leads", "Nav.Leads"),
        new(Roles.GeneralManager, "/Callbacks", "Nav.Callbacks"),
        new(Roles.GeneralManager, "/Manager/Audit", "Nav.Audit"),
        new(Roles.GeneralManager, "/Service", "Nav.Service"),
        new(Roles.GeneralManager, "/Actions", "Nav.Actions"),
        new(Roles.GeneralManager, "/Complaints", "Nav.Complaints"),
        new(Roles.GeneralManager, "/Loyalty", "Nav.Loyalty"),
        new(Roles.GeneralManager, "/Campaigns", "Nav.Campaigns"),
        new(Roles.Admin, "/Admin", "Nav.Admin"),
        new(Roles.Admin, "/Admin/GradePolicy", "Nav.GradePolicy"),
        new(Roles.Admin, "/Admin/Callbacks", "Nav.CallbackAdmin"),
        new(Roles.Admin, "/Admin/Holidays", "Nav.Holidays"),
        new(Roles.Admin, "/Admin/ComplaintCategories", "Nav.ComplaintCategories"),
        new(Roles.Admin, "/Admin/Audit", "Nav.Audit"),
        new(Roles.Admin, "/Reports/Callbacks", "Nav.CallbackReport"),
    ];

    public static IReadOnlyList<NavItem> For(ClaimsPrincipal user) =>
        Items.Where(i => user.IsInRole(i.Role)).DistinctBy(i => i.Path).ToList();

    /// <summary>Where "/" sends the user: the first of their roles in the order above.</summary>
    public static string HomeFor(ClaimsPrincipal user) => For(user) is [var first, ..] ? first.Path : "/Account/NoRole";

    public sealed record NavItem(string Role, string Path, string LabelKey);
}
