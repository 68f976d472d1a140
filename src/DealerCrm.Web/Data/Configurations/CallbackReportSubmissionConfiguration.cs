using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CallbackReportSubmissionConfiguration : IEntityTypeConfiguration<CallbackReportSubmission>
{
    public void Configure(EntityTypeBuilder<CallbackReportSubmission> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(s => s.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.SubmittedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Analysis).HasMaxLength(CallbackReportSubmission.AnalysisMaxLength);
        builder.Property(s => s.Figures).HasColumnType("jsonb");

        // Submitted once per store and month (4.6).
        builder.HasIndex(s => new { s.StoreId, s.Year, s.Month }).IsUnique();
    }
}
