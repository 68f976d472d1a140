using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.HasOne<Lead>().WithMany().HasForeignKey(d => d.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(d => d.VehicleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(d => d.ConsultantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.FinalPrice).HasPrecision(12, 2);
        builder.Property(d => d.InvoiceNumber).HasMaxLength(50);
        builder.HasIndex(d => d.OrderId).IsUnique();
        builder.HasIndex(d => new { d.StoreId, d.DeliveredAt });
        // Data quality (issue 15): duplicate invoice numbers within a store, with the lead each links to, from the index.
        builder.HasIndex(d => new { d.StoreId, d.InvoiceNumber }).IncludeProperties(d => d.LeadId);
        // A car's latest delivery and its consultant from the index alone (replacement leads, issue 14: ~76k cars at 1M).
        builder.HasIndex(d => new { d.VehicleId, d.DeliveredAt, d.Id })
            .IncludeProperties(d => new { d.StoreId, d.ConsultantId });
    }
}
