using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Export;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Infrastructure.Validation;
using DealerCrm.Web.Pages.Admin.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The monthly callback report (spec 4.6, rates of 4.7): for a store, a month (or any range of days: the weekly
/// report) and a callback type or all, every figure computed in SQL over the records (<see cref="CallbackReportQueries"/>),
/// shown as tables with charts, printable on A4 and downloadable as .xlsx and CSV. The service manager writes the
/// month's quality analysis and submits an ended month to the GM: its figures are frozen as submitted and shown beside
/// the live ones. Admins choose any store or the whole group (<see cref="WholeGroup"/>: every store's figures summed,
/// each store's days in its own zone; nothing to submit); everyone else reads their own (one store per user).
/// </summary>
[Authorize(Policy = Policies.CallbackReports)]
public sealed class CallbacksModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    Notifier notifier,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The store chooser's value for the whole group (Admins).</summary>
    public const int WholeGroup = 0;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Field.Store")]
    public int? Store { get; set; }

    /// <summary>The month, "yyyy-MM" (as an input of type month sends it).</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "CallbackReport.Month")]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Common.From")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Common.To")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "CallbackReport.Type")]
    public CallbackType? Type { get; set; }

    [BindProperty]
    public SubmitInput Input { get; set; } = new();

    /// <summary>The store reported on; for the whole group, the reader's own store (its clock and zone for "today").</summary>
    public Store ReportStore { get; private set; } = null!;

    /// <summary>The whole group's report (an Admin chose <see cref="WholeGroup"/>).</summary>
    public bool IsGroup { get; private set; }

    /// <summary>Null when the filter was refused (reversed or too long a range): no figures are shown.</summary>
    public ReportPeriod? Period { get; private set; }

    public bool CanChooseStore { get; private set; }

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public CallbackReportFigures? Live { get; private set; }

    public CallbackReportSubmission? Submission { get; private set; }

    public CallbackReportFigures? Frozen { get; private set; }

    public string? SubmittedByName { get; private set; }

    /// <summary>The tables shown first: as submitted for a submitted month, else live.</summary>
    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];

    /// <summary>The live tables beside a submitted month's frozen ones (empty otherwise).</summary>
    public IReadOnlyList<ReportSection> LiveSections { get; private set; } = [];

    /// <summary>The month-to-date rates against the store's targets of the month (a month of one store, all types), or null.</summary>
    public ReportSection? TargetSection { get; private set; }

    /// <summary>The service manager reads their own store's month, not submitted yet: the analysis form is shown.</summary>
    public bool ShowSubmitForm { get; private set; }

    /// <summary>The period has not ended yet: tasks due later in it count as due and not attempted so far.</summary>
    public bool PeriodRunning { get; private set; }

    public DateTimeOffset ProducedAt { get; private set; }

    public string CultureName => CultureInfo.CurrentUICulture.Name;

    public CallbackReportFigures? Primary => Frozen ?? Live;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(ExportFormat format)
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        if (Period is null || !Enum.IsDefined(format))
        {
            return Page();
        }

        var heading = Heading();
        var sections = Sections.Concat(LiveSections.Select(s => s with
        {
            Title = localizer["CallbackReport.LiveTitle", s.Title].Value,
        })).ToList();
        if (TargetSection is not null)
        {
            sections.Add(TargetSection);
        }

        var bytes = format == ExportFormat.Csv
            ? ReportSections.ToCsv(heading, sections)
            : await ReportSections.ToXlsxAsync(heading, sections, HttpContext.RequestAborted);
        await audit.RecordNowAsync(AuditActions.CallbackReportExported, target: IsGroup ? "group" : $"store:{ReportStore.Id}",
            details: string.Create(CultureInfo.InvariantCulture,
                $"format={TableExport.Extension(format)}; period={Period}; type={FrozenCallbackReport.KeyOf(Type)}"),
            storeId: ReportStore.Id);
        Response.Headers.CacheControl = "no-store";
        var name = string.Create(CultureInfo.InvariantCulture,
            $"callback-report-{(IsGroup ? "group" : ReportStore.Code)}-{Period.From:yyyyMMdd}-{Period.To:yyyyMMdd}.{TableExport.Extension(format)}");
        return File(bytes, TableExport.ContentType(format), name);
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        // The service manager submits their own store's month; a chooser of stores (an Admin) submits nothing.
        if (IsGroup || !(await authorization.AuthorizeAsync(User, Policies.CallbackReportSubmit)).Succeeded
            || ReportStore.Id != User.GetStoreId())
        {
            return Forbid();
        }

        // Whatever is refused below is said beside the analysis, so its form is shown.
        ShowSubmitForm = Submission is null;
        if (!ModelState.IsValid || Period is null)
        {
            return Page();
        }

        if (SubmitRefusal() is { } reason)
        {
            ModelState.AddModelError("Input.Analysis", localizer[reason]);
            ShowSubmitForm = true;
            return Page();
        }

        var now = calendar.Now;
        var json = await CallbackReportQueries.FreezeAsync(db, ReportStore, Period.From.Year, Period.From.Month, now);
        CallbackReportSubmission? submission = null;
        if (!ModelState.TryDomain(localizer, () => submission = new CallbackReportSubmission(ReportStore.Id,
                Period.From.Year, Period.From.Month, Input.Analysis ?? string.Empty, json, User.GetUserId(), now),
                "Input") || submission is null)
        {
            return Page();
        }

        db.CallbackReportSubmissions.Add(submission);
        var month = Period.ToString();
        await notifier.AddForRoleAsync(ReportStore.Id, Roles.GeneralManager, NotificationKind.CallbackReportSubmitted,
            "CallbackReport.Notify.Submitted", [month, User.GetDisplayName()], LinkOf(ReportStore.Id, Period),
            $"callback-report:{ReportStore.Id}:{month}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Submitted by someone else since this form was shown: once per store and month.
            ModelState.AddModelError("Input.Analysis", localizer["CallbackReport.AlreadySubmitted"]);
            db.ChangeTracker.Clear();
            await LoadAsync();
            ShowSubmitForm = true;
            return Page();
        }

        TempData["Message"] = localizer["CallbackReport.Submitted", month].Value;
        return Redirect(LinkOf(ReportStore.Id, Period));
    }

    /// <summary>The report's address for a store and month (the GM's notification links here).</summary>
    public static string LinkOf(int storeId, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return string.Create(CultureInfo.InvariantCulture, $"/Reports/Callbacks?Store={storeId}&Month={period.From:yyyy-MM}");
    }

    /// <summary>The address of this report with another filter value (the export links and the chooser keep the rest).</summary>
    public string ExportLink(ExportFormat format)
    {
        var query = new List<string> { $"handler=Export", $"format={format}", $"Store={(IsGroup ? WholeGroup : ReportStore.Id)}" };
        if (Period is { IsMonth: true } month)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"Month={month.From:yyyy-MM}"));
        }
        else if (Period is { } range)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"From={range.From:yyyy-MM-dd}&To={range.To:yyyy-MM-dd}"));
        }

        if (Type is { } type)
        {
            query.Add($"Type={type}");
        }

        return "/Reports/Callbacks?" + string.Join('&', query);
    }

    /// <summary>Store, period, type and the time produced: the print header and the exports' first lines.</summary>
    public IReadOnlyList<string> Heading()
    {
        var produced = ReportStore.LocalTime(ProducedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return
        [
            localizer["CallbackReport.Title"].Value,
            IsGroup
                ? $"{localizer["Field.Store"].Value}: {localizer["CallbackReport.WholeGroup"].Value}"
                : $"{localizer["Field.Store"].Value}: {ReportStore.Code} · {ReportStore.Name}",
            $"{localizer[Period?.IsMonth == true ? "CallbackReport.Month" : "CallbackReport.Range"].Value}: {Period}",
            $"{localizer["CallbackReport.Type"].Value}: {TypeText}",
            $"{localizer["CallbackReport.Produced"].Value}: {produced}",
        ];
    }

    public string TypeText => Type is { } t ? localizer.Text(t) : localizer["CallbackReport.AllTypes"].Value;

    /// <summary>Why the month cannot be submitted (a resource key), or null when it can.</summary>
    private string? SubmitRefusal() =>
        Period is not { IsMonth: true } ? "CallbackReport.SubmitWholeMonth"
        : PeriodRunning ? "CallbackReport.MonthNotOver"
        : Submission is not null ? "CallbackReport.AlreadySubmitted"
        : null;

    /// <summary>Resolves store and period, reads the figures (and a submitted month's frozen ones); a store the user may
    /// not read is refused as not found.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        CanChooseStore = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        var own = await calendar.StoreOfAsync(User);
        IReadOnlyList<Store> stores = [own];
        if (Store == WholeGroup)
        {
            if (!CanChooseStore)
            {
                return NotFound();
            }

            IsGroup = true;
            ReportStore = own;
            stores = await db.Stores.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        }
        else if (Store is { } wanted && wanted != own.Id)
        {
            if (!CanChooseStore)
            {
                return NotFound();
            }

            var chosen = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == wanted);
            if (chosen is null)
            {
                return NotFound();
            }

            ReportStore = chosen;
            stores = [chosen];
        }
        else
        {
            ReportStore = own;
        }

        Store = IsGroup ? WholeGroup : ReportStore.Id;
        if (CanChooseStore)
        {
            StoreChoices =
            [
                new SelectListItem(localizer["CallbackReport.WholeGroup"].Value,
                    WholeGroup.ToString(CultureInfo.InvariantCulture)),
                .. await UserQueries.StoreChoicesAsync(db),
            ];
        }

        var now = calendar.Now;
        ProducedAt = now;
        var today = ReportStore.LocalDate(now);
        if (Type is { } type && !CallbackReportQueries.ReportTypes.Contains(type))
        {
            ModelState.AddModelError(nameof(Type), localizer["CallbackReport.TypeInvalid"]);
            Type = null;
        }

        Period = ResolvePeriod(today);
        if (Period is null)
        {
            return null;
        }

        PeriodRunning = Period.To >= today;
        Live = (await CallbackReportQueries.ReadAsync(db, stores, Period, now)).For(Type);
        if (Period.IsMonth && !IsGroup)
        {
            var year = Period.From.Year;
            var month = Period.From.Month;
            Submission = await db.CallbackReportSubmissions.AsNoTracking()
                .SingleOrDefaultAsync(s => s.StoreId == ReportStore.Id && s.Year == year && s.Month == month);
            if (Submission is not null)
            {
                var submitter = Submission.SubmittedById;
                SubmittedByName = await db.Users.Where(u => u.Id == submitter).Select(u => u.DisplayName).SingleOrDefaultAsync();
                Frozen = CallbackReportQueries.Thaw(Submission.Figures).Figures.GetValueOrDefault(FrozenCallbackReport.KeyOf(Type));
            }
        }

        Sections = CallbackReportTables.Build(Primary!, localizer, CultureName);
        LiveSections = Frozen is null ? [] : CallbackReportTables.Build(Live, localizer, CultureName);
        if (Period.IsMonth && !IsGroup && Type is null)
        {
            var storeId = ReportStore.Id;
            var monthStart = Period.From;
            var target = await db.StoreTargets.AsNoTracking()
                .SingleOrDefaultAsync(t => t.StoreId == storeId && t.Month == monthStart);
            TargetSection = TargetTables.Callbacks(Live, target, localizer);
        }

        ShowSubmitForm = Period.IsMonth && !IsGroup && Submission is null && ReportStore.Id == User.GetStoreId()
            && (await authorization.AuthorizeAsync(User, Policies.CallbackReportSubmit)).Succeeded;
        return null;
    }

    /// <summary>
    /// A range when a From or To is given (the missing end makes it a week), else the month (default: last month, by
    /// the store's calendar). A reversed or over-long range is refused beside the field; an unreadable month is said
    /// so and the default month stands in.
    /// </summary>
    private ReportPeriod? ResolvePeriod(DateOnly today)
    {
        if (From is not null || To is not null)
        {
            var from = From ?? To!.Value.AddDays(-6);
            var to = To ?? from.AddDays(6);
            (From, To) = (from, to);
            if (DateRange.IsReversed(ModelState, localizer, from, to, nameof(To), localizer["Common.From"],
                    localizer["Common.To"]))
            {
                return null;
            }

            var period = new ReportPeriod(from, to, false);
            if (period.Days > ReportPeriod.MaxDays)
            {
                ModelState.AddModelError(nameof(To), localizer["CallbackReport.RangeTooLong", ReportPeriod.MaxDays]);
                return null;
            }

            Month = null;
            return period;
        }

        var lastMonth = today.AddMonths(-1);
        if (!string.IsNullOrWhiteSpace(Month))
        {
            if (Month.Length == 7
                && DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var first)
                && first.Year is >= 2000 and <= 2100)
            {
                return ReportPeriod.Month(first.Year, first.Month);
            }

            ModelState.AddModelError(nameof(Month), localizer["CallbackReport.MonthInvalid"]);
        }

        Month = lastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return ReportPeriod.Month(lastMonth.Year, lastMonth.Month);
    }

    public sealed class SubmitInput
    {
        [Required(ErrorMessage = "CallbackReport.AnalysisRequired")]
        [StringLength(CallbackReportSubmission.AnalysisMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackReport.Analysis")]
        public string? Analysis { get; set; }
    }
}
