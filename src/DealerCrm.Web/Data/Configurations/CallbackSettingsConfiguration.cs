using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CallbackSettingsConfiguration : IEntityTypeConfiguration<CallbackSettings>
{
    public void Configure(EntityTypeBuilder<CallbackSettings> builder)
    {
        builder.HasKey(s => s.StoreId);
        builder.Property(s => s.StoreId).ValueGeneratedNever();
        builder.HasOne<Store>().WithOne().HasForeignKey<CallbackSettings>(s => s.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Version).IsRowVersion();
    }
}
