using DealerCrm.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Target).HasMaxLength(200);
        builder.Property(a => a.Details).HasMaxLength(4000);
        builder.Property(a => a.IpAddress).HasMaxLength(64);

        // The viewer pages a store's entries newest first; retention deletes by time.
        builder.HasIndex(a => new { a.StoreId, a.At, a.Id });
        builder.HasIndex(a => a.At);

        // The audit viewer pages by id, newest first, within a store.
        builder.HasIndex(a => new { a.StoreId, a.Id }).HasDatabaseName("ix_audit_entries_store_id");
    }
}
