using System.Globalization;
using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Pages.Complaints;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Actions;

/// <summary>
/// Reads shared by the /Actions pages: who may be an action's responsible person or participant (the store's active
/// service advisors, service managers, sales managers and CRM officers — the roles that reach /Actions), the check
/// that a posted person is one of them, and the names of the store's problem categories.
/// </summary>
public static class ActionQueries
{
    /// <summary>At most this many participants per action (a form can post any number).</summary>
    public const int MaxParticipants = 30;

    /// <summary>The roles an action's responsible person and participants are chosen from.</summary>
    public static IReadOnlyList<string> PeopleRoles { get; } =
        [Roles.ServiceAdvisor, Roles.ServiceManager, Roles.SalesManager, Roles.CrmOfficer];

    public sealed record Person(long Id, string Name);

    /// <summary>The store's active people who may carry out an action, by name.</summary>
    public static async Task<List<Person>> PeopleAsync(CrmDbContext db, int storeId) =>
        await db.Users
            .Where(u => u.StoreId == storeId && u.IsActive)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && PeopleRoles.Contains(r.Name!))))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new Person(u.Id, u.DisplayName))
            .ToListAsync();

    /// <summary>
    /// The posted responsible person and participants must be among <paramref name="people"/> (no over-posting of
    /// another store's or a deactivated user); a refusal goes beside its field. False when anything was refused.
    /// </summary>
    public static bool CheckPeople(ModelStateDictionary modelState, IStringLocalizer localizer,
        IReadOnlyCollection<Person> people, long? responsibleId, IReadOnlyCollection<long> participantIds, string prefix)
    {
        var valid = true;
        if (responsibleId is not { } responsible || people.All(p => p.Id != responsible))
        {
            modelState.AddModelError($"{prefix}.ResponsibleUserId", localizer["Actions.ResponsibleUnknown"]);
            valid = false;
        }

        if (participantIds.Count > MaxParticipants)
        {
            modelState.AddModelError($"{prefix}.ParticipantIds", localizer["Actions.TooManyParticipants", MaxParticipants]);
            valid = false;
        }
        else if (participantIds.Any(id => people.All(p => p.Id != id)))
        {
            modelState.AddModelError($"{prefix}.ParticipantIds", localizer["Actions.ParticipantUnknown"]);
            valid = false;
        }

        return valid;
    }

    public sealed record Category(string Code, string Name);

    /// <summary>The store's problem categories (4.4's list) in the reader's language, active ones first.</summary>
    public static async Task<List<Category>> CategoriesAsync(CrmDbContext db, int storeId, IStringLocalizer localizer)
    {
        var rows = await db.ComplaintCategories.AsNoTracking().Where(c => c.StoreId == storeId)
            .OrderByDescending(c => c.Active).ThenBy(c => c.Position).ThenBy(c => c.Id)
            .Select(c => new { c.Code, c.NameEn, c.NameZh }).ToListAsync();
        return rows.Select(c => new Category(c.Code, CategoryNames.Of(localizer, c.Code, c.NameEn, c.NameZh))).ToList();
    }

    /// <summary>A category's name in the reader's language; the code itself when the store has no such category.</summary>
    public static string CategoryName(IEnumerable<Category> categories, string code) =>
        categories.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    public static string LinkOf(long actionId) => "/Actions/" + actionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A short form of the description for a notification's text.</summary>
    public static string Brief(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 59), "…");

    /// <summary>The store's action the user may load by id: their store's only (the record handler decides the rest).</summary>
    public static Task<CorrectiveAction?> LoadAsync(CrmDbContext db, long id, int storeId) =>
        db.CorrectiveActions.Include(a => a.Participants).Include(a => a.Events).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id && a.StoreId == storeId);
}

/// <summary>The fields an action is opened and revised with (partial _ActionFields), under a form prefix.</summary>
public sealed record ActionFields(string Prefix, string? Description, long? ResponsibleUserId,
    IReadOnlyCollection<long> ParticipantIds, DateOnly? DueDate, IReadOnlyList<ActionQueries.Person> People);
