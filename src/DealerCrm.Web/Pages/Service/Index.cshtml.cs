using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Service;

public sealed class IndexModel : PageModel
{
    public RoleHome Home { get; } = new("Home.Service.Title", "Home.Service.Intro",
        ["Home.Service.Task1", "Home.Service.Task2", "Home.Service.Task3"]);

    public void OnGet()
    {
    }
}
