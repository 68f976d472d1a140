using System.Globalization;
using System.Text;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Service;

/// <summary>
/// The DMS import of repair orders (spec 4.2): upload, progress while a large file is read in the background, the
/// result — rows read, added, completed by a re-sent row, already present, and each refused row with its line,
/// column and reason — the column set with a template, and the store's recent imports. Service desk only (the folder's
/// policy); another store's import is not found.
/// </summary>
[Authorize(Policy = Policies.ServiceImport)]
[RequestSizeLimit(CsvImportPipeline.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = CsvImportPipeline.MaxFileBytes + 64 * 1024)]
public sealed class ImportModel(CrmDbContext db, StoreCalendar calendar, ServiceVisitImporter importer,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Which columns a row must fill: always, or when it brings a car or an owner the CRM does not know.</summary>
    public static readonly IReadOnlyDictionary<string, string> Requirement = new Dictionary<string, string>
    {
        [ServiceVisitImporter.OrderNumber] = "Import.Service.Required",
        [ServiceVisitImporter.VinColumn] = "Import.Service.Required",
        [ServiceVisitImporter.OpenedAt] = "Import.Service.Required",
        [ServiceVisitImporter.Mileage] = "Import.Service.Required",
        [ServiceVisitImporter.Types] = "Import.Service.Required",
        [ServiceVisitImporter.Model] = "Import.Service.RequiredNewVehicle",
        [ServiceVisitImporter.OwnerName] = "Import.Service.RequiredNewOwner",
        [ServiceVisitImporter.OwnerMobile] = "Import.Service.RequiredNewOwner",
    };

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public Store Store { get; private set; } = null!;

    public ImportView? Result { get; private set; }

    public IReadOnlyList<ImportView> Recent { get; private set; } = [];

    /// <summary>A file is still being read in the background: the page reloads itself until it is done.</summary>
    public bool Refresh { get; private set; }

    public bool Chinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public ImportPanel Panel => new(Store, "/Service/Import", "Import.Service.Column.", "Import.Service.Help", Result,
        Recent, ShowUpdated: true);

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        await LoadAsync();
        if (id is { } importId)
        {
            Result = await ImportView.One(db.LeadImports, Store.Id, ImportKind.ServiceVisits, importId).SingleOrDefaultAsync();
            if (Result is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    /// <summary>A file to fill in: the headers in the user's language and one example order (yesterday, store time).</summary>
    public async Task<IActionResult> OnGetTemplateAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        var yesterday = Store.LocalDate(calendar.Now).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var header = string.Join(',', ServiceVisitImporter.TemplateColumns.Select(c => Chinese ? c.Chinese : c.English));
        string[] example =
        [
            "RO" + yesterday.Replace("-", string.Empty, StringComparison.Ordinal) + "001", Vin.WithCheckDigit("LSVAU2180N2183294"),
            "沪A12345", localizer["Import.Service.TemplateBrand"].Value, localizer["Import.Service.TemplateModel"].Value,
            localizer["Import.TemplateExampleName"].Value, "13800138000", $"{yesterday} 09:30", $"{yesterday} 16:30", "12000",
            $"{localizer["Enum.ServiceTypes.FirstMaintenance"].Value};{localizer["Enum.ServiceTypes.MinorRepair"].Value}",
            "680.00", localizer["Enum.ServicePayer.Customer"].Value, string.Empty, string.Empty, string.Empty, Chinese ? "是" : "yes", string.Empty,
            localizer["Import.Service.TemplateCallbackTime"].Value, string.Empty, string.Empty, string.Empty,
        ];
        var text = header + "\r\n" + string.Join(',', example.Select(Quote)) + "\r\n";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8",
            "repair-orders-template.csv");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Import.ChooseFile"]);
            return Page();
        }

        if (Upload.Length > CsvImportPipeline.MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Import.TooLarge", CsvImportPipeline.MaxFileBytes / 1024 / 1024]);
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

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private async Task LoadAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Recent = await ImportView.Recent(db.LeadImports, Store.Id, ImportKind.ServiceVisits).ToListAsync();
        Refresh = Recent.Any(i => i.Status == LeadImportStatus.Queued);
    }
}
