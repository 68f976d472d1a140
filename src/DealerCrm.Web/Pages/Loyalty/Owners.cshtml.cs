using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Loyalty;

/// <summary>
/// The drill-down list behind each count of /Loyalty: the store's owners of a category, a tier and/or a risk, paged by
/// keyset on the customer id (no OFFSET, no COUNT over the list). Managers export the same list.
/// </summary>
public sealed class OwnersModel(CrmDbContext db, StoreCalendar calendar, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    /// <summary>L1 … L5, New, NeverReturned, or <c>none</c> (no counting car); empty: every category.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loyalty.Category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loyalty.Tier")]
    public MembershipTier? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loyalty.Risk")]
    public LoyaltyRisk? Risk { get; set; }

    /// <summary>Keyset: the last customer id of the previous page.</summary>
    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public OwnerFilter Filter { get; private set; } = OwnerFilter.None;

    public IReadOnlyList<OwnerRow> Rows { get; private set; } = [];

    public long? NextAfter { get; private set; }

    public OwnerLinks Links { get; private set; } = OwnerLinks.None;

    public bool CanExport { get; private set; }

    public async Task OnGetAsync()
    {
        var store = await calendar.StoreOfAsync(User);
        CanExport = (await authorization.AuthorizeAsync(User, Policies.LoyaltyExport)).Succeeded;
        Links = await OwnerLinks.ForAsync(authorization, User);
        Filter = OwnerFilters.Read(ModelState, localizer, Category, Tier, Risk);

        var page = await LoyaltyQueries.Owners(db, store.Id, Filter, After).Take(PageSize + 1).ToListAsync();
        Rows = page.Take(PageSize).ToList();
        NextAfter = page.Count > PageSize ? Rows[^1].CustomerId : null;
    }

    public string NextLink() =>
        "/Loyalty/Owners?" + string.Join('&', Filter.Query()
            .Append(new("after", NextAfter!.Value.ToString(CultureInfo.InvariantCulture)))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    public string ExportLink(string format) =>
        "/Loyalty/Export?" + string.Join('&', Filter.Query().Prepend(new("format", format)).Prepend(new("list", "Owners"))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
}

/// <summary>Reads the drill-down filter from the bound values; a value naming nothing is refused beside its field.</summary>
public static class OwnerFilters
{
    public static OwnerFilter Read(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState,
        IStringLocalizer localizer, string? category, MembershipTier? tier, LoyaltyRisk? risk)
    {
        var (parsed, none, refused) = OwnerFilter.ParseCategory(category);
        if (refused)
        {
            modelState.AddModelError("Category", localizer["Loyalty.UnknownValue", localizer["Loyalty.Category"]]);
        }

        if (tier is { } t && !Enum.IsDefined(t))
        {
            modelState.AddModelError("Tier", localizer["Loyalty.UnknownValue", localizer["Loyalty.Tier"]]);
            tier = null;
        }

        if (risk is { } r && !Enum.IsDefined(r))
        {
            modelState.AddModelError("Risk", localizer["Loyalty.UnknownValue", localizer["Loyalty.Risk"]]);
            risk = null;
        }

        return new OwnerFilter(parsed, none, tier, risk);
    }
}
