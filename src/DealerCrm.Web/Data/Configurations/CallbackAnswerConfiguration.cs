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
        // One answer per question version and task; the values ride along so the monthly report reads a month's
        // answers from the index alone (issue 12: 32k tasks of a store's two months at 1M, index-only).
        builder.HasIndex(a => new { a.TaskId, a.QuestionVersionId }).IsUnique()
            .IncludeProperties(a => new { a.Value, a.ProblemCategory });
        builder.HasIndex(a => a.QuestionVersionId);
    }
}
