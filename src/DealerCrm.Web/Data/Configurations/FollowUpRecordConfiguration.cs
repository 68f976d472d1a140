using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class FollowUpRecordConfiguration : IEntityTypeConfiguration<FollowUpRecord>
{
    public void Configure(EntityTypeBuilder<FollowUpRecord> builder)
    {
        builder.HasOne<Lead>().WithMany(l => l.Records).HasForeignKey(r => r.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Content).HasMaxLength(FollowUpRecord.ContentMaxLength);
        builder.Ignore(r => r.IsContact);
        builder.HasIndex(r => new { r.LeadId, r.ContactedAt });
        builder.HasIndex(r => new { r.StoreId, r.BusinessDate, r.AuthorId });
        // Reports (issue 15): follow-ups counted on the day the contact happened; the lead for the data-quality
        // report's owners' contacts.
        builder.HasIndex(r => new { r.StoreId, r.ContactedAt })
            .IncludeProperties(r => new { r.AuthorId, r.Result, r.BusinessDate, r.LeadId });
    }
}
