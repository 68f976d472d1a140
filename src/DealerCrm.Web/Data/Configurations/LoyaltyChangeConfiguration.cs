using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Loyalty;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

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
