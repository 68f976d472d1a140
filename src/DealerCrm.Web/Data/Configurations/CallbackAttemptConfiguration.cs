using DealerCrm.Domain.Callbacks;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

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
