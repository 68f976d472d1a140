using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class ComplaintCategoryConfiguration : IEntityTypeConfiguration<ComplaintCategory>
{
    public void Configure(EntityTypeBuilder<ComplaintCategory> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Code).HasMaxLength(ComplaintCategory.CodeMaxLength);
        builder.Property(c => c.NameEn).HasMaxLength(ComplaintCategory.NameMaxLength);
        builder.Property(c => c.NameZh).HasMaxLength(ComplaintCategory.NameMaxLength);
        builder.Ignore(c => c.IsDefault);
        builder.HasIndex(c => new { c.StoreId, c.Code }).IsUnique();
    }
}
