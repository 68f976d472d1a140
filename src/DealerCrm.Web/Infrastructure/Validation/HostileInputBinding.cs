using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
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
        var simple = options.ModelBinderProviders.Select((p, i) => (p, i))
            .First(x => x.p is SimpleTypeModelBinderProvider).i;
        options.ModelBinderProviders.Insert(simple, new NulFreeStringBinderProvider());
        options.ModelValidatorProviders.Add(new SaneValueValidatorProvider());
        options.Filters.Add<RefusedQueryValuesFilter>();
        return options;
    }

    private static IStringLocalizer Localizer(IServiceProvider services) =>
        services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource));

    private sealed class NulFreeStringBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(string)
                ? new NulFreeStringBinder(new SimpleTypeModelBinder(typeof(string),
                    context.Services.GetRequiredService<ILoggerFactory>()))
                : null;
    }

    /// <summary>Binds a string as usual; one holding NUL is refused beside its field and kept without the NULs.</summary>
    private sealed class NulFreeStringBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string text } && text.Contains('\0', StringComparison.Ordinal))
            {
                var cleaned = text.Replace("\0", string.Empty, StringComparison.Ordinal);
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, cleaned, cleaned);
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    Localizer(bindingContext.HttpContext.RequestServices)["Validation.ControlCharacters"]);
                bindingContext.Result = ModelBindingResult.Success(cleaned);
            }
        }
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
