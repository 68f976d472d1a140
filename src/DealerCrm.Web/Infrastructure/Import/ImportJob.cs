using DealerCrm.Domain.Leads;

namespace DealerCrm.Web.Infrastructure.Import;

/// <summary>
/// Reads a large uploaded file in the background (spec 7.4: long work never holds a page request), for any kind.
/// Enqueued by <see cref="CsvImportPipeline"/> with the import's id and kind only; reading it twice, or on two workers
/// at once, does nothing the second time (the import row is locked and then found completed).
/// </summary>
public sealed class ImportJob(IEnumerable<IImportReader> readers)
{
    public Task RunAsync(long importId, ImportKind kind, CancellationToken cancellationToken) =>
        readers.Single(r => r.Kind == kind).ReadAsync(importId, cancellationToken);
}

/// <summary>A kind's entry point for the background job (each kind's importer registers itself as one).</summary>
public interface IImportReader
{
    ImportKind Kind { get; }

    Task ReadAsync(long importId, CancellationToken cancellationToken = default);
}
