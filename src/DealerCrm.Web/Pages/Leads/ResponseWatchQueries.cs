using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// The one query of "uncontacted" lead cards (<see cref="ResponseWatch"/>): the lead half of the rule from the domain,
/// and "arrived through the assignment queue" as the card an <see cref="IncomingLead"/> was assigned to (website,
/// manufacturer, platform and imported enquiries; not walk-ins or cards a consultant made). The lead response watch
/// job states the same in SQL; a test holds the two together.
/// </summary>
public static class ResponseWatchQueries
{
    public static IQueryable<Lead> UncontactedFromQueue(CrmDbContext db, DateTimeOffset now) =>
        db.Leads.Where(ResponseWatch.Uncontacted(now))
            .Where(l => db.IncomingLeads.Any(i => i.LeadId == l.Id && i.Status == IncomingLeadStatus.Assigned));
}
