using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace DealerCrm.Web.Tests.Infrastructure;

/// <summary>
/// A browser-like client: keeps cookies, reads pages with AngleSharp and posts forms the way a browser does,
/// with every field of the form (the anti-forgery token included) and the values the test types over them.
/// </summary>
public sealed class TestClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"GET {url} should show the page");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Opens the page, fills the form (the first one matching the selector) and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, IDictionary<string, string> values,
        string formSelector = "main form[method=post]", string? submitName = null, string? submitValue = null)
    {
        var page = await GetDocumentAsync(url);
        return await SubmitFormAsync(page, url, values, formSelector, submitName, submitValue);
    }

    /// <summary>Submits a form by clicking one of its buttons, honouring the button's formaction (page handlers).</summary>
    public async Task<HttpResponseMessage> ClickAsync(string url, IDictionary<string, string> values, string formSelector,
        string buttonSelector)
    {
        var page = await GetDocumentAsync(url);
        var button = page.QuerySelector($"{formSelector} {buttonSelector}")
            ?? throw new InvalidOperationException($"no button '{buttonSelector}' in '{formSelector}' on {url}");
        return await SubmitFormAsync(page, button.GetAttribute("formaction") ?? url, values, formSelector);
    }

    public async Task<HttpResponseMessage> SubmitFormAsync(IHtmlDocument page, string pageUrl,
        IDictionary<string, string> values, string formSelector = "main form[method=post]",
        string? submitName = null, string? submitValue = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"no form '{formSelector}' on {pageUrl}");
        var fields = FormFields(form);
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            foreach (var part in value.Split('\u001f'))
            {
                fields.Add(new KeyValuePair<string, string>(name, part));
            }
        }

        if (submitName is not null)
        {
            fields.Add(new KeyValuePair<string, string>(submitName, submitValue ?? string.Empty));
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) || pageUrl.Contains("handler=", StringComparison.Ordinal) ? pageUrl : action;
        return await Http.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>Several values for one field name (checkbox lists): join them with this separator.</summary>
    public static string Many(params string[] values) => string.Join('\u001f', values);

    public Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            fields.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (input.Type is not ("submit" or "button" or "image"))
                    {
                        fields.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var selected = select.SelectedOptions.Length > 0 ? select.SelectedOptions[0]
                        : select.Options.Length > 0 ? select.Options[0] : null;
                    if (selected is not null)
                    {
                        fields.Add(new(select.Name, selected.Value));
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }

        return fields;
    }

    public void Dispose() => Http.Dispose();
}

public static class ResponseAssertions
{
    public static string? RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString)
            : null;

    /// <summary>Refused as the spec wants: 403, 404, or the redirect to the access-denied page.</summary>
    public static bool IsRefused(this HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.Redirect
            && response.RedirectPath()!.StartsWith("/Account/AccessDenied", StringComparison.Ordinal));

    /// <summary>The text shown beside a field (its validation message span).</summary>
    public static string FieldError(this IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? string.Empty;

    public static string InputValue(this IHtmlDocument page, string field) =>
        page.QuerySelector<IHtmlInputElement>($"[name='{field}']")?.Value ?? string.Empty;
}
