using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;
using DealerCrm.Domain.Stores;

namespace DealerCrm.Domain.Tests.Complaints;

/// <summary>
/// Grievances and complaints (spec 4.4): their steps and deadlines, raising a grievance to a complaint, the
/// manufacturer case's extra steps, resolving, closing and reopening (the re-handling limit is 21 days from receipt,
/// never restarted), and a closed item refusing changes.
/// </summary>
public sealed class ComplaintTests
{
    private const long Officer = 11;
    private const long Manager = 22;
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly ComplaintClock Clock = new(WorkingCalendar.Standard, Shanghai);

    /// <summary>Thursday 10 December 2026 at a Shanghai wall time (day of the month given).</summary>
    private static DateTimeOffset At(int day, int hour, int minute = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Unspecified), Shanghai),
            TimeSpan.Zero);

    private static CallbackTask Callback(CallbackType type = CallbackType.AfterSalesThreeDay, DateTimeOffset? agreed = null)
    {
        var task = new CallbackTask(1, type, 7, 8, type == CallbackType.NewCarThreeDay ? 5 : null,
            new DateOnly(2026, 12, 10), At(10, 9), serviceVisitId: type == CallbackType.NewCarThreeDay ? null : 9);
        task.RecordReached("13900139000", Officer, At(10, 10), [], [], Satisfaction.Dissatisfied, null, null, agreed);
        return task;
    }

    private static Complaint Grievance(CallbackType type = CallbackType.AfterSalesThreeDay, DateTimeOffset? agreed = null) =>
        Complaint.RaiseGrievance(Callback(type, agreed), "RepairQuality", "异响还在", Officer, At(10, 10), Clock);

    private static Complaint PhoneComplaint() =>
        Complaint.OpenComplaint(1, 7, 8, 9, null, ComplaintSource.Phone, ComplaintDepartment.AfterSales, "Attitude",
            "接待态度差", At(10, 10), null, Manager, At(10, 10), Clock);

    private static ComplaintStep Step(Complaint item, ComplaintStepType type) => item.Steps.Last(s => s.Type == type);

    [Fact]
    public void A_grievance_is_submitted_at_once_and_the_managers_call_is_due_one_working_day_later()
    {
        var grievance = Grievance();

        grievance.Kind.Should().Be(ComplaintKind.Grievance);
        grievance.Source.Should().Be(ComplaintSource.Callback);
        grievance.Status.Should().Be(ComplaintStatus.Open);
        grievance.Department.Should().Be(ComplaintDepartment.AfterSales);
        grievance.ServiceVisitId.Should().Be(9);
        grievance.ComplaintReceivedAt.Should().BeNull();
        grievance.Steps.Select(s => s.Type).Should().Equal(ComplaintStepType.SubmittedToManagement, ComplaintStepType.ManagerCalled);
        Step(grievance, ComplaintStepType.SubmittedToManagement).Should().Match<ComplaintStep>(s =>
            s.DoneAt == At(10, 10) && s.DoneById == Officer && s.Deadline == At(10, 14, 30));
        Step(grievance, ComplaintStepType.ManagerCalled).Deadline.Should().Be(At(11, 10));
        grievance.NextDeadline.Should().Be(At(11, 10));
    }

    [Fact]
    public void A_new_car_callbacks_grievance_belongs_to_sales()
    {
        var grievance = Grievance(CallbackType.NewCarThreeDay);

        grievance.Department.Should().Be(ComplaintDepartment.Sales);
        grievance.DeliveryId.Should().Be(5);
    }

    [Fact]
    public void The_customers_agreed_time_is_the_managers_deadline_when_it_is_later_than_the_limit()
    {
        Step(Grievance(agreed: At(12, 15)), ComplaintStepType.ManagerCalled).Deadline.Should().Be(At(12, 15));
        Step(Grievance(agreed: At(10, 16)), ComplaintStepType.ManagerCalled).Deadline.Should().Be(At(11, 10),
            "an earlier agreed time does not shorten the limit");
    }

    [Fact]
    public void Only_problem_answers_or_a_dissatisfied_rating_raise_a_grievance_and_never_on_a_follow_up()
    {
        Complaint.CallbackRaisesGrievance(CallbackType.AfterSalesThreeDay, true, Satisfaction.VerySatisfied).Should().BeTrue();
        Complaint.CallbackRaisesGrievance(CallbackType.AfterSalesThreeDay, false, Satisfaction.Dissatisfied).Should().BeTrue();
        Complaint.CallbackRaisesGrievance(CallbackType.NewCarThreeDay, false, Satisfaction.VeryDissatisfied).Should().BeTrue();
        Complaint.CallbackRaisesGrievance(CallbackType.AfterSalesThreeDay, false, Satisfaction.Neutral).Should().BeFalse();
        Complaint.CallbackRaisesGrievance(CallbackType.DormantCustomer, false, null).Should().BeFalse();
        Complaint.CallbackRaisesGrievance(CallbackType.ComplaintFollowUp, true, Satisfaction.VeryDissatisfied).Should().BeFalse();
    }

    [Fact]
    public void A_direct_complaint_is_escalated_at_entry_with_first_contact_in_24_hours_and_resolution_in_7_days()
    {
        var complaint = PhoneComplaint();

        complaint.Kind.Should().Be(ComplaintKind.Complaint);
        complaint.ComplaintReceivedAt.Should().Be(At(10, 10));
        complaint.Steps.Select(s => s.Type).Should().Equal(ComplaintStepType.Escalated, ComplaintStepType.FirstContact,
            ComplaintStepType.Resolved);
        Step(complaint, ComplaintStepType.Escalated).Should().Match<ComplaintStep>(s =>
            s.DoneAt == At(10, 10) && s.Deadline == At(10, 14, 30));
        Step(complaint, ComplaintStepType.FirstContact).Deadline.Should().Be(At(11, 10));
        Step(complaint, ComplaintStepType.Resolved).Deadline.Should().Be(At(17, 10));
    }

    [Fact]
    public void A_manufacturer_case_has_the_portal_and_report_back_steps_from_the_manufacturers_sent_time()
    {
        var sent = At(9, 16);
        var complaint = Complaint.OpenComplaint(1, 7, 8, null, null, ComplaintSource.ManufacturerHotline,
            ComplaintDepartment.AfterSales, "Parts", "配件缺货", sent, "CASE-2026-001", Manager, At(10, 10), Clock);

        complaint.ManufacturerCaseNumber.Should().Be("CASE-2026-001");
        complaint.ReceivedAt.Should().Be(sent);
        complaint.Steps.Select(s => s.Type).Should().Equal(ComplaintStepType.Escalated, ComplaintStepType.FirstContact,
            ComplaintStepType.PortalUpdated, ComplaintStepType.Resolved, ComplaintStepType.ResultReported);
        Step(complaint, ComplaintStepType.PortalUpdated).Deadline.Should().Be(At(10, 16));
        Step(complaint, ComplaintStepType.ResultReported).Deadline.Should().Be(At(16, 16));
        // Sent Wednesday 16:00: escalation due Thursday 11:30 (1.5 h + 3 h); entered at 10:00, in time.
        Step(complaint, ComplaintStepType.Escalated).LateBy(At(10, 10)).Should().BeNull();
        var late = Complaint.OpenComplaint(1, 7, 8, null, null, ComplaintSource.ManufacturerHotline,
            ComplaintDepartment.AfterSales, "Parts", "配件缺货", sent, "CASE-2026-002", Manager, At(10, 12), Clock);
        Step(late, ComplaintStepType.Escalated).LateBy(At(10, 12)).Should().Be(TimeSpan.FromMinutes(30), "entered late");
    }

    [Fact]
    public void A_manufacturer_case_needs_its_case_number_and_sent_time()
    {
        var noCase = () => Complaint.OpenComplaint(1, 7, 8, null, null, ComplaintSource.ManufacturerHotline,
            ComplaintDepartment.AfterSales, "Parts", "x", At(10, 9), null, Manager, At(10, 10), Clock);
        var noTime = () => Complaint.OpenComplaint(1, 7, 8, null, null, ComplaintSource.ManufacturerHotline,
            ComplaintDepartment.AfterSales, "Parts", "x", null, "C1", Manager, At(10, 10), Clock);

        noCase.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Complaint.CaseNumberRequired");
        noTime.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Complaint.SentTimeRequired");
    }

    [Fact]
    public void Raising_a_grievance_to_a_complaint_supersedes_its_open_steps_and_starts_the_complaint_clock()
    {
        var item = Grievance();

        item.RaiseToComplaint(Manager, "客户要求升级", At(10, 15), Clock);

        item.Kind.Should().Be(ComplaintKind.Complaint);
        item.ComplaintReceivedAt.Should().Be(At(10, 15));
        item.ReceivedAt.Should().Be(At(10, 10), "the grievance's call stays its receipt");
        Step(item, ComplaintStepType.ManagerCalled).Should().Match<ComplaintStep>(s => s.Superseded && !s.IsPending);
        Step(item, ComplaintStepType.ManagerCalled).LateBy(At(20, 10)).Should().BeNull("superseded steps no longer count");
        Step(item, ComplaintStepType.SubmittedToManagement).Superseded.Should().BeFalse("it was done");
        Step(item, ComplaintStepType.RaisedToComplaint).DoneById.Should().Be(Manager);
        Step(item, ComplaintStepType.FirstContact).Deadline.Should().Be(At(11, 15));
        Step(item, ComplaintStepType.Resolved).Deadline.Should().Be(At(17, 15));
        item.Invoking(i => i.RaiseToComplaint(Manager, null, At(10, 16), Clock)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Complaint.AlreadyComplaint");
    }

    [Fact]
    public void Steps_are_completed_once_and_a_late_one_says_by_how_much()
    {
        var item = PhoneComplaint();

        var step = item.CompleteStep(ComplaintStepType.FirstContact, Manager, "已联系", At(11, 12));

        step.LateBy(At(20, 0)).Should().Be(TimeSpan.FromHours(2));
        item.Invoking(i => i.CompleteStep(ComplaintStepType.FirstContact, Manager, null, At(11, 13)))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Complaint.StepNotPending");
        item.Invoking(i => i.CompleteStep(ComplaintStepType.Resolved, Manager, null, At(11, 13)))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Complaint.UseResolve");
        Step(item, ComplaintStepType.Resolved).LateBy(At(17, 11)).Should().Be(TimeSpan.FromHours(1), "pending past its deadline");
    }

    [Fact]
    public void Resolve_close_and_reopen_a_complaint_with_re_handling_due_21_days_from_receipt_never_restarted()
    {
        var item = PhoneComplaint();

        item.Resolve(Manager, "已道歉并赠送保养", At(12, 10));
        item.Status.Should().Be(ComplaintStatus.Resolved);
        Step(item, ComplaintStepType.Resolved).DoneAt.Should().Be(At(12, 10));

        item.Reopen(Officer, "客户仍不满意", At(14, 10), Clock);
        item.Status.Should().Be(ComplaintStatus.Open);
        item.ReopenCount.Should().Be(1);
        Step(item, ComplaintStepType.ReHandled).Deadline.Should().Be(At(31, 10));

        item.Resolve(Manager, "更换配件", At(20, 10));
        Step(item, ComplaintStepType.ReHandled).DoneAt.Should().Be(At(20, 10));
        item.Reopen(Officer, null, At(22, 10), Clock);
        Step(item, ComplaintStepType.ReHandled).Deadline.Should().Be(At(31, 10), "reopening never restarts the clock");
        item.ReopenCount.Should().Be(2);

        item.Resolve(Manager, "再次处理", At(24, 10));
        item.Close(Officer, "客户满意", At(25, 10));
        item.Status.Should().Be(ComplaintStatus.Closed);
        item.ClosedAt.Should().Be(At(25, 10));
        Step(item, ComplaintStepType.Closed).DoneById.Should().Be(Officer);
    }

    [Fact]
    public void A_reopened_grievance_gets_a_new_resolution_step_without_a_limit()
    {
        var item = Grievance();
        item.Resolve(Manager, "已处理", At(11, 10));

        item.Reopen(Officer, null, At(12, 10), Clock);

        Step(item, ComplaintStepType.Resolved).Should().Match<ComplaintStep>(s => s.IsPending && s.Deadline == null);
        item.Steps.Should().NotContain(s => s.Type == ComplaintStepType.ReHandled);
    }

    [Fact]
    public void Only_a_resolved_item_closes_or_reopens_and_only_an_open_one_resolves()
    {
        var item = PhoneComplaint();

        item.Invoking(i => i.Close(Officer, null, At(11, 10))).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Complaint.NotResolved");
        item.Invoking(i => i.Reopen(Officer, null, At(11, 10), Clock)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Complaint.NotResolved");
        item.Resolve(Manager, "已处理", At(11, 10));
        item.Invoking(i => i.Resolve(Manager, "again", At(11, 11))).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Complaint.NotOpen");
        item.Invoking(i => i.Resolve(Manager, " ", At(11, 11))).Should().Throw<DomainException>();
    }

    [Fact]
    public void A_closed_item_refuses_every_change()
    {
        var item = Grievance();
        item.Resolve(Manager, "已处理", At(11, 10));
        item.Close(Officer, null, At(12, 10));

        item.Invoking(i => i.CompleteStep(ComplaintStepType.ManagerCalled, Manager, null, At(12, 11)))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Complaint.Closed");
        item.Invoking(i => i.RaiseToComplaint(Manager, null, At(12, 11), Clock))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Complaint.Closed");
        item.Invoking(i => i.AssignResponsible(Manager, ComplaintDepartment.Sales, Manager, At(12, 11)))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Complaint.Closed");
        item.Invoking(i => i.Resolve(Manager, "x", At(12, 11))).Should().Throw<DomainException>();
        item.Invoking(i => i.Reopen(Officer, null, At(12, 11), Clock)).Should().Throw<DomainException>();
        item.Status.Should().Be(ComplaintStatus.Closed);
    }
}
