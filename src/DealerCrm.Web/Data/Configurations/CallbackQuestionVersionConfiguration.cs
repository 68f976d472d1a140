using DealerCrm.Domain.Callbacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CallbackQuestionVersionConfiguration : IEntityTypeConfiguration<CallbackQuestionVersion>
{
    public void Configure(EntityTypeBuilder<CallbackQuestionVersion> builder)
    {
        builder.Property(v => v.TextEn).HasMaxLength(CallbackQuestionVersion.TextMaxLength);
        builder.Property(v => v.TextZh).HasMaxLength(CallbackQuestionVersion.TextMaxLength);
        builder.HasIndex(v => new { v.QuestionId, v.Number }).IsUnique();
    }
}
