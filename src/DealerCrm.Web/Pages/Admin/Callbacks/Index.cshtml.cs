using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DealerCrm.Domain.Callbacks;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using DealerCrm.Web.Pages.Admin.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Admin.Callbacks;

/// <summary>
/// A store's callback work (spec 4.3, 4.7): its settings (calling hours, days between calls, the dormant period), and
/// per callback type the script and the questionnaire. Questions keep their identity: rewording adds a version (past
/// answers keep theirs), retiring hides a question from new calls. Each form saves alone, with the row version the
/// Admin saw.
/// </summary>
public sealed class IndexModel(
    CrmDbContext db,
    TimeProvider time,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Two Admins saving at once: a second first wording of a store's settings or script, or a second next
    /// version of a question, is the loser of the race, told like a changed row version.</summary>
    private static readonly UniqueRefusal[] Races =
    [
        new("ix_callback_question_versions_question_id_number", string.Empty, "Error.Concurrency"),
        new("pk_callback_settings", string.Empty, "Error.Concurrency"),
        new("pk_callback_scripts", string.Empty, "Error.Concurrency"),
    ];

    [BindProperty(SupportsGet = true)]
    public int? Store { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public CallbackType? ForType { get; set; }

    [BindProperty]
    public SettingsInput Settings { get; set; } = new();

    [BindProperty]
    public ScriptInput Script { get; set; } = new();

    [BindProperty]
    public NewQuestionInput NewQuestion { get; set; } = new();

    [BindProperty]
    public QuestionInput Question { get; set; } = new();

    public IReadOnlyList<SelectListItem> StoreChoices { get; private set; } = [];

    public string StoreName { get; private set; } = string.Empty;

    public IReadOnlyList<QuestionRow> Questions { get; private set; } = [];

    public bool SettingsAreDefault { get; private set; }

    public CallbackType SelectedType => ForType ?? CallbackType.NewCarThreeDay;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(null) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSettingsAsync()
    {
        if (!await LoadAsync(nameof(Settings)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var settings = await db.CallbackSettings.SingleOrDefaultAsync(s => s.StoreId == Store);
        if (settings is null)
        {
            settings = new CallbackSettings(Store!.Value);
            db.CallbackSettings.Add(settings);
        }
        else
        {
            db.ExpectVersion(settings, Settings.Version);
        }

        if (!ModelState.TryDomain(localizer, () =>
            {
                settings.Change(Settings.CallFrom!.Value, Settings.CallUntil!.Value, Settings.ContactGapDays!.Value,
                    Settings.DormantMonths!.Value);
                settings.ChangeReminders(Settings.InsuranceReminderDays!.Value, Settings.ReplacementAfterMonths!.Value,
                    Settings.ReplacementAfterKm!.Value, Settings.ReplacementWeeklyPerConsultant!.Value,
                    Settings.ReplacementWeeklyToQueue!.Value);
            }, nameof(Settings)))
        {
            return Page();
        }

        return await SaveAsync("settings", "CallbackAdmin.SettingsSaved");
    }

    public async Task<IActionResult> OnPostScriptAsync()
    {
        if (!await LoadAsync(nameof(Script)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var script = await db.CallbackScripts.SingleOrDefaultAsync(s => s.StoreId == Store && s.Type == SelectedType);
        var valid = true;
        if (script is null)
        {
            valid = ModelState.TryDomain(localizer, () => db.CallbackScripts.Add(new CallbackScript(Store!.Value,
                SelectedType, Script.GreetingEn, Script.PurposeEn, Script.ClosingEn, Script.GreetingZh,
                Script.PurposeZh, Script.ClosingZh)), nameof(Script));
        }
        else
        {
            db.ExpectVersion(script, Script.Version);
            valid = ModelState.TryDomain(localizer, () => script.Change(Script.GreetingEn, Script.PurposeEn,
                Script.ClosingEn, Script.GreetingZh, Script.PurposeZh, Script.ClosingZh), nameof(Script));
        }

        return valid ? await SaveAsync($"script {SelectedType}", "CallbackAdmin.ScriptSaved") : Page();
    }

    public async Task<IActionResult> OnPostAddQuestionAsync()
    {
        if (!await LoadAsync(nameof(NewQuestion)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var last = await db.CallbackQuestions.Where(q => q.StoreId == Store && q.Type == SelectedType)
            .MaxAsync(q => (int?)q.Position) ?? 0;
        if (!ModelState.TryDomain(localizer, () => db.CallbackQuestions.Add(new CallbackQuestion(Store!.Value,
                SelectedType, NewQuestion.Kind!.Value, last + 1, NewQuestion.TextEn, NewQuestion.TextZh,
                time.GetUtcNow())), nameof(NewQuestion)))
        {
            return Page();
        }

        return await SaveAsync($"question added {SelectedType}", "CallbackAdmin.QuestionAdded");
    }

    public async Task<IActionResult> OnPostRewordAsync()
    {
        if (!await LoadAsync(nameof(Question)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var question = await QuestionForUpdateAsync();
        if (question is null)
        {
            return NotFound();
        }

        if (!ModelState.TryDomain(localizer, () => question.Reword(Question.TextEn, Question.TextZh, time.GetUtcNow()),
                nameof(Question)))
        {
            return Page();
        }

        // A new wording adds a version row only: touch the question's own row so that its version check applies
        // (two Admins rewording at once: one wins, the other is told).
        db.Entry(question).Property(q => q.Position).IsModified = true;
        return await SaveAsync($"question {question.Id} reworded", "CallbackAdmin.QuestionReworded");
    }

    public async Task<IActionResult> OnPostRetireAsync() => await ChangeQuestionAsync(
        q => q.Retire(time.GetUtcNow()), "retired", "CallbackAdmin.QuestionRetired");

    public async Task<IActionResult> OnPostRestoreAsync() => await ChangeQuestionAsync(
        q => q.Restore(), "restored", "CallbackAdmin.QuestionRestored");

    public async Task<IActionResult> OnPostMoveUpAsync() => await MoveAsync(-1);

    public async Task<IActionResult> OnPostMoveDownAsync() => await MoveAsync(1);

    private async Task<IActionResult> ChangeQuestionAsync(Action<CallbackQuestion> change, string what, string message)
    {
        if (!await LoadAsync(nameof(Question)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var question = await QuestionForUpdateAsync();
        if (question is null)
        {
            return NotFound();
        }

        change(question);
        return await SaveAsync($"question {question.Id} {what}", message);
    }

    private async Task<IActionResult> MoveAsync(int step)
    {
        if (!await LoadAsync(nameof(Question)))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var all = await db.CallbackQuestions.Where(q => q.StoreId == Store && q.Type == SelectedType)
            .OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync();
        var index = all.FindIndex(q => q.Id == Question.Id);
        if (index < 0)
        {
            return NotFound();
        }

        var moved = all[index];
        db.ExpectVersion(moved, Question.Version);
        var target = index + step;
        if (target >= 0 && target < all.Count)
        {
            (all[index], all[target]) = (all[target], all[index]);
        }

        // Renumber 1..n: positions stay dense whatever an older version of the page left.
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Position != i + 1)
            {
                all[i].MoveTo(i + 1);
            }
        }

        db.Entry(moved).Property(q => q.Position).IsModified = true;
        return await SaveAsync($"question {Question.Id} moved", "CallbackAdmin.QuestionMoved");
    }

    private async Task<CallbackQuestion?> QuestionForUpdateAsync()
    {
        // Scoped by the store and type in the address: another store's question is not found.
        var question = await db.CallbackQuestions.Include(q => q.Versions)
            .SingleOrDefaultAsync(q => q.Id == Question.Id && q.StoreId == Store && q.Type == SelectedType);
        if (question is not null)
        {
            db.ExpectVersion(question, Question.Version);
        }

        return question;
    }

    private async Task<IActionResult> SaveAsync(string what, string messageKey)
    {
        audit.Record(AuditActions.CallbackSettingsChanged, target: $"store:{Store}", details: what, storeId: Store);
        if (!await db.TrySaveAsync(ModelState, localizer, Races))
        {
            await LoadQuestionsAsync();
            return Page();
        }

        TempData["Message"] = localizer[messageKey].Value;
        return RedirectToPage("Index", new { store = Store, type = SelectedType });
    }

    /// <summary>
    /// The store (404 when unknown), its settings, the selected type's script and questions. On a post only the posted
    /// form (<paramref name="posted"/>) keeps what was typed; the other forms show what is saved, and their fields'
    /// binding messages are dropped (they were not sent).
    /// </summary>
    private async Task<bool> LoadAsync(string? posted)
    {
        foreach (var key in ModelState.Keys
                     .Where(k => (posted is null || !k.StartsWith(posted + ".", StringComparison.Ordinal))
                         && k is not ("store" or "type" or nameof(Store)))
                     .ToList())
        {
            ModelState.Remove(key);
        }

        StoreChoices = await UserQueries.StoreChoicesAsync(db);
        Store ??= StoreChoices.Count > 0 ? int.Parse(StoreChoices[0].Value, CultureInfo.InvariantCulture) : null;
        if (ForType is { } type && !Enum.IsDefined(type))
        {
            ForType = null;
        }

        var store = Store is { } id ? await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id) : null;
        if (store is null)
        {
            return false;
        }

        StoreName = store.Name;
        if (posted != nameof(Settings))
        {
            var settings = await db.CallbackSettings.AsNoTracking().SingleOrDefaultAsync(s => s.StoreId == store.Id);
            SettingsAreDefault = settings is null;
            Settings = SettingsInput.From(settings ?? new CallbackSettings(store.Id));
        }

        if (posted != nameof(Script))
        {
            var script = await db.CallbackScripts.AsNoTracking()
                .SingleOrDefaultAsync(s => s.StoreId == store.Id && s.Type == SelectedType);
            Script = script is null ? new ScriptInput() : ScriptInput.From(script);
        }

        if (posted != nameof(NewQuestion))
        {
            NewQuestion = new NewQuestionInput();
        }

        await LoadQuestionsAsync();
        return true;
    }

    private async Task LoadQuestionsAsync() =>
        Questions = await db.CallbackQuestions.AsNoTracking()
            .Where(q => q.StoreId == Store && q.Type == SelectedType)
            .OrderBy(q => q.Position).ThenBy(q => q.Id)
            .Select(q => new QuestionRow(q.Id, q.Kind, q.Position, q.RetiredAt != null, q.Version,
                q.Versions.OrderByDescending(v => v.Number).Select(v => v.TextEn).First(),
                q.Versions.OrderByDescending(v => v.Number).Select(v => v.TextZh).First(),
                q.Versions.Count))
            .ToListAsync();

    public sealed record QuestionRow(long Id, QuestionKind Kind, int Position, bool Retired, uint Version,
        string TextEn, string TextZh, int VersionCount);

    public sealed class SettingsInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "CallbackAdmin.CallFrom")]
        public TimeOnly? CallFrom { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "CallbackAdmin.CallUntil")]
        public TimeOnly? CallUntil { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "CallbackAdmin.ContactGapDays")]
        public int? ContactGapDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "CallbackAdmin.DormantMonths")]
        public int? DormantMonths { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Reminders.InsuranceReminderDays")]
        public int? InsuranceReminderDays { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Reminders.ReplacementAfterMonths")]
        public int? ReplacementAfterMonths { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Reminders.ReplacementAfterKm")]
        public int? ReplacementAfterKm { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Reminders.ReplacementWeeklyPerConsultant")]
        public int? ReplacementWeeklyPerConsultant { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Reminders.ReplacementWeeklyToQueue")]
        public int? ReplacementWeeklyToQueue { get; set; }

        public uint Version { get; set; }

        public static SettingsInput From(CallbackSettings s) => new()
        {
            CallFrom = s.CallFrom,
            CallUntil = s.CallUntil,
            ContactGapDays = s.ContactGapDays,
            DormantMonths = s.DormantMonths,
            InsuranceReminderDays = s.InsuranceReminderDays,
            ReplacementAfterMonths = s.ReplacementAfterMonths,
            ReplacementAfterKm = s.ReplacementAfterKm,
            ReplacementWeeklyPerConsultant = s.ReplacementWeeklyPerConsultant,
            ReplacementWeeklyToQueue = s.ReplacementWeeklyToQueue,
            Version = s.Version,
        };
    }

    public sealed class ScriptInput
    {
        [StringLength(CallbackScript.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.GreetingEn")]
        public string? GreetingEn { get; set; }

        [StringLength(CallbackScript.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.PurposeEn")]
        public string? PurposeEn { get; set; }

        [StringLength(CallbackScript.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.ClosingEn")]
        public string? ClosingEn { get; set; }

        [StringLength(CallbackScript.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.GreetingZh")]
        public string? GreetingZh { get; set; }

        [StringLength(CallbackScript.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.PurposeZh")]
        public string? PurposeZh { get; set; }

        [StringLength(CallbackScript.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.ClosingZh")]
        public string? ClosingZh { get; set; }

        public uint Version { get; set; }

        public static ScriptInput From(CallbackScript s) => new()
        {
            GreetingEn = s.GreetingEn,
            PurposeEn = s.PurposeEn,
            ClosingEn = s.ClosingEn,
            GreetingZh = s.GreetingZh,
            PurposeZh = s.PurposeZh,
            ClosingZh = s.ClosingZh,
            Version = s.Version,
        };
    }

    public sealed class NewQuestionInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "CallbackAdmin.QuestionKind")]
        public QuestionKind? Kind { get; set; } = QuestionKind.YesNo;

        [StringLength(CallbackQuestionVersion.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.TextEn")]
        public string? TextEn { get; set; }

        [StringLength(CallbackQuestionVersion.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.TextZh")]
        public string? TextZh { get; set; }
    }

    public sealed class QuestionInput
    {
        public long Id { get; set; }

        public uint Version { get; set; }

        [StringLength(CallbackQuestionVersion.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.TextEn")]
        public string? TextEn { get; set; }

        [StringLength(CallbackQuestionVersion.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "CallbackAdmin.TextZh")]
        public string? TextZh { get; set; }
    }
}
