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
        builder.HasIndex(c => new { c.AssignedToId, c.Status, c.DueDate });
        builder.HasIndex(c => c.ServiceVisitId);
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => new { c.VehicleId, c.Type });

        // The callback jobs' due and overdue alerts read only open tasks not told yet (issue 11).
        builder.HasIndex(c => c.DueDate, "ix_callback_tasks_due_unnotified")
            .HasFilter("status = 0 AND due_notified_at IS NULL").HasDatabaseName("ix_callback_tasks_due_unnotified");
        builder.HasIndex(c => c.DueDate, "ix_callback_tasks_overdue_unnotified")
            .HasFilter("status = 0 AND overdue_notified_at IS NULL").HasDatabaseName("ix_callback_tasks_overdue_unnotified");
    }
}

internal sealed class CallbackAttemptConfiguration : IEntityTypeConfiguration<CallbackAttempt>
{
    public void Configure(EntityTypeBuilder<CallbackAttempt> builder)
    {
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.NumberDialled).HasMaxLength(30);
        builder.Property(a => a.RecordingId).HasMaxLength(CallbackAttempt.RecordingIdMaxLength);
        builder.Property(a => a.Note).HasMaxLength(CallbackAttempt.NoteMaxLength);
        builder.HasIndex(a => new { a.TaskId, a.At });
    }
}

internal sealed class CallbackAnswerConfiguration : IEntityTypeConfiguration<CallbackAnswer>
{
    public void Configure(EntityTypeBuilder<CallbackAnswer> builder)
    {
        builder.HasOne<CallbackQuestionVersion>().WithMany().HasForeignKey(a => a.QuestionVersionId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Reason).HasMaxLength(CallbackAnswer.ReasonMaxLength);
        builder.Property(a => a.ProblemCategory).HasMaxLength(50);
        builder.HasIndex(a => new { a.TaskId, a.QuestionVersionId }).IsUnique();
        builder.HasIndex(a => a.QuestionVersionId);
    }
}

internal sealed class CallbackQuestionConfiguration : IEntityTypeConfiguration<CallbackQuestion>
{
    public void Configure(EntityTypeBuilder<CallbackQuestion> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(q => q.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(q => q.Version).IsRowVersion();
        builder.Ignore(q => q.Current);
        builder.Ignore(q => q.IsRetired);
        builder.HasMany(q => q.Versions).WithOne().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(q => q.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(q => new { q.StoreId, q.Type, q.Position });
    }
}

internal sealed class CallbackQuestionVersionConfiguration : IEntityTypeConfiguration<CallbackQuestionVersion>
{
    public void Configure(EntityTypeBuilder<CallbackQuestionVersion> builder)
    {
        builder.Property(v => v.TextEn).HasMaxLength(CallbackQuestionVersion.TextMaxLength);
        builder.Property(v => v.TextZh).HasMaxLength(CallbackQuestionVersion.TextMaxLength);
        builder.HasIndex(v => new { v.QuestionId, v.Number }).IsUnique();
    }
}

internal sealed class CallbackSettingsConfiguration : IEntityTypeConfiguration<CallbackSettings>
{
    public void Configure(EntityTypeBuilder<CallbackSettings> builder)
    {
        builder.HasKey(s => s.StoreId);
        builder.Property(s => s.StoreId).ValueGeneratedNever();
        builder.HasOne<Store>().WithOne().HasForeignKey<CallbackSettings>(s => s.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Version).IsRowVersion();
    }
}

internal sealed class CallbackScriptConfiguration : IEntityTypeConfiguration<CallbackScript>
{
    public void Configure(EntityTypeBuilder<CallbackScript> builder)
    {
        builder.HasKey(s => new { s.StoreId, s.Type });
        builder.HasOne<Store>().WithMany().HasForeignKey(s => s.StoreId).OnDelete(DeleteBehavior.Cascade);
        foreach (var property in new[] { "GreetingEn", "PurposeEn", "ClosingEn", "GreetingZh", "PurposeZh", "ClosingZh" })
        {
            builder.Property<string>(property).HasMaxLength(CallbackScript.TextMaxLength);
        }

        builder.Property(s => s.Version).IsRowVersion();
    }
}
