using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Complaints;

public sealed class IndexModel : PageModel
{
    public RoleHome Home { get; } = new("Home.Complaints.Title", "Home.Complaints.Intro",
        ["Home.Complaints.Task1", "Home.Complaints.Task2", "Home.Complaints.Task3"]);

    public void OnGet()
    {
    }
}
