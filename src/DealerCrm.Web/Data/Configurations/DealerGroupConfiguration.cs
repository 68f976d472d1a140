using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class DealerGroupConfiguration : IEntityTypeConfiguration<DealerGroup>
{
    public void Configure(EntityTypeBuilder<DealerGroup> builder)
    {
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(DealerGroup.NameMaxLength);
        builder.Property(g => g.DefaultTimeZoneId).HasMaxLength(64);
        builder.Property(g => g.Version).IsRowVersion();
        builder.ToTable(t => t.HasCheckConstraint("ck_dealer_groups_singleton", "id = 1"));
    }
}
