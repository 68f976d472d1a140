using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Infrastructure.Validation;

/// <summary>A From–To filter typed the wrong way round is said so beside its "To", never silently swapped.</summary>
public static class DateRange
{
    /// <returns>true when both ends are given and From is after To (the error is then in ModelState).</returns>
    public static bool IsReversed(ModelStateDictionary modelState, IStringLocalizer localizer, DateOnly? from,
        DateOnly? to, string toKey, string fromLabel, string toLabel)
    {
        if (from is { } f && to is { } t && f > t)
        {
            modelState.AddModelError(toKey, localizer["Validation.DateRangeReversed", toLabel, fromLabel]);
            return true;
        }

        return false;
    }
}
