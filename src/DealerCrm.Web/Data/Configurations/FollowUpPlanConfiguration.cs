using DealerCrm.Domain.FollowUps;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class FollowUpPlanConfiguration : IEntityTypeConfiguration<FollowUpPlan>
{
    public void Configure(EntityTypeBuilder<FollowUpPlan> builder)
    {
        builder.Property(p => p.Note).HasMaxLength(FollowUpPlan.NoteMaxLength);
        builder.Property(p => p.LateReason).HasMaxLength(FollowUpPlan.ReasonMaxLength);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);

        // Every Active or Ordered lead has exactly one open plan (spec 2.2): at most one, enforced here.
        builder.HasIndex(p => p.LeadId).IsUnique().HasFilter($"status = {(int)PlanStatus.Open}")
            .HasDatabaseName("ux_follow_up_plans_one_open_per_lead");
        // A consultant's open plans by date, in the daily list's order (due date, then id): its top 200 are read off
        // the index, never sorted out of all of them; the board counts open plans per consultant from it alone.
        builder.HasIndex(p => new { p.StoreId, p.OwnerId, p.DueDate, p.Id }).HasFilter($"status = {(int)PlanStatus.Open}")
            .HasDatabaseName("ix_follow_up_plans_open_by_owner_due");
        // Reports (issue 15): the daily report's plans due in a store's period, whatever their status.
        // The lead and the closing time ride along, so a year's plans are read off the index alone.
        builder.HasIndex(p => new { p.StoreId, p.DueDate }).IncludeProperties(p => new { p.LeadId, p.ClosedAt });

        // The lead card shows every plan of its lead, done and cancelled ones included.
        builder.HasIndex(p => p.LeadId, "ix_follow_up_plans_lead").HasDatabaseName("ix_follow_up_plans_lead");

        // The overdue job reads only open plans not yet notified, and open plans by due date: each run stays small.
        builder.HasIndex(p => p.DueDate, "ix_follow_up_plans_open_unnotified_due")
            .HasFilter($"status = {(int)PlanStatus.Open} AND NOT overdue_notified")
            .HasDatabaseName("ix_follow_up_plans_open_unnotified_due");
        builder.HasIndex(p => p.DueDate, "ix_follow_up_plans_open_due").HasFilter($"status = {(int)PlanStatus.Open}")
            .HasDatabaseName("ix_follow_up_plans_open_due");
    }
}
