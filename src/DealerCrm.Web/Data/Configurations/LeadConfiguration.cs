using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
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
            .HasFilter($"status IN ({(int)LeadStatus.Active}, {(int)LeadStatus.Ordered}, {(int)LeadStatus.DefeatPending})")
            .HasDatabaseName(OneOpenLeadPerCustomer);
        builder.HasIndex(l => new { l.StoreId, l.OwnerId, l.Status, l.Id });
        builder.HasIndex(l => new { l.StoreId, l.Status, l.Id });

        // The lead list pages by id within a store (and a consultant's own leads), whatever the status filter; the
        // overdue filter reads open leads by plan date; the response-time report reads leads by arrival.
        builder.HasIndex(l => new { l.StoreId, l.Id }).HasDatabaseName("ix_leads_store_id");
        builder.HasIndex(l => new { l.StoreId, l.OwnerId, l.Id }).HasDatabaseName("ix_leads_store_owner_id");
        builder.HasIndex(l => new { l.StoreId, l.NextFollowUpDate }).HasDatabaseName("ix_leads_open_by_next_plan")
            .HasFilter($"status IN ({(int)LeadStatus.Active}, {(int)LeadStatus.Ordered}, {(int)LeadStatus.DefeatPending})");
        builder.HasIndex(l => new { l.StoreId, l.ArrivedAt }).HasDatabaseName("ix_leads_store_arrived");
        builder.HasIndex(l => l.Id, "ix_leads_out_of_control").HasFilter("is_out_of_control")
            .HasDatabaseName("ix_leads_out_of_control");
    }
}

internal sealed class LeadEventConfiguration : IEntityTypeConfiguration<LeadEvent>
{
    public void Configure(EntityTypeBuilder<LeadEvent> builder)
    {
        builder.Property(e => e.Reason).HasMaxLength(Lead.ReasonMaxLength);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(e => e.FromOwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(e => e.ToOwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Order).WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Amount).HasPrecision(12, 2);
        builder.Property(e => e.Vin).HasMaxLength(17);
        builder.Property(e => e.Field).HasMaxLength(LeadEvent.FieldMaxLength);
        builder.Property(e => e.FromText).HasMaxLength(LeadEvent.ValueMaxLength);
        builder.Property(e => e.ToText).HasMaxLength(LeadEvent.ValueMaxLength);
        builder.HasIndex(e => new { e.LeadId, e.At });
    }
}

internal sealed class FollowUpPlanConfiguration : IEntityTypeConfiguration<FollowUpPlan>
{
    public void Configure(EntityTypeBuilder<FollowUpPlan> builder)
    {
        builder.Property(p => p.Note).HasMaxLength(FollowUpPlan.NoteMaxLength);
        builder.Property(p => p.LateReason).HasMaxLength(FollowUpPlan.ReasonMaxLength);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);

        // Every Active or Ordered lead has exactly one open plan (spec 2.2): at most one, enforced here.
        builder.HasIndex(p => p.LeadId).IsUnique().HasFilter($"status = {(int)PlanStatus.Open}")
            .HasDatabaseName("ux_follow_up_plans_one_open_per_lead");
        builder.HasIndex(p => new { p.StoreId, p.OwnerId, p.DueDate }).HasFilter($"status = {(int)PlanStatus.Open}")
            .HasDatabaseName("ix_follow_up_plans_open_by_owner_due");

        // The overdue job reads only open plans not yet notified, and open plans by due date: each run stays small.
        builder.HasIndex(p => p.DueDate, "ix_follow_up_plans_open_unnotified_due")
            .HasFilter($"status = {(int)PlanStatus.Open} AND NOT overdue_notified")
            .HasDatabaseName("ix_follow_up_plans_open_unnotified_due");
        builder.HasIndex(p => p.DueDate, "ix_follow_up_plans_open_due").HasFilter($"status = {(int)PlanStatus.Open}")
            .HasDatabaseName("ix_follow_up_plans_open_due");
    }
}

internal sealed class GradePolicyConfiguration : IEntityTypeConfiguration<GradePolicy>
{
    public void Configure(EntityTypeBuilder<GradePolicy> builder)
    {
        builder.HasOne<Store>().WithMany().HasForeignKey(p => p.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.StoreId).IsUnique();
        builder.Property(p => p.DepositThreshold).HasPrecision(12, 2);

        // Existing policies get the spec's 90 days when the column arrives.
        builder.Property(p => p.DormantAfterDays).HasDefaultValue(DormancyRule.DefaultDays);
        builder.Property(p => p.Version).IsRowVersion();
    }
}

internal sealed class DuplicateClaimConfiguration : IEntityTypeConfiguration<DuplicateClaim>
{
    public void Configure(EntityTypeBuilder<DuplicateClaim> builder)
    {
        builder.HasOne<Lead>().WithMany().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.RequestedById).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Note).HasMaxLength(DuplicateClaim.NoteMaxLength);
        builder.Property(c => c.DecisionComment).HasMaxLength(DuplicateClaim.CommentMaxLength);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.StoreId, c.Status, c.CreatedAt });

        // A consultant asks once per lead; asking again while pending changes nothing.
        builder.HasIndex(c => new { c.LeadId, c.RequestedById }).IsUnique()
            .HasFilter($"status = {(int)ClaimStatus.Pending}").HasDatabaseName("ux_duplicate_claims_pending");
    }
}

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
