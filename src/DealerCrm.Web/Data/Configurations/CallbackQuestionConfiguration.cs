using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CallbackQuestionConfiguration : IEntityTypeConfiguration<CallbackQuestion>
{
    public void Configure(EntityTypeBuilder<CallbackQuestion> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(q => q.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(q => q.Version).IsRowVersion();
        builder.Ignore(q => q.Current);
        builder.Ignore(q => q.IsRetired);
        builder.HasMany(q => q.Versions).WithOne().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(q => q.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(q => new { q.StoreId, q.Type, q.Position });
    }
}
