using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class StoreHolidayConfiguration : IEntityTypeConfiguration<StoreHoliday>
{
    public void Configure(EntityTypeBuilder<StoreHoliday> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(h => h.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.Name).HasMaxLength(StoreHoliday.NameMaxLength);
        builder.HasIndex(h => new { h.StoreId, h.Date }).IsUnique();
    }
}
