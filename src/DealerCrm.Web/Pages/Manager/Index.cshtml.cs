using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Manager;

public sealed class IndexModel : PageModel
{
    public RoleHome Home { get; } = new("Home.Manager.Title", "Home.Manager.Intro",
        ["Home.Manager.Task1", "Home.Manager.Task2", "Home.Manager.Task3"]);

    public void OnGet()
    {
    }
}
