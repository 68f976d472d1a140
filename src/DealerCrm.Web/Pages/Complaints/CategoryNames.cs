using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Complaints;

/// <summary>
/// The one way a grievance or complaint category is shown: a default by its resource "ProblemCategory.{code}" (both
/// languages come with it), a store's own by the name it was given in the reader's language; a code the store no
/// longer lists is shown as it is.
/// </summary>
public sealed class CategoryNames
{
    private readonly IStringLocalizer _localizer;
    private readonly Dictionary<string, (string? En, string? Zh)> _custom;

    private CategoryNames(IStringLocalizer localizer, Dictionary<string, (string? En, string? Zh)> custom)
    {
        _localizer = localizer;
        _custom = custom;
    }

    /// <summary>The store's category list, retired ones included (an item keeps the category it was given).</summary>
    public static async Task<CategoryNames> ForStoreAsync(CrmDbContext db, int storeId, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(db);
        var custom = await db.ComplaintCategories.AsNoTracking()
            .Where(c => c.StoreId == storeId && c.NameEn != null)
            .Select(c => new { c.Code, c.NameEn, c.NameZh })
            .ToListAsync();
        return new CategoryNames(localizer, custom.ToDictionary(c => c.Code, c => (c.NameEn, c.NameZh), StringComparer.Ordinal));
    }

    public string Of(string code) => Of(_localizer, code,
        _custom.TryGetValue(code, out var names) ? names.En : null, names.Zh);

    /// <summary>One category's name for the reader: the resource for a default, else the stored name.</summary>
    public static string Of(IStringLocalizer localizer, string code, string? nameEn, string? nameZh)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (ProblemCategories.Defaults.Contains(code, StringComparer.Ordinal))
        {
            return localizer["ProblemCategory." + code].Value;
        }

        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        return (zh ? nameZh ?? nameEn : nameEn ?? nameZh) ?? code;
    }
}
