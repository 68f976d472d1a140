using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Showroom;

public sealed class IndexModel : PageModel
{
    public RoleHome Home { get; } = new("Home.Showroom.Title", "Home.Showroom.Intro",
        ["Home.Showroom.Task1", "Home.Showroom.Task2", "Home.Showroom.Task3"]);

    public void OnGet()
    {
    }
}
