using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class StoreTargetConfiguration : IEntityTypeConfiguration<StoreTarget>
{
    public void Configure(EntityTypeBuilder<StoreTarget> builder)
    {
        builder.Property(t => t.Version).IsRowVersion();
        foreach (var rate in new[] { nameof(StoreTarget.CallbackAttemptedRate), nameof(StoreTarget.CallbackReachedRate),
                     nameof(StoreTarget.SatisfactionRate), nameof(StoreTarget.TimelyHandlingRate) })
        {
            builder.Property<decimal?>(rate).HasPrecision(5, 4);
        }

        builder.HasOne<Store>().WithMany().HasForeignKey(t => t.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.StoreId, t.Month }).IsUnique();
    }
}
