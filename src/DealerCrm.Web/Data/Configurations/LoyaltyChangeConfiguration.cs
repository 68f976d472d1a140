using DealerCrm.Domain.Loyalty;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class LoyaltyChangeConfiguration : IEntityTypeConfiguration<LoyaltyChange>
{
    public void Configure(EntityTypeBuilder<LoyaltyChange> builder)
    {
        // No foreign keys (docs/decisions.md "The loyalty job's tables carry no foreign keys"): only the recalculation
        // writes history, with its own run and the stores and customers it reads in the same transaction; a customer's
        // rows follow the customer's deletion by the trigger of migration LoyaltyTablesWithoutForeignKeys (stores and
        // runs are never deleted).
        builder.Property(c => c.Spend).HasPrecision(14, 2);
        builder.Ignore(c => c.IsDowngrade);

        // The customer file's history, newest first; the week's upgrades and downgrades per store.
        builder.HasIndex(c => new { c.CustomerId, c.Id });
        builder.HasIndex(c => new { c.StoreId, c.OnDate, c.Kind });

        // A run records one row per customer and kind: a run resumed after being killed adds no second row.
        builder.HasIndex(c => new { c.RunId, c.CustomerId, c.Kind }).IsUnique();
    }
}
