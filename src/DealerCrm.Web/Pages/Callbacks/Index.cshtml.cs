using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Callbacks;

public sealed class IndexModel : PageModel
{
    public RoleHome Home { get; } = new("Home.Callbacks.Title", "Home.Callbacks.Intro",
        ["Home.Callbacks.Task1", "Home.Callbacks.Task2", "Home.Callbacks.Task3"]);

    public void OnGet()
    {
    }
}
