using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// Spec 1.4: the grade the ticked signs suggest, asked by <c>js/grade-checklist.js</c> as the consultant ticks them, so
/// the card shows it before Save. The rule stays the server's (<see cref="LeadRules.SuggestGrade"/>, the same call that
/// decides on Save whether choosing another grade needs a reason); the script only shows the answer. A POST with the
/// form's anti-forgery token; anyone who may open lead cards may ask (it reads no record).
/// </summary>
public sealed class GradeSuggestionModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>More than there are signs: a longer list is not a checklist.</summary>
    private const int MaxSigns = 32;

    /// <summary>Signs by their exact names; numbers, flag combinations and unknown names are not signs.</summary>
    private static readonly Dictionary<string, GradeSign> Signs =
        Enum.GetValues<GradeSign>().ToDictionary(s => s.ToString(), StringComparer.Ordinal);

    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost([FromForm] List<string>? signs)
    {
        var ticked = new List<GradeSign>();
        foreach (var value in (signs ?? []).Take(MaxSigns))
        {
            if (value is not null && Signs.TryGetValue(value, out var sign))
            {
                ticked.Add(sign);
            }
        }

        var grade = LeadRules.SuggestGrade(ticked);
        return new JsonResult(new
        {
            grade = grade?.ToString(),
            text = grade is { } g ? localizer["Lead.Suggested", localizer.Text(g)].Value : string.Empty,
        });
    }
}
