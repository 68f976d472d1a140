using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class GradePolicyConfiguration : IEntityTypeConfiguration<GradePolicy>
{
    public void Configure(EntityTypeBuilder<GradePolicy> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(p => p.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.StoreId).IsUnique();
        builder.Property(p => p.DepositThreshold).HasPrecision(12, 2);

        // Existing policies get the spec's 90 days when the column arrives.
        builder.Property(p => p.DormantAfterDays).HasDefaultValue(DormancyRule.DefaultDays);
        builder.Property(p => p.Version).IsRowVersion();
    }
}
