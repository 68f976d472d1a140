using DealerCrm.Domain.Loyalty;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class LoyaltyRunConfiguration : IEntityTypeConfiguration<LoyaltyRun>
{
    public void Configure(EntityTypeBuilder<LoyaltyRun> builder)
    {
        builder.Property(r => r.Error).HasMaxLength(500);
        builder.HasIndex(r => r.StartedAt);
    }
}
