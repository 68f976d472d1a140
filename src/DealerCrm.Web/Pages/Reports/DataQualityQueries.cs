using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Pages.Leads;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealerCrm.Web.Pages.Reports;

/// <summary>
/// The data-quality figures (spec 6.6) of one store. The stock figures (completeness levels, valid mobiles, complete
/// addresses, owners contacted enough and not contacted) are the store's <see cref="DataQualitySnapshot"/> of its day,
/// computed by <see cref="ComputeStockAsync"/> when the day has none yet or on "Recalculate now" (and by the nightly
/// <c>data-quality-snapshot</c> job): at 1M they read every customer and a year of contacts of every owner, seconds a
/// view. The lists to fix are read live (shared mobiles, leads without a plan, the period's late entries, duplicate
/// invoices); the owners not contacted are the snapshot's first <see cref="ListCap"/>, read live and less those
/// contacted since. Each problem list is capped at <see cref="ListCap"/> rows with its full count.
/// </summary>
public static class DataQualityQueries
{
    public const int ListCap = 100;

    /// <summary>Owners not contacted for this many months are listed.</summary>
    public const int NotContactedMonths = 4;

    /// <summary>The share of owners contacted at least this many times in the last year is shown.</summary>
    public const int ContactsPerYear = 3;

    /// <summary>Follow-up results that did not reach the customer (attempts only): they are not contacts.</summary>
    public static readonly int[] UnreachedFollowUps = [(int)FollowUpResult.NoAnswer, (int)FollowUpResult.WrongNumber];

    /// <summary>
    /// The report: the stock figures from the store's snapshot of today (taken now when there is none, or when
    /// <paramref name="recalculate"/>), the lists live.
    /// </summary>
    public static async Task<DataQualityFigures> ReadAsync(CrmDbContext db, Store store, DateTimeOffset from,
        DateTimeOffset to, DateOnly firstDay, DateOnly lastDay, DateTimeOffset now, bool recalculate = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        var storeId = store.Id;
        var tz = store.TimeZoneId;
        var stock = await SnapshotAsync(db, store, now, recalculate, cancellationToken);

        // Planned for this store, without JIT (PlanPerValue.PlanReportAsync); read-only, so the transaction just ends.
        await using var plan = await db.PlanReportAsync(cancellationToken);

        // A mobile number is unique among a store's customers' mobiles (ux_customers_store_mobile), so "sharing" is a
        // customer's mobile that another customer of the store also gives as their home, office or preferred number.
        // Such a group is the mobile's owner and the others who list it: found from the other numbers (few customers
        // give one; the partial index ix_customers_other_numbers holds just them, so its predicate is repeated here)
        // by the unique index, rather than by grouping every number of the store.
        var shared = await db.Database.SqlQuery<SharedMobileRow>($"""
            WITH listed AS (
                SELECT DISTINCT c.id, c.name, n.number
                FROM customers c
                CROSS JOIN LATERAL (VALUES (c.home_phone), (c.office_phone), (c.preferred_contact_number)) n(number)
                JOIN customers m ON m.store_id = {storeId} AND m.mobile = n.number AND m.id <> c.id
                WHERE c.store_id = {storeId}
                  AND (c.home_phone IS NOT NULL OR c.office_phone IS NOT NULL OR c.preferred_contact_number IS NOT NULL)
            ), numbers AS (
                SELECT x.id, x.name, x.number FROM listed x
                UNION
                SELECT m.id, m.name, m.mobile FROM customers m
                WHERE m.store_id = {storeId} AND m.mobile IN (SELECT x.number FROM listed x)
            )
            SELECT x.number AS mobile, count(*)::int AS customers, min(x.id) AS first_id,
                   string_agg(x.name, '、' ORDER BY x.id) AS names, count(*) OVER ()::int AS groups
            FROM numbers x
            GROUP BY x.number
            ORDER BY x.number LIMIT {ListCap}
            """).ToListAsync(cancellationToken);

        var open = LeadRules.OpenStatusValues;
        var openPlan = (int)PlanStatus.Open;
        // The store's open leads first (MATERIALIZED): left to itself, the planner walks every lead of the group in id
        // order hoping to fill the first page early, and when there are none (as there should be) it reads them all.
        var noPlan = await db.Database.SqlQuery<LeadProblemRow>($"""
            WITH unplanned AS MATERIALIZED (
                SELECT l.id, l.customer_id, l.owner_id FROM leads l
                WHERE l.store_id = {storeId} AND l.status = ANY({open})
                  AND NOT EXISTS (SELECT 1 FROM follow_up_plans p WHERE p.lead_id = l.id AND p.status = {openPlan})
            )
            SELECT x.id AS lead_id, c.name AS customer_name, u.display_name AS owner_name, count(*) OVER ()::int AS total
            FROM unplanned x
            JOIN customers c ON c.id = x.customer_id
            LEFT JOIN users u ON u.id = x.owner_id
            ORDER BY x.id LIMIT {ListCap}
            """).ToListAsync(cancellationToken);

        // Entered after the business day: recorded on a later store-local day than the day the order was signed or
        // the car delivered. The period chooses the business day.
        var late = await db.Database.SqlQuery<LateEntryRow>($"""
            SELECT x.kind AS kind, x.lead_id AS lead_id, x.customer_name AS customer_name, x.business_day AS business_day,
                   x.entered_day AS entered_day, count(*) OVER ()::int AS total,
                   count(*) FILTER (WHERE x.kind = 0) OVER ()::int AS orders,
                   count(*) FILTER (WHERE x.kind = 1) OVER ()::int AS deliveries
            FROM (
                SELECT 0 AS kind, o.lead_id, c.name AS customer_name, o.order_date AS business_day,
                       (o.created_at AT TIME ZONE {tz})::date AS entered_day
                FROM orders o JOIN leads l ON l.id = o.lead_id JOIN customers c ON c.id = l.customer_id
                WHERE o.store_id = {storeId} AND o.order_date >= {firstDay} AND o.order_date <= {lastDay}
                UNION ALL
                SELECT 1, d.lead_id, c.name, (d.delivered_at AT TIME ZONE {tz})::date,
                       (d.created_at AT TIME ZONE {tz})::date
                FROM deliveries d JOIN customers c ON c.id = d.customer_id
                WHERE d.store_id = {storeId} AND d.delivered_at >= {from} AND d.delivered_at < {to}
            ) x
            WHERE x.entered_day > x.business_day
            ORDER BY x.business_day, x.kind, x.lead_id LIMIT {ListCap}
            """).ToListAsync(cancellationToken);
        var lateOrders = late.Count == 0 ? 0 : late[0].Orders;
        var lateDeliveries = late.Count == 0 ? 0 : late[0].Deliveries;
        var ordersInPeriod = await db.Orders.CountAsync(o => o.StoreId == storeId && o.OrderDate >= firstDay
            && o.OrderDate <= lastDay, cancellationToken);
        var deliveriesInPeriod = await db.Deliveries.CountAsync(d => d.StoreId == storeId && d.DeliveredAt >= from
            && d.DeliveredAt < to, cancellationToken);

        var invoices = await db.Database.SqlQuery<DuplicateInvoiceRow>($"""
            SELECT d.invoice_number AS invoice_number, count(*)::int AS deliveries, min(d.lead_id) AS first_lead_id,
                   count(*) OVER ()::int AS groups
            FROM deliveries d
            WHERE d.store_id = {storeId}
            GROUP BY d.invoice_number HAVING count(*) > 1
            ORDER BY d.invoice_number LIMIT {ListCap}
            """).ToListAsync(cancellationToken);

        // The snapshot's first owners not contacted, as they stand now: those contacted since it was taken drop out.
        var listed = stock.NotContactedIds.Length == 0 ? []
            : await OwnersAsync(db, store, now, stock.NotContactedIds, cancellationToken);
        var cutoff = NotContactedCutoff(store, now);
        var notContacted = listed.Where(o => IsNotContacted(o, cutoff)).ToList();

        return new DataQualityFigures(stock.Customers, stock.ValidMobile, stock.CompleteAddress, stock.Levels, shared,
            shared.Count == 0 ? 0 : shared[0].Groups, noPlan, noPlan.Count == 0 ? 0 : noPlan[0].Total,
            ordersInPeriod, lateOrders, deliveriesInPeriod, lateDeliveries, late, invoices,
            invoices.Count == 0 ? 0 : invoices[0].Groups, stock.Owners, stock.OwnersContactedEnough,
            stock.OwnersNotContacted, notContacted, stock.TakenAt);
    }

    /// <summary>
    /// The store's stock figures of its day: the snapshot already taken today, else (or when
    /// <paramref name="recalculate"/>) computed now by <see cref="ComputeStockAsync"/> and stored, in a transaction of
    /// its own. Two computations of one day (two views, the job) each replace the row only with a later one.
    /// </summary>
    public static async Task<DataQualitySnapshot> SnapshotAsync(CrmDbContext db, Store store, DateTimeOffset now,
        bool recalculate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        var today = store.LocalDate(now);
        if (!recalculate && await TodaysAsync(db, store.Id, today, cancellationToken) is { } taken)
        {
            return taken;
        }

        await using (var transaction = await db.PlanReportAsync(cancellationToken))
        {
            var stock = await ComputeStockAsync(db, store, now, cancellationToken);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO data_quality_snapshots (store_id, local_day, taken_at, customers, valid_mobile, complete_address,
                    levels, not_contacted_ids, owners, owners_contacted_enough, owners_not_contacted)
                VALUES ({store.Id}, {today}, {now}, {stock.Customers}, {stock.ValidMobile}, {stock.CompleteAddress},
                    {stock.Levels}, {stock.NotContactedIds}, {stock.Owners}, {stock.OwnersContactedEnough},
                    {stock.OwnersNotContacted})
                ON CONFLICT (store_id, local_day) DO UPDATE SET taken_at = EXCLUDED.taken_at,
                    customers = EXCLUDED.customers, valid_mobile = EXCLUDED.valid_mobile,
                    complete_address = EXCLUDED.complete_address, levels = EXCLUDED.levels,
                    not_contacted_ids = EXCLUDED.not_contacted_ids, owners = EXCLUDED.owners,
                    owners_contacted_enough = EXCLUDED.owners_contacted_enough,
                    owners_not_contacted = EXCLUDED.owners_not_contacted
                WHERE data_quality_snapshots.taken_at <= EXCLUDED.taken_at
                """, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return await TodaysAsync(db, store.Id, today, cancellationToken)
            ?? throw new InvalidOperationException("The data-quality snapshot just stored cannot be read back.");
    }

    private static Task<DataQualitySnapshot?> TodaysAsync(CrmDbContext db, int storeId, DateOnly today,
        CancellationToken cancellationToken) =>
        db.DataQualitySnapshots.AsNoTracking()
            .SingleOrDefaultAsync(s => s.StoreId == storeId && s.LocalDay == today, cancellationToken);

    /// <summary>
    /// The stock figures as of <paramref name="now"/>, from the records: completeness, mobiles and addresses (the
    /// domain's definitions in SQL, counted per level), and the owners and their contacts of the last year
    /// (<see cref="OwnersAsync"/> over the whole store). Runs in the caller's transaction, if any.
    /// </summary>
    public static async Task<StockFigures> ComputeStockAsync(CrmDbContext db, Store store, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);

        // At most MaxLevel + 1 rows come back, not one per customer.
        var perLevel = await db.Database.SqlQueryRaw<CustomerFiguresByLevel>(FiguresByLevelSql,
            CustomerFiguresParameters(store.Id)).ToListAsync(cancellationToken);
        var levels = new int[InformationCompleteness.MaxLevel + 1];
        foreach (var row in perLevel)
        {
            levels[row.Level] = row.Customers;
        }

        var owners = await OwnersAsync(db, store, now, null, cancellationToken);
        var first = owners.FirstOrDefault();
        var cutoff = NotContactedCutoff(store, now);
        var notContacted = owners.Where(o => IsNotContacted(o, cutoff)).Select(o => o.CustomerId).ToArray();
        return new StockFigures(perLevel.Sum(r => r.Customers), perLevel.Sum(r => r.ValidMobile),
            perLevel.Sum(r => r.CompleteAddress), levels, first?.Owners ?? 0, first?.ContactedEnough ?? 0,
            first?.NotContacted ?? 0, notContacted);
    }

    /// <summary>Not contacted for <see cref="NotContactedMonths"/> months: no contact since the start of the store's day
    /// that many months before today.</summary>
    public static DateTimeOffset NotContactedCutoff(Store store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.StartOfLocalDay(store.LocalDate(now).AddMonths(-NotContactedMonths));
    }

    /// <summary>An owner's row is "not contacted" with no contact since the cutoff (the statement's own test, in C#).</summary>
    private static bool IsNotContacted(OwnerRow owner, DateTimeOffset cutoff) =>
        owner.LastContact is null || owner.LastContact < cutoff;

    /// <summary>
    /// Owners (customers with a car of the store) and their contacts of the last year: a reached callback (closed
    /// reached), a follow-up that reached them, a service visit, attending an event; unanswered attempts do not count.
    /// A follow-up record carries its lead's store (the lead's own, which never changes), so the lead is looked up
    /// among the store's leads. Ordered as the report lists them — not contacted first, the never contacted before the
    /// longest ago — with the store's counts on every row, at most <see cref="ListCap"/> rows; with
    /// <paramref name="ids"/>, only those customers (the counts are then theirs). One statement for both, so the list
    /// read from a snapshot applies the snapshot's definition.
    /// </summary>
    private static async Task<List<OwnerRow>> OwnersAsync(CrmDbContext db, Store store, DateTimeOffset now, long[]? ids,
        CancellationToken cancellationToken)
    {
        var storeId = store.Id;
        var today = store.LocalDate(now);
        var yearAgo = store.StartOfLocalDay(today.AddYears(-1));
        var cutoff = NotContactedCutoff(store, now);
        var reached = (int)CallbackStatus.Reached;
        var unreached = UnreachedFollowUps;
        var all = ids is null;
        var only = ids ?? [];
        return await db.Database.SqlQuery<OwnerRow>($"""
            WITH owners AS (
                SELECT DISTINCT v.owner_customer_id AS id FROM vehicles v
                WHERE v.store_id = {storeId} AND ({all} OR v.owner_customer_id = ANY({only}))
            ), contacts AS (
                SELECT t.customer_id, t.closed_at AS at FROM callback_tasks t
                WHERE t.store_id = {storeId} AND t.status = {reached} AND t.closed_at >= {yearAgo} AND t.closed_at < {now}
                  AND ({all} OR t.customer_id = ANY({only}))
                UNION ALL
                SELECT l.customer_id, r.contacted_at FROM follow_up_records r JOIN leads l ON l.id = r.lead_id
                WHERE r.store_id = {storeId} AND l.store_id = {storeId}
                  AND r.result <> ALL({unreached}) AND r.contacted_at >= {yearAgo} AND r.contacted_at < {now}
                  AND ({all} OR l.customer_id = ANY({only}))
                UNION ALL
                SELECT s.customer_id, s.opened_at FROM service_visits s
                WHERE s.store_id = {storeId} AND s.opened_at >= {yearAgo} AND s.opened_at < {now}
                  AND ({all} OR s.customer_id = ANY({only}))
                UNION ALL
                SELECT cc.customer_id, cc.attended_at FROM campaign_contacts cc JOIN campaigns ca ON ca.id = cc.campaign_id
                WHERE ca.store_id = {storeId} AND cc.attended_at >= {yearAgo} AND cc.attended_at < {now}
                  AND ({all} OR cc.customer_id = ANY({only}))
            ), per AS (
                SELECT o.id, count(c.at)::int AS contacts, max(c.at) AS last_contact
                FROM owners o LEFT JOIN contacts c ON c.customer_id = o.id
                GROUP BY o.id
            ), listed AS (
                SELECT per.id, per.contacts, per.last_contact,
                       count(*) OVER ()::int AS owners,
                       count(*) FILTER (WHERE per.contacts >= {ContactsPerYear}) OVER ()::int AS contacted_enough,
                       count(*) FILTER (WHERE per.last_contact IS NULL OR per.last_contact < {cutoff}) OVER ()::int AS not_contacted
                FROM per
                ORDER BY (per.last_contact IS NULL OR per.last_contact < {cutoff}) DESC, per.last_contact NULLS FIRST, per.id
                LIMIT {ListCap}
            )
            SELECT x.id AS customer_id, cu.name AS customer_name, x.contacts AS contacts, x.last_contact AS last_contact,
                   x.owners AS owners, x.contacted_enough AS contacted_enough, x.not_contacted AS not_contacted
            FROM listed x JOIN customers cu ON cu.id = x.id
            ORDER BY (x.last_contact IS NULL OR x.last_contact < {cutoff}) DESC, x.last_contact NULLS FIRST, x.id
            """).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Per customer of the store (<c>@store</c>): the information-completeness level, a valid mobile and a complete
    /// postal address. The SQL translation of <see cref="InformationCompleteness.Level"/> over
    /// <see cref="LeadQueries.CompletenessFacts"/> of the customer and their latest lead of the store (by
    /// <c>created_at</c>; of two made at the same instant, the one with the higher id, recorded last), of
    /// <see cref="IsValidMobile"/> and of <see cref="PostalAddress.IsComplete(Customer)"/>. The patterns are the
    /// domain's own, passed as parameters (<see cref="CustomerFiguresParameters"/>): "filled" is
    /// <see cref="InformationCompleteness.FilledPattern"/>; a fact the C# reads through <c>??</c> is a
    /// <c>coalesce</c> here (a mobile of white space hides the home phone there too); a lead's fact is unknown
    /// without a lead. Every condition is made false, never NULL, before NOT. A web test
    /// (<c>DataQualitySqlEquivalenceTests</c>) holds this equal to the C# per customer.
    /// </summary>
    internal const string CustomerFiguresSql = """
        SELECT c.id AS customer_id,
               CASE
                   WHEN NOT ((c.name ~ @filled) IS TRUE AND c.gender <> @unknown_gender) THEN 0
                   WHEN NOT ((c.region ~ @filled) IS TRUE AND (l.interest_intended_model ~ @filled) IS TRUE
                             AND (l.interest_competitor_models ~ @filled) IS TRUE
                             AND (l.needs_heard_of_us_from ~ @filled) IS TRUE) THEN 1
                   WHEN NOT ((coalesce(c.mobile, c.home_phone, c.office_phone) ~ @filled) IS TRUE
                             AND (l.interest_intended_use ~ @filled) IS TRUE
                             AND (l.interest_purchase_type <> @unknown_purchase_type) IS TRUE) THEN 2
                   WHEN NOT ((c.industry ~ @filled) IS TRUE AND (c.occupation ~ @filled) IS TRUE
                             AND (c.employer ~ @filled) IS TRUE) THEN 3
                   WHEN NOT ((coalesce(c.home_address, c.work_address) ~ @filled) IS TRUE
                             AND c.birthday IS NOT NULL
                             AND (l.interest_payment_method <> @unknown_payment_method) IS TRUE
                             AND (l.needs_other_needs ~ @filled) IS TRUE) THEN 4
                   ELSE 5
               END AS level,
               (c.mobile ~ @valid_mobile) IS TRUE AS valid_mobile,
               (c.home_postcode ~ @postcode AND c.home_address ~ @address) IS TRUE
                   OR (c.work_postcode ~ @postcode AND c.work_address ~ @address) IS TRUE AS complete_address
        FROM customers c
        LEFT JOIN LATERAL (
            SELECT x.interest_intended_model, x.interest_competitor_models, x.interest_intended_use,
                   x.interest_purchase_type, x.interest_payment_method, x.needs_heard_of_us_from, x.needs_other_needs
            FROM leads x
            WHERE x.customer_id = c.id AND x.store_id = @store
            ORDER BY x.created_at DESC, x.id DESC
            LIMIT 1
        ) l ON true
        WHERE c.store_id = @store
        """;

    private const string FiguresByLevelSql = """
        SELECT f.level AS level, count(*)::int AS customers,
               count(*) FILTER (WHERE f.valid_mobile)::int AS valid_mobile,
               count(*) FILTER (WHERE f.complete_address)::int AS complete_address
        FROM (
        """ + CustomerFiguresSql + """
        ) f
        GROUP BY f.level
        """;

    /// <summary>
    /// A valid mobile (<see cref="IsValidMobile"/>) as a pattern for SQL: what <see cref="ChineseMobile.Normalize"/>
    /// keeps unchanged is exactly eleven ASCII digits, 1 then 3-9, nothing around them.
    /// </summary>
    public const string ValidMobilePattern = "^1[3-9][0-9]{9}$";

    /// <summary>The parameters of <see cref="CustomerFiguresSql"/>: the store and the domain's patterns and values.</summary>
    internal static NpgsqlParameter[] CustomerFiguresParameters(int storeId) =>
    [
        new NpgsqlParameter<int>("store", storeId),
        new NpgsqlParameter<string>("filled", InformationCompleteness.FilledPattern),
        new NpgsqlParameter<int>("unknown_gender", (int)Gender.Unknown),
        new NpgsqlParameter<int>("unknown_purchase_type", (int)PurchaseType.Unknown),
        new NpgsqlParameter<int>("unknown_payment_method", (int)PaymentMethod.Unknown),
        new NpgsqlParameter<string>("valid_mobile", ValidMobilePattern),
        new NpgsqlParameter<string>("postcode", PostalAddress.PostcodePattern),
        new NpgsqlParameter<string>("address", PostalAddress.AddressPattern),
    ];

    /// <summary>A valid mobile: one the domain's normalization keeps as it is (11 digits, a Chinese mobile prefix).</summary>
    public static bool IsValidMobile(string? mobile)
    {
        if (string.IsNullOrEmpty(mobile))
        {
            return false;
        }

        try
        {
            return ChineseMobile.Normalize(mobile) == mobile;
        }
        catch (DomainException)
        {
            return false;
        }
    }
}

public sealed record CustomerFiguresByLevel(int Level, int Customers, int ValidMobile, int CompleteAddress);

public sealed record SharedMobileRow(string Mobile, int Customers, long FirstId, string Names, int Groups);

public sealed record LeadProblemRow(long LeadId, string CustomerName, string? OwnerName, int Total);

public sealed record LateEntryRow(int Kind, long LeadId, string CustomerName, DateOnly BusinessDay, DateOnly EnteredDay,
    int Total, int Orders, int Deliveries);

public sealed record DuplicateInvoiceRow(string InvoiceNumber, int Deliveries, long FirstLeadId, int Groups);

public sealed record OwnerRow(long CustomerId, string CustomerName, int Contacts, DateTimeOffset? LastContact, int Owners,
    int ContactedEnough, int NotContacted);

public sealed record DataQualityFigures(
    int Customers,
    int ValidMobile,
    int CompleteAddress,
    IReadOnlyList<int> Levels,
    IReadOnlyList<SharedMobileRow> SharedMobiles,
    int SharedMobileGroups,
    IReadOnlyList<LeadProblemRow> LeadsWithoutPlan,
    int LeadsWithoutPlanCount,
    int OrdersInPeriod,
    int LateOrders,
    int DeliveriesInPeriod,
    int LateDeliveries,
    IReadOnlyList<LateEntryRow> LateEntries,
    IReadOnlyList<DuplicateInvoiceRow> DuplicateInvoices,
    int DuplicateInvoiceGroups,
    int Owners,
    int OwnersContactedEnough,
    int OwnersNotContacted,
    IReadOnlyList<OwnerRow> NotContactedOwners,
    DateTimeOffset StockTakenAt);

/// <summary>The stock figures of a store at an instant (<see cref="DataQualityQueries.ComputeStockAsync"/>).</summary>
public sealed record StockFigures(int Customers, int ValidMobile, int CompleteAddress, int[] Levels, int Owners,
    int OwnersContactedEnough, int OwnersNotContacted, long[] NotContactedIds);
