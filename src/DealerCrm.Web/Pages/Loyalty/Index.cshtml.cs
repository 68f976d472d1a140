using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Loyalty;

/// <summary>
/// The CRM officer's and managers' loyalty page (spec 5.3, 5.4; issue 13): the store's owners by loyalty category and
/// membership tier (a table with totals and a chart of the same numbers, each count linking to its list), the tier
/// upgrades and downgrades of a store-local week, and the at-risk owners to call first. Everything is read from the
/// state the recalculation wrote; nothing is computed here.
/// </summary>
public sealed class IndexModel(CrmDbContext db, StoreCalendar calendar, IAuthorizationService authorization)
    : PageModel
{
    /// <summary>Any day of the week to show (the week runs Monday to Sunday, store time); default this week.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loyalty.Week")]
    public DateOnly? Week { get; set; }

    public Store Store { get; private set; } = null!;

    public StoreWeek ShownWeek { get; private set; }

    public DateOnly Today { get; private set; }

    public LoyaltyMatrix Matrix { get; private set; } = new([]);

    public DateTimeOffset? CalculatedAt { get; private set; }

    public IReadOnlyList<ChangeRow> Changes { get; private set; } = [];

    public int ChangeCount { get; private set; }

    public IReadOnlyList<OwnerRow> AtRisk { get; private set; } = [];

    public IReadOnlyDictionary<LoyaltyRisk, int> AtRiskCounts { get; private set; } = new Dictionary<LoyaltyRisk, int>();

    public int AtRiskCount => AtRiskCounts.Values.Sum();

    public OwnerLinks Links { get; private set; } = OwnerLinks.None;

    public bool CanExport { get; private set; }

    public async Task OnGetAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        Today = Store.LocalDate(calendar.Now);
        ShownWeek = StoreWeek.Of(Week ?? Today);
        CanExport = (await authorization.AuthorizeAsync(User, Policies.LoyaltyExport)).Succeeded;
        Links = await OwnerLinks.ForAsync(authorization, User);

        Matrix = await LoyaltyQueries.MatrixAsync(db, Store.Id);
        CalculatedAt = await LoyaltyQueries.LastCalculatedAsync(db);

        var changes = LoyaltyQueries.WeekChanges(db, Store.Id, ShownWeek);
        Changes = await changes.Take(LoyaltyQueries.ShownOnPage).ToListAsync();
        ChangeCount = Changes.Count < LoyaltyQueries.ShownOnPage ? Changes.Count : await changes.CountAsync();

        AtRisk = await LoyaltyQueries.AtRisk(db, Store.Id).Take(LoyaltyQueries.ShownOnPage).ToListAsync();
        AtRiskCounts = await db.CustomerLoyalty.AsNoTracking()
            .Where(l => l.StoreId == Store.Id && l.Risk != LoyaltyRisk.None)
            .GroupBy(l => l.Risk).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    /// <summary>The drill-down list of one matrix cell (null tier: the row total; no category: the column total).</summary>
    public static string OwnersLink(LoyaltyCategory? category, MembershipTier? tier, bool anyCategory = false)
    {
        var query = new List<string>();
        if (!anyCategory)
        {
            query.Add("category=" + OwnerFilter.CategoryValue(category));
        }

        if (tier is { } t)
        {
            query.Add("tier=" + t);
        }

        return "/Loyalty/Owners" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
    }

    public string WeekLink(StoreWeek week) => "/Loyalty?week=" + LoyaltyQueries.Date(week.Monday);
}
