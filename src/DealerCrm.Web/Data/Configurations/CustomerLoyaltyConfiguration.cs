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
        // No foreign key (docs/decisions.md "The loyalty job's tables carry no foreign keys"): only the recalculation
        // writes this table, from the customers it reads in the same transaction; the row follows the customer's
        // deletion by the trigger of migration LoyaltyTablesWithoutForeignKeys.
        builder.Property(c => c.Spend).HasPrecision(14, 2);

        // The /Loyalty counts and drill-down lists per store, category and tier (keyset by customer id), and the
        // at-risk list (few rows: a partial index).
        builder.HasIndex(c => new { c.StoreId, c.Category, c.CustomerId });
        builder.HasIndex(c => new { c.StoreId, c.Tier, c.CustomerId });
        builder.HasIndex(c => new { c.StoreId, c.RiskUntil, c.CustomerId }).HasFilter("risk <> 0")
            .HasDatabaseName("ix_customer_loyalty_at_risk");
    }
}
