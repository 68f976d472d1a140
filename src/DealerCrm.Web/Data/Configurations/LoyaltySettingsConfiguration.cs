using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class LoyaltySettingsConfiguration : IEntityTypeConfiguration<LoyaltySettings>
{
    public void Configure(EntityTypeBuilder<LoyaltySettings> builder)
    {
        builder.HasKey(s => s.StoreId);
        builder.Property(s => s.StoreId).ValueGeneratedNever();
        builder.HasOne<Store>().WithOne().HasForeignKey<LoyaltySettings>(s => s.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.SilverSpend).HasPrecision(12, 2);
        builder.Property(s => s.GoldSpend).HasPrecision(12, 2);
        builder.Property(s => s.DiamondSpend).HasPrecision(12, 2);
        builder.Property(s => s.StandardBenefits).HasMaxLength(LoyaltySettings.BenefitsMaxLength);
        builder.Property(s => s.SilverBenefits).HasMaxLength(LoyaltySettings.BenefitsMaxLength);
        builder.Property(s => s.GoldBenefits).HasMaxLength(LoyaltySettings.BenefitsMaxLength);
        builder.Property(s => s.DiamondBenefits).HasMaxLength(LoyaltySettings.BenefitsMaxLength);
        builder.Property(s => s.Version).IsRowVersion();
    }
}
