using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin;

/// <summary>The dealer group's own settings: its name and how long audit entries are kept.</summary>
public sealed class GroupModel(CrmDbContext db, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        var group = await db.DealerGroups.AsNoTracking().SingleAsync(g => g.Id == DealerGroup.SingletonId);
        Input = new InputModel
        {
            Name = group.Name,
            AuditRetentionMonths = group.AuditRetentionMonths,
            Version = group.Version,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var group = await db.DealerGroups.SingleAsync(g => g.Id == DealerGroup.SingletonId);
        var valid = ModelState.TryDomain(localizer, () => group.Rename(Input.Name))
            & ModelState.TryDomain(localizer, () => group.ChangeAuditRetention(Input.AuditRetentionMonths!.Value));
        if (!valid)
        {
            return Page();
        }

        db.ExpectVersion(group, Input.Version);
        audit.RecordForGroup(AuditActions.GroupUpdated, target: "group",
            details: $"audit_retention_months={group.AuditRetentionMonths}");
        if (!await db.TrySaveAsync(ModelState, localizer))
        {
            return Page();
        }

        TempData["Message"] = localizer["Group.Saved"].Value;
        return RedirectToPage("Index");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(DealerGroup.NameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.GroupName")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.AuditRetentionMonths")]
        public int? AuditRetentionMonths { get; set; }

        public uint Version { get; set; }
    }
}
