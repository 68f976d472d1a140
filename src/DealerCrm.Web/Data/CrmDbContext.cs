using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Campaigns;
using DealerCrm.Domain.Customers;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;
using DealerCrm.Domain.Showroom;
using DealerCrm.Domain.Stores;
using DealerCrm.Domain.Vehicles;
using DealerCrm.Web.Infrastructure.Auditing;
using DealerCrm.Web.Infrastructure.Identity;
using DealerCrm.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DealerCrm.Web.Data;

public sealed class CrmDbContext(DbContextOptions<CrmDbContext> options)
    : IdentityDbContext<StaffUser, StaffRole, long>(options), IDataProtectionKeyContext
{
    public DbSet<DealerGroup> DealerGroups => Set<DealerGroup>();

    public DbSet<Store> Stores => Set<Store>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<LeadEvent> LeadEvents => Set<LeadEvent>();

    public DbSet<FollowUpPlan> FollowUpPlans => Set<FollowUpPlan>();

    public DbSet<GradePolicy> GradePolicies => Set<GradePolicy>();

    public DbSet<DuplicateClaim> DuplicateClaims => Set<DuplicateClaim>();

    public DbSet<IncomingLead> IncomingLeads => Set<IncomingLead>();

    public DbSet<LeadImport> LeadImports => Set<LeadImport>();

    public DbSet<TrafficEntry> TrafficEntries => Set<TrafficEntry>();

    public DbSet<FollowUpRecord> FollowUpRecords => Set<FollowUpRecord>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<Vehicle> Vehicles => Set<Vehicle>();

    public DbSet<CallbackTask> CallbackTasks => Set<CallbackTask>();

    public DbSet<CallbackAttempt> CallbackAttempts => Set<CallbackAttempt>();

    public DbSet<CallbackAnswer> CallbackAnswers => Set<CallbackAnswer>();

    public DbSet<CallbackQuestion> CallbackQuestions => Set<CallbackQuestion>();

    public DbSet<CallbackQuestionVersion> CallbackQuestionVersions => Set<CallbackQuestionVersion>();

    public DbSet<CallbackSettings> CallbackSettings => Set<CallbackSettings>();

    public DbSet<CallbackScript> CallbackScripts => Set<CallbackScript>();

    public DbSet<Domain.Service.ServiceVisit> ServiceVisits => Set<Domain.Service.ServiceVisit>();

    public DbSet<VehicleStatusChange> VehicleStatusChanges => Set<VehicleStatusChange>();

    public DbSet<StoreHoliday> StoreHolidays => Set<StoreHoliday>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Domain.Complaints.Complaint> Complaints => Set<Domain.Complaints.Complaint>();

    public DbSet<Domain.Complaints.ComplaintStep> ComplaintSteps => Set<Domain.Complaints.ComplaintStep>();

    public DbSet<Domain.Complaints.ComplaintCategory> ComplaintCategories => Set<Domain.Complaints.ComplaintCategory>();

    public DbSet<Domain.Complaints.CorrectiveAction> CorrectiveActions => Set<Domain.Complaints.CorrectiveAction>();

    public DbSet<Domain.Complaints.ActionParticipant> ActionParticipants => Set<Domain.Complaints.ActionParticipant>();

    public DbSet<Domain.Complaints.ActionEvent> ActionEvents => Set<Domain.Complaints.ActionEvent>();

    public DbSet<CallbackReportSubmission> CallbackReportSubmissions => Set<CallbackReportSubmission>();

    public DbSet<Domain.Loyalty.LoyaltySettings> LoyaltySettings => Set<Domain.Loyalty.LoyaltySettings>();

    public DbSet<Domain.Loyalty.LoyaltyChange> LoyaltyChanges => Set<Domain.Loyalty.LoyaltyChange>();

    public DbSet<Domain.Loyalty.LoyaltyRun> LoyaltyRuns => Set<Domain.Loyalty.LoyaltyRun>();

    public DbSet<Domain.Loyalty.CustomerLoyalty> CustomerLoyalty => Set<Domain.Loyalty.CustomerLoyalty>();

    public DbSet<Domain.Loyalty.VehicleLoyaltyState> VehicleLoyalty => Set<Domain.Loyalty.VehicleLoyaltyState>();

    public DbSet<Domain.Service.ServiceReminder> ServiceReminders => Set<Domain.Service.ServiceReminder>();

    public DbSet<ReplacementOffer> ReplacementOffers => Set<ReplacementOffer>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignContact> CampaignContacts => Set<CampaignContact>();

    public DbSet<StoreTarget> StoreTargets => Set<StoreTarget>();

    public DbSet<Domain.Defeats.DefeatRequest> DefeatRequests => Set<Domain.Defeats.DefeatRequest>();

    public DbSet<Pages.Reports.DataQualitySnapshot> DataQualitySnapshots => Set<Pages.Reports.DataQualitySnapshot>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
        builder.HasDbFunction(typeof(Pages.Customers.CustomerSearch).GetMethod(nameof(Pages.Customers.CustomerSearch.NameHasBigramsOf))!)
            .HasName("customer_name_has_bigrams_of");
    }
}
