using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.FollowUps;

public sealed class IndexModel : PageModel
{
    public RoleHome Home { get; } = new("Home.FollowUps.Title", "Home.FollowUps.Intro",
        ["Home.FollowUps.Task1", "Home.FollowUps.Task2", "Home.FollowUps.Task3"]);

    public void OnGet()
    {
    }
}
