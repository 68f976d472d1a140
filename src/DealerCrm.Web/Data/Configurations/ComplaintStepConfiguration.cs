using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class ComplaintStepConfiguration : IEntityTypeConfiguration<ComplaintStep>
{
    public void Configure(EntityTypeBuilder<ComplaintStep> builder)
    {
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.DoneById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Note).HasMaxLength(Complaint.NoteMaxLength);
        builder.HasIndex(s => new { s.ComplaintId, s.Position });

        // The complaint clock job reads only steps with a limit that it has not flagged yet.
        builder.HasIndex(s => s.Deadline).HasFilter("deadline IS NOT NULL AND breach_notified_at IS NULL AND NOT superseded")
            .HasDatabaseName("ix_complaint_steps_unflagged");

        // The monthly report's timely-handling rate counts the limits that fell in a month.
        builder.HasIndex(s => s.Deadline).HasFilter("deadline IS NOT NULL AND NOT superseded")
            .HasDatabaseName("ix_complaint_steps_deadline");
    }
}
