using System.ComponentModel.DataAnnotations;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// Response time (spec 6.3): of the new leads that arrived in the period, the share first contacted within 1, 24 and
/// 48 hours of arrival, per source and per consultant, against the goal of 80% within 48 hours; and those still not
/// contacted 72 and 96 hours after arrival. Unassigned leads still waiting in the manager's queue count as new
/// leads not contacted (under "unassigned"), so a lead nobody was given shows here too.
/// </summary>
[Authorize(Policy = Policies.SalesManagement)]
public sealed class ResponseTimeModel(CrmDbContext db, StoreCalendar calendar, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public const double Goal = 0.8;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Common.From")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Common.To")]
    public DateOnly? To { get; set; }

    public Store Store { get; private set; } = null!;

    /// <summary>From is after To: said beside the filter, and no figures for a period that does not exist.</summary>
    public bool RangeRefused { get; private set; }

    public IReadOnlyList<Figures> BySource { get; private set; } = [];

    public IReadOnlyList<Figures> ByConsultant { get; private set; } = [];

    public Figures Total { get; private set; } = new(null, null, 0, 0, 0, 0, 0, 0);

    public async Task OnGetAsync()
    {
        Store = await calendar.StoreOfAsync(User);
        var today = Store.LocalDate(calendar.Now);

        // An unreadable or out-of-range date was dropped (its message is beside it): the default period stands in.
        To ??= From is { } start && start > today ? start : today;
        From ??= new DateOnly(To.Value.Year, To.Value.Month, 1);
        if (DateRange.IsReversed(ModelState, localizer, From, To, nameof(To), localizer["Common.From"],
                localizer["Common.To"]))
        {
            RangeRefused = true;
            return;
        }

        var from = Store.StartOfLocalDay(From.Value);
        var to = Store.StartOfLocalDay(To.Value.AddDays(1));
        var now = calendar.Now;
        var storeId = Store.Id;

        // One pass over the period's leads and waiting enquiries; every share is computed in SQL from arrival and
        // first-contact times, nothing kept by hand.
        var raw = await db.Database.SqlQuery<RawFigures>($"""
            WITH arrivals AS (
                SELECT l.source, l.owner_id, l.arrived_at, l.first_contact_at
                FROM leads l WHERE l.store_id = {storeId} AND l.arrived_at >= {from} AND l.arrived_at < {to}
                  -- A replacement card the job gave the selling consultant did not arrive through the queue (issue 14);
                  -- one the manager assigned from the queue did, and counts from its enquiry's arrival.
                  AND NOT EXISTS (SELECT 1 FROM replacement_offers o WHERE o.lead_id = l.id)
                UNION ALL
                SELECT i.source, NULL, i.arrived_at, NULL
                FROM incoming_leads i
                WHERE i.store_id = {storeId} AND i.status = {(int)IncomingLeadStatus.Waiting}
                  AND i.arrived_at >= {from} AND i.arrived_at < {to}
            )
            SELECT a.source AS source, a.owner_id AS owner_id, count(*)::int AS arrived,
                   count(*) FILTER (WHERE a.first_contact_at <= a.arrived_at + interval '1 hour')::int AS within1,
                   count(*) FILTER (WHERE a.first_contact_at <= a.arrived_at + interval '24 hours')::int AS within24,
                   count(*) FILTER (WHERE a.first_contact_at <= a.arrived_at + interval '48 hours')::int AS within48,
                   count(*) FILTER (WHERE a.arrived_at + interval '72 hours' <= {now}
                       AND (a.first_contact_at IS NULL OR a.first_contact_at > a.arrived_at + interval '72 hours'))::int AS late72,
                   count(*) FILTER (WHERE a.arrived_at + interval '96 hours' <= {now}
                       AND (a.first_contact_at IS NULL OR a.first_contact_at > a.arrived_at + interval '96 hours'))::int AS late96
            FROM arrivals a
            GROUP BY a.source, a.owner_id
            """).ToListAsync();
        var rows = raw.Select(r => new Figures(r.Source, r.OwnerId, r.Arrived, r.Within1, r.Within24, r.Within48, r.Late72,
            r.Late96)).ToList();

        BySource = rows.GroupBy(r => r.Source).Select(g => Sum(g, g.Key, null)).OrderBy(r => r.Source).ToList();
        var names = await db.Users.Where(u => u.StoreId == storeId).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        ByConsultant = rows.GroupBy(r => r.OwnerId).Select(g => Sum(g, null, g.Key))
            .OrderBy(r => r.OwnerId is null).ThenBy(r => r.OwnerId is { } id ? names.GetValueOrDefault(id) : string.Empty,
                StringComparer.Ordinal)
            .Select(r => r with { Name = r.OwnerId is { } id ? names.GetValueOrDefault(id) : null })
            .ToList();
        Total = Sum(rows, null, null);
    }

    private static Figures Sum(IEnumerable<Figures> rows, SourceChannel? source, long? ownerId)
    {
        var list = rows.ToList();
        return new Figures(source, ownerId, list.Sum(r => r.Arrived), list.Sum(r => r.Within1), list.Sum(r => r.Within24),
            list.Sum(r => r.Within48), list.Sum(r => r.Late72), list.Sum(r => r.Late96));
    }

    /// <summary>One (source, consultant) group as the SQL returns it.</summary>
    public sealed record RawFigures(SourceChannel Source, long? OwnerId, int Arrived, int Within1, int Within24,
        int Within48, int Late72, int Late96);

    public sealed record Figures(SourceChannel? Source, long? OwnerId, int Arrived, int Within1, int Within24,
        int Within48, int Late72, int Late96)
    {
        public string? Name { get; init; }

        public double Share(int count) => Arrived == 0 ? 0 : (double)count / Arrived;

        public bool BelowGoal => Arrived > 0 && Share(Within48) < Goal;
    }
}
