using System.ComponentModel.DataAnnotations;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Account;

/// <summary>
/// Sign-in by user name. Every failure gets the same message, so the page never tells whether an account exists,
/// is locked or is deactivated (ASVS 2.2.1, 2.5.4 no enumeration); the audit log records the real reason.
/// </summary>
public sealed class LoginModel(
    SignInManager<StaffUser> signInManager,
    UserManager<StaffUser> userManager,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userName = Input.UserName.Trim().ToLowerInvariant();
        var result = await signInManager.PasswordSignInAsync(userName, Input.Password, isPersistent: false,
            lockoutOnFailure: true);
        var user = await userManager.FindByNameAsync(userName);
        if (result.Succeeded && user is not null)
        {
            await audit.RecordNowAsync(AuditActions.SignIn, userId: user.Id, userName: user.UserName,
                storeId: user.StoreId);
            logger.LogInformation("User {UserName} signed in", user.UserName);
            return user.MustChangePassword
                ? RedirectToPage("/Account/ChangePassword")
                : LocalRedirect(SafeReturnUrl());
        }

        var reason = result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed (inactive)" : "bad credentials";
        await audit.RecordNowAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed,
            details: reason, userId: user?.Id, userName: userName.Length > 64 ? userName[..64] : userName,
            storeId: user?.StoreId);
        logger.LogWarning("Sign-in failed: {Reason}", reason);
        ModelState.AddModelError(string.Empty, localizer["Login.Failed"]);
        Input.Password = string.Empty;
        return Page();
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(StaffUser.UserNameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.UserName")]
        public string UserName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(CommonPasswordValidator.MaximumLength, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = string.Empty;
    }
}
