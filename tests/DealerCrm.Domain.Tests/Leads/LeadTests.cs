using DealerCrm.Domain.Common;
using DealerCrm.Domain.FollowUps;
using DealerCrm.Domain.Leads;

namespace DealerCrm.Domain.Tests.Leads;

public sealed class The_grade_policy
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void Starts_from_the_spec_table()
    {
        var policy = new GradePolicy(1);

        new[] { Grade.O, Grade.H, Grade.A, Grade.B, Grade.C }.Select(policy.IntervalDays).Should().Equal(10, 2, 7, 10, 15);
        (policy.HWindowDays, policy.AWindowDays, policy.BWindowDays, policy.DepositThreshold).Should().Be((7, 15, 30, 1000m));
    }

    [Fact]
    public void Offers_the_other_training_documents_preset()
    {
        var policy = new GradePolicy(1, GradePolicyPreset.Alternative);

        new[] { Grade.H, Grade.A, Grade.B, Grade.C }.Select(policy.IntervalDays).Should().Equal(2, 7, 15, 30);
        (policy.HWindowDays, policy.AWindowDays, policy.BWindowDays).Should().Be((7, 30, 90));
    }

    [Fact]
    public void Puts_the_next_plan_at_today_plus_the_grades_interval() =>
        new GradePolicy(1).DefaultNextPlanDate(Grade.A, Today).Should().Be(new DateOnly(2026, 12, 1));

    [Theory]
    [InlineData(7, Grade.H)]
    [InlineData(8, Grade.A)]
    [InlineData(15, Grade.A)]
    [InlineData(30, Grade.B)]
    [InlineData(31, Grade.C)]
    public void Grades_an_expected_purchase_date_by_its_windows(int days, Grade grade) =>
        new GradePolicy(1).GradeForPurchaseDate(Today.AddDays(days), Today).Should().Be(grade);

    [Fact]
    public void Refuses_intervals_out_of_range_and_windows_that_do_not_grow()
    {
        var policy = new GradePolicy(1);

        FluentActions.Invoking(() => policy.Change(7, 0, 15, 7, 30, 10, 15, 10, 1000)).Should().Throw<DomainException>()
            .Which.Should().Match<DomainException>(e => e.MessageKey == "GradePolicy.DaysRange" && e.Field == "HIntervalDays");
        FluentActions.Invoking(() => policy.Change(7, 2, 5, 7, 30, 10, 15, 10, 1000)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("GradePolicy.WindowsOrder");
        FluentActions.Invoking(() => policy.Change(7, 2, 15, 7, 30, 10, 15, 10, -1)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("GradePolicy.DepositRange");
        policy.IntervalDays(Grade.H).Should().Be(2, "a refused change leaves the policy as it was");
    }
}

public sealed class The_grade_checklist
{
    [Fact]
    public void Suggests_nothing_when_nothing_is_ticked() => LeadRules.SuggestGrade([]).Should().BeNull();

    [Fact]
    public void Suggests_the_grade_with_the_largest_share_of_its_signs_ticked() =>
        LeadRules.SuggestGrade([GradeSign.ModelChosen, GradeSign.PriceNotAgreedYet, GradeSign.PriceAgreed])
            .Should().Be(Grade.A, "two of A's four signs beat one of H's five");

    [Fact]
    public void Prefers_the_hotter_grade_on_a_tie() =>
        LeadRules.SuggestGrade([GradeSign.NeedJustAppeared, GradeSign.PriceRangeFixed, GradeSign.BrandOrBodyStyleNotChosen,
            GradeSign.NoClearIdeaOfPriceOrModel, GradeSign.ComparingOptions])
            .Should().Be(Grade.B, "B and C both have all their signs ticked");
}

public sealed class A_new_lead_card
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly GradePolicy Policy = new(1);

    [Fact]
    public void Has_exactly_one_open_plan_on_the_date_asked()
    {
        var lead = Lead.Create(Card(Grade.A, Today.AddDays(3)), Policy, Today, Now);

        lead.Status.Should().Be(LeadStatus.Active);
        lead.Plans.Should().ContainSingle(p => p.Status == PlanStatus.Open).Which.DueDate.Should().Be(Today.AddDays(3));
        lead.NextFollowUpDate.Should().Be(Today.AddDays(3));
        lead.Events.Select(e => e.Kind).Should().Equal(LeadEventKind.Created, LeadEventKind.PlanScheduled);
    }

    [Fact]
    public void Needs_a_reason_for_a_plan_later_than_the_grades_interval_and_keeps_it()
    {
        var late = () => Lead.Create(Card(Grade.H, Today.AddDays(3)), Policy, Today, Now);

        late.Should().Throw<DomainException>().Which.Should().Match<DomainException>(e =>
            e.MessageKey == "Plan.LaterDateNeedsReason" && e.Field == "LateReason" && (string)e.Arguments[0] == "2026-11-26");
        var lead = Lead.Create(Card(Grade.H, Today.AddDays(3)) with
        {
            FirstPlan = new PlanRequest(Today.AddDays(3), null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, "出差"),
        }, Policy, Today, Now);
        lead.OpenPlan!.LateReason.Should().Be("出差");
    }

    [Fact]
    public void Refuses_a_plan_due_before_today() =>
        FluentActions.Invoking(() => Lead.Create(Card(Grade.A, Today.AddDays(-1)), Policy, Today, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Plan.DueInPast");

    [Fact]
    public void Needs_a_reason_when_the_grade_is_not_the_one_the_ticked_signs_suggest()
    {
        var signs = new[] { GradeSign.ModelAndColourChosen, GradeSign.PriceAgreed };

        FluentActions.Invoking(() => Lead.Create(Card(Grade.C, Today) with { Signs = signs }, Policy, Today, Now))
            .Should().Throw<DomainException>().Which.Should().Match<DomainException>(e =>
                e.MessageKey == "Lead.GradeOverrideNeedsReason" && (string)e.Arguments[0] == "H");
        var lead = Lead.Create(Card(Grade.C, Today) with { Signs = signs, GradeReason = "预算未定" }, Policy, Today, Now);
        lead.Events[0].Reason.Should().Be("预算未定");
        lead.GradeSigns.Should().Equal(GradeSign.ModelAndColourChosen, GradeSign.PriceAgreed);
    }

    [Fact]
    public void Never_starts_at_grade_O() =>
        FluentActions.Invoking(() => Lead.Create(Card(Grade.O, Today), Policy, Today, Now))
            .Should().Throw<DomainException>().Which.MessageKey.Should().Be("Lead.GradeOFromOrderOnly");

    [Fact]
    public void From_the_showroom_needs_its_traffic_entry_and_counts_the_visit_as_first_contact()
    {
        var visit = Now.AddHours(-1);

        FluentActions.Invoking(() => Lead.Create(Card(Grade.A, Today) with { Source = SourceChannel.ShowroomWalkIn },
            Policy, Today, Now)).Should().Throw<DomainException>().Which.MessageKey.Should().Be("Lead.ShowroomNeedsTrafficEntry");
        var fromShowroom = Lead.Create(Card(Grade.A, Today) with
        {
            Source = SourceChannel.ShowroomWalkIn,
            TrafficEntryId = 9,
            ArrivedAt = visit,
        }, Policy, Today, Now);
        var referral = Lead.Create(Card(Grade.A, Today), Policy, Today, Now);

        fromShowroom.FirstContactAt.Should().Be(visit);
        referral.FirstContactAt.Should().BeNull();
    }

    [Fact]
    public void Keeps_each_grade_change_with_who_and_why_and_nothing_when_unchanged()
    {
        var lead = Lead.Create(Card(Grade.B, Today), Policy, Today, Now);

        lead.ChangeGrade(Grade.A, [GradeSign.ModelChosen], "试驾后满意", 7, Now.AddDays(1));
        lead.ChangeGrade(Grade.A, [GradeSign.ModelChosen], null, 7, Now.AddDays(2));

        var changes = lead.Events.Where(e => e.Kind == LeadEventKind.GradeChanged).ToList();
        changes.Should().ContainSingle();
        (changes[0].FromGrade, changes[0].ToGrade, changes[0].Reason, changes[0].ActorId).Should().Be((Grade.B, Grade.A, "试驾后满意", 7L));
    }

    private static NewLead Card(Grade grade, DateOnly due) => new()
    {
        StoreId = 1,
        CustomerId = 2,
        OwnerId = 3,
        Source = SourceChannel.OwnerReferral,
        Grade = grade,
        FirstPlan = new PlanRequest(due, null, ContactMethod.Phone, PlanPurpose.InviteToStore, null, null),
    };
}

public sealed class A_plan
{
    [Fact]
    public void Is_overdue_from_the_day_after_its_due_date()
    {
        var today = new DateOnly(2026, 11, 24);
        var lead = Lead.Create(new NewLead
        {
            StoreId = 1,
            CustomerId = 2,
            OwnerId = 3,
            Source = SourceChannel.DealerWebsite,
            Grade = Grade.A,
            FirstPlan = new PlanRequest(today, null, ContactMethod.Phone, PlanPurpose.Reminder, null, null),
        }, new GradePolicy(1), today, DateTimeOffset.UnixEpoch);

        lead.OpenPlan!.IsOverdue(today).Should().BeFalse("due today is not overdue");
        lead.OpenPlan.IsOverdue(today.AddDays(1)).Should().BeTrue();
    }
}

public sealed class A_duplicate_claim
{
    [Fact]
    public void Needs_a_note_and_cannot_be_made_on_ones_own_lead()
    {
        var now = DateTimeOffset.UnixEpoch;

        FluentActions.Invoking(() => new DuplicateClaim(1, 2, 3, 4, 4, "我的", now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Claim.OwnLead");
        FluentActions.Invoking(() => new DuplicateClaim(1, 2, 3, 4, 5, " ", now)).Should().Throw<DomainException>()
            .Which.MessageKey.Should().Be("Claim.NoteRequired");
        new DuplicateClaim(1, 2, 3, 4, 5, "车展上先接待", now).Status.Should().Be(ClaimStatus.Pending);
    }
}
