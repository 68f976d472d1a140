using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(Store.CodeMaxLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(Store.NameMaxLength);
        builder.Property(s => s.TimeZoneId).HasMaxLength(64);
        builder.Property(s => s.Version).IsRowVersion();
        builder.Ignore(s => s.TimeZone);
        builder.ComplexProperty(s => s.WorkingHours, hours =>
        {
            hours.Property(h => h.Days).HasColumnName("work_days");
            hours.Property(h => h.Opens).HasColumnName("opens_at");
            hours.Property(h => h.Closes).HasColumnName("closes_at");
            hours.Ignore(h => h.LengthOfDay);
        });
    }
}
