using System.Globalization;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Import;
using DealerCrm.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpgsqlTypes;

namespace DealerCrm.Web.Pages.Service;

/// <summary>
/// The DMS's daily repair orders as CSV (spec 4.2) — the repair-order kind of <see cref="CsvImportPipeline"/>. Store +
/// order number is the key: a new order is added; a re-sent order with a later completion time completes (or
/// re-completes) the visit; any other re-sent row changes nothing, so the same file twice adds nothing. A VIN not on
/// file in the group becomes a vehicle sold elsewhere, in use; an owner mobile not known in the store becomes a
/// customer; an existing customer's name and mobile are never overwritten. Each row is checked by the entities' own
/// rules; what needs the database (a mileage below the car's last, an owner or model that a new record needs) is
/// checked set-based in the merge, which is a handful of statements, never one per row.
/// </summary>
public sealed class ServiceVisitImporter(CsvImportPipeline pipeline, IStringLocalizer<SharedResource> localizer)
    : ICsvImportKind<ServiceVisitImporter.Row>, IImportReader
{
    public const string OrderNumber = "OrderNumber";
    public const string VinColumn = "Vin";
    public const string Plate = "Plate";
    public const string Brand = "Brand";
    public const string Model = "Model";
    public const string OwnerName = "OwnerName";
    public const string OwnerMobile = "OwnerMobile";
    public const string OpenedAt = "OpenedAt";
    public const string CompletedAt = "CompletedAt";
    public const string Mileage = "Mileage";
    public const string Types = "Types";
    public const string Amount = "Amount";
    public const string Payer = "Payer";
    public const string Advisor = "Advisor";
    public const string BroughtByName = "BroughtByName";
    public const string BroughtByMobile = "BroughtByMobile";
    public const string AcceptsCallback = "AcceptsCallback";
    public const string CallbackNumber = "CallbackNumber";
    public const string CallbackTime = "CallbackTime";
    public const string Insurer = "Insurer";
    public const string InsuranceExpiry = "InsuranceExpiry";
    public const string NextInspection = "NextInspectionDate";

    /// <summary>The columns in the template's order, with the English and Chinese header the template writes.</summary>
    public static readonly IReadOnlyList<(string Column, string English, string Chinese)> TemplateColumns =
    [
        (OrderNumber, "order_number", "委托书号"), (VinColumn, "vin", "车架号"), (Plate, "plate", "车牌号"),
        (Brand, "brand", "品牌"), (Model, "model", "车型"), (OwnerName, "owner_name", "车主姓名"),
        (OwnerMobile, "owner_mobile", "车主手机"), (OpenedAt, "opened_at", "开单时间"), (CompletedAt, "completed_at", "完工时间"),
        (Mileage, "mileage", "进厂里程"), (Types, "service_types", "维修类型"), (Amount, "amount", "金额"),
        (Payer, "payer", "付费方式"),
        (Advisor, "advisor", "服务顾问"), (BroughtByName, "brought_by_name", "送修人"),
        (BroughtByMobile, "brought_by_mobile", "送修人手机"), (AcceptsCallback, "accepts_callback", "是否接受回访"),
        (CallbackNumber, "callback_number", "回访电话"), (CallbackTime, "callback_time", "回访时间"),
        (Insurer, "insurer", "保险公司"), (InsuranceExpiry, "insurance_expiry", "保险到期日"),
        (NextInspection, "next_inspection", "下次年检日期"),
    ];

    private static readonly Dictionary<string, string> Aliases = BuildAliases();

    private static readonly char[] TypeSeparators = [';', '；', '、', ',', '，', '|', '/'];

    /// <summary>
    /// Who pays (结算方式) as DMS exports write it, squashed and compared without case (docs/decisions.md, "Issue 13 —
    /// who pays"). An empty cell is not here: the order's types decide (<see cref="ServiceVisit.DefaultPayer"/>).
    /// </summary>
    private static readonly Dictionary<string, ServicePayer> PayerNames = BuildPayerNames();

    public ImportKind Kind => ImportKind.ServiceVisits;

    public IReadOnlyDictionary<string, string> Columns => Aliases;

    public IReadOnlyList<string> RequiredColumns { get; } = [OrderNumber, VinColumn, OpenedAt, Mileage, Types];

    public string AuditAction => AuditActions.ServiceVisitsImported;

    public Task<LeadImport> ImportAsync(Store store, long userId, string fileName, byte[] content,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return pipeline.StartAsync(this, store.Id, userId, fileName, content, cancellationToken);
    }

    public Task ReadAsync(long importId, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(this, importId, cancellationToken);

    public async Task<ICsvImportFile<Row>> OpenAsync(ImportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE incoming_visits (
                line int, order_number text, vin text, plate text, brand text, model text, owner_name text,
                owner_mobile text, opened_at timestamptz, completed_at timestamptz, local_date date, mileage int, types int,
                amount numeric(12,2), advisor_id bigint, advisor_name text, brought_by_name text, brought_by_mobile text,
                accepts_callback boolean, callback_number text, callback_time text, insurer text, insurance_expiry date,
                next_inspection date, payer smallint NOT NULL, payer_stated boolean NOT NULL,
                vehicle_id bigint, latest int, owner_id bigint, customer_id bigint, fresh boolean NOT NULL DEFAULT false)
            ON COMMIT DROP
            """, context.Connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // The store's accounts by user name and by full name (an advisor the DMS names but the CRM does not know is
        // kept as text on the visit).
        var users = await context.Db.Users.AsNoTracking().Where(u => u.StoreId == context.Store.Id)
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(cancellationToken);
        var advisors = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users.Where(u => u.UserName is not null))
        {
            advisors.TryAdd(user.UserName!, user.Id);
        }

        foreach (var user in users.Where(u => u.DisplayName.Length > 0))
        {
            advisors.TryAdd(user.DisplayName, user.Id);
        }

        return new File(context, TypeNames(), advisors);
    }

    /// <summary>The service types by code (FirstMaintenance) and by name in either language (首保, First maintenance).</summary>
    private Dictionary<string, ServiceTypes> TypeNames()
    {
        var names = new Dictionary<string, ServiceTypes>(StringComparer.OrdinalIgnoreCase);
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in CrmLocalization.SupportedCultures)
            {
                CultureInfo.CurrentUICulture = culture;
                foreach (var type in ServiceTypeRules.Each)
                {
                    names.TryAdd(CsvImportPipeline.Squash(type.ToString()), type);
                    names.TryAdd(CsvImportPipeline.Squash(localizer[$"Enum.ServiceTypes.{type}"].Value), type);
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }

        // Short names DMS exports commonly use.
        names.TryAdd("保险维修", ServiceTypes.InsuranceRepair);
        names.TryAdd("事故车维修", ServiceTypes.InsuranceRepair);
        names.TryAdd("钣喷", ServiceTypes.BodyAndPaint);
        names.TryAdd("配件", ServiceTypes.PartsCounter);
        names.TryAdd("救援", ServiceTypes.RoadsideRescue);
        names.TryAdd("年检", ServiceTypes.InspectionAgency);
        names.TryAdd("首次保养", ServiceTypes.FirstMaintenance);
        names.TryAdd("定期保养", ServiceTypes.Maintenance);
        return names;
    }

    private static Dictionary<string, string> BuildAliases()
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, english, chinese) in TemplateColumns)
        {
            aliases[CsvImportPipeline.Squash(column)] = column;
            aliases[CsvImportPipeline.Squash(english)] = column;
            aliases[chinese] = column;
        }

        void Add(string column, params string[] more)
        {
            foreach (var alias in more)
            {
                aliases.TryAdd(CsvImportPipeline.Squash(alias), column);
            }
        }

        Add(OrderNumber, "order no", "orderno", "ro", "ro number", "repair order", "委托书编号", "工单号", "维修单号");
        Add(VinColumn, "vin码", "车辆识别代号", "车架号码");
        Add(Plate, "plate number", "车牌", "车牌号码");
        Add(Model, "车型名称");
        Add(OwnerName, "owner", "车主", "客户姓名");
        Add(OwnerMobile, "owner phone", "车主电话", "车主手机号", "客户手机");
        Add(OpenedAt, "opened", "open time", "进厂时间", "开单日期");
        Add(CompletedAt, "completed", "completion time", "完工日期", "竣工时间");
        Add(Mileage, "odometer", "里程", "进厂公里数");
        Add(Types, "service type", "types", "type", "维修类别", "服务类型");
        Add(Amount, "total", "结算金额", "维修金额");
        Add(Payer, "结算方式", "paid by", "payer type", "付费类型", "结算类型");
        Add(Advisor, "service advisor", "服务顾问姓名", "接待顾问");
        Add(BroughtByName, "brought by", "送修人姓名");
        Add(BroughtByMobile, "brought by phone", "送修人电话", "送修人手机号");
        Add(AcceptsCallback, "callback", "callback consent", "接受回访", "是否回访");
        Add(CallbackNumber, "callback phone", "回访号码");
        Add(CallbackTime, "callback preferred time", "方便回访时间");
        Add(InsuranceExpiry, "insurance expiry date", "保险到期", "保险到期日期");
        Add(NextInspection, "next inspection", "下次年检", "年检到期日");
        return aliases;
    }

    private static Dictionary<string, ServicePayer> BuildPayerNames()
    {
        var names = new Dictionary<string, ServicePayer>(StringComparer.OrdinalIgnoreCase);
        void Add(ServicePayer payer, params string[] spellings)
        {
            foreach (var spelling in spellings)
            {
                names.Add(CsvImportPipeline.Squash(spelling), payer);
            }
        }

        Add(ServicePayer.Customer, "customer", "客户", "客户付费", "自费", "customer pays", "customer paid");
        Add(ServicePayer.Manufacturer, "manufacturer", "warranty", "warranty claim", "厂家", "索赔", "保修", "厂家索赔", "三包");
        Add(ServicePayer.Insurer, "insurer", "insurance", "insurance company", "保险", "保险公司", "保险理赔");
        Add(ServicePayer.Internal, "internal", "内部", "内部结算");
        return names;
    }

    /// <summary>A checked repair order, normalized by the entities' own rules; equal rows are the same order sent twice.</summary>
    public sealed record Row(string OrderNumber, string Vin, string? Plate, string? Brand, string? Model,
        string? OwnerName, string? OwnerMobile, DateTimeOffset OpenedAt, DateTimeOffset? CompletedAt, DateOnly LocalDate,
        int Mileage, ServiceTypes Types, decimal? Amount, long? AdvisorId, string? AdvisorName, string? BroughtByName,
        string? BroughtByMobile, bool AcceptsCallback, string? CallbackNumber, string? CallbackTime, string? Insurer,
        DateOnly? InsuranceExpiry, DateOnly? NextInspection, ServicePayer Payer, bool PayerStated)
    {
        /// <summary>The same order repeated identically further down the file: counted, not written twice.</summary>
        public bool IsRepeat { get; init; }
    }

    private sealed class File(ImportContext context, Dictionary<string, ServiceTypes> typeNames,
        Dictionary<string, long> advisors) : ICsvImportFile<Row>
    {
        private readonly Dictionary<string, (int Line, Row Row)> _orders = new(StringComparer.Ordinal);

        // A DMS writes the same few type cells ("保养;小修") on most rows: each is split and looked up once per file.
        private readonly Dictionary<string, ServiceTypes> _typesRead = new(StringComparer.Ordinal);

        // The entities check a visit against its car's file; for the row's own rules (mileage range) a blank file
        // serves, and the database-dependent rule (not below the car's last) is checked by the merge.
        private readonly Vehicle _blank = new(context.Store.Id, Domain.Common.Vin.WithCheckDigit("LSVAU2180N2183294"), null,
            null, "-", null, 0, null, null, soldByUs: false, context.Now);

        public string CopyCommand => """
            COPY incoming_visits (line, order_number, vin, plate, brand, model, owner_name, owner_mobile, opened_at,
                completed_at, local_date, mileage, types, amount, advisor_id, advisor_name, brought_by_name,
                brought_by_mobile, accepts_callback, callback_number, callback_time, insurer, insurance_expiry,
                next_inspection, payer, payer_stated) FROM STDIN (FORMAT BINARY)
            """;

        public Row? Check(ImportRow row)
        {
            try
            {
                return CheckRow(row);
            }
            catch (DomainException ex)
            {
                row.Refuse(ex, ColumnOf);
                return null;
            }
        }

        public void Write(NpgsqlBinaryImporter copy, int line, Row row)
        {
            if (row.IsRepeat)
            {
                return;
            }

            copy.StartRow();
            copy.Write(line, NpgsqlDbType.Integer);
            copy.Write(row.OrderNumber, NpgsqlDbType.Text);
            copy.Write(row.Vin, NpgsqlDbType.Text);
            WriteText(copy, row.Plate);
            WriteText(copy, row.Brand);
            WriteText(copy, row.Model);
            WriteText(copy, row.OwnerName);
            WriteText(copy, row.OwnerMobile);
            copy.Write(row.OpenedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            if (row.CompletedAt is { } completed)
            {
                copy.Write(completed.UtcDateTime, NpgsqlDbType.TimestampTz);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(row.LocalDate, NpgsqlDbType.Date);
            copy.Write(row.Mileage, NpgsqlDbType.Integer);
            copy.Write((int)row.Types, NpgsqlDbType.Integer);
            if (row.Amount is { } amount)
            {
                copy.Write(amount, NpgsqlDbType.Numeric);
            }
            else
            {
                copy.WriteNull();
            }

            if (row.AdvisorId is { } advisorId)
            {
                copy.Write(advisorId, NpgsqlDbType.Bigint);
            }
            else
            {
                copy.WriteNull();
            }

            WriteText(copy, row.AdvisorName);
            WriteText(copy, row.BroughtByName);
            WriteText(copy, row.BroughtByMobile);
            copy.Write(row.AcceptsCallback, NpgsqlDbType.Boolean);
            WriteText(copy, row.CallbackNumber);
            WriteText(copy, row.CallbackTime);
            WriteText(copy, row.Insurer);
            WriteDate(copy, row.InsuranceExpiry);
            WriteDate(copy, row.NextInspection);
            copy.Write((short)row.Payer, NpgsqlDbType.Smallint);
            copy.Write(row.PayerStated, NpgsqlDbType.Boolean);
        }

        public async Task<MergeResult> MergeAsync(CancellationToken cancellationToken)
        {
            var db = context.Db.Database;
            var storeId = context.Store.Id;
            var now = context.Now;
            var refused = 0;

            // One import of a store's repair orders at a time: a second one (the same file uploaded twice at once, or
            // two workers) waits here and then sees the first one's orders, vehicles and owners as stored.
            await db.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(1100, {storeId})", cancellationToken);

            // A 100,000-row file's sorts and hashes (the DISTINCT ONs, the mileage window, the joins) fit in 64 MB; at
            // the server's default 4 MB each spilled to disk. Statistics from a 3,000-row sample are enough for the
            // planner to choose hash joins, and cost a tenth of the default 30,000-row sample (measured: 0.3 s at 100k).
            await db.ExecuteSqlAsync($"SET LOCAL work_mem = '64MB'", cancellationToken);
            await db.ExecuteSqlAsync($"SET LOCAL default_statistics_target = 10", cancellationToken);
            await db.ExecuteSqlAsync($"ANALYZE incoming_visits", cancellationToken);

            // Re-sent orders: a later completion time completes (or re-completes) the visit, as Complete does; a row
            // that states who pays sets the payer (the DMS corrected 结算方式, e.g. a refused warranty claim), an empty
            // payer cell keeps the first one; anything else in a re-sent row changes nothing. One statement.
            var updated = await db.ExecuteSqlAsync($"""
                UPDATE service_visits v
                SET completed_at = CASE WHEN i.completed_at >= v.opened_at
                        AND (v.completed_at IS NULL OR i.completed_at > v.completed_at)
                        THEN i.completed_at ELSE v.completed_at END,
                    payer = CASE WHEN i.payer_stated THEN i.payer ELSE v.payer END, updated_at = {now}
                FROM incoming_visits i
                WHERE v.store_id = {storeId} AND v.order_number = i.order_number
                  AND ((i.completed_at >= v.opened_at AND (v.completed_at IS NULL OR i.completed_at > v.completed_at))
                       OR (i.payer_stated AND i.payer <> v.payer))
                """, cancellationToken);
            await db.ExecuteSqlAsync($"""
                DELETE FROM incoming_visits i USING service_visits v
                WHERE v.store_id = {storeId} AND v.order_number = i.order_number
                """, cancellationToken);

            // The cars on file anywhere in the group (a VIN is one car).
            await db.ExecuteSqlAsync($"""
                UPDATE incoming_visits i SET vehicle_id = v.id, latest = v.latest_mileage, owner_id = v.owner_customer_id
                FROM vehicles v WHERE v.vin = i.vin
                """, cancellationToken);

            // Never below the car's last recorded mileage (the DMS has no column for a reason), nor below an earlier
            // order of the same car in this file.
            foreach (var (line, floor) in await ReturningAsync("""
                DELETE FROM incoming_visits i USING (
                    SELECT line, greatest(latest, max(mileage) OVER (PARTITION BY vin ORDER BY opened_at, line
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS floor
                    FROM incoming_visits) f
                WHERE f.line = i.line AND i.mileage < f.floor
                RETURNING i.line, f.floor
                """, cancellationToken))
            {
                context.Import.Refuse(line, Mileage, "Service.MileageBelowLast", floor);
                refused++;
            }

            // A row without the owner's mobile is the car's owner's visit: this store's customer when the owner is
            // one, else the owner is found or created here by their mobile.
            await db.ExecuteSqlAsync($"""
                UPDATE incoming_visits i SET owner_mobile = c.mobile, owner_name = coalesce(i.owner_name, c.name),
                    customer_id = CASE WHEN c.store_id = {storeId} THEN c.id END
                FROM customers c
                WHERE c.id = i.owner_id AND i.owner_mobile IS NULL
                """, cancellationToken);
            await FindOwnersAsync(cancellationToken);

            // What a new record needs: an owner's mobile and name, a new car's model (from any row of that car). The
            // subquery lists only the new cars no row gives a model for (usually none), so PostgreSQL hashes it once:
            // a correlated NOT EXISTS inside the OR ran once per row, and a NOT IN over every VIN of a 100,000-row
            // file outgrew work_mem, lost its hash and took 14.6 s (measured on the import benchmark).
            foreach (var (line, reason) in await ReturningAsync("""
                DELETE FROM incoming_visits i
                WHERE (i.customer_id IS NULL AND (i.owner_mobile IS NULL OR i.owner_name IS NULL))
                   OR (i.vehicle_id IS NULL
                       AND i.vin IN (SELECT j.vin FROM incoming_visits j WHERE j.vehicle_id IS NULL
                                     GROUP BY j.vin HAVING bool_and(j.model IS NULL)))
                RETURNING i.line,
                    CASE WHEN i.customer_id IS NULL AND i.owner_mobile IS NULL THEN 1
                         WHEN i.customer_id IS NULL AND i.owner_name IS NULL THEN 2 ELSE 3 END
                """, cancellationToken))
            {
                var (column, key) = reason switch
                {
                    1 => (OwnerMobile, "Import.Service.OwnerMobileRequired"),
                    2 => (OwnerName, "Import.Service.OwnerNameRequired"),
                    _ => (Model, "Import.Service.ModelRequired"),
                };
                context.Import.Refuse(line, column, key);
                refused++;
            }

            // New owners, as new Customer(store, name, Unknown, mobile, now) makes them: the first row of a mobile
            // names them; an existing customer is never touched.
            await db.ExecuteSqlAsync($"""
                INSERT INTO customers (store_id, kind, name, gender, mobile, is_vip, is_key_account, is_blacklisted,
                    marketing_consent, callback_consent, cumulative_spend, created_at, updated_at)
                SELECT DISTINCT ON (owner_mobile) {storeId}, 0, owner_name, 0, owner_mobile, false, false, false, false,
                    false, 0, {now}, {now}
                FROM incoming_visits WHERE customer_id IS NULL
                ORDER BY owner_mobile, line
                ON CONFLICT (store_id, mobile) WHERE mobile IS NOT NULL DO NOTHING
                """, cancellationToken);
            await FindOwnersAsync(cancellationToken);

            // New cars, as Vehicle.RegisterAtFirstVisit makes them (sold elsewhere, in use), from their first row, with
            // what their orders in this file tell their file (as AddVisitsAsync records it, from an empty file), so
            // that a new car is written once. Marked fresh: created by this import.
            await db.ExecuteSqlAsync($"""
                WITH created AS (
                    INSERT INTO vehicles (store_id, vin, plate, brand, model, owner_customer_id, sold_by_us, status,
                        created_at, first_service_date, first_service_mileage, latest_mileage, latest_mileage_date,
                        insurer, insurance_expiry, next_inspection_date)
                    SELECT {storeId}, c.vin, c.plate, c.brand, c.model, c.customer_id, false,
                        {(int)VehicleStatus.InUse}, {now}, f.local_date, f.mileage, l.mileage, l.local_date, n.insurer,
                        n.insurance_expiry, n.next_inspection
                    FROM (SELECT DISTINCT ON (vin) vin, plate, brand, model, customer_id FROM incoming_visits
                          WHERE vehicle_id IS NULL AND model IS NOT NULL ORDER BY vin, opened_at, line) c
                    JOIN (SELECT DISTINCT ON (vin) vin, local_date, mileage FROM incoming_visits WHERE vehicle_id IS NULL
                          ORDER BY vin, local_date, opened_at, line) f USING (vin)
                    JOIN (SELECT DISTINCT ON (vin) vin, local_date, mileage FROM incoming_visits WHERE vehicle_id IS NULL
                          ORDER BY vin, mileage DESC, opened_at DESC, line DESC) l USING (vin)
                    LEFT JOIN (SELECT DISTINCT ON (vin) vin, insurer, insurance_expiry, next_inspection
                          FROM incoming_visits
                          WHERE vehicle_id IS NULL
                            AND (insurer IS NOT NULL OR insurance_expiry IS NOT NULL OR next_inspection IS NOT NULL)
                          ORDER BY vin, opened_at DESC, line DESC) n USING (vin)
                    ORDER BY c.vin
                    ON CONFLICT (vin) DO NOTHING
                    RETURNING id, vin)
                UPDATE incoming_visits i SET vehicle_id = created.id, fresh = true FROM created WHERE i.vin = created.vin
                """, cancellationToken);

            // A car someone else registered meanwhile (the VIN's unique key kept theirs): not fresh.
            await db.ExecuteSqlAsync($"""
                UPDATE incoming_visits i SET vehicle_id = v.id FROM vehicles v WHERE i.vehicle_id IS NULL AND v.vin = i.vin
                """, cancellationToken);

            var added = await AddVisitsAsync(cancellationToken);
            return new MergeResult(added, updated, refused);
        }

        private async Task FindOwnersAsync(CancellationToken cancellationToken) =>
            await context.Db.Database.ExecuteSqlAsync($"""
                UPDATE incoming_visits i SET customer_id = c.id FROM customers c
                WHERE i.customer_id IS NULL AND c.store_id = {context.Store.Id} AND c.mobile = i.owner_mobile
                """, cancellationToken);

        private async Task<List<(int Line, int Value)>> ReturningAsync(string sql, CancellationToken cancellationToken)
        {
            var result = new List<(int, int)>();
            await using var command = new NpgsqlCommand(sql, context.Connection)
            {
                CommandTimeout = (int)CsvImportPipeline.CommandTimeout.TotalSeconds,
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add((reader.GetInt32(0), reader.GetInt32(1)));
            }

            return result;
        }

        private Row? CheckRow(ImportRow row)
        {
            var orderNumber = ServiceVisit.NormalizeOrderNumber(row.Raw(OrderNumber));
            var vin = Domain.Common.Vin.Normalize(row.Raw(VinColumn), VinColumn);
            var plate = PlateNumber.NormalizeOptional(row.Raw(Plate), Plate);
            var brand = Text.Optional(row.Raw(Brand), 50, Brand);
            var model = Text.Optional(row.Raw(Model), 100, Model);
            var ownerName = Text.Optional(row.Raw(OwnerName), Domain.Customers.Customer.NameMaxLength, OwnerName);
            var ownerMobile = row[OwnerMobile] is { } mobile ? ChineseMobile.Normalize(mobile, OwnerMobile) : null;

            var openedText = row[OpenedAt];
            if (!ImportValues.TryParseTime(openedText, context.TimeZone, out var openedAt))
            {
                row.Refuse(OpenedAt, openedText is null ? "Import.Service.OpenedRequired" : "Import.Service.TimeInvalid");
                return null;
            }

            DateTimeOffset? completedAt = null;
            if (row[CompletedAt] is { } completedText)
            {
                if (!ImportValues.TryParseTime(completedText, context.TimeZone, out var completed))
                {
                    row.Refuse(CompletedAt, "Import.Service.TimeInvalid");
                    return null;
                }

                completedAt = completed;
            }

            if (row[Mileage] is not { } mileageText)
            {
                row.Refuse(Mileage, "Import.Service.MileageRequired");
                return null;
            }

            if (!long.TryParse(mileageText, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var longMileage))
            {
                row.Refuse(Mileage, "Import.Service.NumberInvalid");
                return null;
            }

            var mileage = (int)Math.Clamp(longMileage, -1, Vehicle.MaxMileage + 1L);
            if (ParseTypes(row) is not { } types)
            {
                return null;
            }

            ServicePayer? payer = null;
            if (row[Payer] is { } payerText)
            {
                if (!PayerNames.TryGetValue(CsvImportPipeline.Squash(payerText), out var stated))
                {
                    row.Refuse(Payer, "Import.Service.PayerUnknown", payerText.Length > 30 ? payerText[..30] : payerText);
                    return null;
                }

                payer = stated;
            }

            decimal? amount = null;
            if (row[Amount] is { } amountText)
            {
                if (!decimal.TryParse(amountText.TrimStart('¥', '￥'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    row.Refuse(Amount, "Import.Service.NumberInvalid");
                    return null;
                }

                amount = value;
            }

            long? advisorId = null;
            string? advisorName = null;
            if (row[Advisor] is { } advisor)
            {
                if (advisors.TryGetValue(advisor, out var id))
                {
                    advisorId = id;
                }
                else
                {
                    advisorName = advisor;
                }
            }

            var accepts = true;
            if (row[AcceptsCallback] is { } acceptsText)
            {
                if (ImportValues.ParseYesNo(acceptsText) is not { } yesNo)
                {
                    row.Refuse(AcceptsCallback, "Import.Service.YesNoInvalid");
                    return null;
                }

                accepts = yesNo;
            }

            DateOnly? insuranceExpiry = null, nextInspection = null;
            if (row[InsuranceExpiry] is { } expiryText)
            {
                if (!ImportValues.TryParseDate(expiryText, out var expiry))
                {
                    row.Refuse(InsuranceExpiry, "Import.Service.DateInvalid");
                    return null;
                }

                insuranceExpiry = expiry;
            }

            if (row[NextInspection] is { } inspectionText)
            {
                if (!ImportValues.TryParseDate(inspectionText, out var inspection))
                {
                    row.Refuse(NextInspection, "Import.Service.DateInvalid");
                    return null;
                }

                nextInspection = inspection;
            }

            // The entities' own checks: opened not in the future, mileage range, types, amount, names, mobiles,
            // completion not before opening nor in the future; the insurer's length.
            var visit = new ServiceVisit(context.Store.Id, orderNumber, _blank, 0, openedAt, mileage, null, types, amount,
                advisorId, advisorName, row.Raw(BroughtByName), row.Raw(BroughtByMobile), accepts, row.Raw(CallbackNumber),
                row.Raw(CallbackTime), context.Now, payer: payer);
            if (completedAt is { } done)
            {
                visit.Complete(done, context.Now);
            }

            _blank.UpdateInsuranceAndInspection(row.Raw(Insurer), insuranceExpiry, nextInspection);
            var checkedRow = new Row(visit.OrderNumber, vin, plate, brand, model, ownerName, ownerMobile, visit.OpenedAt,
                visit.CompletedAt, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(visit.OpenedAt, context.TimeZone).DateTime),
                visit.Mileage, visit.Types, visit.Amount, visit.AdvisorId, visit.AdvisorName, visit.BroughtByName,
                visit.BroughtByMobile, visit.AcceptsCallback, visit.CallbackNumber, visit.CallbackTime, _blank.Insurer,
                _blank.InsuranceExpiry, _blank.NextInspectionDate, visit.Payer, payer is not null);

            // An order number twice in one file: the same row again is the same order; different content is refused,
            // since which of the two the DMS meant cannot be known.
            if (_orders.TryGetValue(checkedRow.OrderNumber, out var first))
            {
                if (first.Row == checkedRow)
                {
                    return checkedRow with { IsRepeat = true };
                }

                row.Refuse(OrderNumber, "Import.Service.DuplicateInFile", first.Line);
                return null;
            }

            _orders.Add(checkedRow.OrderNumber, (row.Line, checkedRow));
            return checkedRow;
        }

        private ServiceTypes? ParseTypes(ImportRow row)
        {
            if (row[Types] is not { } text)
            {
                row.Refuse(Types, "Service.TypeRequired");
                return null;
            }

            if (_typesRead.TryGetValue(text, out var known))
            {
                return known;
            }

            var types = ServiceTypes.None;
            foreach (var part in text.Split(TypeSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!typeNames.TryGetValue(CsvImportPipeline.Squash(part), out var type))
                {
                    row.Refuse(Types, "Import.Service.TypeUnknown", part.Length > 30 ? part[..30] : part);
                    return null;
                }

                types |= type;
            }

            if (types == ServiceTypes.None)
            {
                row.Refuse(Types, "Service.TypeRequired");
                return null;
            }

            if (_typesRead.Count < 1000)
            {
                _typesRead.Add(text, types);
            }

            return types;
        }

        /// <summary>
        /// The orders themselves — an order someone entered meanwhile wins (the unique key decides) — and, in the same
        /// statement, what the orders actually added tell their cars' files, as <see cref="Vehicle.RecordServiceVisit"/>
        /// does visit by visit in the order they were opened: the earliest becomes the first service unless the file
        /// has an earlier one; the highest mileage (the last of equal ones) becomes the latest unless the file has a
        /// higher one. Insurer, insurance expiry and next inspection are filled from the latest order that gives them.
        /// A car created by this import (fresh) starts from an empty file, so its insert-time values are rewritten
        /// only if some of its orders were not added (emptied if none was). Only cars whose file changes are written.
        /// The temporary table's statistics predate "fresh", so the emptied cars are an EXCEPT (hashed or sorted: linear
        /// whatever the estimate): with a NOT EXISTS against the added orders the benchmark's seed file (20,000 rows,
        /// every car new) merged in 150 s instead of about 3 s — presumably one fresh row estimated, a nested loop run.
        /// </summary>
        private async Task<int> AddVisitsAsync(CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("""
                WITH ins AS (
                    INSERT INTO service_visits (store_id, order_number, vehicle_id, customer_id, opened_at, completed_at,
                        mileage, types, amount, payer, advisor_id, advisor_name, brought_by_name, brought_by_mobile,
                        accepts_callback, callback_number, callback_time, import_id, created_at, updated_at)
                    SELECT $1, order_number, vehicle_id, customer_id, opened_at, completed_at, mileage, types, amount,
                        payer, advisor_id, advisor_name, brought_by_name, brought_by_mobile, accepts_callback,
                        callback_number, callback_time, $2, $3, $3
                    FROM incoming_visits ORDER BY line
                    ON CONFLICT (store_id, order_number) DO NOTHING
                    RETURNING order_number),
                added AS (
                    SELECT i.vehicle_id, i.fresh, i.local_date, i.opened_at, i.line, i.mileage, i.insurer,
                        i.insurance_expiry, i.next_inspection
                    FROM incoming_visits i JOIN ins ON ins.order_number = i.order_number),
                cars AS (
                    UPDATE vehicles v SET first_service_date = x.first_date, first_service_mileage = x.first_mileage,
                        latest_mileage = x.latest_mileage, latest_mileage_date = x.latest_date, insurer = x.insurer,
                        insurance_expiry = x.insurance_expiry, next_inspection_date = x.next_inspection
                    FROM (
                        SELECT b.id,
                            CASE WHEN b.first_date IS NULL OR f.local_date < b.first_date
                                THEN f.local_date ELSE b.first_date END AS first_date,
                            CASE WHEN b.first_date IS NULL OR f.local_date < b.first_date
                                THEN f.mileage ELSE b.first_mileage END AS first_mileage,
                            CASE WHEN b.latest_mileage IS NULL OR l.mileage >= b.latest_mileage
                                THEN l.mileage ELSE b.latest_mileage END AS latest_mileage,
                            CASE WHEN b.latest_mileage IS NULL OR l.mileage >= b.latest_mileage
                                THEN l.local_date ELSE b.latest_date END AS latest_date,
                            coalesce(n.insurer, b.insurer) AS insurer,
                            coalesce(n.insurance_expiry, b.insurance_expiry) AS insurance_expiry,
                            coalesce(n.next_inspection, b.next_inspection) AS next_inspection
                        FROM (SELECT DISTINCT ON (vehicle_id) vehicle_id, fresh, local_date, mileage FROM added
                              ORDER BY vehicle_id, local_date, opened_at, line) f
                        JOIN (SELECT DISTINCT ON (vehicle_id) vehicle_id, local_date, mileage FROM added
                              ORDER BY vehicle_id, mileage DESC, opened_at DESC, line DESC) l USING (vehicle_id)
                        LEFT JOIN (SELECT DISTINCT ON (vehicle_id) vehicle_id, insurer, insurance_expiry, next_inspection
                              FROM added
                              WHERE insurer IS NOT NULL OR insurance_expiry IS NOT NULL OR next_inspection IS NOT NULL
                              ORDER BY vehicle_id, opened_at DESC, line DESC) n USING (vehicle_id)
                        JOIN vehicles s ON s.id = f.vehicle_id
                        CROSS JOIN LATERAL (SELECT s.id,
                            CASE WHEN NOT f.fresh THEN s.first_service_date END AS first_date,
                            CASE WHEN NOT f.fresh THEN s.first_service_mileage END AS first_mileage,
                            CASE WHEN NOT f.fresh THEN s.latest_mileage END AS latest_mileage,
                            CASE WHEN NOT f.fresh THEN s.latest_mileage_date END AS latest_date,
                            CASE WHEN NOT f.fresh THEN s.insurer END AS insurer,
                            CASE WHEN NOT f.fresh THEN s.insurance_expiry END AS insurance_expiry,
                            CASE WHEN NOT f.fresh THEN s.next_inspection_date END AS next_inspection) b) x
                    WHERE v.id = x.id
                      AND (v.first_service_date, v.first_service_mileage, v.latest_mileage, v.latest_mileage_date,
                           v.insurer, v.insurance_expiry, v.next_inspection_date)
                          IS DISTINCT FROM (x.first_date, x.first_mileage, x.latest_mileage, x.latest_date, x.insurer,
                           x.insurance_expiry, x.next_inspection)
                    RETURNING 1),
                emptied AS (
                    UPDATE vehicles v SET first_service_date = NULL, first_service_mileage = NULL, latest_mileage = NULL,
                        latest_mileage_date = NULL, insurer = NULL, insurance_expiry = NULL, next_inspection_date = NULL
                    FROM (SELECT vehicle_id FROM incoming_visits WHERE fresh
                          EXCEPT SELECT vehicle_id FROM added) e
                    WHERE v.id = e.vehicle_id
                    RETURNING 1)
                SELECT (SELECT count(*) FROM ins)::int
                """, context.Connection)
            {
                CommandTimeout = (int)CsvImportPipeline.CommandTimeout.TotalSeconds,
            };
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = context.Store.Id });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = context.Import.Id });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = context.Now });
            return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        /// <summary>The entities name their own fields; the advisor's is the only one named otherwise here.</summary>
        private static string? ColumnOf(string? field) => field == nameof(ServiceVisit.AdvisorName) ? Advisor : field;

        private static void WriteText(NpgsqlBinaryImporter copy, string? value)
        {
            if (value is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(value, NpgsqlDbType.Text);
            }
        }

        private static void WriteDate(NpgsqlBinaryImporter copy, DateOnly? value)
        {
            if (value is { } date)
            {
                copy.Write(date, NpgsqlDbType.Date);
            }
            else
            {
                copy.WriteNull();
            }
        }
    }
}
