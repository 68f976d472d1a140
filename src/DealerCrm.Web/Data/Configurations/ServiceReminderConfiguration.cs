using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class ServiceReminderConfiguration : IEntityTypeConfiguration<ServiceReminder>
{
    public void Configure(EntityTypeBuilder<ServiceReminder> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(r => r.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(r => r.VehicleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CallbackTask>().WithMany().HasForeignKey(r => r.CallbackTaskId).OnDelete(DeleteBehavior.Cascade);

        // No second reminder for the same reason and due date (5.1), whatever the runs or servers.
        builder.HasIndex(r => new { r.VehicleId, r.Reason, r.DueDate }).IsUnique();

        // The reasons of a call (queue, call form), and the report's month of reminders.
        builder.HasIndex(r => r.CallbackTaskId);
        builder.HasIndex(r => new { r.CustomerId, r.DueDate });
    }
}
