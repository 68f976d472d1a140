using DealerCrm.Domain.Stores;
using DealerCrm.Web.Pages.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class DataQualitySnapshotConfiguration : IEntityTypeConfiguration<DataQualitySnapshot>
{
    public void Configure(EntityTypeBuilder<DataQualitySnapshot> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(s => s.StoreId).OnDelete(DeleteBehavior.Cascade);

        // One per store and day: the job, a first view and "Recalculate now" all upsert on it.
        builder.HasIndex(s => new { s.StoreId, s.LocalDay }).IsUnique();
    }
}
