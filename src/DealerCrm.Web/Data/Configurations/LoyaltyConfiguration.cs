using DealerCrm.Domain.Customers;
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

internal sealed class LoyaltyChangeConfiguration : IEntityTypeConfiguration<LoyaltyChange>
{
    public void Configure(EntityTypeBuilder<LoyaltyChange> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LoyaltyRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Spend).HasPrecision(14, 2);
        builder.Ignore(c => c.IsDowngrade);

        // The customer file's history, newest first; the week's upgrades and downgrades per store.
        builder.HasIndex(c => new { c.CustomerId, c.Id });
        builder.HasIndex(c => new { c.StoreId, c.OnDate, c.Kind });

        // A run records one row per customer and kind: a run resumed after being killed adds no second row.
        builder.HasIndex(c => new { c.RunId, c.CustomerId, c.Kind }).IsUnique();
    }
}

internal sealed class LoyaltyRunConfiguration : IEntityTypeConfiguration<LoyaltyRun>
{
    public void Configure(EntityTypeBuilder<LoyaltyRun> builder)
    {
        builder.Property(r => r.Error).HasMaxLength(500);
        builder.HasIndex(r => r.StartedAt);
    }
}

internal sealed class CustomerLoyaltyConfiguration : IEntityTypeConfiguration<CustomerLoyalty>
{
    public void Configure(EntityTypeBuilder<CustomerLoyalty> builder)
    {
        builder.ToTable("customer_loyalty");
        builder.HasKey(c => c.CustomerId);
        builder.Property(c => c.CustomerId).ValueGeneratedNever();
        builder.HasOne<Customer>().WithOne().HasForeignKey<CustomerLoyalty>(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Spend).HasPrecision(14, 2);

        // The /Loyalty counts and drill-down lists per store, category and tier (keyset by customer id), and the
        // at-risk list (few rows: a partial index).
        builder.HasIndex(c => new { c.StoreId, c.Category, c.CustomerId });
        builder.HasIndex(c => new { c.StoreId, c.Tier, c.CustomerId });
        builder.HasIndex(c => new { c.StoreId, c.RiskUntil, c.CustomerId }).HasFilter("risk <> 0")
            .HasDatabaseName("ix_customer_loyalty_at_risk");
    }
}

internal sealed class VehicleLoyaltyStateConfiguration : IEntityTypeConfiguration<VehicleLoyaltyState>
{
    public void Configure(EntityTypeBuilder<VehicleLoyaltyState> builder)
    {
        builder.ToTable("vehicle_loyalty");
        builder.HasKey(v => v.VehicleId);
        builder.Property(v => v.VehicleId).ValueGeneratedNever();
        builder.HasOne<Domain.Vehicles.Vehicle>().WithOne().HasForeignKey<VehicleLoyaltyState>(v => v.VehicleId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => v.CustomerId);
    }
}
