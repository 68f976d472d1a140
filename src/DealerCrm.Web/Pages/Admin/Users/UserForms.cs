using System.Globalization;
using System.ComponentModel.DataAnnotations;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Admin.Users;

public sealed class AccountInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(StaffUser.DisplayNameMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.DisplayName")]
    public string DisplayName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Store")]
    public int? StoreId { get; set; }

    [Display(Name = "Field.Roles")]
    public List<string> Roles { get; set; } = [];

    public uint Version { get; set; }
}

public sealed class NewPasswordInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(CommonPasswordValidator.MaximumLength, MinimumLength = CommonPasswordValidator.MinimumLength,
        ErrorMessage = "Password.Length")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.NewPassword")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [Compare(nameof(Password), ErrorMessage = "Password.ConfirmMismatch")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public static class UserQueries
{
    public static async Task<List<SelectListItem>> StoreChoicesAsync(CrmDbContext db) =>
        await db.Stores.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new SelectListItem($"{s.Code} · {s.Name}", s.Id.ToString(CultureInfo.InvariantCulture)))
            .ToListAsync();
}

/// <summary>What the shared account fields partial needs from the Create and Edit pages.</summary>
public interface IAccountForm
{
    AccountInput Account { get; }

    IReadOnlyList<SelectListItem> StoreChoices { get; }
}
