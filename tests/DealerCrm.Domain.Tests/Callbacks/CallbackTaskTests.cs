using DealerCrm.Domain.Callbacks;
using DealerCrm.Domain.Common;

namespace DealerCrm.Domain.Tests.Callbacks;

/// <summary>The precise rules of 4.7 as the callback task keeps them. Store days here are UTC+8 (Shanghai).</summary>
public sealed class The_callback_task
{
    private const string Mobile = "13800138000";
    private const string Home = "010-66668888";
    private const long Officer = 7;

    // Tuesday 1 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Morning = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Due = new(2026, 12, 1);

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static CallbackTask Task(CallbackType type = CallbackType.AfterSalesThreeDay) =>
        new(1, type, 10, 20, null, Due, Morning.AddDays(-3), serviceVisitId: 30, contactNumber: Mobile);

    private static void Fail(CallbackTask task, DateTimeOffset at, string number = Mobile,
        CallOutcome outcome = CallOutcome.NoAnswer, params string[] known) =>
        task.RecordAttempt(outcome, number, Officer, at, LocalDate, known.Length == 0 ? [Mobile] : known);

    [Fact]
    public void Three_unanswered_attempts_on_one_day_leave_it_open()
    {
        var task = Task();
        Fail(task, Morning);
        Fail(task, Morning.AddHours(2), outcome: CallOutcome.Busy);
        Fail(task, Morning.AddHours(4), outcome: CallOutcome.SwitchedOff);

        task.Status.Should().Be(CallbackStatus.Open);
        task.Attempts.Should().HaveCount(3);
    }

    [Fact]
    public void A_third_unanswered_attempt_on_a_second_day_makes_it_unreachable()
    {
        var task = Task();
        Fail(task, Morning);
        Fail(task, Morning.AddHours(3));
        task.Status.Should().Be(CallbackStatus.Open);

        Fail(task, Morning.AddDays(1));

        task.Status.Should().Be(CallbackStatus.Unreachable);
        task.ClosedAt.Should().Be(Morning.AddDays(1).ToUniversalTime());
        task.ClosedById.Should().Be(Officer);
    }

    [Fact]
    public void The_days_are_the_stores_days_not_utc_days()
    {
        var task = Task();

        // 07:30 and 09:30 on one Shanghai day straddle UTC midnight (23:30 and 01:30 UTC).
        var early = new DateTimeOffset(2026, 12, 2, 7, 30, 0, TimeSpan.FromHours(8));
        Fail(task, early.AddHours(-1));
        Fail(task, early);
        Fail(task, early.AddHours(2));

        task.Status.Should().Be(CallbackStatus.Open, "three attempts on one store day");
    }

    [Fact]
    public void The_other_numbers_must_have_been_tried_first()
    {
        var task = Task();
        Fail(task, Morning, Mobile, CallOutcome.NoAnswer, Mobile, Home);
        Fail(task, Morning.AddHours(2), Mobile, CallOutcome.NoAnswer, Mobile, Home);
        Fail(task, Morning.AddDays(1), Mobile, CallOutcome.NoAnswer, Mobile, Home);
        task.Status.Should().Be(CallbackStatus.Open, "the home phone was never tried");

        Fail(task, Morning.AddDays(1).AddHours(1), Home, CallOutcome.NoAnswer, Mobile, Home);

        task.Status.Should().Be(CallbackStatus.Unreachable);
    }

    [Fact]
    public void Call_later_is_not_a_failed_attempt_and_sets_the_next_attempt_but_never_the_due_date()
    {
        var task = Task();
        Fail(task, Morning);
        var later = Morning.AddDays(1).AddHours(8);
        task.RecordAttempt(CallOutcome.CallLater, Mobile, Officer, Morning.AddHours(1), LocalDate, [Mobile], later);
        Fail(task, Morning.AddDays(1));

        task.Status.Should().Be(CallbackStatus.Open, "only two attempts failed; call later does not count");
        task.DueDate.Should().Be(Due);
        task.Attempts.Single(a => a.Outcome == CallOutcome.CallLater).CallBackAt.Should().Be(later.ToUniversalTime());
    }

    [Fact]
    public void Call_later_records_the_agreed_time_as_the_next_attempt()
    {
        var task = Task();
        var later = Morning.AddHours(6);

        task.RecordAttempt(CallOutcome.CallLater, Mobile, Officer, Morning, LocalDate, [Mobile], later);

        task.NextAttemptAt.Should().Be(later.ToUniversalTime());
        task.DueDate.Should().Be(Due);
        task.IsOpen.Should().BeTrue();
    }

    [Fact]
    public void Call_later_needs_a_time_after_now_and_within_sixty_days()
    {
        var task = Task();

        FluentActions.Invoking(() => task.RecordAttempt(CallOutcome.CallLater, Mobile, Officer, Morning, LocalDate, [Mobile]))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Callback.CallBackAtRequired");
        FluentActions.Invoking(() => task.RecordAttempt(CallOutcome.CallLater, Mobile, Officer, Morning, LocalDate, [Mobile],
                Morning.AddMinutes(-1)))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Callback.CallBackAtInvalid");
        FluentActions.Invoking(() => task.RecordAttempt(CallOutcome.CallLater, Mobile, Officer, Morning, LocalDate, [Mobile],
                Morning.AddDays(61)))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Callback.CallBackAtInvalid");
        task.Attempts.Should().BeEmpty();
    }

    [Fact]
    public void An_unanswered_attempt_clears_the_agreed_time()
    {
        var task = Task();
        task.RecordAttempt(CallOutcome.CallLater, Mobile, Officer, Morning, LocalDate, [Mobile], Morning.AddHours(2));

        Fail(task, Morning.AddHours(2));

        task.NextAttemptAt.Should().BeNull();
    }

    [Fact]
    public void Refused_closes_the_task_as_refused()
    {
        var task = Task();

        task.RecordAttempt(CallOutcome.Refused, Mobile, Officer, Morning, LocalDate, [Mobile]);

        task.Status.Should().Be(CallbackStatus.Refused);
        task.IsOpen.Should().BeFalse();
        FluentActions.Invoking(() => Fail(task, Morning.AddHours(1))).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Callback.NotOpen");
    }

    [Fact]
    public void A_wrong_number_counts_as_an_unanswered_attempt()
    {
        var task = Task();
        Fail(task, Morning, outcome: CallOutcome.WrongNumber);
        Fail(task, Morning.AddHours(1), outcome: CallOutcome.SomeoneElseAnswered);
        Fail(task, Morning.AddDays(1), outcome: CallOutcome.WrongNumber);

        task.Status.Should().Be(CallbackStatus.Unreachable);
        CallOutcome.WrongNumber.IsUnanswered().Should().BeTrue();
        CallOutcome.WrongNumber.IsConversation().Should().BeFalse();
    }

    [Theory]
    [InlineData(CallOutcome.Reached, true)]
    [InlineData(CallOutcome.CallLater, true)]
    [InlineData(CallOutcome.Refused, true)]
    [InlineData(CallOutcome.NoAnswer, false)]
    [InlineData(CallOutcome.Busy, false)]
    [InlineData(CallOutcome.SwitchedOff, false)]
    [InlineData(CallOutcome.SomeoneElseAnswered, false)]
    public void Only_a_call_the_customer_was_on_counts_as_a_conversation(CallOutcome outcome, bool conversation)
    {
        outcome.IsConversation().Should().Be(conversation);
        outcome.IsUnanswered().Should().Be(!conversation);
    }

    [Fact]
    public void Every_attempt_keeps_who_when_the_number_and_the_recording()
    {
        var task = Task();

        var attempt = task.RecordAttempt(CallOutcome.Busy, " 13800138000 ", Officer, Morning, LocalDate, [Mobile],
            recordingId: "REC-1", recordingSeconds: 42);

        attempt.ByUserId.Should().Be(Officer);
        attempt.At.Should().Be(Morning.ToUniversalTime());
        attempt.NumberDialled.Should().Be(Mobile);
        attempt.RecordingId.Should().Be("REC-1");
        attempt.RecordingSeconds.Should().Be(42);
    }

    [Fact]
    public void An_attempt_needs_the_number_dialled_and_a_sane_recording_length()
    {
        var task = Task();

        FluentActions.Invoking(() => Fail(task, Morning, " ")).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Callback.NumberRequired");
        FluentActions.Invoking(() => task.RecordAttempt(CallOutcome.Busy, Mobile, Officer, Morning, LocalDate, [Mobile],
                recordingSeconds: -1)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Callback.RecordingSecondsRange");
        FluentActions.Invoking(() => Fail(task, Morning, outcome: (CallOutcome)99)).Should().Throw<DomainException>();
        task.Attempts.Should().BeEmpty();
    }

    [Fact]
    public void A_task_open_seven_days_after_its_due_date_is_missed_the_day_after()
    {
        var task = Task();

        task.IsMissedBy(Due.AddDays(7)).Should().BeFalse("the seventh day after due is still a day to call");
        task.IsMissedBy(Due.AddDays(8)).Should().BeTrue();
        FluentActions.Invoking(() => task.MarkMissed(Due.AddDays(7), Morning.AddDays(7))).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Callback.NotYetMissed");

        task.MarkMissed(Due.AddDays(8), Morning.AddDays(8));

        task.Status.Should().Be(CallbackStatus.Missed);
        task.ClosedById.Should().BeNull();
        CallbackTask.MissedOn(Due).Should().Be(Due.AddDays(8));
    }

    [Fact]
    public void A_closed_task_is_never_missed()
    {
        var task = Task();
        task.RecordAttempt(CallOutcome.Refused, Mobile, Officer, Morning, LocalDate, [Mobile]);

        task.IsMissedBy(Due.AddDays(30)).Should().BeFalse();
    }

    [Fact]
    public void It_is_callable_from_the_day_after_the_visit()
    {
        CallbackTask.CallableFrom(new DateOnly(2026, 12, 10)).Should().Be(new DateOnly(2026, 12, 11));
    }

    [Fact]
    public void Taking_is_for_an_unassigned_task_or_ones_own()
    {
        var task = Task();
        task.Take(Officer);
        task.Take(Officer);
        task.AssignedToId.Should().Be(Officer);

        FluentActions.Invoking(() => task.Take(8)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Callback.TakenByOther");
        task.Release();
        task.Take(8);
        task.AssignedToId.Should().Be(8);
    }

    [Fact]
    public void Cancelling_closes_an_open_task_only()
    {
        var task = Task();
        task.Cancel(Officer, Morning);
        task.Status.Should().Be(CallbackStatus.Cancelled);

        FluentActions.Invoking(() => task.Cancel(Officer, Morning)).Should().Throw<DomainException>();
    }
}

/// <summary>A reached call: the answers of the questionnaire as 4.3 and 4.7 want them.</summary>
public sealed class A_reached_callback
{
    private const string Mobile = "13800138000";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly QuestionAsked ReadyOnTime = new(101, QuestionKind.YesNo);
    private static readonly QuestionAsked RightFirstTime = new(102, QuestionKind.YesNo);
    private static readonly QuestionAsked OtherProblems = new(103, QuestionKind.OtherProblems);
    private static readonly QuestionAsked[] Questionnaire = [ReadyOnTime, RightFirstTime, OtherProblems];

    private static CallbackTask Task(CallbackType type = CallbackType.AfterSalesThreeDay) =>
        new(1, type, 10, 20, null, new DateOnly(2026, 12, 1), Now.AddDays(-3), contactNumber: Mobile);

    private static AnswerGiven[] AllYes() =>
    [
        new(101, AnswerValue.Yes, null, null), new(102, AnswerValue.Yes, null, null),
        new(103, AnswerValue.No, null, null),
    ];

    private static DomainException Refusal(Action act) =>
        FluentActions.Invoking(act).Should().Throw<DomainException>().Which;

    [Fact]
    public void Saves_every_answer_pointing_at_the_question_version_asked()
    {
        var task = Task();

        task.RecordReached(Mobile, 7, Now, Questionnaire,
            [
                new(101, AnswerValue.Yes, null, null), new(102, AnswerValue.No, "  异响没修好 ", null),
                new(103, AnswerValue.Yes, "洗车不干净", "WaitingTime"),
            ], Satisfaction.Satisfied, null, "客户很客气");

        task.Status.Should().Be(CallbackStatus.Reached);
        task.Answers.Select(a => a.QuestionVersionId).Should().Equal(101, 102, 103);
        task.Answers[1].Reason.Should().Be("异响没修好");
        task.Answers[1].IsProblem(QuestionKind.YesNo).Should().BeTrue();
        task.Answers[2].ProblemCategory.Should().Be("WaitingTime");
        task.Answers[2].IsProblem(QuestionKind.OtherProblems).Should().BeTrue();
        task.OverallSatisfaction.Should().Be(Satisfaction.Satisfied);
        task.Comments.Should().Be("客户很客气");
        task.Attempts.Should().ContainSingle(a => a.Outcome == CallOutcome.Reached && a.ByUserId == 7);
    }

    [Fact]
    public void Needs_an_answer_for_every_question_asked()
    {
        var task = Task();

        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, AllYes()[..2], Satisfaction.Satisfied, null, null))
            .Field.Should().Be("Answers[103]");
        task.IsOpen.Should().BeTrue();
        task.Answers.Should().BeEmpty();
    }

    [Fact]
    public void Refuses_an_answer_to_a_question_not_asked()
    {
        var task = Task();

        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, [.. AllYes(), new(999, AnswerValue.Yes, null, null)],
            Satisfaction.Satisfied, null, null)).MessageKey.Should().Be("Callback.AnswerUnknownQuestion");
        task.IsOpen.Should().BeTrue();
    }

    [Fact]
    public void A_no_needs_its_reason()
    {
        var task = Task();
        var answers = AllYes();
        answers[1] = new(102, AnswerValue.No, "  ", null);

        var refusal = Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, answers, Satisfaction.Satisfied, null, null));

        refusal.MessageKey.Should().Be("Callback.NoNeedsReason");
        refusal.Field.Should().Be("Answers[102].Reason");
        task.IsOpen.Should().BeTrue();
        task.Answers.Should().BeEmpty();
        task.Attempts.Should().BeEmpty();
    }

    [Fact]
    public void Not_applicable_needs_no_reason()
    {
        var task = Task();
        var answers = AllYes();
        answers[0] = new(101, AnswerValue.NotApplicable, null, null);

        task.RecordReached(Mobile, 7, Now, Questionnaire, answers, Satisfaction.VerySatisfied, null, null);

        task.Answers[0].Value.Should().Be(AnswerValue.NotApplicable);
    }

    [Fact]
    public void Other_problems_yes_needs_a_description_and_a_category()
    {
        var task = Task();
        var answers = AllYes();

        answers[2] = new(103, AnswerValue.Yes, null, "Price");
        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, answers, Satisfaction.Satisfied, null, null))
            .MessageKey.Should().Be("Callback.ProblemNeedsDescription");
        answers[2] = new(103, AnswerValue.Yes, "太贵了", null);
        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, answers, Satisfaction.Satisfied, null, null))
            .MessageKey.Should().Be("Callback.ProblemCategoryRequired");
        answers[2] = new(103, AnswerValue.Yes, "太贵了", "NotACategory");
        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, answers, Satisfaction.Satisfied, null, null))
            .Field.Should().Be("Answers[103].ProblemCategory");
        task.IsOpen.Should().BeTrue();
    }

    [Theory]
    [InlineData(CallbackType.NewCarThreeDay)]
    [InlineData(CallbackType.AfterSalesThreeDay)]
    public void A_three_day_callback_needs_the_overall_satisfaction(CallbackType type)
    {
        var task = Task(type);

        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, AllYes(), null, null, null))
            .MessageKey.Should().Be("Callback.SatisfactionRequired");
        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, AllYes(), (Satisfaction)9, null, null))
            .MessageKey.Should().Be("Callback.SatisfactionRequired");
    }

    [Fact]
    public void A_birthday_call_needs_no_satisfaction()
    {
        var task = Task(CallbackType.BirthdayCare);

        task.RecordReached(Mobile, 7, Now, [], [], null, LapseReason.Moved, null);

        task.Status.Should().Be(CallbackStatus.Reached);
        task.LapseReason.Should().BeNull("only a dormant call records why the customer stopped coming");
    }

    [Fact]
    public void A_dormant_call_needs_the_lapse_reason()
    {
        var task = Task(CallbackType.DormantCustomer);

        Refusal(() => task.RecordReached(Mobile, 7, Now, [], [], null, null, null))
            .MessageKey.Should().Be("Callback.LapseReasonRequired");
        task.RecordReached(Mobile, 7, Now, [], [], null, LapseReason.SoldTheCar, null);

        task.LapseReason.Should().Be(LapseReason.SoldTheCar);
    }

    [Fact]
    public void The_managers_call_time_is_kept_when_sane()
    {
        var task = Task();

        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, AllYes(), Satisfaction.Dissatisfied, null, null,
            Now.AddDays(31))).MessageKey.Should().Be("Callback.ManagerCallInvalid");
        task.RecordReached(Mobile, 7, Now, Questionnaire, AllYes(), Satisfaction.Dissatisfied, null, null, Now.AddDays(1));

        task.ManagerCallAgreedAt.Should().Be(Now.AddDays(1).ToUniversalTime());
    }

    [Fact]
    public void Comments_longer_than_the_limit_are_refused()
    {
        var task = Task();

        Refusal(() => task.RecordReached(Mobile, 7, Now, Questionnaire, AllYes(), Satisfaction.Satisfied, null,
            new string('x', CallbackTask.CommentsMaxLength + 1))).Field.Should().Be("Comments");
        task.IsOpen.Should().BeTrue();
    }
}

/// <summary>Questions keep their identity across rewordings (4.3): answers point at the version asked.</summary>
public sealed class A_callback_question
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rewording_adds_a_version_and_keeps_the_old_one()
    {
        var question = new CallbackQuestion(1, CallbackType.AfterSalesThreeDay, QuestionKind.YesNo, 1,
            "Was the car ready on time?", "车辆是否按时交付？", Now);

        question.Reword("Was the car ready at the promised time?", "车辆是否在承诺时间交付？", Now.AddDays(1));
        question.Reword("Was the car ready at the promised time?", "车辆是否在承诺时间交付？", Now.AddDays(2));

        question.Versions.Select(v => v.Number).Should().Equal(1, 2);
        question.Current.TextEn.Should().Be("Was the car ready at the promised time?");
        question.Versions[0].TextZh.Should().Be("车辆是否按时交付？");
        question.Current.TextFor("zh-CN").Should().Be("车辆是否在承诺时间交付？");
    }

    [Fact]
    public void Retiring_hides_it_without_losing_it()
    {
        var question = new CallbackQuestion(1, CallbackType.AfterSalesThreeDay, QuestionKind.YesNo, 1, "Q", "问", Now);

        question.Retire(Now);

        question.IsRetired.Should().BeTrue();
        question.Versions.Should().HaveCount(1);
    }
}
