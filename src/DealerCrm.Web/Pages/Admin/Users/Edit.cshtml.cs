using DealerCrm.Domain.Common;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin.Users;

public sealed class EditModel(
    CrmDbContext db,
    UserManager<StaffUser> users,
    StaffAccounts accounts,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel, IAccountForm
{
    [BindProperty]
    public AccountInput Account { get; set; } = new();

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public long Id { get; private set; }

    public string UserName { get; private set; } = string.Empty;

    public bool IsActive { get; private set; }

    public bool LockedOut { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }

        await DescribeAsync(user);
        Account = new AccountInput
        {
            DisplayName = user.DisplayName,
            StoreId = user.StoreId,
            Roles = [.. await users.GetRolesAsync(user)],
            Version = user.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }

        await DescribeAsync(user);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        IdentityResult result;
        try
        {
            result = await accounts.UpdateAsync(user, Account.Version, Account.DisplayName, Account.StoreId!.Value,
                Account.Roles.Distinct().ToList(), User.GetUserId());
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, nameof(Account));
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(localizer, result, string.Empty);
            return Page();
        }

        TempData["Message"] = localizer["User.Saved", user.UserName!].Value;
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(long id) =>
        await ActAsync(id, user => accounts.DeactivateAsync(user, User.GetUserId()), "User.Deactivated");

    public async Task<IActionResult> OnPostReactivateAsync(long id) =>
        await ActAsync(id, accounts.ReactivateAsync, "User.Reactivated");

    private async Task<IActionResult> ActAsync(long id, Func<StaffUser, Task> act, string doneKey)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }

        try
        {
            await act(user);
        }
        catch (DomainException ex)
        {
            await DescribeAsync(user);
            Account = new AccountInput
            {
                DisplayName = user.DisplayName,
                StoreId = user.StoreId,
                Roles = [.. await users.GetRolesAsync(user)],
                Version = user.Version,
            };
            ModelState.AddDomainError(localizer, ex, _ => string.Empty);
            return Page();
        }

        TempData["Message"] = localizer[doneKey, user.UserName!].Value;
        return RedirectToPage("Edit", new { id });
    }

    private async Task DescribeAsync(StaffUser user)
    {
        Id = user.Id;
        UserName = user.UserName ?? string.Empty;
        IsActive = user.IsActive;
        LockedOut = user.LockoutEnd is { } end && end > time.GetUtcNow();
        StoreChoices = await UserQueries.StoreChoicesAsync(db);
    }
}
