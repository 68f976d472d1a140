using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class DefeatRequestConfiguration : IEntityTypeConfiguration<Domain.Defeats.DefeatRequest>
{
    public void Configure(EntityTypeBuilder<Domain.Defeats.DefeatRequest> builder)
    {
        builder.HasOne<Lead>().WithMany().HasForeignKey(d => d.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(d => d.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.CompetitorBrand).HasMaxLength(Domain.Defeats.DefeatRequest.TextMaxLength);
        builder.Property(d => d.CompetitorModel).HasMaxLength(Domain.Defeats.DefeatRequest.TextMaxLength);
        builder.Property(d => d.Explanation).HasMaxLength(Domain.Defeats.DefeatRequest.ExplanationMaxLength);
        builder.Property(d => d.DecisionComment).HasMaxLength(Domain.Defeats.DefeatRequest.ExplanationMaxLength);
        builder.Property(d => d.Version).IsRowVersion();

        // One pending request per lead; the queue reads pending requests of a store oldest first.
        builder.HasIndex(d => d.LeadId).IsUnique().HasFilter("decision = 0").HasDatabaseName("ux_defeat_requests_pending");
        builder.HasIndex(d => new { d.StoreId, d.Decision, d.CreatedAt });
        // Reports (issue 15): requests decided in a store's period (approvals, the rejection rate).
        builder.HasIndex(d => new { d.StoreId, d.DecidedAt }).HasFilter("decided_at IS NOT NULL");
    }
}
