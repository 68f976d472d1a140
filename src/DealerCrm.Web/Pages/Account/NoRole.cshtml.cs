using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Account;

/// <summary>A signed-in account that holds no role yet: it is told to ask an Admin, and sees nothing else.</summary>
public sealed class NoRoleModel : PageModel
{
    public void OnGet()
    {
    }
}
