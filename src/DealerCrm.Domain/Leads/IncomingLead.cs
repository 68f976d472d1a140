using System.Linq.Expressions;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Leads;

public enum IncomingLeadStatus
{
    /// <summary>In the manager's queue, not yet given to a consultant.</summary>
    Waiting = 0,

    /// <summary>Given to a consultant: a lead card now exists with the incoming lead's arrival time.</summary>
    Assigned = 1,

    /// <summary>The customer already had an open lead; the enquiry went to that lead's consultant.</summary>
    Merged = 2,

    /// <summary>Set aside by the manager (test entry, spam, wrong number) with a reason.</summary>
    Dismissed = 3,
}

/// <summary>
/// An unassigned lead (spec 3.1): an enquiry from the dealer website, the manufacturer, an internet platform or a
/// CSV import, waiting in the manager's queue. The manager assigns it within two days of arrival; response time is
/// measured from <see cref="ArrivedAt"/>.
/// </summary>
public sealed class IncomingLead
{
    public const int NameMaxLength = Customers.Customer.NameMaxLength;
    public const int ModelMaxLength = LeadInterest.TextMaxLength;
    public const int ReasonMaxLength = 200;

    /// <summary>The manager assigns within two days of arrival; older ones are marked late.</summary>
    public static readonly TimeSpan AssignWithin = TimeSpan.FromDays(2);

    /// <summary>The channels leads arrive from without a showroom visit (spec 3.1); an owner's replacement lead whose
    /// selling consultant has left waits here too (issue 14).</summary>
    public static IReadOnlyList<SourceChannel> Sources { get; } =
    [
        SourceChannel.DealerWebsite, SourceChannel.ManufacturerAssigned, SourceChannel.InternetPlatform,
        SourceChannel.EventExhibition, SourceChannel.OutboundDevelopment, SourceChannel.OwnerReferral,
        SourceChannel.OwnerReplacement,
    ];

    private IncomingLead()
    {
        Name = string.Empty;
        Mobile = string.Empty;
    }

    public IncomingLead(int storeId, string? name, string? mobile, string? intendedModel, SourceChannel source,
        DateTimeOffset arrivedAt, long? importBatchId, DateTimeOffset now)
        : this()
    {
        if (!Sources.Contains(source))
        {
            throw new DomainException("Incoming.SourceInvalid", nameof(Source));
        }

        if (arrivedAt > now.AddMinutes(5))
        {
            throw new DomainException("Incoming.ArrivalInFuture", nameof(ArrivedAt));
        }

        StoreId = storeId;
        Name = Text.Required(name, NameMaxLength, nameof(Name), "Customer.NameRequired");
        Mobile = ChineseMobile.Normalize(mobile, nameof(Mobile));
        IntendedModel = Text.Optional(intendedModel, ModelMaxLength, nameof(IntendedModel));
        Source = source;
        ArrivedAt = arrivedAt.ToUniversalTime();
        ImportBatchId = importBatchId;
        Status = IncomingLeadStatus.Waiting;
        CreatedAt = now.ToUniversalTime();
    }

    public long Id { get; private set; }

    public int StoreId { get; private set; }

    public string Name { get; private set; }

    public string Mobile { get; private set; }

    public string? IntendedModel { get; private set; }

    public SourceChannel Source { get; private set; }

    public DateTimeOffset ArrivedAt { get; private set; }

    public long? ImportBatchId { get; private set; }

    public IncomingLeadStatus Status { get; private set; }

    /// <summary>The consultant it went to (assigned, or the owner of the lead it merged into).</summary>
    public long? ConsultantId { get; private set; }

    public long? LeadId { get; private set; }

    public long? DecidedById { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DismissReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Lead response watch (5.1, issue 14): when the job found it still unassigned past
    /// <see cref="AssignWithin"/> and told the managers (once). Set only by the job.</summary>
    public DateTimeOffset? LateFlaggedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>Late (spec 3.1): still waiting more than two days (2 × 24 h) after it arrived.</summary>
    public static Expression<Func<IncomingLead, DateTimeOffset, bool>> LateRule { get; } =
        (i, now) => i.Status == IncomingLeadStatus.Waiting && i.ArrivedAt < now - AssignWithin;

    private static readonly Func<IncomingLead, DateTimeOffset, bool> IsLateCompiled = LateRule.Compile();

    public static Expression<Func<IncomingLead, bool>> Late(DateTimeOffset now) => Predicate.Bind(LateRule, now);

    public bool IsLate(DateTimeOffset now) => IsLateCompiled(this, now);

    /// <summary>Gives the lead to a consultant; the caller has created (and saved) the card.</summary>
    public void Assign(long leadId, long consultantId, long managerId, DateTimeOffset now)
    {
        EnsureWaiting();
        Status = IncomingLeadStatus.Assigned;
        LeadId = leadId;
        ConsultantId = consultantId;
        DecidedById = managerId;
        DecidedAt = now.ToUniversalTime();
    }

    /// <summary>The customer already has an open lead: the enquiry joins it and its consultant is told.</summary>
    public void MergeInto(long leadId, long ownerId, long managerId, DateTimeOffset now)
    {
        EnsureWaiting();
        Status = IncomingLeadStatus.Merged;
        LeadId = leadId;
        ConsultantId = ownerId;
        DecidedById = managerId;
        DecidedAt = now.ToUniversalTime();
    }

    public void Dismiss(string? reason, long managerId, DateTimeOffset now)
    {
        EnsureWaiting();
        DismissReason = Text.Required(reason, ReasonMaxLength, nameof(DismissReason), "Incoming.DismissReasonRequired");
        Status = IncomingLeadStatus.Dismissed;
        DecidedById = managerId;
        DecidedAt = now.ToUniversalTime();
    }

    private void EnsureWaiting()
    {
        if (Status != IncomingLeadStatus.Waiting)
        {
            throw new DomainException("Incoming.AlreadyDecided");
        }
    }
}
