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
        builder.HasOne<Domain.Vehicles.Vehicle>().WithOne().HasForeignKey<VehicleLoyaltyState>(v => v.VehicleId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => v.CustomerId);
    }
}
