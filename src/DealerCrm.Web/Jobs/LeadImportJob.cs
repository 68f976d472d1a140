using DealerCrm.Web.Pages.Leads;

namespace DealerCrm.Web.Jobs;

/// <summary>
/// Reads a large uploaded lead file in the background (spec 7.4: long work never holds a page request). Enqueued by
/// the import page with the import's id only; reading it twice does nothing the second time.
/// </summary>
public sealed class LeadImportJob(LeadImporter importer)
{
    public Task RunAsync(long importId, CancellationToken cancellationToken) =>
        importer.ReadAsync(importId, cancellationToken);
}
