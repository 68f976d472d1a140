using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Authorization;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Infrastructure.Notifications;
using DealerCrm.Web.Pages.Complaints;
using DealerCrm.Web.Pages.Service;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Callbacks;

/// <summary>
/// The call form (spec 4.3, rules 4.7): the store's script with its fields filled in and the standard branches, the
/// store's questionnaire for the task's type, and one outcome per attempt. The attempt is refused in the store's
/// quiet hours and while the customer is held by a conversation on another task (one call per customer per gap days).
/// A wrong number tells the repair order's advisor (a data-fix task); a dormant customer who sold or scrapped the car
/// sets the vehicle's status and closes its other open callbacks — all saved with the attempt, with the row version
/// the officer's form was built from. A reached call with a problem answer or a dissatisfied rating raises its
/// grievance (4.4) and tells the GM and the responsible managers in the same transaction; a complaint's follow-up call
/// (no questionnaire) closes or reopens its item (<see cref="ComplaintWorkflow"/>). A service reminder (issue 14) lists
/// its reasons with the car and due date; reached, the customer may book a visit (a store-local date and time, at most
/// <see cref="CallbackTask.BookingWithinDays"/> days ahead), which tells the store's service advisors once.
/// </summary>
public sealed partial class CallModel(
    CrmDbContext db,
    StoreCalendar calendar,
    IAuthorizationService authorization,
    Notifier notifier,
    ComplaintWorkflow workflow,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxAnswers = 100;

    /// <summary>The unique index that keeps one grievance per callback (a double post loses the race on it).</summary>
    public const string GrievancePerCallbackIndex = "ix_complaints_callback_task_id";

    /// <summary>One answer per callback and question version: two reached posts of one form race on it too.</summary>
    public const string AnswerPerQuestionIndex = "ix_callback_answers_task_id_question_version_id";

    [BindProperty]
    public CallInput Input { get; set; } = new();

    public CallbackTask Task { get; private set; } = null!;

    public Store Store { get; private set; } = null!;

    public Customer Customer { get; private set; } = null!;

    public ServiceVisit? Visit { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public VehicleView? Vehicle { get; private set; }

    public CallbackSettings Settings { get; private set; } = null!;

    public bool CanWork { get; private set; }

    public bool QuietNow { get; private set; }

    public DateOnly? HeldUntil { get; private set; }

    public IReadOnlyList<string> Numbers { get; private set; } = [];

    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];

    public IReadOnlyList<AttemptView> History { get; private set; } = [];

    public IReadOnlyList<AnswerView> GivenAnswers { get; private set; } = [];

    public string? AssignedToName { get; private set; }

    public ScriptView Script { get; private set; } = null!;

    public bool IsThreeDay => Task.Type is CallbackType.NewCarThreeDay or CallbackType.AfterSalesThreeDay;

    public bool IsFollowUp => Task.Type == CallbackType.ComplaintFollowUp;

    public bool IsReminder => Task.Type == CallbackType.ServiceReminder;

    /// <summary>A service reminder's reasons, each with its car and due date (empty for the other types).</summary>
    public IReadOnlyList<ServiceQueries.ReminderLine> Reminders { get; private set; } = [];

    /// <summary>The grievance or complaint a follow-up call is about (read-only on the form).</summary>
    public FollowUpItemView? FollowUpItem { get; private set; }

    /// <summary>The grievance this callback raised, once it was saved.</summary>
    public long? RaisedComplaintId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id, Operations.Read) is { } refusal)
        {
            return refusal;
        }

        Input = new CallInput
        {
            Version = Task.Version,
            NumberDialled = Numbers.Count > 0 ? Numbers[0] : null,
            Answers = Questions.Select(q => new AnswerInput { QuestionVersionId = q.VersionId }).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        // Any officer of the store may post (the task decides whether it is still theirs or free), so the loser of a
        // race to an unassigned task reads "taken by another officer" with their input kept, not a refusal.
        if (await LoadAsync(id, CallbackTaskAuthorizationHandler.Take) is { } refusal)
        {
            return refusal;
        }

        // The officer's input stays on the form whatever is refused below.
        CanWork = Task.IsOpen;
        if (!Task.IsOpen)
        {
            ModelState.AddModelError(string.Empty, localizer["Callback.NotOpen"]);
            return Page();
        }

        if (Input.Answers.Count > MaxAnswers)
        {
            ModelState.AddModelError(string.Empty, localizer["Callback.AnswerUnknownQuestion"]);
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            ModelState.AddModelError("Input.Outcome", localizer["Callback.OutcomeInvalid"]);
            return Page();
        }

        if (QuietNow)
        {
            ModelState.AddModelError(string.Empty, localizer["Callbacks.QuietHours", Settings.CallFrom.ToString("HH:mm",
                CultureInfo.InvariantCulture), Settings.CallUntil.ToString("HH:mm", CultureInfo.InvariantCulture)]);
            return Page();
        }

        if (HeldUntil is { } until)
        {
            ModelState.AddModelError(string.Empty, localizer["Callbacks.ContactLimit", Settings.ContactGapDays,
                until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            return Page();
        }

        var number = Input.NumberDialled?.Trim();
        if (number is null || !Numbers.Contains(number, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Input.NumberDialled", localizer["Callbacks.NumberUnknown"]);
            return Page();
        }

        var callBackAt = ToInstant(Input.CallBackAt, "Input.CallBackAt");
        var managerCall = ToInstant(Input.ManagerCallAgreedAt, "Input.ManagerCallAgreedAt");
        DateTimeOffset? bookedFor = null;
        if (IsReminder && outcome == CallOutcome.Reached && Input.Booked)
        {
            bookedFor = ToInstant(Input.BookedFor, "Input.BookedFor");
            if (Input.BookedFor is null)
            {
                ModelState.AddModelError("Input.BookedFor", localizer["Reminders.BookedForRequired"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = User.GetUserId();
        var now = calendar.Now;
        try
        {
            Task.Take(me);

            if (outcome == CallOutcome.Reached)
            {
                var asked = Questions.Select(q => new QuestionAsked(q.VersionId, q.Kind)).ToList();
                var given = Input.Answers.Where(a => a.Value is not null)
                    .Select(a => new AnswerGiven(a.QuestionVersionId, a.Value!.Value, a.Reason, a.ProblemCategory)).ToList();
                Task.RecordReached(number, me, now, asked, given, Input.Satisfaction, Input.LapseReason, Input.Comments,
                    IsFollowUp ? null : managerCall, Input.RecordingId, Input.RecordingSeconds, bookedFor);
            }
            else
            {
                Task.RecordAttempt(outcome, number, me, now, Store.LocalDate, Numbers, callBackAt, Input.RecordingId,
                    Input.RecordingSeconds, Input.Note);
            }
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(localizer, ex, FormField);
            return Page();
        }

        if (outcome == CallOutcome.Reached && Task.LapseReason is LapseReason.SoldTheCar or LapseReason.Scrapped)
        {
            await EndTheVehicleAsync(Task.LapseReason.Value, me, now);
        }

        if (outcome == CallOutcome.WrongNumber && Visit is not null)
        {
            await ReportWrongNumberAsync(Visit, now);
        }

        // The grievance a reached call raises (4.4), or the item a follow-up call closes or reopens, is saved with the
        // call; the grievance's notifications carry its id, so they follow in a second save of the same transaction.
        var grievance = outcome == CallOutcome.Reached ? await RaiseGrievanceAsync(me, now) : null;
        if (Task.BookedFor is { } booked)
        {
            await NotifyBookedAsync(booked);
        }
        var itemStatus = IsFollowUp && !Task.IsOpen ? await FollowUpEndedAsync(me, now) : null;

        // Every attempt updates the task's row, so two saves from forms of one version cannot both pass.
        db.Entry(Task).Property(t => t.Status).IsModified = true;
        db.ExpectVersion(Task, Input.Version);
        // The page shown on a refusal reads the database (the layout's bell): the failed transaction ends first.
        UniqueRefusal[] lostRace =
        [
            new(GrievancePerCallbackIndex, string.Empty, "Error.Concurrency"),
            new(AnswerPerQuestionIndex, string.Empty, "Error.Concurrency"),
        ];
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var saved = await db.TrySaveAsync(ModelState, localizer, lostRace);
            if (saved && grievance is not null)
            {
                await workflow.NotifyRaisedAsync(grievance);
                saved = await db.TrySaveAsync(ModelState, localizer, lostRace);
            }

            if (!saved)
            {
                await transaction.RollbackAsync();
                return Page();
            }

            await transaction.CommitAsync();
        }

        TempData["Message"] = grievance is not null ? GrievanceMessage(grievance)
            : Task.BookedFor is { } bookedAt ? localizer["Reminders.SavedBooked",
                Store.LocalTime(bookedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)].Value
            : itemStatus is { } status ? localizer["Callbacks.FollowUp.Ended", localizer.Text(outcome), Task.ComplaintId!.Value,
                localizer.Text(status)].Value
            : localizer["Callbacks.Saved", localizer.Text(outcome)].Value;
        if (grievance is not null)
        {
            TempData["GrievanceId"] = grievance.Id.ToString(CultureInfo.InvariantCulture);
        }

        return RedirectToPage("Index");
    }

    /// <summary>
    /// A reminder call booked a visit: the store's service advisors are told, once per call (the dedupe key), in the
    /// transaction that saves the booking. The link opens the bookings on /Service.
    /// </summary>
    private async Task NotifyBookedAsync(DateTimeOffset booked)
    {
        var car = Reminders.Select(r => r.Car).Distinct().FirstOrDefault()
            ?? (Vehicle is { } v ? (v.Plate ?? v.Vin) + " " + v.Model : string.Empty);
        string[] arguments =
        [
            Customer.Name, Store.LocalTime(booked).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), car,
        ];
        await notifier.AddForRoleAsync(Store.Id, Roles.ServiceAdvisor, NotificationKind.ServiceBooked,
            "Reminders.Notify.Booked", arguments, ServiceQueries.BookingsLink,
            "service-booked:" + Task.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The answers as asked (kind and wording shown to the officer) and the rating, to the workflow.</summary>
    private async Task<Complaint?> RaiseGrievanceAsync(long me, DateTimeOffset now)
    {
        var asked = Questions.ToDictionary(q => q.VersionId);
        var answers = Task.Answers.Where(a => asked.ContainsKey(a.QuestionVersionId))
            .Select(a => (asked[a.QuestionVersionId].Kind, asked[a.QuestionVersionId].Text, a)).ToList();
        var rating = Task.OverallSatisfaction is { } level
            ? localizer["Callbacks.Satisfaction"].Value + ": " + localizer.Text(level)
            : null;
        return await workflow.RaiseGrievanceIfAnyAsync(Store, Task, answers, rating, me, now);
    }

    /// <summary>The follow-up call ended (reached, or unreachable): its item closes or reopens; returns its status.</summary>
    private async Task<ComplaintStatus?> FollowUpEndedAsync(long me, DateTimeOffset now)
    {
        await workflow.FollowUpEndedAsync(Store, Task, me, now);
        var item = db.Complaints.Local.SingleOrDefault(c => c.Id == Task.ComplaintId);
        return item?.Status is ComplaintStatus.Closed or ComplaintStatus.Open ? item.Status : null;
    }

    private string GrievanceMessage(Complaint grievance)
    {
        var due = grievance.Steps.Single(s => s.Type == ComplaintStepType.ManagerCalled).Deadline!.Value;
        return localizer["Callbacks.GrievanceRaised", grievance.Id,
            grievance.Department == ComplaintDepartment.Sales
                ? localizer["Callbacks.GrievanceManager.Sales"] : localizer["Callbacks.GrievanceManager.AfterSales"],
            Store.LocalTime(due).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            localizer.Text(CallOutcome.Reached)].Value;
    }

    /// <summary>"Sold" or "scrapped" (4.7) ends the car's callbacks: its status changes, its other open tasks close.</summary>
    private async Task EndTheVehicleAsync(LapseReason reason, long me, DateTimeOffset now)
    {
        if (Task.VehicleId is not { } vehicleId)
        {
            return;
        }

        var vehicle = await db.Vehicles.SingleAsync(v => v.Id == vehicleId);
        var status = reason == LapseReason.SoldTheCar ? VehicleStatus.Sold : VehicleStatus.Scrapped;
        if (vehicle.Status != status)
        {
            vehicle.ChangeStatus(status, me, string.Create(CultureInfo.InvariantCulture, $"callback:{Task.Id}"), now);
        }

        var others = await CallbackQueries.ClosedByCarLeaving(db, vehicleId).Where(t => t.Id != Task.Id).ToListAsync();
        foreach (var other in others)
        {
            other.Cancel(me, now);
        }
    }

    /// <summary>The repair order's number was wrong: flag it and tell its advisor (or the store's advisors) once.</summary>
    private async Task ReportWrongNumberAsync(ServiceVisit visit, DateTimeOffset now)
    {
        visit.ReportWrongNumber(now);
        var link = "/Service/Visits/" + visit.Id.ToString(CultureInfo.InvariantCulture);
        var dedupe = "service-data-fix:" + visit.Id.ToString(CultureInfo.InvariantCulture);
        string[] arguments = [visit.OrderNumber, Customer.Name];
        if (visit.AdvisorId is { } advisorId
            && await db.Users.AnyAsync(u => u.Id == advisorId && u.IsActive && u.StoreId == Store.Id))
        {
            await notifier.AddForUserAsync(Store.Id, advisorId, NotificationKind.ServiceDataFix,
                "Callbacks.Notify.WrongNumber", arguments, link, dedupe);
        }
        else
        {
            await notifier.AddForRoleAsync(Store.Id, Roles.ServiceAdvisor, NotificationKind.ServiceDataFix,
                "Callbacks.Notify.WrongNumber", arguments, link, dedupe);
        }
    }

    private DateTimeOffset? ToInstant(DateTime? local, string field)
    {
        if (local is not { } value)
        {
            return null;
        }

        if (!UserDates.IsSane(value))
        {
            ModelState.AddModelError(field, localizer["Callbacks.DateInvalid"]);
            return null;
        }

        return Store.StartOfLocalDay(DateOnly.FromDateTime(value)).Add(value.TimeOfDay);
    }

    /// <summary>The form field a domain refusal belongs beside ("Answers[{version}].Reason" → the answer's row).</summary>
    private string FormField(string? field)
    {
        if (field is null)
        {
            return string.Empty;
        }

        if (AnswerField().Match(field) is { Success: true } match)
        {
            var versionId = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var index = Input.Answers.FindIndex(a => a.QuestionVersionId == versionId);
            var part = match.Groups[2].Success ? match.Groups[2].Value : "Value";
            return index < 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"Input.Answers[{index}].{part}");
        }

        return "Input." + field;
    }

    [GeneratedRegex(@"^Answers\[(\d+)\](?:\.(\w+))?$")]
    private static partial Regex AnswerField();

    private async Task<IActionResult?> LoadAsync(long id, OperationAuthorizationRequirement operation)
    {
        var storeId = User.GetStoreId();
        var task = await db.CallbackTasks.Include(t => t.Attempts)
            .SingleOrDefaultAsync(t => t.Id == id && t.StoreId == storeId);
        if (task is null)
        {
            return NotFound();
        }

        if (await authorization.RefusalAsync(User, task, operation) is { } refusal)
        {
            return refusal;
        }

        Task = task;
        CanWork = task.IsOpen && (await authorization.AuthorizeAsync(User, task, Operations.Edit)).Succeeded;
        Store = await calendar.StoreOfAsync(User);
        var now = calendar.Now;
        Customer = await db.Customers.SingleAsync(c => c.Id == task.CustomerId);
        Visit = task.ServiceVisitId is { } visitId ? await db.ServiceVisits.SingleAsync(v => v.Id == visitId) : null;
        DeliveredAt = task.DeliveryId is { } deliveryId
            ? await db.Deliveries.Where(d => d.Id == deliveryId).Select(d => (DateTimeOffset?)d.DeliveredAt).SingleAsync()
            : null;
        Vehicle = task.VehicleId is { } vehicleId
            ? await db.Vehicles.AsNoTracking().Where(v => v.Id == vehicleId)
                .Select(v => new VehicleView(v.Id, v.Plate, v.Brand, v.Model, v.Vin, v.Status)).SingleAsync()
            : null;
        Settings = await CallbackQueries.SettingsAsync(db, Store.Id);
        QuietNow = Settings.IsQuietTime(TimeOnly.FromDateTime(Store.LocalTime(now)));
        HeldUntil = task.IsOpen
            ? (await CallbackQueries.HeldUntilAsync(db, Store, Settings, [(task.Id, task.CustomerId, task.Type)], now))
                .GetValueOrDefault(task.Id) is var held && held != default ? held : null
            : null;
        Numbers = CallbackQueries.NumbersToCall(task, Visit, Customer);
        Reminders = task.Type == CallbackType.ServiceReminder
            ? (await ServiceQueries.RemindersOfAsync(db, Store.Id, [task.Id]))[task.Id].ToList()
            : [];
        AssignedToName = task.AssignedToId is { } assigned
            ? await db.Users.Where(u => u.Id == assigned).Select(u => u.DisplayName).SingleOrDefaultAsync()
            : null;

        var culture = CultureInfo.CurrentUICulture.Name;
        var questions = await db.CallbackQuestions.AsNoTracking().Include(q => q.Versions)
            .Where(q => q.StoreId == task.StoreId && q.Type == task.Type && q.RetiredAt == null)
            .OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync();
        Questions = task.Type == CallbackType.ComplaintFollowUp
            ? []
            : questions.Select(q => new QuestionView(q.Current.Id, q.Kind, q.Current.TextFor(culture))).ToList();
        var item = task.ComplaintId is { } complaintId
            ? await db.Complaints.AsNoTracking().Where(c => c.Id == complaintId && c.StoreId == task.StoreId)
                .Select(c => new
                {
                    c.Id, c.Kind, c.Status, c.CategoryCode, c.Description, c.Resolution,
                    Names = db.ComplaintCategories.Where(k => k.StoreId == c.StoreId && k.Code == c.CategoryCode)
                        .Select(k => new { k.NameEn, k.NameZh }).FirstOrDefault(),
                })
                .SingleOrDefaultAsync()
            : null;
        FollowUpItem = item is null
            ? null
            : new FollowUpItemView(item.Id, item.Kind, item.Status,
                CategoryNames.Of(localizer, item.CategoryCode, item.Names?.NameEn, item.Names?.NameZh),
                item.Description, item.Resolution);
        History = await (
                from a in db.CallbackAttempts.AsNoTracking()
                where a.TaskId == task.Id
                join u in db.Users on a.ByUserId equals u.Id
                orderby a.At, a.Id
                select new AttemptView(a.At, a.Outcome, a.NumberDialled, u.DisplayName, a.CallBackAt, a.RecordingId,
                    a.RecordingSeconds, a.Note))
            .ToListAsync();
        GivenAnswers = task.Status == CallbackStatus.Reached
            ? (await (
                    from a in db.CallbackAnswers.AsNoTracking()
                    where a.TaskId == task.Id
                    join v in db.CallbackQuestionVersions on a.QuestionVersionId equals v.Id
                    orderby a.Id
                    select new { v.TextEn, v.TextZh, a.Value, a.Reason, a.ProblemCategory })
                .ToListAsync())
            .Select(a => new AnswerView(culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? a.TextZh : a.TextEn,
                a.Value, a.Reason, a.ProblemCategory)).ToList()
            : [];
        Script = await BuildScriptAsync(culture);
        return null;
    }

    private async Task<ScriptView> BuildScriptAsync(string culture)
    {
        var script = await db.CallbackScripts.AsNoTracking()
                         .SingleOrDefaultAsync(s => s.StoreId == Store.Id && s.Type == Task.Type)
                     ?? CallbackScriptDefaults.For(Store.Id, Task.Type);
        var zh = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var officerId = Task.AssignedToId ?? User.GetUserId();
        var officer = await db.Users.Where(u => u.Id == officerId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        var calledIsCustomer = Task.Type != CallbackType.AfterSalesThreeDay || Visit?.BroughtByName is null;
        var name = Task.ContactName ?? (calledIsCustomer ? Customer.Name : Visit!.BroughtByName!);
        var title = !calledIsCustomer ? string.Empty : Customer.Gender switch
        {
            Gender.Male => localizer["Callbacks.Title.Male"].Value,
            Gender.Female => localizer["Callbacks.Title.Female"].Value,
            _ => string.Empty,
        };
        var date = Visit?.CompletedAt is { } completed ? Store.LocalDate(completed)
            : DeliveredAt is { } delivered ? Store.LocalDate(delivered)
            : (DateOnly?)null;
        var service = Visit is null ? string.Empty
            : string.Join(zh ? "、" : ", ", ServiceTypeRules.Each.Where(t => Visit.Types.HasFlag(t)).Select(t => localizer.Text(t)));

        var reasons = string.Join(zh ? "；" : "; ", Reminders.Select(r =>
            localizer["Reminders.ScriptReason", localizer.Text(r.Reason), r.Car,
                r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value));

        string Fill(string text) => MultipleSpaces().Replace(text
            .Replace("{dealer}", Store.Name, StringComparison.Ordinal)
            .Replace("{officer}", officer ?? string.Empty, StringComparison.Ordinal)
            .Replace("{title}", title, StringComparison.Ordinal)
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{date}", date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—", StringComparison.Ordinal)
            .Replace("{service}", service, StringComparison.Ordinal)
            .Replace("{reasons}", reasons, StringComparison.Ordinal), " ").Replace(" ?", "?", StringComparison.Ordinal)
            .Replace(" .", ".", StringComparison.Ordinal).Replace(" ,", ",", StringComparison.Ordinal);

        return zh
            ? new ScriptView(Fill(script.GreetingZh), Fill(script.PurposeZh), Fill(script.ClosingZh))
            : new ScriptView(Fill(script.GreetingEn), Fill(script.PurposeEn), Fill(script.ClosingEn));
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex MultipleSpaces();

    public sealed record VehicleView(long Id, string? Plate, string? Brand, string Model, string Vin, VehicleStatus Status);

    public sealed record QuestionView(long VersionId, QuestionKind Kind, string Text);

    public sealed record AttemptView(DateTimeOffset At, CallOutcome Outcome, string Number, string By,
        DateTimeOffset? CallBackAt, string? RecordingId, int? RecordingSeconds, string? Note);

    public sealed record AnswerView(string Question, AnswerValue Value, string? Reason, string? Category);

    public sealed record ScriptView(string Greeting, string Purpose, string Closing);

    /// <summary>A follow-up's item, its category named for the reader (<see cref="CategoryNames"/>).</summary>
    public sealed record FollowUpItemView(long Id, ComplaintKind Kind, ComplaintStatus Status, string CategoryName,
        string Description, string? Resolution);

    public sealed class CallInput
    {
        public uint Version { get; set; }

        [Display(Name = "Callbacks.Outcome")]
        public CallOutcome? Outcome { get; set; }

        [StringLength(30, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Callbacks.NumberDialled")]
        public string? NumberDialled { get; set; }

        [Display(Name = "Callbacks.CallBackAt")]
        public DateTime? CallBackAt { get; set; }

        public List<AnswerInput> Answers { get; set; } = [];

        [Display(Name = "Callbacks.Satisfaction")]
        public Satisfaction? Satisfaction { get; set; }

        [Display(Name = "Callbacks.LapseReason")]
        public LapseReason? LapseReason { get; set; }

        [StringLength(CallbackTask.CommentsMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Callbacks.Comments")]
        public string? Comments { get; set; }

        [Display(Name = "Callbacks.ManagerCallAgreedAt")]
        public DateTime? ManagerCallAgreedAt { get; set; }

        [StringLength(CallbackAttempt.RecordingIdMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Callbacks.RecordingId")]
        public string? RecordingId { get; set; }

        [Display(Name = "Callbacks.RecordingSeconds")]
        public int? RecordingSeconds { get; set; }

        [StringLength(CallbackAttempt.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Callbacks.Note")]
        public string? Note { get; set; }

        /// <summary>A reached reminder call: the customer booked a visit (at <see cref="BookedFor"/>, store-local).</summary>
        [Display(Name = "Reminders.Booked")]
        public bool Booked { get; set; }

        [Display(Name = "Reminders.BookedFor")]
        public DateTime? BookedFor { get; set; }
    }

    public sealed class AnswerInput
    {
        public long QuestionVersionId { get; set; }

        [Display(Name = "Callbacks.Answer")]
        public AnswerValue? Value { get; set; }

        [StringLength(CallbackAnswer.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Callbacks.Reason")]
        public string? Reason { get; set; }

        [StringLength(50, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Callbacks.ProblemCategory")]
        public string? ProblemCategory { get; set; }
    }
}
