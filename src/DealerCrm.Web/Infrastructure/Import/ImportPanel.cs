using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Infrastructure.Import;

/// <summary>An import as the pages show it: never the uploaded file itself.</summary>
public sealed record ImportView(long Id, ImportKind Kind, string FileName, DateTimeOffset ImportedAt,
    LeadImportStatus Status, int RowsRead, int Added, int Updated, int AlreadyPresent, int Refused, List<string> Problems)
{
    /// <summary>The refused rows in file order (rows refused by the merge come after the row checks).</summary>
    public IEnumerable<ImportProblem> RefusedRows => Problems.Select(ImportProblem.Parse).OrderBy(p => p.Line);

    /// <summary>A store's imports of one kind, newest first, as the pages list them; or one by id within the store.</summary>
    public static IQueryable<ImportView> Of(IQueryable<LeadImport> imports) =>
        imports.AsNoTracking().Select(i => new ImportView(i.Id, i.Kind, i.FileName, i.ImportedAt, i.Status, i.RowsRead,
            i.Added, i.Updated, i.AlreadyPresent, i.Refused, EF.Property<List<string>>(i, "_problems")));

    public static IQueryable<ImportView> Recent(IQueryable<LeadImport> imports, int storeId, ImportKind kind) =>
        Of(imports.Where(i => i.StoreId == storeId && i.Kind == kind).OrderByDescending(i => i.ImportedAt).Take(10));

    public static IQueryable<ImportView> One(IQueryable<LeadImport> imports, int storeId, ImportKind kind, long id) =>
        Of(imports.Where(i => i.Id == id && i.StoreId == storeId && i.Kind == kind));
}

/// <summary>
/// What the shared upload / progress / result partial (<c>Pages/Shared/_ImportPanel.cshtml</c>) shows: the page's
/// own path (its result and template links), the resource-key prefix of its column names, its help and its next step.
/// </summary>
public sealed record ImportPanel(Store Store, string PagePath, string ColumnKeyPrefix, string HelpKey,
    ImportView? Result, IReadOnlyList<ImportView> Recent, string? NextLink = null, string? NextKey = null,
    bool ShowUpdated = false);
