using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(c => c.VehicleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CallbackTask>().WithMany().HasForeignKey(c => c.CallbackTaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceVisit>().WithMany().HasForeignKey(c => c.ServiceVisitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Delivery>().WithMany().HasForeignKey(c => c.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.ResponsibleUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.CategoryCode).HasMaxLength(Complaint.CategoryMaxLength);
        builder.Property(c => c.Description).HasMaxLength(Complaint.DescriptionMaxLength);
        builder.Property(c => c.ManufacturerCaseNumber).HasMaxLength(Complaint.CaseNumberMaxLength);
        builder.Property(c => c.Resolution).HasMaxLength(Complaint.NoteMaxLength);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.NextDeadline);
        builder.HasMany(c => c.Steps).WithOne().HasForeignKey(s => s.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One grievance per callback, also when the call form is posted twice.
        builder.HasIndex(c => c.CallbackTaskId).IsUnique().HasFilter("callback_task_id IS NOT NULL");
        builder.HasIndex(c => new { c.StoreId, c.Status, c.ReceivedAt });
        builder.HasIndex(c => new { c.StoreId, c.ComplaintReceivedAt });
        builder.HasIndex(c => c.VehicleId);
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => c.ServiceVisitId);
    }
}
