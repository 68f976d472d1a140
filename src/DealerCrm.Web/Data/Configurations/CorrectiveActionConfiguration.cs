using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CorrectiveActionConfiguration : IEntityTypeConfiguration<CorrectiveAction>
{
    public void Configure(EntityTypeBuilder<CorrectiveAction> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(a => a.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Complaint>().WithMany().HasForeignKey(a => a.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.ResponsibleUserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(a => a.OpenedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.ProblemCategoryCode).HasMaxLength(ComplaintCategory.CodeMaxLength);
        builder.Property(a => a.Problem).HasMaxLength(CorrectiveAction.ProblemMaxLength);
        builder.Property(a => a.Description).HasMaxLength(CorrectiveAction.DescriptionMaxLength);
        builder.Property(a => a.WhatWasDone).HasMaxLength(CorrectiveAction.DescriptionMaxLength);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasMany(a => a.Participants).WithOne().HasForeignKey(p => p.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Participants).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(a => new { a.StoreId, a.Status, a.DueDate });
        builder.HasIndex(a => a.ComplaintId);
        builder.HasIndex(a => new { a.StoreId, a.OpenedAt });
    }
}
