using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class TrafficEntryConfiguration : IEntityTypeConfiguration<TrafficEntry>
{
    public void Configure(EntityTypeBuilder<TrafficEntry> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(t => t.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.ReceptionistId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(t => t.ConsultantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.VisitorName).HasMaxLength(TrafficEntry.NameMaxLength);
        builder.Property(t => t.Mobile).HasMaxLength(11);
        builder.Property(t => t.Region).HasMaxLength(TrafficEntry.RegionMaxLength);
        builder.Property(t => t.Notes).HasMaxLength(TrafficEntry.NotesMaxLength);
        builder.Property(t => t.VoidReason).HasMaxLength(TrafficEntry.ReasonMaxLength);
        builder.Property(t => t.Version).IsRowVersion();
        builder.Ignore(t => t.IsOpen);
        builder.Ignore(t => t.HasContact);
        builder.HasIndex(t => new { t.StoreId, t.BusinessDate, t.ArrivedAt });
        builder.HasIndex(t => new { t.StoreId, t.ConsultantId, t.BusinessDate });
        builder.HasIndex(t => t.LeadId);
    }
}
