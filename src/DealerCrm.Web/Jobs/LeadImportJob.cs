using DealerCrm.Web.Pages.Leads;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Reads a large uploaded lead file in the background. New uploads enqueue the shared
/// <see cref="Infrastructure.Import.ImportJob"/>; this entry point stays for jobs enqueued before it existed (Hangfire
/// keeps the type and method it was given). Reading it twice does nothing the second time.
/// </summary>
public sealed class LeadImportJob(LeadImporter importer)
{
    public Task RunAsync(long importId, CancellationToken cancellationToken) =>
        importer.ReadAsync(importId, cancellationToken);
}
