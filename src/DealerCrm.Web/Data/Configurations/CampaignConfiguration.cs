using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Campaign.NameMaxLength);
        builder.Property(c => c.TargetModel).HasMaxLength(Campaign.ModelMaxLength);
        builder.Property(c => c.Cost).HasPrecision(12, 2);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasOne<Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);

        // The campaign list: a store's campaigns, newest first (keyset on start date and id).
        builder.HasIndex(c => new { c.StoreId, c.StartsOn, c.Id });
    }
}
