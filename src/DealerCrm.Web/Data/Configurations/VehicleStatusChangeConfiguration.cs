using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class VehicleStatusChangeConfiguration : IEntityTypeConfiguration<VehicleStatusChange>
{
    public void Configure(EntityTypeBuilder<VehicleStatusChange> builder)
    {
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.ByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Reason).HasMaxLength(200);
        builder.HasIndex(c => new { c.VehicleId, c.At });
    }
}
