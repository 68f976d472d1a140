using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin.Users;

/// <summary>Sets a new password for a user; their open sessions end (new security stamp) and a lockout lifts.</summary>
public sealed class ResetPasswordModel(CrmDbContext db, StaffAccounts accounts, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty]
    public NewPasswordInput Password { get; set; } = new();

    public long Id { get; private set; }

    public string UserName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }

        (Id, UserName) = (user.Id, user.UserName ?? string.Empty);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }

        (Id, UserName) = (user.Id, user.UserName ?? string.Empty);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.ResetPasswordAsync(user, Password.Password);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(localizer, result, "Password.Password");
            return Page();
        }

        TempData["Message"] = localizer["User.PasswordReset", UserName].Value;
        return RedirectToPage("Edit", new { id });
    }
}
