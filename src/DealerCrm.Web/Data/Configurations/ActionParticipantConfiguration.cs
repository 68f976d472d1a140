using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class ActionParticipantConfiguration : IEntityTypeConfiguration<ActionParticipant>
{
    public void Configure(EntityTypeBuilder<ActionParticipant> builder)
    {
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ActionId, p.UserId }).IsUnique();
        builder.HasIndex(p => p.UserId);
    }
}
