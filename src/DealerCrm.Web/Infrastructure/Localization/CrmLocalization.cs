using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Infrastructure.Localization;

public static class CrmLocalization
{
    public static IReadOnlyList<CultureInfo> SupportedCultures { get; } =
        [new CultureInfo("en"), new CultureInfo("zh-CN")];

    public static IServiceCollection AddCrmLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = [.. SupportedCultures];
            options.SupportedUICultures = [.. SupportedCultures];
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;

            // The user's choice (cookie) wins; otherwise the browser's language. No query-string provider:
            // URLs stay clean and nobody switches language by a crafted link.
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Model-binding and data-annotation messages come from the same resources as everything else.</summary>
    public static IMvcBuilder AddCrmViewLocalization(this IMvcBuilder mvc)
    {
        mvc.AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        mvc.Services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => l["Validation.ValueInvalid", value, field]);
            messages.SetMissingBindRequiredValueAccessor(field => l["Validation.Required", field]);
            messages.SetMissingKeyOrValueAccessor(() => l["Validation.RequiredValue"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.RequiredValue"]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.ValueInvalidNoField", value]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.ValueInvalidNoFieldNoValue"]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.MustBeNumberNoField"]);
            messages.SetUnknownValueIsInvalidAccessor(field => l["Validation.UnknownValueInvalid", field]);
            messages.SetValueIsInvalidAccessor(value => l["Validation.ValueInvalidNoField", value]);
            messages.SetValueMustBeANumberAccessor(field => l["Validation.MustBeNumber", field]);
            messages.SetValueMustNotBeNullAccessor(value => l["Validation.Required", value]);
        });
        return mvc;
    }
}
