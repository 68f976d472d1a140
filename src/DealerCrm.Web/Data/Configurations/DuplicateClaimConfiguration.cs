using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class DuplicateClaimConfiguration : IEntityTypeConfiguration<DuplicateClaim>
{
    public void Configure(EntityTypeBuilder<DuplicateClaim> builder)
    {
        builder.HasOne<Lead>().WithMany().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Note).HasMaxLength(DuplicateClaim.NoteMaxLength);
        builder.Property(c => c.DecisionComment).HasMaxLength(DuplicateClaim.CommentMaxLength);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.StoreId, c.Status, c.CreatedAt });

        // A consultant asks once per lead; asking again while pending changes nothing.
        builder.HasIndex(c => new { c.LeadId, c.RequestedById }).IsUnique()
            .HasFilter($"status = {(int)ClaimStatus.Pending}").HasDatabaseName("ux_duplicate_claims_pending");
    }
}
