using DealerCrm.Domain.Customers;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Customers;

/// <summary>
/// Customer search (spec 3.4): any part of the name, or any part of the mobile number (3 digits or more), within
/// what the user may see. Keyset paging by id, newest first; no COUNT over the table. The trigram indexes on name
/// and mobile keep "contains" searches fast at a million customers. Searches are POSTed: a mobile number typed
/// into the box must not end up in a URL, a browser history or a proxy log (spec 7.2, ASVS 8.3.1).
/// </summary>
public sealed class IndexModel(CrmDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public long? NextBefore { get; private set; }

    public bool TooShort { get; private set; }

    public Task OnGetAsync()
    {
        Q = null;
        return SearchAsync();
    }

    public Task OnPostAsync() => SearchAsync();

    private async Task SearchAsync()
    {
        var query = db.Customers.VisibleTo(User, db).AsNoTracking();
        var q = Q?.Trim() ?? string.Empty;
        if (q.Length > 100)
        {
            q = q[..100];
        }

        var digits = new string(q.Where(char.IsAsciiDigit).ToArray());
        if (q.Length > 0)
        {
            if (digits.Length == q.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Length)
            {
                // A number: any part of the mobile, 3 digits at least so the trigram index can help.
                TooShort = digits.Length < 3;
                var pattern = $"%{digits}%";
                query = TooShort ? query.Where(_ => false) : query.Where(c => EF.Functions.Like(c.Mobile!, pattern));
            }
            else
            {
                var pattern = $"%{Escape(q)}%";
                query = query.Where(c => EF.Functions.ILike(c.Name, pattern, "\\"));
            }
        }

        if (Before is { } before)
        {
            query = query.Where(c => c.Id < before);
        }

        var page = await query.OrderByDescending(c => c.Id).Take(PageSize + 1)
            .Select(c => new Row(c.Id, c.Name, c.Gender, c.Mobile, c.Region, c.IsVip, c.IsKeyAccount, c.IsBlacklisted))
            .ToListAsync();
        Rows = page.Take(PageSize).ToList();
        NextBefore = page.Count > PageSize ? Rows[^1].Id : null;
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    public sealed record Row(long Id, string Name, Gender Gender, string? Mobile, string? Region, bool IsVip,
        bool IsKeyAccount, bool IsBlacklisted);
}
