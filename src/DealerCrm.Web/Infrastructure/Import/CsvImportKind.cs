using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Data;
using Npgsql;

namespace DealerCrm.Web.Infrastructure.Import;

/// <summary>
/// The per-kind part of a CSV import (leads, repair orders): its columns and their header aliases, and a reader for
/// one file that checks each row, writes the good ones into its temporary table and merges them. Everything else —
/// recording the upload, inline or background, decoding, CsvHelper, the header, the transaction, the lock, counts,
/// audit and logging — is <see cref="CsvImportPipeline"/>'s, the same for every kind.
/// </summary>
public interface ICsvImportKind<TRow>
    where TRow : class
{
    ImportKind Kind { get; }

    /// <summary>Header aliases, squashed (no spaces, '_' or '-'), matched case-insensitively, to the column names.</summary>
    IReadOnlyDictionary<string, string> Columns { get; }

    IReadOnlyList<string> RequiredColumns { get; }

    string AuditAction { get; }

    /// <summary>Starts one file: the lookups its checks need and its temporary table (ON COMMIT DROP).</summary>
    Task<ICsvImportFile<TRow>> OpenAsync(ImportContext context, CancellationToken cancellationToken);
}

/// <summary>One file of a kind being read, inside the import's transaction.</summary>
public interface ICsvImportFile<TRow>
    where TRow : class
{
    /// <summary>"COPY temp_table (...) FROM STDIN (FORMAT BINARY)".</summary>
    string CopyCommand { get; }

    /// <summary>The row to import, or null after refusing it through <c>ImportRow.Refuse</c> (or skipping an
    /// identical repeat, which then counts as already present).</summary>
    TRow? Check(ImportRow row);

    /// <summary>Writes a checked row into the COPY (synchronous writes: they fill Npgsql's buffer).</summary>
    void Write(NpgsqlBinaryImporter copy, int line, TRow row);

    /// <summary>A handful of set-based statements from the temporary table into the real ones; rows refused here are
    /// refused on <see cref="ImportContext.Import"/> and counted in the result.</summary>
    Task<MergeResult> MergeAsync(CancellationToken cancellationToken);
}

/// <summary>What the merge did with the checked rows; the rest of them were already present.</summary>
public sealed record MergeResult(int Added, int Updated = 0, int Refused = 0);

/// <summary>The import being read and what every kind needs for it.</summary>
public sealed record ImportContext(LeadImport Import, Store Store, TimeZoneInfo TimeZone, DateTimeOffset Now,
    CrmDbContext Db, NpgsqlConnection Connection);
