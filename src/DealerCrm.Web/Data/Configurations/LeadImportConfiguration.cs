using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class LeadImportConfiguration : IEntityTypeConfiguration<LeadImport>
{
    public void Configure(EntityTypeBuilder<LeadImport> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(i => i.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(i => i.ImportedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.FileName).HasMaxLength(LeadImport.FileNameMaxLength);
        builder.Ignore(i => i.Problems);
        builder.Ignore(i => i.RefusedRows);
        builder.Property<List<string>>("_problems").HasColumnName("problems");
        // Each page lists its own kind of the store's recent imports.
        builder.HasIndex(i => new { i.StoreId, i.Kind, i.ImportedAt });
    }
}
