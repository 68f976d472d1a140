using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class CampaignContactConfiguration : IEntityTypeConfiguration<CampaignContact>
{
    public void Configure(EntityTypeBuilder<CampaignContact> builder)
    {
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lead>().WithMany().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.AddedById).OnDelete(DeleteBehavior.Restrict);

        // One row per campaign and customer (a double post or a re-imported CSV links once).
        builder.HasIndex(c => new { c.CampaignId, c.CustomerId }).IsUnique();

        // "The latest campaign the customer attended before the order" (6.5) and the data-quality "attended an event".
        builder.HasIndex(c => new { c.CustomerId, c.AttendedAt }).HasFilter("attended_at IS NOT NULL");
        builder.HasIndex(c => c.LeadId).HasFilter("lead_id IS NOT NULL");
    }
}
