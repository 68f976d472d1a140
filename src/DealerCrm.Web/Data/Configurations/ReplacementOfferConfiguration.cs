using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class ReplacementOfferConfiguration : IEntityTypeConfiguration<ReplacementOffer>
{
    public void Configure(EntityTypeBuilder<ReplacementOffer> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(o => o.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(o => o.VehicleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lead>().WithMany().HasForeignKey(o => o.LeadId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<IncomingLead>().WithMany().HasForeignKey(o => o.IncomingLeadId).OnDelete(DeleteBehavior.SetNull);

        // Two servers on one day offer one; the "once per 12 months" rule reads the latest offer per customer.
        builder.HasIndex(o => new { o.CustomerId, o.OfferedOn }).IsUnique();
        builder.HasIndex(o => o.LeadId).HasFilter("lead_id IS NOT NULL");
        builder.HasIndex(o => o.IncomingLeadId).HasFilter("incoming_lead_id IS NOT NULL");
    }
}
