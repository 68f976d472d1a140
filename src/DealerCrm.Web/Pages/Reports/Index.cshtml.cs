using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Reports;

public sealed class IndexModel : PageModel
{
    public RoleHome Home { get; } = new("Home.Reports.Title", "Home.Reports.Intro",
        ["Home.Reports.Task1", "Home.Reports.Task2", "Home.Reports.Task3"]);

    public void OnGet()
    {
    }
}
