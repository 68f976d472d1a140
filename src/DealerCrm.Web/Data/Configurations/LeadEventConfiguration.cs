using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class LeadEventConfiguration : IEntityTypeConfiguration<LeadEvent>
{
    public void Configure(EntityTypeBuilder<LeadEvent> builder)
    {
        builder.Property(e => e.Reason).HasMaxLength(Lead.ReasonMaxLength);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(e => e.FromOwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(e => e.ToOwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Order).WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Amount).HasPrecision(12, 2);
        builder.Property(e => e.Vin).HasMaxLength(17);
        builder.Property(e => e.Field).HasMaxLength(LeadEvent.FieldMaxLength);
        builder.Property(e => e.FromText).HasMaxLength(LeadEvent.ValueMaxLength);
        builder.Property(e => e.ToText).HasMaxLength(LeadEvent.ValueMaxLength);
        builder.HasIndex(e => new { e.LeadId, e.At });
        // Defeat analysis (issue 15): rescues in a period, without reading every lead's history.
        builder.HasIndex(e => e.At, "ix_lead_events_rescued_at").HasDatabaseName("ix_lead_events_rescued_at")
            .HasFilter($"kind = {(int)LeadEventKind.Rescued}");
        // The daily report (issue 15): the leads with history after a day's end are the only ones whose state then is
        // rebuilt from their events; for a recent day (or now) this range is a few rows, read off the index alone.
        builder.HasIndex(e => new { e.At, e.LeadId }, "ix_lead_events_at_lead").HasDatabaseName("ix_lead_events_at_lead");
        // ...and who owned a lead at an instant of the period: its changes of owner since the period began.
        builder.HasIndex(e => e.At, "ix_lead_events_owner_changed_at").HasDatabaseName("ix_lead_events_owner_changed_at")
            .HasFilter($"kind = {(int)LeadEventKind.OwnerChanged}");
    }
}
