using DealerCrm.Domain.Common;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

public sealed class IncomingLeadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    private static IncomingLead Website(DateTimeOffset? arrivedAt = null) =>
        new(1, " 赵先生 ", "+86 139-0000-0001", "星越L", SourceChannel.DealerWebsite, arrivedAt ?? Now.AddHours(-1), null, Now);

    [Fact]
    public void An_enquiry_is_stored_normalized_and_waits_for_the_manager()
    {
        var lead = Website();

        (lead.Name, lead.Mobile, lead.Status).Should().Be(("赵先生", "13900000001", IncomingLeadStatus.Waiting));
    }

    [Fact]
    public void It_is_late_once_it_has_waited_more_than_two_days()
    {
        Website(Now.AddDays(-2).AddMinutes(1)).IsLate(Now).Should().BeFalse();
        Website(Now.AddDays(-2).AddMinutes(-1)).IsLate(Now).Should().BeTrue();
        IncomingLead.Late(Now).Compile()(Website(Now.AddDays(-3))).Should().BeTrue("the query form is the same rule");
        var assigned = Website(Now.AddDays(-3));
        assigned.Assign(7, 3, 9, Now);
        assigned.IsLate(Now).Should().BeFalse("only a lead still waiting is late");
    }

    [Theory]
    [InlineData(SourceChannel.ShowroomWalkIn)]
    [InlineData(SourceChannel.ShowroomCall)]
    public void A_showroom_visit_is_not_an_unassigned_lead(SourceChannel source)
    {
        var act = () => new IncomingLead(1, "赵先生", "13900000001", null, source, Now, null, Now);

        act.Should().Throw<DomainException>().Which.Field.Should().Be("Source");
    }

    [Fact]
    public void An_arrival_in_the_future_is_refused()
    {
        var act = () => Website(Now.AddHours(1));

        act.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Incoming.ArrivalInFuture");
    }

    [Fact]
    public void It_is_decided_once()
    {
        var lead = Website();
        lead.Assign(10, 7, 3, Now);

        (lead.Status, lead.LeadId, lead.ConsultantId, lead.DecidedById).Should().Be((IncomingLeadStatus.Assigned, 10L, 7L, 3L));
        lead.Invoking(l => l.Dismiss("spam", 3, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Incoming.AlreadyDecided");
        lead.Invoking(l => l.MergeInto(11, 8, 3, Now)).Should().Throw<DomainException>();
    }

    [Fact]
    public void Setting_aside_needs_a_reason()
    {
        var lead = Website();

        lead.Invoking(l => l.Dismiss("  ", 3, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Incoming.DismissReasonRequired");
        lead.Status.Should().Be(IncomingLeadStatus.Waiting);
    }

    [Fact]
    public void An_import_keeps_each_refused_row_with_its_line_and_counts_what_was_already_there()
    {
        var import = new LeadImport(1, "leads.csv", 3, [1, 2, 3], Now);
        import.Refuse(3, "Mobile", "Mobile.Invalid");
        import.Refuse(5, "Source", "Import.SourceUnknown");
        import.Complete(rowsRead: 10, valid: 8, added: 5, Now);

        (import.Added, import.AlreadyPresent, import.Refused, import.Status).Should().Be((5, 3, 2, LeadImportStatus.Completed));
        import.Content.Should().BeNull("the uploaded personal data is not kept once read");
        import.RefusedRows.Should().Equal(new ImportProblem(3, "Mobile", "Mobile.Invalid", null),
            new ImportProblem(5, "Source", "Import.SourceUnknown", null));
    }
}
