using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>One campaign's row of the M01 report (spec 6.5): its details, targets and the figures of its contacts.</summary>
public sealed record CampaignFigures(long CampaignId, string Name, CampaignType Type, DateOnly StartsOn, DateOnly EndsOn,
    decimal Cost, int? TargetLeads, int? TargetAttendees, int? TargetContracts, int Notified, int Invited, int Attended,
    int Leads, int QualifiedLeads, int Day0, int Days1To3, int Days4To30)
{
    /// <summary>Total sales: the sum of the three windows (6.5).</summary>
    public int TotalSales => Day0 + Days1To3 + Days4To30;
}

/// <summary>
/// The M01 report's figures in one SQL statement per store and period (definitions in <see cref="CampaignRules"/>):
/// the contacts whose first stamp (notified) falls in the period, per campaign: how many were notified, invited and
/// attended; the customers' leads created in each contact's lead window and those graded H, A or B at any time; the
/// non-cancelled orders of attendees by days after attendance, each order credited only to the latest attendance of
/// the customer on or before its day. Days are the store's local days. Reads start from the store's campaigns (index on
/// store) and their contacts (unique index on campaign, customer); leads by customer; orders by lead.
/// </summary>
public static class CampaignReportQueries
{
    public static async Task<IReadOnlyList<CampaignFigures>> ReadAsync(CrmDbContext db, Store store, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(period);
        var storeId = store.Id;
        var tz = store.TimeZoneId;
        var from = store.StartOfLocalDay(period.From);
        var to = store.StartOfLocalDay(period.EndExclusive);
        var leadDaysAfter = CampaignRules.LeadDays + 1;
        var contractDays = CampaignRules.ContractDays;
        var early = CampaignRules.EarlyDays;
        var cancelled = (int)OrderStatus.Cancelled;
        int[] qualified = [(int)Grade.H, (int)Grade.A, (int)Grade.B];
        var raw = await db.Database.SqlQuery<RawCampaignFigures>($"""
            WITH cohort AS (
                SELECT cc.id, cc.campaign_id, cc.customer_id, cc.invited_at, cc.attended_at,
                       (cc.notified_at AT TIME ZONE {tz})::date AS first_day,
                       (coalesce(cc.attended_at, cc.invited_at, cc.notified_at) AT TIME ZONE {tz})::date AS last_day,
                       (cc.attended_at AT TIME ZONE {tz})::date AS attended_day
                FROM campaigns k
                JOIN campaign_contacts cc ON cc.campaign_id = k.id
                WHERE k.store_id = {storeId} AND cc.store_id = {storeId}
                  AND cc.notified_at >= {from} AND cc.notified_at < {to}
            ),
            stages AS (
                SELECT campaign_id, count(*)::int AS notified, count(invited_at)::int AS invited,
                       count(attended_at)::int AS attended
                FROM cohort GROUP BY campaign_id
            ),
            created AS (
                SELECT DISTINCT c.campaign_id, l.id AS lead_id
                FROM cohort c
                JOIN leads l ON l.customer_id = c.customer_id AND l.store_id = {storeId}
                WHERE l.created_at >= (c.first_day::timestamp AT TIME ZONE {tz})
                  AND l.created_at < ((c.last_day + {leadDaysAfter})::timestamp AT TIME ZONE {tz})
            ),
            lead_counts AS (
                SELECT cr.campaign_id, count(*)::int AS leads,
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM lead_events e
                           WHERE e.lead_id = cr.lead_id AND e.to_grade = ANY ({qualified})))::int AS qualified
                FROM created cr GROUP BY cr.campaign_id
            ),
            contracts AS (
                SELECT c.campaign_id, o.order_date - c.attended_day AS day
                FROM cohort c
                JOIN leads l ON l.customer_id = c.customer_id AND l.store_id = {storeId}
                JOIN orders o ON o.lead_id = l.id AND o.status <> {cancelled}
                WHERE c.attended_at IS NOT NULL
                  AND o.order_date >= c.attended_day AND o.order_date <= c.attended_day + {contractDays}
                  AND NOT EXISTS (
                      SELECT 1 FROM campaign_contacts later
                      WHERE later.customer_id = c.customer_id AND later.store_id = {storeId}
                        AND later.attended_at IS NOT NULL AND later.id <> c.id
                        AND (later.attended_at > c.attended_at OR (later.attended_at = c.attended_at AND later.id > c.id))
                        AND (later.attended_at AT TIME ZONE {tz})::date <= o.order_date)
            ),
            contract_counts AS (
                SELECT campaign_id,
                       count(*) FILTER (WHERE day = 0)::int AS day0,
                       count(*) FILTER (WHERE day BETWEEN 1 AND {early})::int AS days1to3,
                       count(*) FILTER (WHERE day > {early})::int AS days4to30
                FROM contracts GROUP BY campaign_id
            )
            SELECT s.campaign_id AS campaign_id, s.notified AS notified, s.invited AS invited, s.attended AS attended,
                   coalesce(lc.leads, 0) AS leads, coalesce(lc.qualified, 0) AS qualified,
                   coalesce(k.day0, 0) AS day0, coalesce(k.days1to3, 0) AS days1to3, coalesce(k.days4to30, 0) AS days4to30
            FROM stages s
            LEFT JOIN lead_counts lc ON lc.campaign_id = s.campaign_id
            LEFT JOIN contract_counts k ON k.campaign_id = s.campaign_id
            """).ToListAsync();
        var byCampaign = raw.ToDictionary(r => r.CampaignId);
        var ids = byCampaign.Keys.ToList();

        // Rows: the campaigns with contacts dated in the period, and those running in it (shown with zeros).
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.StoreId == storeId
                && (ids.Contains(c.Id) || (c.StartsOn <= period.To && c.EndsOn >= period.From)))
            .OrderBy(c => c.StartsOn).ThenBy(c => c.Id)
            .ToListAsync();
        return campaigns.Select(c =>
        {
            var r = byCampaign.GetValueOrDefault(c.Id) ?? new RawCampaignFigures(c.Id, 0, 0, 0, 0, 0, 0, 0, 0);
            return new CampaignFigures(c.Id, c.Name, c.Type, c.StartsOn, c.EndsOn, c.Cost, c.TargetLeads,
                c.TargetAttendees, c.TargetContracts, r.Notified, r.Invited, r.Attended, r.Leads, r.Qualified, r.Day0,
                r.Days1to3, r.Days4to30);
        }).ToList();
    }

    public sealed record RawCampaignFigures(long CampaignId, int Notified, int Invited, int Attended, int Leads,
        int Qualified, int Day0, int Days1to3, int Days4to30);
}
