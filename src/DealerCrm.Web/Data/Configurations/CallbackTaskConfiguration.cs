using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CallbackTaskConfiguration : IEntityTypeConfiguration<CallbackTask>
{
    public void Configure(EntityTypeBuilder<CallbackTask> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(c => c.VehicleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Delivery>().WithMany().HasForeignKey(c => c.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Version).IsRowVersion();

        // One new-car callback per delivery, also when the job and the delivery both try (spec 7.3).
        builder.HasIndex(c => new { c.DeliveryId, c.Type }).IsUnique().HasFilter("delivery_id IS NOT NULL")
            .HasDatabaseName("ux_callback_tasks_one_per_delivery");
        builder.HasIndex(c => new { c.StoreId, c.Status, c.DueDate });
    }
}
