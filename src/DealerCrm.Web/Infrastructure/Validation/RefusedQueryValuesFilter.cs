using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace DealerCrm.Web.Infrastructure.Validation;

/// <summary>
/// A bound value that could not be read or was refused (an unreadable or out-of-range date, a number too large) is
/// dropped before the page's handler runs: a list or report runs without that filter, and the model error stays for
/// the page to show beside the field. Nothing is silently replaced, and nothing refused reaches a query or an entity
/// even on a handler that forgot to check ModelState. The form still shows what was typed (ModelState keeps the
/// attempted value), and handlers that save refuse the whole form as before.
/// </summary>
public sealed class RefusedQueryValuesFilter(IModelMetadataProvider metadata) : IPageFilter
{
    private const int MaxDepth = 3;

    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.ModelState.IsValid)
        {
            return;
        }

        foreach (var property in context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>())
        {
            var key = property.BindingInfo?.BinderModelName ?? property.Name;
            if (Typed(context, key) && Cleared(property.ParameterType) is { } cleared)
            {
                property.Property.SetValue(context.HandlerInstance, cleared.Value);
                ForgetUnshowable(context, key, property.ParameterType);
            }
            else
            {
                ClearInside(context, property.Property.GetValue(context.HandlerInstance), key, 1);
            }
        }

        foreach (var parameter in context.HandlerMethod?.Parameters ?? [])
        {
            var key = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
            if (Typed(context, key) && Cleared(parameter.ParameterType) is { } cleared)
            {
                context.HandlerArguments[parameter.Name] = cleared.Value;
            }
            else if (context.HandlerArguments.TryGetValue(parameter.Name, out var value))
            {
                ClearInside(context, value, key, 1);
            }
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }

    private static bool Refused(PageHandlerExecutingContext context, string key) =>
        context.ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid;

    /// <summary>
    /// A value that was sent and refused. A field that was not sent at all may carry a "required" error too (MVC checks a
    /// non-nullable string it did not bind): that is the page's business, and its default stays.
    /// </summary>
    private static bool Typed(PageHandlerExecutingContext context, string key) =>
        context.ModelState.TryGetValue(key, out var entry) && entry.ValidationState == ModelValidationState.Invalid
        && entry.RawValue is not null;

    /// <summary>The refused values among the properties of a bound form object (Input.Date ...).</summary>
    private void ClearInside(PageHandlerExecutingContext context, object? model, string prefix, int depth)
    {
        if (model is null || depth > MaxDepth || !Refused(context, prefix))
        {
            return;
        }

        var meta = metadata.GetMetadataForType(model.GetType());
        if (!meta.IsComplexType || meta.IsEnumerableType)
        {
            return;
        }

        foreach (var property in meta.Properties)
        {
            var key = $"{prefix}.{property.BinderModelName ?? property.PropertyName}";
            if (property.PropertySetter is null || property.PropertyGetter is null)
            {
                continue;
            }

            if (Typed(context, key) && Cleared(property.ModelType) is { } cleared)
            {
                property.PropertySetter(model, cleared.Value);
                ForgetUnshowable(context, key, property.ModelType);
            }
            else
            {
                ClearInside(context, property.PropertyGetter(model), key, depth + 1);
            }
        }
    }

    /// <summary>
    /// A checkbox cannot show "maybe" again: the form helpers would fail converting it to bool. Its error stays, the
    /// typed value goes (text boxes keep what was typed).
    /// </summary>
    private static void ForgetUnshowable(PageHandlerExecutingContext context, string key, Type type)
    {
        if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(bool)
            && context.ModelState.TryGetValue(key, out var entry))
        {
            entry.RawValue = null;
            entry.AttemptedValue = null;
        }
    }

    /// <summary>What a refused value of this type becomes: no value. Null for a form-like type (looked into instead).</summary>
    private StrongBox<object?>? Cleared(Type type)
    {
        var meta = metadata.GetMetadataForType(type);
        if (!meta.IsComplexType)
        {
            return new StrongBox<object?>(type.IsValueType && Nullable.GetUnderlyingType(type) is null
                ? Activator.CreateInstance(type)
                : null);
        }

        if (meta.IsEnumerableType && meta.ElementType is { } element && !metadata.GetMetadataForType(element).IsComplexType)
        {
            return type.IsArray ? new StrongBox<object?>(Array.CreateInstance(element, 0))
                : type.GetConstructor(Type.EmptyTypes) is not null ? new StrongBox<object?>(Activator.CreateInstance(type))
                : null;
        }

        return null;
    }
}
