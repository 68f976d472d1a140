using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class FollowUpRecordConfiguration : IEntityTypeConfiguration<FollowUpRecord>
{
    public void Configure(EntityTypeBuilder<FollowUpRecord> builder)
    {
        builder.HasOne<Lead>().WithMany(l => l.Records).HasForeignKey(r => r.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Content).HasMaxLength(FollowUpRecord.ContentMaxLength);
        builder.Ignore(r => r.IsContact);
        builder.HasIndex(r => new { r.LeadId, r.ContactedAt });
        builder.HasIndex(r => new { r.StoreId, r.BusinessDate, r.AuthorId });
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.HasOne<Lead>().WithMany(l => l.Orders).HasForeignKey(o => o.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Model).HasMaxLength(Order.TextMaxLength);
        builder.Property(o => o.Configuration).HasMaxLength(Order.TextMaxLength);
        builder.Property(o => o.Colour).HasMaxLength(Order.TextMaxLength);
        builder.Property(o => o.TradeIn).HasMaxLength(Order.TextMaxLength);
        builder.Property(o => o.ContractNumber).HasMaxLength(50);
        builder.Property(o => o.CancelReason).HasMaxLength(Order.ReasonMaxLength);
        builder.Property(o => o.AgreedPrice).HasPrecision(12, 2);
        builder.Property(o => o.Deposit).HasPrecision(12, 2);

        // One open order per lead; open orders by store and date for the overdue-order flags.
        builder.HasIndex(o => o.LeadId).IsUnique().HasFilter($"status = {(int)OrderStatus.Open}")
            .HasDatabaseName("ux_orders_one_open_per_lead");
        builder.HasIndex(o => new { o.StoreId, o.OrderDate }).HasFilter($"status = {(int)OrderStatus.Open}")
            .HasDatabaseName("ix_orders_open_by_date");
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.HasOne<Lead>().WithMany().HasForeignKey(d => d.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(d => d.VehicleId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.FinalPrice).HasPrecision(12, 2);
        builder.Property(d => d.InvoiceNumber).HasMaxLength(50);
        builder.HasIndex(d => d.OrderId).IsUnique();
        builder.HasIndex(d => new { d.StoreId, d.DeliveredAt });
    }
}

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(v => v.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(v => v.OwnerCustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Vin).HasMaxLength(17);
        builder.Property(v => v.Plate).HasMaxLength(10);
        builder.Property(v => v.Brand).HasMaxLength(50);
        builder.Property(v => v.Model).HasMaxLength(100);
        builder.Property(v => v.Colour).HasMaxLength(50);
        builder.Property(v => v.Version).IsRowVersion();

        // A VIN is one car in the whole group, whichever store sold or serviced it.
        builder.HasIndex(v => v.Vin).IsUnique();
        builder.HasIndex(v => new { v.StoreId, v.Plate });
        builder.HasIndex(v => v.OwnerCustomerId);
    }
}

internal sealed class CallbackTaskConfiguration : IEntityTypeConfiguration<CallbackTask>
{
    public void Configure(EntityTypeBuilder<CallbackTask> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(c => c.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Vehicle>().WithMany().HasForeignKey(c => c.VehicleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Delivery>().WithMany().HasForeignKey(c => c.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Version).IsRowVersion();

        // One new-car callback per delivery, also when the job and the delivery both try (spec 7.3).
        builder.HasIndex(c => new { c.DeliveryId, c.Type }).IsUnique().HasFilter("delivery_id IS NOT NULL")
            .HasDatabaseName("ux_callback_tasks_one_per_delivery");
        builder.HasIndex(c => new { c.StoreId, c.Status, c.DueDate });
    }
}

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
    }
}
