using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages.Account;

/// <summary>Sign-out is a POST (with anti-forgery) so that a link on another site cannot sign anyone out.</summary>
public sealed class LogoutModel(SignInManager<StaffUser> signInManager, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.RecordNowAsync(AuditActions.SignOut);
        await signInManager.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
