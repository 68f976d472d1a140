using DealerCrm.Domain.Customers;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealerCrm.Web.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    /// <summary>The index behind "one open lead per customer (so per mobile and store)" (spec 1.5).</summary>
    public const string OneOpenLeadPerCustomer = "ux_leads_one_open_per_customer";

    /// <summary>The open statuses (<see cref="LeadRules.OpenStatuses"/>) as an index filter: <c>status IN (0, 1, 3)</c>.</summary>
    private static readonly string OpenStatusFilter = $"status IN ({string.Join(", ", LeadRules.OpenStatusValues)})";

    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(l => l.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TrafficEntry>().WithMany().HasForeignKey(l => l.TrafficEntryId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Version).IsRowVersion();
        builder.Property(l => l.GradeSigns).HasColumnType("integer[]");
        builder.ComplexProperty(l => l.Interest, i =>
        {
            i.Property(x => x.IntendedModel).HasMaxLength(LeadInterest.TextMaxLength);
            i.Property(x => x.Configuration).HasMaxLength(LeadInterest.TextMaxLength);
            i.Property(x => x.Colour).HasMaxLength(LeadInterest.TextMaxLength);
            i.Property(x => x.CompetitorModels).HasMaxLength(LeadInterest.TextMaxLength * 2);
            i.Property(x => x.IntendedUse).HasMaxLength(LeadInterest.TextMaxLength);
            i.Property(x => x.TradeInCar).HasMaxLength(LeadInterest.TextMaxLength);
            i.Property(x => x.Budget).HasPrecision(12, 2);
        });
        builder.ComplexProperty(l => l.Needs, n =>
        {
            foreach (var name in new[]
                     {
                         nameof(NeedsAnalysis.WhoBuys), nameof(NeedsAnalysis.WhoDecides),
                         nameof(NeedsAnalysis.WhoInfluences), nameof(NeedsAnalysis.Why), nameof(NeedsAnalysis.When),
                         nameof(NeedsAnalysis.What), nameof(NeedsAnalysis.HeardOfUsFrom),
                         nameof(NeedsAnalysis.HowToPay), nameof(NeedsAnalysis.HowMuch),
                     })
            {
                n.Property<string?>(name).HasMaxLength(NeedsAnalysis.TextMaxLength);
            }

            n.Property(x => x.OtherNeeds).HasMaxLength(NeedsAnalysis.TextMaxLength * 2);
        });
        builder.HasMany(l => l.Plans).WithOne().HasForeignKey(p => p.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Events).WithOne().HasForeignKey(e => e.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(l => l.OpenPlan);
        builder.Ignore(l => l.OpenOrder);

        builder.HasIndex(l => l.CustomerId).IsUnique()
            .HasFilter(OpenStatusFilter)
            .HasDatabaseName(OneOpenLeadPerCustomer);
        builder.HasIndex(l => new { l.StoreId, l.OwnerId, l.Status, l.Id });
        builder.HasIndex(l => new { l.StoreId, l.Status, l.Id });

        // The lead list pages by id within a store (and a consultant's own leads), whatever the status filter; the
        // overdue filter reads open leads by plan date; the response-time report reads leads by arrival.
        // INCLUDE customer: the data-quality report finds the customer of a store's follow-ups from the index alone.
        builder.HasIndex(l => new { l.StoreId, l.Id }).HasDatabaseName("ix_leads_store_id").IncludeProperties(l => l.CustomerId);
        builder.HasIndex(l => new { l.StoreId, l.OwnerId, l.Id }).HasDatabaseName("ix_leads_store_owner_id");
        // The lead list's grade filter, newest first, for a consultant and for the store (issue 10: li's 283 H leads
        // among 21,987 were found by reading them all, 714 ms at 1M).
        builder.HasIndex(l => new { l.StoreId, l.OwnerId, l.Grade, l.Id }, "ix_leads_store_owner_grade_id");
        builder.HasIndex(l => new { l.StoreId, l.Grade, l.Id }, "ix_leads_store_grade_id");
        // INCLUDE: the data-quality report's open leads without a plan (22k of a store's open leads), from the index.
        builder.HasIndex(l => new { l.StoreId, l.NextFollowUpDate }).HasDatabaseName("ix_leads_open_by_next_plan")
            .HasFilter(OpenStatusFilter).IncludeProperties(l => new { l.Id, l.CustomerId, l.OwnerId });
        builder.HasIndex(l => new { l.StoreId, l.ArrivedAt }).HasDatabaseName("ix_leads_store_arrived");
        // A customer's leads (customer file, a consultant's customers, completeness), whatever their status.
        builder.HasIndex(l => l.CustomerId, "ix_leads_customer").HasDatabaseName("ix_leads_customer");

        // The manager's board counts a store's open leads per consultant, grade, status and plan date from this index
        // alone (an index-only scan), and the cards made today from the store's leads by creation time.
        builder.HasIndex(l => new { l.StoreId, l.OwnerId, l.Grade, l.Status, l.NextFollowUpDate }, "ix_leads_open_board")
            .HasFilter(OpenStatusFilter).HasDatabaseName("ix_leads_open_board");
        builder.HasIndex(l => new { l.StoreId, l.CreatedAt }, "ix_leads_store_created")
            .HasDatabaseName("ix_leads_store_created");

        // The consultant's "not contacted yet" list: Active leads without a first contact, oldest first.
        builder.HasIndex(l => new { l.StoreId, l.OwnerId, l.CreatedAt }, "ix_leads_not_contacted")
            .HasFilter($"status = {(int)LeadStatus.Active} AND first_contact_at IS NULL")
            .HasDatabaseName("ix_leads_not_contacted");
        builder.HasIndex(l => l.Id, "ix_leads_out_of_control").HasFilter("is_out_of_control")
            .HasDatabaseName("ix_leads_out_of_control");

        // The lead response watch (every 15 minutes, every store): leads never contacted and not yet told at the last
        // threshold, by arrival. Small: contacted leads and those past the last threshold leave it.
        builder.HasIndex(l => l.ArrivedAt, "ix_leads_uncontacted_watch")
            .HasFilter($"first_contact_at IS NULL AND (uncontacted_alert_hours IS NULL OR uncontacted_alert_hours < {ResponseWatch.LastThreshold})")
            .HasDatabaseName("ix_leads_uncontacted_watch");
    }
}
