using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Localization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using NpgsqlTypes;

namespace DealerCrm.Web.Pages.Leads;

/// <summary>
/// CSV import of unassigned leads (spec 3.1, 7.1): every row is checked (bad rows are reported with their line and
/// reason, good rows still import), the good rows go into a temporary table by binary COPY and are merged in one
/// statement. The merge skips enquiries already stored (same store, source, mobile and arrival time), so importing
/// the same file twice adds nothing — also when two imports run at once, since the unique index decides.
/// </summary>
public sealed class LeadImporter(CrmDbContext db, AuditLog audit, TimeProvider time, IBackgroundJobClient jobs,
    IStringLocalizer<SharedResource> localizer, ILogger<LeadImporter> logger)
{
    /// <summary>About 20,000 rows: read within the request, well under a second.</summary>
    public const int InlineMaxBytes = 1024 * 1024;

    /// <summary>About 200,000 rows; larger files are split by the manager.</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm", "yyyy-MM-dd H:mm:ss", "yyyy/M/d H:mm",
        "yyyy/M/d H:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy-MM-dd", "yyyy/M/d",
    ];

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = Name, ["customer"] = Name, ["姓名"] = Name, ["客户姓名"] = Name, ["客户名称"] = Name, ["客户"] = Name,
        ["mobile"] = Mobile, ["phone"] = Mobile, ["mobilenumber"] = Mobile, ["手机"] = Mobile, ["手机号"] = Mobile,
        ["手机号码"] = Mobile, ["电话"] = Mobile, ["联系电话"] = Mobile,
        ["model"] = Model, ["intendedmodel"] = Model, ["车型"] = Model, ["意向车型"] = Model,
        ["source"] = Source, ["channel"] = Source, ["来源"] = Source, ["线索来源"] = Source, ["渠道"] = Source,
        ["arrivedat"] = Arrived, ["arrival"] = Arrived, ["arrivaltime"] = Arrived, ["arrived"] = Arrived,
        ["time"] = Arrived, ["到达时间"] = Arrived, ["线索时间"] = Arrived, ["时间"] = Arrived, ["留资时间"] = Arrived,
    };

    private const string Name = "Name";
    private const string Mobile = "Mobile";
    private const string Model = "IntendedModel";
    private const string Source = "Source";
    private const string Arrived = "ArrivedAt";

    static LeadImporter() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Records the upload and reads it: at once for a file up to <see cref="InlineMaxBytes"/> (the page shows the result
    /// straight away), else in the background (<see cref="Jobs.LeadImportJob"/>), so no request waits for long.
    /// </summary>
    public async Task<LeadImport> ImportAsync(Store store, long managerId, string fileName, byte[] content,
        CancellationToken cancellationToken = default)
    {
        var import = new LeadImport(store.Id, Path.GetFileName(fileName), managerId, content, time.GetUtcNow());
        db.LeadImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        if (content.Length <= InlineMaxBytes)
        {
            await ReadAsync(import.Id, cancellationToken);
            await db.Entry(import).ReloadAsync(cancellationToken);
        }
        else
        {
            jobs.Enqueue<Jobs.LeadImportJob>(job => job.RunAsync(import.Id, CancellationToken.None));
        }

        return import;
    }

    /// <summary>
    /// Reads a queued import once: the row is locked for the whole transaction, so a second worker waits and then
    /// finds it completed; a run that fails rolls back and leaves it queued for Hangfire's retry.
    /// </summary>
    public async Task ReadAsync(long importId, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var import = await db.LeadImports
            .FromSql($"SELECT * FROM lead_imports WHERE id = {importId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (import is null || import.Status != LeadImportStatus.Queued || import.Content is not { } content)
        {
            return;
        }

        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == import.StoreId, cancellationToken);
        var now = time.GetUtcNow();
        var sources = SourceNames();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE incoming_import (line int, name text, mobile text, model text, source int, arrived_at timestamptz)
            ON COMMIT DROP
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        int rows = 0, valid = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY incoming_import (line, name, mobile, model, source, arrived_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            using var reader = new StringReader(Decode(content));
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                DetectDelimiter = true,
                DetectDelimiterValues = [",", ";", "\t"],
                BadDataFound = null,
                MissingFieldFound = null,
                IgnoreBlankLines = true,
            });

            var map = await ReadHeaderAsync(csv, import);
            while (map is not null && await csv.ReadAsync())
            {
                rows++;
                var line = csv.Parser.RawRow;
                if (Check(csv, map, line, store, sources, now, import) is not { } row)
                {
                    continue;
                }

                valid++;
                // Synchronous writes: they fill Npgsql's buffer and only touch the socket when it is full; an await per
                // field costs more than the copy itself.
                copy.StartRow();
                copy.Write(line, NpgsqlDbType.Integer);
                copy.Write(row.Name, NpgsqlDbType.Text);
                copy.Write(row.Mobile, NpgsqlDbType.Text);
                if (row.Model is null)
                {
                    copy.WriteNull();
                }
                else
                {
                    copy.Write(row.Model, NpgsqlDbType.Text);
                }

                copy.Write((int)row.Source, NpgsqlDbType.Integer);
                copy.Write(row.ArrivedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var readMs = watch.ElapsedMilliseconds;

        // One statement: every enquiry the store does not have yet. A row repeated in the file conflicts with its
        // first occurrence (rows go in file order) and is skipped like one already stored.
        var added = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO incoming_leads (store_id, name, mobile, intended_model, source, arrived_at, import_batch_id, status, created_at)
            SELECT {store.Id}, name, mobile, model, source, arrived_at, {import.Id}, {(int)IncomingLeadStatus.Waiting}, {now}
            FROM incoming_import
            ORDER BY line
            ON CONFLICT (store_id, source, mobile, arrived_at) DO NOTHING
            """, cancellationToken);

        import.Complete(rows, valid, added, time.GetUtcNow());
        var userName = await db.Users.Where(u => u.Id == import.ImportedById).Select(u => u.UserName).SingleAsync(cancellationToken);
        audit.Record(AuditActions.LeadsImported, target: $"import:{import.Id}",
            details: $"file={import.FileName}; rows={rows}; added={added}; present={import.AlreadyPresent}; refused={import.Refused}",
            userId: import.ImportedById, userName: userName, storeId: import.StoreId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Lead import {ImportId} for store {StoreId}: {Rows} rows, {Added} added, {Refused} refused in {Elapsed} ms (read and copied in {ReadMs} ms)",
            import.Id, store.Id, rows, added, import.Refused, watch.ElapsedMilliseconds, readMs);
    }

    private static async Task<Dictionary<string, int>?> ReadHeaderAsync(CsvReader csv, LeadImport import)
    {
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            import.Refuse(1, null, "Import.Empty");
            return null;
        }

        var map = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var key = new string(header[i].Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-' or '\uFEFF')).ToArray());
            if (Columns.TryGetValue(key, out var column))
            {
                map.TryAdd(column, i);
            }
        }

        var missing = new[] { Name, Mobile, Source, Arrived }.Where(c => !map.ContainsKey(c)).ToList();
        foreach (var column in missing)
        {
            import.Refuse(1, column, "Import.ColumnMissing");
        }

        return missing.Count == 0 ? map : null;
    }

    private static Row? Check(CsvReader csv, Dictionary<string, int> map, int line, Store store,
        Dictionary<string, SourceChannel> sources, DateTimeOffset now, LeadImport import)
    {
        string? Field(string column) =>
            map.TryGetValue(column, out var i) && csv.Parser.Record is { } record && i < record.Length ? record[i] : null;

        var sourceText = Field(Source)?.Trim() ?? string.Empty;
        if (!sources.TryGetValue(Squash(sourceText), out var source))
        {
            import.Refuse(line, Source, sourceText.Length == 0 ? "Import.SourceRequired" : "Import.SourceUnknown");
            return null;
        }

        var arrivedText = Field(Arrived)?.Trim() ?? string.Empty;
        if (!TryParseArrival(arrivedText, store, out var arrivedAt))
        {
            import.Refuse(line, Arrived, arrivedText.Length == 0 ? "Import.ArrivalRequired" : "Import.ArrivalInvalid");
            return null;
        }

        try
        {
            // The entity's own checks: name, mobile (normalized), model, source, arrival not in the future.
            var lead = new IncomingLead(store.Id, Field(Name), Field(Mobile), Field(Model), source, arrivedAt, null, now);
            return new Row(lead.Name, lead.Mobile, lead.IntendedModel, source, lead.ArrivedAt);
        }
        catch (DomainException ex)
        {
            import.Refuse(line, ex.Field, ex.MessageKey, ex.Arguments.Count > 0 ? ex.Arguments[0] : null);
            return null;
        }
    }

    private static bool TryParseArrival(string text, Store store, out DateTimeOffset arrivedAt)
    {
        arrivedAt = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            // 0001-01-01 in a +08:00 store has no instant at all: a date nobody means is refused like any unreadable one.
            if (!UserDates.IsSane(local))
            {
                return false;
            }

            // A time without an offset is the store's local time.
            arrivedAt = new DateTimeOffset(local, store.TimeZone.GetUtcOffset(local));
            return true;
        }

        // An explicit offset ("2026-11-20T09:30:00+08:00", "...Z") is taken as written.
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mmK", "yyyy-MM-dd HH:mm:ssK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out arrivedAt)
            && UserDates.IsSane(arrivedAt.UtcDateTime);
    }

    /// <summary>Excel in China saves CSV as GB18030 unless told otherwise; anything that is not valid UTF-8 is read so.</summary>
    private static string Decode(byte[] content) =>
        System.Text.Unicode.Utf8.IsValid(content)
            ? Encoding.UTF8.GetString(content).TrimStart('\uFEFF')
            : Encoding.GetEncoding("GB18030").GetString(content);

    /// <summary>A source may be written as its code (DealerWebsite) or its name in either language.</summary>
    private Dictionary<string, SourceChannel> SourceNames()
    {
        var names = new Dictionary<string, SourceChannel>(StringComparer.OrdinalIgnoreCase);
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in CrmLocalization.SupportedCultures)
            {
                CultureInfo.CurrentUICulture = culture;
                foreach (var source in IncomingLead.Sources)
                {
                    names.TryAdd(Squash(source.ToString()), source);
                    names.TryAdd(Squash(localizer.Text(source)), source);
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }

        // The short words that the page's help and its refusal message tell the manager to write.
        names.TryAdd("website", SourceChannel.DealerWebsite);
        names.TryAdd("manufacturer", SourceChannel.ManufacturerAssigned);
        return names;
    }

    private static string Squash(string text) =>
        new(text.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-' or '/')).ToArray());

    private sealed record Row(string Name, string Mobile, string? Model, SourceChannel Source, DateTimeOffset ArrivedAt);
}
