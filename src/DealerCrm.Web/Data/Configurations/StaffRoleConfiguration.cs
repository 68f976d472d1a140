using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class StaffRoleConfiguration : IEntityTypeConfiguration<StaffRole>
{
    public void Configure(EntityTypeBuilder<StaffRole> builder)
    {
        builder.ToTable("roles");

        // The roles are part of the product, not data: the migration creates them with fixed ids.
        builder.HasData(Roles.All.Select(r => new StaffRole(r.Name)
        {
            Id = r.Id,
            NormalizedName = r.Name.ToUpperInvariant(),
            ConcurrencyStamp = $"role-{r.Id}",
        }));
    }
}
