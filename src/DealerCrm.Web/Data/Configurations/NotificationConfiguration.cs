using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.MessageKey).HasMaxLength(100);
        builder.Property(n => n.Link).HasMaxLength(200);
        builder.Property(n => n.DedupeKey).HasMaxLength(200);
        builder.Property(n => n.Arguments).HasColumnType("text[]");

        // The same event notifies a user once, however often (or on however many servers) a job runs.
        builder.HasIndex(n => new { n.UserId, n.DedupeKey }).IsUnique().HasDatabaseName("ux_notifications_user_dedupe");
        builder.HasIndex(n => new { n.UserId, n.Id }).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}
