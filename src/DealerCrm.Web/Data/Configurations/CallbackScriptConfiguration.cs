using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CallbackScriptConfiguration : IEntityTypeConfiguration<CallbackScript>
{
    public void Configure(EntityTypeBuilder<CallbackScript> builder)
    {
        builder.HasKey(s => new { s.StoreId, s.Type });
        builder.HasOne<Store>().WithMany().HasForeignKey(s => s.StoreId).OnDelete(DeleteBehavior.Cascade);
        foreach (var property in new[] { "GreetingEn", "PurposeEn", "ClosingEn", "GreetingZh", "PurposeZh", "ClosingZh" })
        {
            builder.Property<string>(property).HasMaxLength(CallbackScript.TextMaxLength);
        }

        builder.Property(s => s.Version).IsRowVersion();
    }
}
