using DealerCrm.Domain.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Infrastructure.Localization;

public static class LocalizerExtensions
{
    /// <summary>Puts a domain refusal beside the field it concerns (prefix "Input" for the page's InputModel).</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, IStringLocalizer localizer,
        DomainException exception, string prefix = "Input") =>
        modelState.AddDomainError(localizer, exception, field => field is null ? string.Empty
            : prefix.Length == 0 ? field : $"{prefix}.{field}");

    /// <summary>
    /// As above, where the form's field names differ from the domain's: <paramref name="fieldFor"/> names the form field
    /// that stands for the refused domain field (null when the refusal concerns no single field).
    /// </summary>
    public static void AddDomainError(this ModelStateDictionary modelState, IStringLocalizer localizer,
        DomainException exception, Func<string?, string> fieldFor) =>
        modelState.AddModelError(fieldFor(exception.Field), localizer[exception.MessageKey, [.. exception.Arguments]]);

    /// <summary>
    /// Runs one domain step; a refusal goes beside its field and false is returned. Combine steps with the
    /// non-short-circuit '&amp;' so that every field's problem is shown at once, not one per submit.
    /// </summary>
    public static bool TryDomain(this ModelStateDictionary modelState, IStringLocalizer localizer, Action step,
        string prefix = "Input") => modelState.TryDomain(localizer, step, _ => prefix);

    /// <summary>As above, for forms whose fields sit under several prefixes: the prefix is chosen per field.</summary>
    public static bool TryDomain(this ModelStateDictionary modelState, IStringLocalizer localizer, Action step,
        Func<string?, string> prefixFor)
    {
        try
        {
            step();
            return true;
        }
        catch (DomainException ex)
        {
            modelState.AddDomainError(localizer, ex, prefixFor(ex.Field));
            return false;
        }
    }

    /// <summary>Identity's errors carry our resource keys (see CrmIdentityErrorDescriber) in Description.</summary>
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IStringLocalizer localizer,
        IdentityResult result, string key)
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(key, localizer[error.Description]);
        }
    }
}
