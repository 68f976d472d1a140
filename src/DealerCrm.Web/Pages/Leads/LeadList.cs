using System.Globalization;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Pages.Customers;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// The filters of the lead list (spec 3.4), applied in one place for the page and its exports, so an export holds
/// exactly the rows the list shows. Dates are the store's calendar dates.
/// </summary>
public sealed record LeadListFilter
{
    public Grade? Grade { get; init; }

    public LeadStatus? Status { get; init; }

    public SourceChannel? Source { get; init; }

    public string? CarModel { get; init; }

    public long? Owner { get; init; }

    public DateOnly? CreatedFrom { get; init; }

    public DateOnly? CreatedTo { get; init; }

    public DateOnly? ContactFrom { get; init; }

    public DateOnly? ContactTo { get; init; }

    public bool Overdue { get; init; }

    public CustomerSearch Search { get; init; } = CustomerSearch.None;

    /// <summary>The leads (already scoped to the user) that pass every filter.</summary>
    public IQueryable<Lead> Apply(IQueryable<Lead> leads, CrmDbContext db, Store store, DateOnly today)
    {
        if (Grade is { } grade)
        {
            leads = leads.Where(l => l.Grade == grade);
        }

        if (Status is { } status)
        {
            leads = leads.Where(l => l.Status == status);
        }

        if (Source is { } source)
        {
            leads = leads.Where(l => l.Source == source);
        }

        if (!string.IsNullOrWhiteSpace(CarModel))
        {
            var pattern = LikePattern.Containing(CarModel.Trim());
            leads = leads.Where(l => EF.Functions.ILike(l.Interest.IntendedModel!, pattern, "\\"));
        }

        if (Owner is { } owner)
        {
            leads = leads.Where(l => l.OwnerId == owner);
        }

        if (CreatedFrom is { } createdFrom)
        {
            var from = store.StartOfLocalDay(createdFrom);
            leads = leads.Where(l => l.CreatedAt >= from);
        }

        if (CreatedTo is { } createdTo)
        {
            var until = store.StartOfLocalDay(createdTo.AddDays(1));
            leads = leads.Where(l => l.CreatedAt < until);
        }

        if (ContactFrom is { } contactFrom)
        {
            leads = leads.Where(l => l.LastFollowUpDate >= contactFrom);
        }

        if (ContactTo is { } contactTo)
        {
            leads = leads.Where(l => l.LastFollowUpDate <= contactTo);
        }

        if (Overdue)
        {
            leads = leads.Where(LeadRules.Overdue(today));
        }

        if (!Search.IsEmpty)
        {
            var customers = Search.Apply(db.Customers, db, store.Id);
            leads = leads.Where(l => customers.Any(c => c.Id == l.CustomerId));
        }

        return leads;
    }

    /// <summary>The rows of the list, newest lead first, from <paramref name="before"/> on (keyset).</summary>
    public IQueryable<LeadListRow> Rows(IQueryable<Lead> leads, CrmDbContext db, Store store, DateOnly today,
        long? before)
    {
        var filtered = Apply(leads, db, store, today);
        if (before is { } b)
        {
            filtered = filtered.Where(l => l.Id < b);
        }

        return from l in filtered
               join c in db.Customers on l.CustomerId equals c.Id
               join u in db.Users on l.OwnerId equals u.Id
               orderby l.Id descending
               select new LeadListRow(l.Id, c.Name, c.Mobile, c.IdNumberMasked, l.Grade, l.Status, l.Source,
                   l.Interest.IntendedModel, u.DisplayName, l.NextFollowUpDate, l.LastFollowUpDate, l.CreatedAt);
    }

    /// <summary>The filter as query parameters, for the next-page link and the export forms. Never the search text.</summary>
    public Dictionary<string, string> QueryValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, object? value)
        {
            var text = value switch
            {
                null => null,
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : null,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                values[name] = text;
            }
        }

        Add(nameof(Grade), Grade);
        Add(nameof(Status), Status);
        Add(nameof(Source), Source);
        Add(nameof(CarModel), CarModel?.Trim());
        Add(nameof(Owner), Owner);
        Add(nameof(CreatedFrom), CreatedFrom);
        Add(nameof(CreatedTo), CreatedTo);
        Add(nameof(ContactFrom), ContactFrom);
        Add(nameof(ContactTo), ContactTo);
        Add(nameof(Overdue), Overdue);
        return values;
    }

    /// <summary>For the audit entry: the filters used, the model and the search only as "yes", never their text.</summary>
    public string Describe()
    {
        var parts = QueryValues().Select(v => v.Key == nameof(CarModel) ? "CarModel=yes" : $"{v.Key}={v.Value}")
            .Append(Search.Describe());
        return string.Join("; ", parts);
    }
}

public sealed record LeadListRow(long Id, string Name, string? Mobile, string? IdNumberMasked, Grade Grade,
    LeadStatus Status, SourceChannel Source, string? IntendedModel, string Owner, DateOnly? NextFollowUpDate,
    DateOnly? LastFollowUpDate, DateTimeOffset CreatedAt);
