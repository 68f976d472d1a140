using System.Globalization;
using System.Text;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Import;
using DealerCrm.Web.Pages.Leads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Manager;

/// <summary>
/// CSV import of unassigned leads (spec 3.1): upload, then the result — rows read, added, already present and each
/// refused row with its line and reason. The store's recent imports are listed below the form.
/// </summary>
[Authorize(Policy = Policies.LeadManagement)]
[RequestSizeLimit(LeadImporter.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = LeadImporter.MaxFileBytes + 64 * 1024)]
public sealed class ImportModel(CrmDbContext db, StoreCalendar calendar, LeadImporter importer,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public Store Store { get; private set; } = null!;

    public ImportView? Result { get; private set; }

    public IReadOnlyList<ImportView> Recent { get; private set; } = [];

    public ImportPanel Panel => new(Store, "/Manager/Import", "Incoming.", "Import.Help", Result, Recent,
        "/Manager/Unassigned", "Incoming.Title");

    /// <summary>A file is still being read in the background: the page reloads itself until it is done.</summary>
    public bool Refresh { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        await LoadAsync();
        if (id is { } importId)
        {
            Result = await ImportView.One(db.LeadImports, Store.Id, ImportKind.Leads, importId).SingleOrDefaultAsync();
            if (Result is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    /// <summary>A file to fill in: the column names in the user's language and one example row (yesterday, store time).</summary>
    public async Task<IActionResult> OnGetTemplateAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        var yesterday = Store.LocalDate(calendar.Now).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = string.Join("\r\n",
            string.Join(',', localizer["Import.TemplateHeader"].Value.Split(',')),
            $"{localizer["Import.TemplateExampleName"].Value},13800138000,{localizer["Import.TemplateExampleModel"].Value},"
            + $"{localizer.Text(SourceChannel.DealerWebsite)},{yesterday} 09:30") + "\r\n";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8",
            "leads-template.csv");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Import.ChooseFile"]);
            return Page();
        }

        if (Upload.Length > LeadImporter.MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Import.TooLarge", LeadImporter.MaxFileBytes / 1024 / 1024]);
            return Page();
        }

        using var buffer = new MemoryStream((int)Upload.Length);
        await Upload.CopyToAsync(buffer);
        var import = await importer.ImportAsync(Store, User.GetUserId(), Upload.FileName, buffer.ToArray());
        if (import.Status == LeadImportStatus.Queued)
        {
            TempData["Message"] = localizer["Import.Queued"].Value;
        }

        return RedirectToPage("Import", new { id = import.Id });
    }

    private async Task LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Recent = await ImportView.Recent(db.LeadImports, Store.Id, ImportKind.Leads).ToListAsync();
        Refresh = Recent.Any(i => i.Status == LeadImportStatus.Queued);
    }
}
