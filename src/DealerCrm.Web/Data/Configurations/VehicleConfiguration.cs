using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(v => v.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(v => v.OwnerCustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Vin).HasMaxLength(17);
        builder.Property(v => v.Plate).HasMaxLength(10);
        builder.Property(v => v.Brand).HasMaxLength(50);
        builder.Property(v => v.Model).HasMaxLength(100);
        builder.Property(v => v.Colour).HasMaxLength(50);
        builder.Property(v => v.Insurer).HasMaxLength(Vehicle.InsurerMaxLength);
        builder.Property(v => v.Version).IsRowVersion();
        builder.HasMany(v => v.StatusChanges).WithOne().HasForeignKey(c => c.VehicleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.StatusChanges).UsePropertyAccessMode(PropertyAccessMode.Field);

        // A VIN is one car in the whole group, whichever store sold or serviced it.
        builder.HasIndex(v => v.Vin).IsUnique();
        builder.HasIndex(v => new { v.StoreId, v.Plate });
        builder.HasIndex(v => v.OwnerCustomerId);
        builder.HasIndex(v => new { v.StoreId, v.DeliveryDate });

        // A store's owners (the data-quality report), read from the index alone.
        builder.HasIndex(v => new { v.StoreId, v.OwnerCustomerId });
    }
}
