using DealerCrm.Domain.Complaints;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class ActionEventConfiguration : IEntityTypeConfiguration<ActionEvent>
{
    public void Configure(EntityTypeBuilder<ActionEvent> builder)
    {
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(e => e.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Comment).HasMaxLength(CorrectiveAction.CommentMaxLength);
        builder.HasIndex(e => new { e.ActionId, e.At });
    }
}
