using DealerCrm.Domain.Callbacks;
using DealerCrm.Web.Data;

namespace DealerCrm.Web.Pages.Admin.Callbacks;

/// <summary>
/// The one definition of "the questionnaire a new call asks" (4.3): the store's questions of the type that are not
/// retired, in their order, each in its current wording (the highest version). Answers point at the version id.
/// </summary>
public static class QuestionnaireQueries
{
    public static IQueryable<QuestionForCall> ForNewCall(CrmDbContext db, int storeId, CallbackType type) =>
        from q in db.CallbackQuestions
        where q.StoreId == storeId && q.Type == type && q.RetiredAt == null
        let current = q.Versions.OrderByDescending(v => v.Number).First()
        orderby q.Position, q.Id
        select new QuestionForCall(q.Id, current.Id, q.Kind, q.Position, current.TextEn, current.TextZh);

    public sealed record QuestionForCall(long QuestionId, long VersionId, QuestionKind Kind, int Position, string TextEn,
        string TextZh)
    {
        public QuestionAsked Asked => new(VersionId, Kind);

        public string TextFor(string cultureName) =>
            cultureName.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? TextZh : TextEn;
    }
}
