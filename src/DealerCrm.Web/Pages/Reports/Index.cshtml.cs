using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Reports;

public sealed class IndexModel(IAuthorizationService authorization) : PageModel
{
    public RoleHome Home { get; } = new("Home.Reports.Title", "Home.Reports.Intro",
        ["Home.Reports.Task1", "Home.Reports.Task2", "Home.Reports.Task3"]);

    /// <summary>The reports built so far that this user may open (each page's own policy decides).</summary>
    public IReadOnlyList<(string Path, string LabelKey)> Links { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var links = new List<(string, string)>();
        var sales = (await authorization.AuthorizeAsync(User, Policies.SalesReports)).Succeeded;
        if (sales)
        {
            links.Add(("/Reports/Daily", "Daily.Title"));
            links.Add(("/Reports/Conversion", "Conversion.Title"));
            links.Add(("/Reports/ResponseTime", "Response.Title"));
            links.Add(("/Reports/Defeats", "Defeats.Title"));
            links.Add(("/Reports/Campaigns", "Campaigns.Report.Title"));
        }

        if ((await authorization.AuthorizeAsync(User, Policies.DataQualityReport)).Succeeded)
        {
            links.Add(("/Reports/DataQuality", "Reports.DataQuality"));
        }

        if ((await authorization.AuthorizeAsync(User, Policies.CallbackReports)).Succeeded)
        {
            links.Add(("/Reports/Callbacks", "CallbackReport.Title"));
        }

        if ((await authorization.AuthorizeAsync(User, Policies.Targets)).Succeeded)
        {
            links.Add(("/Reports/Targets", "Reports.Targets"));
        }

        Links = links;
    }
}
