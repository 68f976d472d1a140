using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DealerCrm.Web.Pages;

/// <summary>The generic error page: a request id to quote to support, never a stack trace (ASVS 7.4.1).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = string.Empty;

    public string TitleKey { get; private set; } = "Error.Title";

    public string MessageKey { get; private set; } = "Error.Message";

    public void OnGet(int? code) => Describe(code);

    // A failed POST is re-executed as a POST; answer it the same way.
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (TitleKey, MessageKey) = code switch
        {
            404 => ("Error.NotFoundTitle", "Error.NotFound"),
            400 => ("Error.BadRequestTitle", "Error.BadRequest"),
            403 => ("Error.ForbiddenTitle", "Error.Forbidden"),
            _ => ("Error.Title", "Error.Message"),
        };
        if (code is >= 400 and < 600)
        {
            Response.StatusCode = code.Value;
        }
    }
}
