using DealerCrm.Domain.Leads;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class IncomingLeadConfiguration : IEntityTypeConfiguration<IncomingLead>
{
    /// <summary>
    /// The same enquiry (store, source, mobile, arrival time) is stored once: importing a file twice adds nothing,
    /// even when two imports run at the same instant.
    /// </summary>
    public const string OnePerEnquiry = "ux_incoming_leads_enquiry";

    public void Configure(EntityTypeBuilder<IncomingLead> builder)
    {
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(i => i.ConsultantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Lead>().WithMany().HasForeignKey(i => i.LeadId).OnDelete(DeleteBehavior.Restrict);

        // No foreign keys to the store and the import a row came from: the bulk merge inserts 100,000 rows in one
        // statement, and the two key checks per row (always on the same store row and the same import row) took half
        // of its time (spec 7.1: ≥ 50,000 rows/s). Both come from the importer, in the same transaction as the import
        // row; stores and imports are never deleted. The keys to the consultant and the lead card stay: they are set
        // one row at a time, when a manager decides.
        builder.HasIndex(i => i.ImportBatchId).HasDatabaseName("ix_incoming_leads_import_batch_id");
        builder.Property(i => i.Name).HasMaxLength(IncomingLead.NameMaxLength);
        builder.Property(i => i.Mobile).HasMaxLength(20);
        builder.Property(i => i.IntendedModel).HasMaxLength(IncomingLead.ModelMaxLength);
        builder.Property(i => i.DismissReason).HasMaxLength(IncomingLead.ReasonMaxLength);
        builder.Property(i => i.Version).IsRowVersion();
        builder.HasIndex(i => new { i.StoreId, i.Source, i.Mobile, i.ArrivedAt }).IsUnique().HasDatabaseName(OnePerEnquiry);
        // Response time (issue 15): a store's queue arrivals in a period, waiting or assigned.
        builder.HasIndex(i => new { i.StoreId, i.ArrivedAt }).HasDatabaseName("ix_incoming_leads_store_id_arrived_at");

        // The manager's queue: the store's waiting leads, oldest first.
        builder.HasIndex(i => new { i.StoreId, i.ArrivedAt, i.Id }).HasFilter($"status = {(int)IncomingLeadStatus.Waiting}")
            .HasDatabaseName("ix_incoming_leads_waiting");
    }
}
