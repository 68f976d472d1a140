using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Infrastructure.Localization;

/// <summary>Enum values shown to people come from the resources as <c>Enum.TypeName.Value</c>.</summary>
public static class EnumText
{
    public static string Key<T>(T value) where T : struct, Enum => $"Enum.{typeof(T).Name}.{value}";

    public static string Text<T>(this IStringLocalizer localizer, T value) where T : struct, Enum =>
        localizer[Key(value)].Value;

    public static string Text<T>(this IStringLocalizer localizer, T? value) where T : struct, Enum =>
        value is { } v ? localizer[Key(v)].Value : string.Empty;
}
