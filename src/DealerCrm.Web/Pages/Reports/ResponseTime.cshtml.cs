using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// Response time (spec 6.3 as revised): of the new leads that arrived through the assignment queue in the period
/// (<see cref="ResponseTimeQueries"/>), the share first contacted within 1, 24 and 48 hours of arrival, per source and
/// per consultant, against the goal of 80 % within 48 hours; and those still not contacted 72 and 96 hours after
/// arrival. Enquiries still waiting in the manager's queue count under "not assigned yet".
/// </summary>
[Authorize(Policy = Policies.SalesReports)]
public sealed class ResponseTimeModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : StoreReportModel(db, calendar, authorization, audit, localizer)
{
    public const string BySourceId = "by-source";
    public const string ByConsultantId = "by-consultant";

    public override string TitleKey => "Response.Title";

    public override string Path => "/Reports/ResponseTime";

    public override string? CountingNoteKey => "Response.Intro";

    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];

    public IReadOnlyList<ResponseFigures> BySource { get; private set; } = [];

    public ResponseFigures Total { get; private set; } = new(null, null, 0, 0, 0, 0, 0, 0);

    public async Task<IActionResult> OnGetAsync()
    {
        return await LoadAsync() ?? Page();
    }

    public async Task<IActionResult> OnGetExportAsync(ExportFormat format)
    {
        return await LoadAsync() ?? await ExportAsync(format, Sections, "response-time");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await ResolveAsync() is { } refusal)
        {
            return refusal;
        }

        if (Period is null)
        {
            return null;
        }

        var storeId = ReportStore.Id;
        var rows = await ResponseTimeQueries.ReadAsync(Db, storeId, PeriodStart, PeriodEnd, ProducedAt,
            HttpContext.RequestAborted);
        var names = await Db.Users.Where(u => u.StoreId == storeId).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        BySource = rows.GroupBy(r => r.Source).Select(g => ResponseTimeQueries.Sum(g, g.Key)).OrderBy(r => r.Source).ToList();
        var byConsultant = rows.GroupBy(r => r.OwnerId).Select(g => ResponseTimeQueries.Sum(g, null, g.Key))
            .OrderBy(r => r.OwnerId is null)
            .ThenBy(r => r.OwnerId is { } id ? names.GetValueOrDefault(id) : string.Empty, StringComparer.Ordinal)
            .ToList();
        Total = ResponseTimeQueries.Sum(rows);
        Sections =
        [
            Section(BySourceId, Localizer["Response.BySource"].Value, BySource,
                r => (r.Source.ToString()!, Localizer.Text(r.Source))),
            Section(ByConsultantId, Localizer["Response.ByConsultant"].Value, byConsultant,
                r => (r.OwnerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unassigned",
                    r.OwnerId is { } id ? names.GetValueOrDefault(id) ?? "#" + id : Localizer["Response.Unassigned"].Value)),
        ];
        return null;
    }

    private ReportSection Section(string id, string title, IReadOnlyList<ResponseFigures> rows,
        Func<ResponseFigures, (string Key, string Label)> label)
    {
        var headers = new[]
        {
            title, Localizer["Response.Arrived"].Value, Localizer["Response.Within1"].Value,
            Localizer["Response.Within24"].Value, Localizer["Response.Within48"].Value,
            Localizer["Response.Within48Share"].Value, Localizer["Response.Late72"].Value,
            Localizer["Response.Late96"].Value, Localizer["Response.GoalMet"].Value,
        };
        var list = rows.Select(r =>
        {
            var (key, text) = label(r);
            return Cells(key, text, r, false);
        }).Append(Cells("total", Localizer["Common.Total"].Value, Total, true)).ToList();
        return new ReportSection(id, title, headers, list);
    }

    private ReportRow Cells(string key, string text, ResponseFigures f, bool total) => new(key,
    [
        ReportCell.Label(text), ReportCell.Count(f.Arrived), ReportCell.Share(f.Within1, f.Arrived),
        ReportCell.Share(f.Within24, f.Arrived), ReportCell.Count(f.Within48), ReportCell.Share(f.Within48, f.Arrived),
        ReportCell.Count(f.Late72), ReportCell.Count(f.Late96),
        ReportCell.Label(f.Arrived == 0 ? ReportCell.NoValue
            : Localizer[f.BelowGoal ? "Response.GoalMissed" : "Response.GoalReached"].Value),
    ], total);
}
