using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Data;
using DealerCrm.Web.Infrastructure.Auditing;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealerCrm.Web.Infrastructure.Import;

/// <summary>
/// The one shape of every CSV import (leads, the DMS's repair orders): the upload is recorded, read at once when small
/// or by <see cref="ImportJob"/> in the background when large; the file is decoded (UTF-8 or GB18030), its header
/// mapped through the kind's aliases, every row checked by the kind (bad rows are refused with their line, column and
/// reason, good rows still import), the good rows binary-COPYed into the kind's temporary table and merged by the
/// kind's set-based statements — all in one transaction with the import row locked, so a file is read once and
/// never half.
/// </summary>
public sealed class CsvImportPipeline(CrmDbContext db, AuditLog audit, TimeProvider time, IBackgroundJobClient jobs,
    ILogger<CsvImportPipeline> logger)
{
    /// <summary>About 20,000 rows: read within the request, well under a second.</summary>
    public const int InlineMaxBytes = 1024 * 1024;

    /// <summary>About 200,000 rows; larger files are split by the user.</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>
    /// A statement of a large file's merge takes seconds (the orders' insert of a 100,000-row file about 3 s on a quiet
    /// machine), and many times that on a busy one: the 30 s default failed the import, and Hangfire read it again.
    /// </summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    static CsvImportPipeline() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Records the upload and reads it: at once for a file up to <see cref="InlineMaxBytes"/> (the page shows the result
    /// straight away), else in the background, so no request waits for long.
    /// </summary>
    public async Task<LeadImport> StartAsync<TRow>(ICsvImportKind<TRow> kind, int storeId, long userId, string fileName,
        byte[] content, CancellationToken cancellationToken = default)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(content);
        var import = new LeadImport(storeId, Path.GetFileName(fileName), userId, content, time.GetUtcNow(), kind.Kind);
        db.LeadImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        if (content.Length <= InlineMaxBytes)
        {
            await ReadAsync(kind, import.Id, cancellationToken);
            await db.Entry(import).ReloadAsync(cancellationToken);
        }
        else
        {
            var importKind = kind.Kind;
            jobs.Enqueue<ImportJob>(job => job.RunAsync(import.Id, importKind, CancellationToken.None));
        }

        return import;
    }

    /// <summary>
    /// Reads a queued import once: the row is locked for the whole transaction, so a second worker waits and then
    /// finds it completed; a run that fails rolls back and leaves it queued for Hangfire's retry.
    /// </summary>
    public async Task ReadAsync<TRow>(ICsvImportKind<TRow> kind, long importId, CancellationToken cancellationToken = default)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        var watch = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(CommandTimeout);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var import = await db.LeadImports
            .FromSql($"SELECT * FROM lead_imports WHERE id = {importId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (import is null || import.Kind != kind.Kind || import.Status != LeadImportStatus.Queued
            || import.Content is not { } content)
        {
            return;
        }

        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == import.StoreId, cancellationToken);
        var context = new ImportContext(import, store, store.TimeZone, time.GetUtcNow(), db,
            (NpgsqlConnection)db.Database.GetDbConnection());
        var file = await kind.OpenAsync(context, cancellationToken);

        int rows = 0, valid = 0;
        await using (var copy = await context.Connection.BeginBinaryImportAsync(file.CopyCommand, cancellationToken))
        {
            var text = Decode(content);
            using var reader = new StringReader(text);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = DelimiterOf(text),
                BadDataFound = null,
                MissingFieldFound = null,
                IgnoreBlankLines = true,
            });

            var map = await ReadHeaderAsync(csv, kind, import);
            var row = new ImportRow(map ?? new Dictionary<string, int>(), import);
            while (map is not null && await csv.ReadAsync())
            {
                rows++;
                var line = csv.Parser.RawRow;
                row.Set(line, csv.Parser.Record);
                if (file.Check(row) is not { } good)
                {
                    continue;
                }

                valid++;
                file.Write(copy, line, good);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var readMs = watch.ElapsedMilliseconds;
        var merged = await file.MergeAsync(cancellationToken);
        import.Complete(rows, valid - merged.Refused, merged.Added, merged.Updated, time.GetUtcNow());
        var userName = await db.Users.Where(u => u.Id == import.ImportedById).Select(u => u.UserName).SingleAsync(cancellationToken);
        audit.Record(kind.AuditAction, target: $"import:{import.Id}",
            details: $"file={import.FileName}; rows={rows}; added={merged.Added}; present={import.AlreadyPresent}; refused={import.Refused}"
                + (merged.Updated > 0 ? $"; updated={merged.Updated}" : string.Empty),
            userId: import.ImportedById, userName: userName, storeId: import.StoreId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Import {ImportId} of {Kind} for store {StoreId}: {Rows} rows, {Added} added, {Updated} updated, {Refused} refused in {Elapsed} ms (read and copied in {ReadMs} ms, merged in {MergeMs} ms)",
            import.Id, kind.Kind, store.Id, rows, merged.Added, merged.Updated, import.Refused, watch.ElapsedMilliseconds,
            readMs, watch.ElapsedMilliseconds - readMs);
    }

    /// <summary>Excel in China saves CSV as GB18030 unless told otherwise; anything that is not valid UTF-8 is read so.</summary>
    public static string Decode(byte[] content) =>
        System.Text.Unicode.Utf8.IsValid(content)
            ? Encoding.UTF8.GetString(content).TrimStart('\uFEFF')
            : Encoding.GetEncoding("GB18030").GetString(content);

    /// <summary>A header alias or a code as users write it: no spaces, '_', '-', '/' or byte-order mark.</summary>
    public static string Squash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Called for every cell of a coded column (a service type, a lead source): most are already squashed, and
        // are then returned without allocating.
        var span = text.AsSpan();
        var first = 0;
        while (first < span.Length && !IsDropped(span[first]))
        {
            first++;
        }

        if (first == span.Length)
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        kept.Append(span[..first]);
        foreach (var c in span[first..])
        {
            if (!IsDropped(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static bool IsDropped(char c) => char.IsWhiteSpace(c) || c is '_' or '-' or '/' or '\uFEFF';

    /// <summary>
    /// Comma, semicolon or tab, whichever the header line uses most (the header has no free text; data cells such as
    /// "首保;保养" must not sway the choice).
    /// </summary>
    private static string DelimiterOf(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var header = end < 0 ? text : text[..end];
        var best = ",";
        var bestCount = header.Count(c => c == ',');
        foreach (var candidate in new[] { ';', '\t' })
        {
            var count = header.Count(c => c == candidate);
            if (count > bestCount)
            {
                best = candidate.ToString();
                bestCount = count;
            }
        }

        return best;
    }

    private static async Task<Dictionary<string, int>?> ReadHeaderAsync<TRow>(CsvReader csv, ICsvImportKind<TRow> kind,
        LeadImport import)
        where TRow : class
    {
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            import.Refuse(1, null, "Import.Empty");
            return null;
        }

        var map = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (kind.Columns.TryGetValue(Squash(header[i]), out var column))
            {
                map.TryAdd(column, i);
            }
        }

        var missing = kind.RequiredColumns.Where(c => !map.ContainsKey(c)).ToList();
        foreach (var column in missing)
        {
            import.Refuse(1, column, "Import.ColumnMissing");
        }

        return missing.Count == 0 ? map : null;
    }
}
