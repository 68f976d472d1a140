using DealerCrm.Domain.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

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
        builder.HasIndex(o => o.LeadId, "ix_orders_lead").HasDatabaseName("ix_orders_lead");
        // Reports (issue 15): a store's orders by order date, cancelled and delivered ones included.
        builder.HasIndex(o => new { o.StoreId, o.OrderDate }, "ix_orders_store_id_order_date");
        builder.HasIndex(o => new { o.StoreId, o.OrderDate }).HasFilter($"status = {(int)OrderStatus.Open}")
            .HasDatabaseName("ix_orders_open_by_date");
    }
}
