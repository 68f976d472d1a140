using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class ServiceVisitConfiguration : IEntityTypeConfiguration<ServiceVisit>
{
    public void Configure(EntityTypeBuilder<ServiceVisit> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(v => v.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(v => v.VehicleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(v => v.AdvisorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.OrderNumber).HasMaxLength(ServiceVisit.OrderNumberMaxLength);
        builder.Property(v => v.MileageReason).HasMaxLength(200);
        builder.Property(v => v.Amount).HasPrecision(12, 2);
        builder.Property(v => v.AdvisorName).HasMaxLength(ServiceVisit.NameMaxLength);
        builder.Property(v => v.BroughtByName).HasMaxLength(ServiceVisit.NameMaxLength);
        builder.Property(v => v.BroughtByMobile).HasMaxLength(20);
        builder.Property(v => v.CallbackNumber).HasMaxLength(20);
        builder.Property(v => v.CallbackTime).HasMaxLength(ServiceVisit.PreferredTimeMaxLength);
        builder.Property(v => v.Version).IsRowVersion();
        builder.Ignore(v => v.IsCompleted);

        // The DMS key: a store's order number is one repair order, whoever sends it and how often (4.2).
        builder.HasIndex(v => new { v.StoreId, v.OrderNumber }).IsUnique();
        builder.HasIndex(v => new { v.VehicleId, v.OpenedAt });
        builder.HasIndex(v => new { v.StoreId, v.CompletedAt });
        // INCLUDE customer: the data-quality report's owners' contacts of a year read the store's visits from the index.
        builder.HasIndex(v => new { v.StoreId, v.OpenedAt }).IncludeProperties(v => v.CustomerId);
        builder.HasIndex(v => v.CustomerId);
    }
}
