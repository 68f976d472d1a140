using DealerCrm.Domain.Callbacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CallbackAnswerConfiguration : IEntityTypeConfiguration<CallbackAnswer>
{
    public void Configure(EntityTypeBuilder<CallbackAnswer> builder)
    {
        builder.HasOne<CallbackQuestionVersion>().WithMany().HasForeignKey(a => a.QuestionVersionId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Reason).HasMaxLength(CallbackAnswer.ReasonMaxLength);
        builder.Property(a => a.ProblemCategory).HasMaxLength(50);
        builder.HasIndex(a => new { a.TaskId, a.QuestionVersionId }).IsUnique();
        builder.HasIndex(a => a.QuestionVersionId);
    }
}
