using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Service;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
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
        builder.HasOne<ServiceVisit>().WithMany().HasForeignKey(c => c.ServiceVisitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.AssignedToId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CallbackTask>().WithMany().HasForeignKey(c => c.CombinedIntoTaskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Complaints.Complaint>().WithMany().HasForeignKey(c => c.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.OccasionKey).HasMaxLength(CallbackTask.OccasionKeyMaxLength);
        builder.Property(c => c.ContactName).HasMaxLength(50);
        builder.Property(c => c.ContactNumber).HasMaxLength(30);
        builder.Property(c => c.PreferredTime).HasMaxLength(50);
        builder.Property(c => c.Comments).HasMaxLength(CallbackTask.CommentsMaxLength);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasMany(c => c.Attempts).WithOne().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Answers).WithOne().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One new-car callback per delivery, also when the job and the delivery both try (spec 7.3).
        builder.HasIndex(c => new { c.DeliveryId, c.Type }).IsUnique().HasFilter("delivery_id IS NOT NULL")
            .HasDatabaseName("ux_callback_tasks_one_per_delivery");

        // One task per occasion (after-sales window, birthday year, dormant period): the jobs' idempotency key, so a
        // re-run or a second server adds nothing (5.1).
        builder.HasIndex(c => new { c.CustomerId, c.Type, c.OccasionKey }).IsUnique().HasFilter("occasion_key IS NOT NULL")
            .HasDatabaseName("ux_callback_tasks_one_per_occasion");
        builder.HasIndex(c => new { c.StoreId, c.Status, c.DueDate });

        // The monthly callback report (issue 12): a store's (or the group's) tasks due in a period, read from the index
        // alone — at 1M a store's month is 15k tasks, and their heap pages made the report 3x slower.
        builder.HasIndex(c => new { c.StoreId, c.DueDate }, "ix_callback_tasks_report")
            .IncludeProperties(c => new { c.Status, c.Type, c.OverallSatisfaction, c.Id });
        builder.HasIndex(c => new { c.AssignedToId, c.Status, c.DueDate });

        // The data-quality report's contacts: a store's reached callbacks of a year and whom they reached, from the index.
        builder.HasIndex(c => new { c.StoreId, c.ClosedAt }, "ix_callback_tasks_reached_closed")
            .IncludeProperties(c => c.CustomerId).HasFilter($"status = {(int)CallbackStatus.Reached}");
        builder.HasIndex(c => c.ServiceVisitId);

        // The service advisors' upcoming bookings from reminder calls (/Service).
        builder.HasIndex(c => new { c.StoreId, c.BookedFor }).HasFilter("booked_for IS NOT NULL");
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => new { c.VehicleId, c.Type });
        builder.HasIndex(c => c.ComplaintId).HasFilter("complaint_id IS NOT NULL");

        // The callback jobs' due and overdue alerts read only open tasks not told yet (issue 11).
        builder.HasIndex(c => c.DueDate, "ix_callback_tasks_due_unnotified")
            .HasFilter("status = 0 AND due_notified_at IS NULL").HasDatabaseName("ix_callback_tasks_due_unnotified");
        builder.HasIndex(c => c.DueDate, "ix_callback_tasks_overdue_unnotified")
            .HasFilter("status = 0 AND overdue_notified_at IS NULL").HasDatabaseName("ix_callback_tasks_overdue_unnotified");

        // The service reminders job (issue 14): a customer's open reminder calls — to cancel, to join a new reason to, or
        // to find the one nearest a reason's day — among millions of tasks, from a small index rather than every task of
        // the customer (at 1M the first run spent ~9 s of 22 in those lookups).
        builder.HasIndex(c => new { c.CustomerId, c.DueDate }, "ix_callback_tasks_open_reminders")
            .HasFilter($"type = {(int)CallbackType.ServiceReminder} AND status = {(int)CallbackStatus.Open}")
            .HasDatabaseName("ix_callback_tasks_open_reminders");
    }
}
