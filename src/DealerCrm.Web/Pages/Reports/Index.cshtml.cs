using System.Globalization;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The GM's home (issue 15): today's and the month's key figures for the store — traffic, cards, orders, deliveries,
/// deliveries per new card, the response-time share within 48 hours, plans overdue now, and month-to-date against the
/// store's targets — each linking to its report; open complaints and late complaint steps for those who read the
/// after-sales reports. Every figure comes from the report that owns it (<see cref="DailyReportQueries"/>,
/// <see cref="ResponseTimeQueries"/>, the complaint rules), so the home and the reports cannot disagree. Sales managers
/// see their store's; Admins choose the store; the service manager and CRM officer see the report links their policies allow.
/// </summary>
public sealed class IndexModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : StoreReportModel(db, calendar, authorization, audit, localizer)
{
    public RoleHome Home { get; } = new("Home.Reports.Title", "Home.Reports.Intro",
        ["Home.Reports.Task1", "Home.Reports.Task2", "Home.Reports.Task3"]);

    public override string TitleKey => "Home.Reports.Title";

    public override string Path => "/Reports";

    /// <summary>The reports this user may open (each page's own policy decides).</summary>
    public IReadOnlyList<(string Path, string LabelKey)> Links { get; private set; } = [];

    /// <summary>The sales figures (null: this user does not read the sales reports).</summary>
    public KeyFigures? Sales { get; private set; }

    /// <summary>Open complaints and late steps (null: this user does not read the after-sales reports).</summary>
    public (int OpenItems, int LateSteps)? Complaints { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var sales = (await Authorization.AuthorizeAsync(User, Policies.SalesReports)).Succeeded;
        var afterSales = (await Authorization.AuthorizeAsync(User, Policies.CallbackReports)).Succeeded;
        Links = await LinksAsync(sales);
        if (!sales && !afterSales)
        {
            return Page();
        }

        if (await ResolveAsync() is { } refusal)
        {
            return refusal;
        }

        var now = ProducedAt;
        var storeId = ReportStore.Id;
        if (sales && Period is not null)
        {
            var people = (await StaffQueries.ConsultantChoicesAsync(Db, storeId))
                .Select(c => (long.Parse(c.Value, CultureInfo.InvariantCulture), c.Text)).ToList();
            var today = new ReportPeriod(Today, Today, false);
            var month = ReportPeriod.Month(Today.Year, Today.Month);
            var todays = await DailyReportQueries.ReadAsync(Db, ReportStore, today, people, null, now, HttpContext.RequestAborted);
            var months = await DailyReportQueries.ReadAsync(Db, ReportStore, month, people, null, now, HttpContext.RequestAborted);
            var response = ResponseTimeQueries.Sum(await ResponseTimeQueries.ReadAsync(Db, storeId,
                ReportStore.StartOfLocalDay(month.From), ReportStore.StartOfLocalDay(month.EndExclusive), now,
                HttpContext.RequestAborted));
            Sales = new KeyFigures(todays.Total, months.Total, months.Target, response.Within48, response.Arrived,
                month.From.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        if (afterSales)
        {
            var open = await Db.Complaints.CountAsync(c => c.StoreId == storeId && c.Status == ComplaintStatus.Open);
            var late = await Db.ComplaintSteps.Where(ComplaintStep.PendingWithLimit)
                .Where(s => s.Deadline < now)
                .Join(Db.Complaints.Where(c => c.StoreId == storeId), s => s.ComplaintId, c => c.Id, (s, c) => s.Id)
                .CountAsync();
            Complaints = (open, late);
        }

        return Page();
    }

    private async Task<IReadOnlyList<(string, string)>> LinksAsync(bool sales)
    {
        var links = new List<(string, string)>();
        if (sales)
        {
            links.Add(("/Reports/Daily", "Daily.Title"));
            links.Add(("/Reports/Conversion", "Conversion.Title"));
            links.Add(("/Reports/ResponseTime", "Response.Title"));
            links.Add(("/Reports/Defeats", "Defeats.Title"));
            links.Add(("/Reports/Campaigns", "Campaigns.Report.Title"));
        }

        if ((await Authorization.AuthorizeAsync(User, Policies.DataQualityReport)).Succeeded)
        {
            links.Add(("/Reports/DataQuality", "Reports.DataQuality"));
        }

        if ((await Authorization.AuthorizeAsync(User, Policies.CallbackReports)).Succeeded)
        {
            links.Add(("/Reports/Callbacks", "CallbackReport.Title"));
        }

        if ((await Authorization.AuthorizeAsync(User, Policies.Targets)).Succeeded)
        {
            links.Add(("/Reports/Targets", "Reports.Targets"));
        }

        return links;
    }

    /// <summary>The home's sales figures: today's and the month's totals of the daily report, the month's target, the
    /// month's queue arrivals and those first contacted within 48 hours.</summary>
    public sealed record KeyFigures(DailyConsultantFigures Today, DailyConsultantFigures Month,
        Domain.Stores.StoreTarget? Target, int Within48, int Arrived, string MonthText)
    {
        public static int Traffic(DailyConsultantFigures f) => f[DailyMetric.WalkIns] + f[DailyMetric.Calls];
    }
}
