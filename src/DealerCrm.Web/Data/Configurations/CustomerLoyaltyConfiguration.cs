using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

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
