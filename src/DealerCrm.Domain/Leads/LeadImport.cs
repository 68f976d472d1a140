using System.Globalization;

namespace DealerCrm.Domain.Leads;

public enum LeadImportStatus
{
    /// <summary>Uploaded, waiting to be read (a large file waits for the background job).</summary>
    Queued = 0,

    Completed = 1,
}

/// <summary>What a CSV import brings in: each kind has its columns, checks and merge beside its own pages.</summary>
public enum ImportKind
{
    /// <summary>Unassigned leads (spec 3.1), by the sales manager.</summary>
    Leads = 0,

    /// <summary>Repair orders from the dealer management system (spec 4.2), by the service desk.</summary>
    ServiceVisits = 1,
}

/// <summary>
/// One CSV import (of unassigned leads, or of the DMS's repair orders: <see cref="Kind"/>) (spec 3.1): who imported which file when, how many rows were read, added,
/// already present (a re-run of the same file adds nothing) and refused, with each refused row's line and reason.
/// </summary>
public sealed class LeadImport
{
    /// <summary>The refused rows kept with their reason; past this only the count grows.</summary>
    public const int MaxProblemsKept = 1000;

    public const int FileNameMaxLength = 200;

    private readonly List<string> _problems = [];

    private LeadImport()
    {
        FileName = string.Empty;
    }

    public LeadImport(int storeId, string fileName, long importedById, byte[] content, DateTimeOffset now,
        ImportKind kind = ImportKind.Leads)
        : this()
    {
        StoreId = storeId;
        Kind = kind;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        ImportedById = importedById;
        ImportedAt = now.ToUniversalTime();
        Content = content;
        Status = LeadImportStatus.Queued;
    }

    public ImportKind Kind { get; private set; }

    public LeadImportStatus Status { get; private set; }

    /// <summary>The uploaded file until it has been read; dropped then, since it holds names and mobile numbers.</summary>
    public byte[]? Content { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public string FileName { get; private set; }

    public long ImportedById { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public int RowsRead { get; private set; }

    public int Added { get; private set; }

    public int AlreadyPresent { get; private set; }

    /// <summary>Rows that changed a stored record (a re-sent repair order with a later completion time).</summary>
    public int Updated { get; private set; }

    public int Refused { get; private set; }

    /// <summary>"line TAB column TAB message key TAB argument", at most <see cref="MaxProblemsKept"/>.</summary>
    public IReadOnlyList<string> Problems => _problems;

    public IEnumerable<ImportProblem> RefusedRows => _problems.Select(ImportProblem.Parse);

    /// <summary>A refusal whose message takes several arguments ("between {0} and {1}"), kept in file order.</summary>
    public void Refuse(int line, string? column, string messageKey, IReadOnlyList<object> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        Refuse(line, column, messageKey, arguments.Count == 0
            ? null
            : string.Join(ImportProblem.ArgumentSeparator, arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture))));
    }

    public void Refuse(int line, string? column, string messageKey, object? argument = null)
    {
        Refused++;
        if (_problems.Count < MaxProblemsKept)
        {
            _problems.Add(string.Create(CultureInfo.InvariantCulture, $"{line}\t{column}\t{messageKey}\t{argument}"));
        }
    }

    public void Complete(int rowsRead, int valid, int added, DateTimeOffset now) =>
        Complete(rowsRead, valid, added, 0, now);

    /// <summary>Every valid row was added, updated a stored record, or was already there.</summary>
    public void Complete(int rowsRead, int valid, int added, int updated, DateTimeOffset now)
    {
        RowsRead = rowsRead;
        Added = added;
        Updated = updated;
        AlreadyPresent = valid - added - updated;
        Status = LeadImportStatus.Completed;
        CompletedAt = now.ToUniversalTime();
        Content = null;
    }
}

/// <summary>A refused row: its line in the file, the column at fault (none for the whole row) and the reason.</summary>
public sealed record ImportProblem(int Line, string? Column, string MessageKey, string? Argument)
{
    /// <summary>Separates the arguments of a message that takes several, inside <see cref="Argument"/>.</summary>
    public const char ArgumentSeparator = '\u001F';

    /// <summary>The message's arguments, for formatting it in the reader's language.</summary>
    public object[] Arguments => Argument is null ? [] : Argument.Split(ArgumentSeparator);

    public static ImportProblem Parse(string stored)
    {
        var parts = stored.Split('\t', 4);
        return new ImportProblem(int.Parse(parts[0], CultureInfo.InvariantCulture),
            parts[1].Length > 0 ? parts[1] : null, parts[2], parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null);
    }
}
