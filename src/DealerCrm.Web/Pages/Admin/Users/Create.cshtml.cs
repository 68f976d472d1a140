using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Common;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin.Users;

public sealed class CreateModel(CrmDbContext db, StaffAccounts accounts, IStringLocalizer<SharedResource> localizer)
    : PageModel, IAccountForm
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(StaffUser.UserNameMaxLength, MinimumLength = 3, ErrorMessage = "User.UserNameLength")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "User.UserNameInvalid")]
    [Display(Name = "Field.UserName")]
    public string UserName { get; set; } = string.Empty;

    [BindProperty]
    public AccountInput Account { get; set; } = new();

    [BindProperty]
    public NewPasswordInput Password { get; set; } = new();

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public async Task OnGetAsync() => StoreChoices = await UserQueries.StoreChoicesAsync(db);

    public async Task<IActionResult> OnPostAsync()
    {
        StoreChoices = await UserQueries.StoreChoicesAsync(db);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        IdentityResult result;
        try
        {
            result = await accounts.CreateAsync(UserName, Account.DisplayName, Account.StoreId!.Value,
                Account.Roles.Distinct().ToList(), Password.Password);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, "Account");
            return Page();
        }

        if (!result.Succeeded)
        {
            var userNameErrors = new[] { nameof(IdentityErrorDescriber.DuplicateUserName), nameof(IdentityErrorDescriber.InvalidUserName) };
            foreach (var error in result.Errors)
            {
                var key = userNameErrors.Contains(error.Code) ? nameof(UserName) : "Password.Password";
                ModelState.AddModelError(key, localizer[error.Description]);
            }

            return Page();
        }

        TempData["Message"] = localizer["User.Created", UserName.Trim().ToLowerInvariant()].Value;
        return RedirectToPage("Index");
    }
}
