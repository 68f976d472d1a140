using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Infrastructure.Validation;

/// <summary>
/// Rules for every bound value of every page, so that a new page is covered without anyone remembering (spec 7.3
/// "every form field and query parameter is hostile"): no NUL character reaches PostgreSQL (which refuses it in
/// text), no typed date lies outside <see cref="UserDates"/>, no number exceeds what its money column holds. Each
/// refusal is a model error beside the field; on a GET the refused filter is also dropped
/// (<see cref="RefusedQueryValuesFilter"/>), so a list never runs with it.
/// </summary>
public static class HostileInputBinding
{
    /// <summary>numeric(12,2), the money columns (spec README "Money").</summary>
    public const decimal LargestAmount = 9_999_999_999.99m;

    public static MvcOptions AddHostileInputRules(this MvcOptions options)
    {
        options.ModelBinderProviders.Insert(0, new NulFreeBinderProvider(options.ModelBinderProviders));
        options.ModelValidatorProviders.Add(new SaneValueValidatorProvider());
        options.Filters.Add<RefusedQueryValuesFilter>();
        return options;
    }

    private static IStringLocalizer Localizer(IServiceProvider services) =>
        services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource));

    /// <summary>
    /// Every value read from the query, the form or the route — text, numbers, dates, choices — goes through
    /// <see cref="NulFreeBinder"/> around the binder MVC would have used (the next provider that offers one).
    /// </summary>
    private sealed class NulFreeBinderProvider(IList<IModelBinderProvider> providers) : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var source = context.BindingInfo.BindingSource;
            if (context.Metadata.IsComplexType || (source is not null && (source.IsGreedy || source == BindingSource.Header)))
            {
                return null;
            }

            foreach (var provider in providers)
            {
                if (!ReferenceEquals(provider, this) && provider.GetBinder(context) is { } inner)
                {
                    return new NulFreeBinder(inner);
                }
            }

            return null;
        }
    }

    /// <summary>
    /// A value holding NUL is bound without its NULs (so the form shows what was typed, less them) and refused beside its
    /// field, whatever its type: "1\0" in a number field is not read as 1 and saved.
    /// </summary>
    private sealed class NulFreeBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var original = bindingContext.ValueProvider;
            var raw = original.GetValue(bindingContext.ModelName);
            if (!raw.Values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
            {
                await inner.BindModelAsync(bindingContext);
                return;
            }

            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                Localizer(bindingContext.HttpContext.RequestServices)["Validation.ControlCharacters"]);
            bindingContext.ValueProvider = new NulFreeValueProvider(original);
            try
            {
                await inner.BindModelAsync(bindingContext);
            }
            finally
            {
                bindingContext.ValueProvider = original;
            }

            // What was typed, less the NULs, for the form to show again (if the inner binder did not record it).
            if (bindingContext.ModelState[bindingContext.ModelName]?.RawValue is null)
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, Clean(raw));
            }
        }
    }

    private static ValueProviderResult Clean(ValueProviderResult result) => new(
        new Microsoft.Extensions.Primitives.StringValues(result.Values
            .Select(v => v?.Replace("\0", string.Empty, StringComparison.Ordinal)).ToArray()),
        result.Culture);

    /// <summary>The request's values with every NUL removed.</summary>
    private sealed class NulFreeValueProvider(IValueProvider inner) : IValueProvider
    {
        public bool ContainsPrefix(string prefix) => inner.ContainsPrefix(prefix);

        public ValueProviderResult GetValue(string key) => Clean(inner.GetValue(key));
    }

    private sealed class SaneValueValidatorProvider : IModelValidatorProvider
    {
        public void CreateValidators(ModelValidatorProviderContext context)
        {
            var type = context.ModelMetadata.UnderlyingOrModelType;
            if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
                || type == typeof(decimal))
            {
                context.Results.Add(new ValidatorItem { Validator = new SaneValueValidator(), IsReusable = true });
            }
        }
    }

    private sealed class SaneValueValidator : IModelValidator
    {
        public IEnumerable<ModelValidationResult> Validate(ModelValidationContext context)
        {
            var date = context.Model switch
            {
                DateOnly d => d,
                DateTime dt => DateOnly.FromDateTime(dt),
                DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
                _ => (DateOnly?)null,
            };
            var l = Localizer(context.ActionContext.HttpContext.RequestServices);
            var field = context.ModelMetadata.GetDisplayName();
            if (date is { } typed && !UserDates.IsSane(typed))
            {
                return [new ModelValidationResult(string.Empty, l["Validation.DateOutOfRange", field,
                    UserDates.Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    UserDates.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)])];
            }

            // A field with its own range says so in its own words.
            if (context.Model is decimal amount && Math.Abs(amount) > LargestAmount
                && !context.ModelMetadata.ValidatorMetadata.OfType<RangeAttribute>().Any())
            {
                return [new ModelValidationResult(string.Empty, l["Validation.NumberTooLarge", field])];
            }

            return [];
        }
    }
}
