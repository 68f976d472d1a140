using DealerCrm.Domain.Loyalty;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class VehicleLoyaltyStateConfiguration : IEntityTypeConfiguration<VehicleLoyaltyState>
{
    public void Configure(EntityTypeBuilder<VehicleLoyaltyState> builder)
    {
        builder.ToTable("vehicle_loyalty");
        builder.HasKey(v => v.VehicleId);
        builder.Property(v => v.VehicleId).ValueGeneratedNever();
        // No foreign key and no index by customer (docs/decisions.md "The loyalty job's tables carry no foreign keys"):
        // only the recalculation writes this table, from the cars it reads in the same transaction; a car's row follows
        // the car's deletion by the trigger of migration LoyaltyTablesWithoutForeignKeys. An owner's cars are found
        // through vehicles.owner_customer_id.
    }
}
