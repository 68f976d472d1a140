using DealerCrm.Domain.Common;
using DealerCrm.Domain.Complaints;

namespace DealerCrm.Domain.Tests.Complaints;

/// <summary>
/// Corrective and preventive actions (spec 4.5): pending approval → approved (GM) or returned with a comment →
/// resubmitted; approved → done (what was done) → closed (verified) or sent back with a comment; each transition an
/// event with who, when and the comment, refused from a wrong status; due date bounds, participants, lateness.
/// </summary>
public sealed class CorrectiveActionTests
{
    private const long Manager = 1;
    private const long Gm = 2;
    private const long Responsible = 3;
    private const long Advisor = 4;
    private static readonly DateOnly Today = new(2026, 12, 10);
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    private static CorrectiveAction NewAction(DateOnly? due = null, long[]? participants = null) =>
        new(1, ActionKind.Corrective, 42, "RepairQuality", "异响复修", "检查所有刹车片更换流程", Responsible,
            participants ?? [Advisor], due ?? Today.AddDays(14), Today, Manager, Now);

    private static CorrectiveAction Approved()
    {
        var action = NewAction();
        action.Approve(Gm, null, Now.AddHours(1));
        return action;
    }

    private static CorrectiveAction Done()
    {
        var action = Approved();
        action.RecordDone(Responsible, "培训了全体技师", Now.AddDays(3));
        return action;
    }

    [Fact]
    public void A_new_action_waits_for_the_gm_with_its_opening_event()
    {
        var action = NewAction();

        action.Status.Should().Be(ActionStatus.PendingApproval);
        action.Events.Should().ContainSingle().Which.Should().Match<ActionEvent>(e =>
            e.From == null && e.To == ActionStatus.PendingApproval && e.ByUserId == Manager && e.At == Now);
    }

    [Fact]
    public void Approve_done_and_verify_close_it_each_with_who_when_and_the_comment()
    {
        var action = NewAction();

        action.Approve(Gm, "同意", Now.AddHours(1));
        action.RecordDone(Responsible, "培训了全体技师", Now.AddDays(3));
        action.Verify(Manager, "一个月内无复修", Now.AddDays(30));

        action.Status.Should().Be(ActionStatus.Closed);
        action.ApprovedAt.Should().Be(Now.AddHours(1));
        action.DoneAt.Should().Be(Now.AddDays(3));
        action.ClosedAt.Should().Be(Now.AddDays(30));
        action.WhatWasDone.Should().Be("培训了全体技师");
        action.Events.Select(e => (e.From, e.To, e.ByUserId, e.Comment)).Should().Equal(
            (null, ActionStatus.PendingApproval, Manager, null),
            (ActionStatus.PendingApproval, ActionStatus.Approved, Gm, "同意"),
            (ActionStatus.Approved, ActionStatus.Done, Responsible, null),
            (ActionStatus.Done, ActionStatus.Closed, Manager, "一个月内无复修"));
    }

    [Fact]
    public void Returning_needs_a_comment_and_a_returned_action_is_resubmitted()
    {
        var action = NewAction();

        action.Invoking(a => a.Return(Gm, " ", Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Action.CommentRequired");
        action.Return(Gm, "请写明责任人", Now.AddHours(1));
        action.Status.Should().Be(ActionStatus.Returned);
        action.Invoking(a => a.Approve(Gm, null, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Action.AlreadyDecided");

        action.Resubmit("修订后的措施", Responsible, [Advisor, 5], Today.AddDays(20), Today, Manager, null, Now.AddHours(2));

        action.Status.Should().Be(ActionStatus.PendingApproval);
        action.Description.Should().Be("修订后的措施");
        action.DueDate.Should().Be(Today.AddDays(20));
        action.Participants.Select(p => p.UserId).Should().BeEquivalentTo([Advisor, 5L]);
        action.Events[^2].Comment.Should().Be("请写明责任人");
    }

    [Fact]
    public void Sending_back_needs_a_comment_and_returns_it_to_the_responsible_person()
    {
        var action = Done();

        action.Invoking(a => a.SendBack(Manager, null, Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Action.CommentRequired");
        action.SendBack(Manager, "仍有复修", Now.AddDays(10));

        action.Status.Should().Be(ActionStatus.Approved);
        action.DoneAt.Should().BeNull();
        action.Events[^1].Should().Match<ActionEvent>(e => e.From == ActionStatus.Done && e.To == ActionStatus.Approved
            && e.Comment == "仍有复修");
    }

    [Fact]
    public void Recording_done_needs_what_was_done()
    {
        Approved().Invoking(a => a.RecordDone(Responsible, "", Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Action.WhatWasDoneRequired");
    }

    [Fact]
    public void Every_transition_is_refused_from_a_wrong_status()
    {
        static void Refused(Action act) => act.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Action.AlreadyDecided");

        var pending = NewAction();
        Refused(() => pending.RecordDone(Responsible, "x", Now));
        Refused(() => pending.Verify(Manager, null, Now));
        Refused(() => pending.SendBack(Manager, "x", Now));

        var approved = Approved();
        Refused(() => approved.Approve(Gm, null, Now));
        Refused(() => approved.Return(Gm, "x", Now));
        Refused(() => approved.Verify(Manager, null, Now));
        Refused(() => approved.Resubmit("x", Responsible, [], Today, Today, Manager, null, Now));

        var done = Done();
        Refused(() => done.RecordDone(Responsible, "x", Now));
        Refused(() => done.Approve(Gm, null, Now));

        var closed = Done();
        closed.Verify(Manager, null, Now);
        Refused(() => closed.Verify(Manager, null, Now));
        Refused(() => closed.SendBack(Manager, "x", Now));
        closed.Invoking(a => a.AddNote(Advisor, "x", Now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Action.Closed");
    }

    [Fact]
    public void The_due_date_is_between_today_and_a_year_ahead()
    {
        var past = () => NewAction(Today.AddDays(-1));
        var far = () => NewAction(Today.AddYears(1).AddDays(1));

        past.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Action.DueDateInvalid");
        far.Should().Throw<DomainException>().Which.MessageKey.Should().Be("Action.DueDateInvalid");
        NewAction(Today).DueDate.Should().Be(Today);
        NewAction(Today.AddYears(1)).DueDate.Should().Be(Today.AddYears(1));
    }

    [Fact]
    public void Participants_leave_out_the_responsible_person_and_duplicates()
    {
        var action = NewAction(participants: [Advisor, Advisor, Responsible, 6]);

        action.Participants.Select(p => p.UserId).Should().BeEquivalentTo([Advisor, 6L]);
        action.IsParticipant(Advisor).Should().BeTrue();
        action.IsParticipant(Responsible).Should().BeFalse();
    }

    [Fact]
    public void A_note_keeps_the_status_and_needs_text()
    {
        var action = Approved();

        var note = action.AddNote(Advisor, "已排期培训", Now.AddDays(1));

        note.Should().Match<ActionEvent>(e => e.From == ActionStatus.Approved && e.To == ActionStatus.Approved
            && e.ByUserId == Advisor && e.Comment == "已排期培训");
        action.Status.Should().Be(ActionStatus.Approved);
        action.Invoking(a => a.AddNote(Advisor, "  ", Now)).Should().Throw<DomainException>();
    }

    [Fact]
    public void Late_means_not_done_past_the_due_date()
    {
        var due = Today.AddDays(14);
        var pending = NewAction(due);
        var approved = Approved();
        var done = Done();

        pending.IsLate(due).Should().BeFalse("due today is not late");
        pending.IsLate(due.AddDays(1)).Should().BeTrue();
        approved.IsLate(due.AddDays(1)).Should().BeTrue();
        done.IsLate(due.AddDays(1)).Should().BeFalse("a done action waits for verification");
        done.Verify(Manager, null, Now);
        done.IsLate(due.AddDays(100)).Should().BeFalse();
    }
}
